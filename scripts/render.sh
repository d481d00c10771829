#!/usr/bin/env bash
# The README's first command: set up what is missing, then do the project's main job.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/netcore default-run "$@"

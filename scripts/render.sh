#!/usr/bin/env bash
# The README's first command: set up what is missing, then render the headline scene, BallDownhill,
# at high quality (1080p60) into renders/ and print where the video is. Extra arguments go to manim
# (e.g. -p to open the video afterwards). The first run also trains and caches the data it replays.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
.venv/bin/manim -qh "$@" scenes/gradient.py BallDownhill
video="$PWD/renders/videos/gradient/1080p60/BallDownhill.mp4"
if [[ -f "$video" ]]; then
    echo "BallDownhill rendered: $video"
else
    echo "render.sh: manim finished but $video is missing" >&2
    exit 1
fi

#!/usr/bin/env bash
# Set-up shared by the README's two commands: system packages (apt-get), then a .venv with the
# project installed in editable mode. Installs only what is missing; a second run takes seconds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# What Manim needs from the system: cairo and pango headers, pkg-config, LaTeX for MathTex/Tex with the
# packages of Manim's default template (the standalone class with its preview option, from
# texlive-latex-extra; babel, amsmath, amssymb), and dvisvgm. Chromium: the headless browser that tests
# the lecture pages (tests/lecture/test_lecture_page.py).
SYSTEM_PACKAGES=(build-essential python3-dev python3-venv pkg-config libcairo2-dev libpango1.0-dev
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended dvisvgm chromium)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == *"ok installed"* ]] || missing+=("$pkg")
  done
fi
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: this machine has no apt-get. Install these (or your system's equivalents), then run again:" >&2
    echo "  ${SYSTEM_PACKAGES[*]}" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif ! command -v dpkg-query >/dev/null 2>&1; then
  for tool in pkg-config latex dvisvgm; do
    command -v "$tool" >/dev/null 2>&1 || {
      echo "setup: no apt-get here and $tool is missing. Install: cairo and pango development files," \
           "pkg-config, a LaTeX with dvisvgm (${SYSTEM_PACKAGES[*]} on Debian), then run again." >&2
      exit 1
    }
  done
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
stamp=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat .venv/.setup-stamp 2>/dev/null)" != "$stamp" ]; then
  echo "setup: installing netcore and its Python dependencies into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$stamp" > .venv/.setup-stamp
fi

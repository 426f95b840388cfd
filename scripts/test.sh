#!/usr/bin/env bash
# Set everything up (scripts/setup.sh), then run every test: unit, build and browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -n 2 "$@"

#!/usr/bin/env bash
# Set everything up (scripts/setup.sh), lint and type-check (ruff, mypy: their
# settings are in pyproject.toml), then run every test: unit, build and browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check scripts tests
.venv/bin/mypy
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -n 2 "$@"

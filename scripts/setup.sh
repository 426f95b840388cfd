#!/usr/bin/env bash
# Set up a fresh machine for building and testing: a virtual environment in
# .venv with the pinned Python packages, the Debian packages the build and
# the tests use (Chromium for the browser tests, poppler-utils to look at the
# PDF, Java and Node.js) and the pinned npm packages. Installs nothing from
# anywhere but PyPI, Debian and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# Every Python package, pip and setuptools included, from the lock and checked
# against its hashes (README, "Set-up and the lock"); then the project itself,
# built by the locked setuptools rather than one fetched into an isolated
# build environment.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# WeasyPrint renders with Pango; the PDF embeds fonts from these packages.
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
# The HTML validator (vnu, a Java program) and axe-core for the browser tests,
# and Lighthouse for scripts/bench.py, are npm packages (below); vnu needs a
# Java runtime, from Debian (vnu-jar's own install script would download one:
# --ignore-scripts keeps it from running).
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages pinned in package.json and package-lock.json.
# npm ci again only when the lock changed since the last install (npm records
# what it installed in node_modules/.package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages from package-lock.json"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

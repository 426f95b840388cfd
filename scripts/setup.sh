#!/usr/bin/env bash
# Set up a fresh machine for building and testing: a virtual environment in
# .venv with the pinned Python packages, and the Debian packages the build
# and the tests use (Chromium for the browser tests, poppler-utils to look
# at the PDF). Installs nothing from anywhere but PyPI and Debian.
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
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The HTML validator (vnu, a Java program) and axe-core for the browser tests,
# and Lighthouse for scripts/bench.py: npm packages pinned in package.json and
# package-lock.json. vnu needs a Java runtime, from Debian (vnu-jar's own
# install script would download one: --ignore-scripts keeps it from running).
need_debian=()
command -v java >/dev/null 2>&1 || need_debian+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need_debian+=(nodejs npm)
if [ ${#need_debian[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_debian[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_debian[@]}" >/dev/null
fi
# npm ci again only when the lock changed since the last install (npm records
# what it installed in node_modules/.package-lock.json).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages from package-lock.json"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

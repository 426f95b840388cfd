#!/usr/bin/env bash
# Set up a fresh machine for building and testing: a virtual environment in
# .venv holding exactly requirements.lock (scripts/install_python.py), the
# Debian packages the build and the tests use (Chromium for the browser
# tests, poppler-utils to look at the PDF, Pango and Noto fonts for
# WeasyPrint, Java and Node.js) and the npm packages of package-lock.json.
# Installs nothing from anywhere but PyPI, Debian and npm. Safe to run again:
# each step does only what is missing, and a second run changes nothing.
#
# The terminal gets one line a step; pip's, apt's and npm's output goes to
# setup.log, which a failure names with its last lines.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$PWD/setup.log"
: >"$log"
started=$SECONDS

# Run one step with its output in the log; on failure name the step and show the log's tail.
step() {
  local label=$1
  shift
  local step_started=$SECONDS
  printf '  %s ... ' "$label"
  if "$@" >>"$log" 2>&1; then
    echo "$((SECONDS - step_started)) s"
  else
    echo "failed"
    echo "Set-up failed at: $label. Its output is in $log; the last lines:" >&2
    tail -n 15 "$log" | sed 's/^/    /' >&2
    exit 1
  fi
}

python3 scripts/install_python.py --log "$log"

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
echo "Debian packages:"
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  step "apt-get update" "${sudo_cmd[@]}" apt-get update -qq
  step "installing ${missing[*]} (a few minutes the first time)" \
    env DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "  Chromium, poppler-utils, Pango, Noto fonts, Java and Node.js already there"
fi

# npm packages pinned in package.json and package-lock.json, installed again
# only when the lock changed since the last install (npm records what it
# installed in node_modules/.package-lock.json).
echo "npm packages from package-lock.json:"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  step "npm ci (about a minute the first time)" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
else
  echo "  as locked, nothing to do"
fi

echo "Set-up done in $((SECONDS - started)) s (details in setup.log)."
echo "Next: .venv/bin/python scripts/build.py builds the site into site/; bash scripts/test.sh runs the tests."

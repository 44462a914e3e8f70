#!/usr/bin/env bash
# The project's test command (`npm test`): installs what the tests need when it is missing, then
# type-checks, checks content/ and runs every mocha suite. Stops at the first failure, non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

# --- System packages (Debian): redis-server for the Redis storage suites (test/storage starts its own
#     servers on loopback); chromium for the clinic page suite (test/browser, driven by playwright-core),
#     with fonts-liberation (only recommended by chromium, so not installed below) for readable screenshots.
SYSTEM_PACKAGES=(redis-server chromium fonts-liberation)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "missing system packages: ${missing[*]} (install them, or run as root so this script can)" >&2
    exit 1
  fi
fi

# --- npm packages: install when node_modules is absent or older than the lockfile. npm rewrites its
#     hidden lockfile (node_modules/.package-lock.json) on every install, so its age is node_modules' age.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "npm ci"
  npm ci
fi

step "type-check"
npx tsc --noEmit -p tsconfig.json

step "content check"
npm run --silent content:check

step "mocha"
# Mocha's own summary says "N passing"; CI also reads the plain "N passed, N failed" line printed after it.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
npx mocha 'test/**/*.test.ts' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$log" | tail -n 1)
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"

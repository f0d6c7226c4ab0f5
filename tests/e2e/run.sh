#!/usr/bin/env bash
# Runs the end-to-end suite: Debian's Chromium headless shell against real `support-contacts serve`
# processes, every journey in en, zh-TW and ja-JP, on a laptop, a phone and with JavaScript off.
#
#   tests/e2e/run.sh                      # everything
#   tests/e2e/run.sh --project=ja-JP-phone specs/seed-steps.spec.js   # any Playwright arguments
#
# Screenshots land in target/e2e/screenshots/. Environment: CHROMIUM_PATH (default
# /usr/bin/chromium-headless-shell; /usr/bin/chromium works too, with a third more CPU),
# SUPPORT_CONTACTS_BIN (default target/debug/support-contacts, built here),
# E2E_WORKERS (default 2), E2E_TRACE=retain-on-failure to keep a Playwright trace of failures.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"

fail() {
  echo "e2e: FAILED: $*" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
}

# No browser is ever downloaded: without Debian's Chromium the suite cannot run, and says so.
[ -x "$chromium" ] || fail "no Chromium at $chromium. Install it: apt-get install -y chromium-headless-shell fonts-noto-cjk (or set CHROMIUM_PATH)"
export CHROMIUM_PATH="$chromium"
command -v node >/dev/null || fail "node is not installed (Node.js 20 or later is needed)"
command -v npm >/dev/null || fail "npm is not installed"
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=ja 2>/dev/null)" ]; then
  echo "e2e: warning: no Japanese/Chinese font; zh-TW and ja-JP screenshots will show boxes" \
    "(apt-get install -y fonts-noto-cjk)" >&2
fi

if [ -n "${SUPPORT_CONTACTS_BIN:-}" ]; then
  # A path given relative to where the script was started from, not to tests/e2e.
  SUPPORT_CONTACTS_BIN="$(realpath -m -- "$SUPPORT_CONTACTS_BIN")"
  export SUPPORT_CONTACTS_BIN
else
  echo "e2e: building the server (cargo build --bin support-contacts)"
  (cd "$root" && cargo build --quiet --bin support-contacts) || fail "cargo build failed"
fi

cd "$here"
# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "e2e: installing the test tools (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || fail "npm ci failed"
fi

echo "e2e: $("$chromium" --version 2>/dev/null || echo chromium), node $(node --version)"
started=$SECONDS
status=0
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx --no-install playwright test "$@" || status=$?
echo "e2e: took $((SECONDS - started)) s; screenshots in ${E2E_OUT_DIR:-$root/target/e2e}/screenshots"
if [ "$status" -ne 0 ]; then
  echo "e2e: FAILED (exit $status). Failure screenshots and server output: target/e2e/test-results/" >&2
fi
exit "$status"

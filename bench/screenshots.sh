#!/usr/bin/env bash
# Screenshots of the main pages of the page tour's seeded community (Greek names and content):
# community home, topic market, a topic, my meetings, the inbox, the profile editor, a meeting,
# the organizer's settings, the dashboard, the account page and the lounge board, at 360×780
# (phone) and 1366×900 (laptop), named PAGE-VIEWPORT-THEME-LANG.png.
#
# Usage: bench/screenshots.sh [DIR]      (default docs/screenshots; the folder is emptied first)
#        ALL=1 bench/screenshots.sh      every page in light and dark, English and French
# By default: every page light in English and French, and a few dark in English.
# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-docs/screenshots}"
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  echo "install chromium and chromium-driver first: apt-get install -y --no-install-recommends chromium chromium-driver" >&2
  exit 1
fi
mkdir -p "$dir"
rm -f "$dir"/*.png
abs=$(cd "$dir" && pwd)
# CI=true: the test fails rather than skips when the browser is missing.
CI=true PEERLEARN_SCREENSHOTS="$abs" PEERLEARN_SCREENSHOTS_ALL="${ALL:-0}" \
  cargo test -q -p peerlearn-web --test api tour::screenshots -- --exact --nocapture
echo "$(ls "$abs"/*.png | wc -l) screenshots, $(du -sh "$abs" | cut -f1) in $dir"

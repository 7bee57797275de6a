#!/usr/bin/env bash
# Renders the energy report's HTML page in headless Chromium and saves a screenshot, to check by
# eye that the page draws (tables, inline SVG charts, no external assets).
#
#   scripts/render-report.sh [REPORT.html] [SCREENSHOT.png] [WIDTHxHEIGHT]
#
# Defaults: target/energy-report.html (written by the README's first command),
# target/energy-report.png, 1400x5200 (tall enough for the whole page of the seven examples).
# Needs Debian's chromium (apt-get install chromium); when
# it is missing the script says so and exits 0 unless REQUIRE_CHROMIUM=1, so CI may run it
# optionally. Chromium gets no network: the page must need none.
set -euo pipefail
cd "$(dirname "$0")/.."
html="${1:-target/energy-report.html}"
png="${2:-target/energy-report.png}"
size="${3:-1400x5200}"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "render-report: chromium not found (apt-get install chromium); skipped" >&2
  [[ "${REQUIRE_CHROMIUM:-0}" == 1 ]] && exit 1
  exit 0
fi
if [[ ! -f "$html" ]]; then
  echo "render-report: $html not found; write it first, e.g. java -jar examples/target/energy-report.jar --html $html" >&2
  exit 2
fi

profile_dir="$(mktemp -d)"
trap 'rm -rf "$profile_dir"' EXIT
mkdir -p "$(dirname "$png")"
rm -f "$png"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile_dir" --hide-scrollbars \
  --screenshot="$png" --window-size="${size/x/,}" "file://$(realpath "$html")" >/dev/null 2>&1 || true
if [[ ! -s "$png" ]]; then
  echo "render-report: chromium wrote no screenshot of $html" >&2
  exit 1
fi
echo "render-report: $png"

#!/bin/sh
# Lighthouse scores (accessibility, best practices, performance) of the home page and the pre-join
# screen, against a Plenary started here on port 8099 with a fresh data directory and Debian's
# Chromium. Lighthouse is installed into a temporary folder, not into the project: 12.2.3 is the
# last release that runs on Node 20. Prints one line per page.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work" "$data"' EXIT
(cd "$work" && npm i -E --no-audit --no-fund --silent lighthouse@12.2.3 >/dev/null)
cd "$root"
PORT=8099 DATA_DIR="$data" LOG_LEVEL=warn node --import tsx src/server/main.ts >"$work/server.log" 2>&1 &
server=$!
until curl -sf http://localhost:8099/healthz >/dev/null; do sleep 1; done
room=$(curl -sf -X POST -H 'origin: http://localhost:8099' http://localhost:8099/api/rooms | node -e 'process.stdin.on("data", (d) => console.log(JSON.parse(d).roomId))')
for page in "home http://localhost:8099/" "pre-join http://localhost:8099/r/$room"; do
  name=${page%% *}
  url=${page#* }
  CHROME_PATH=$(command -v chromium) "$work/node_modules/.bin/lighthouse" "$url" --quiet \
    --only-categories=accessibility,best-practices,performance \
    --chrome-flags="--headless=new --no-sandbox --use-fake-ui-for-media-stream --use-fake-device-for-media-stream" \
    --output=json --output-path="$work/$name.json"
  node -e '
    const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const scores = Object.values(report.categories).map((category) => `${category.title} ${Math.round(category.score * 100)}`);
    const timings = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"].map((id) => `${id} ${report.audits[id].displayValue}`);
    console.log(`${process.argv[2]}: ${scores.join(", ")} (${timings.join(", ")})`);
  ' "$work/$name.json" "$name"
done

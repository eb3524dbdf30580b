#!/usr/bin/env bash
# Compares briefing's search with Pagefind's on the same built site: index
# bytes, and for a fixed query set (rare name, common word, phrase, prefix,
# acronym, typo) the bytes and requests each query fetches from a cold
# cache (uncompressed, as file:// and many static hosts serve) and the top 5.
#
# usage: bench/search_compare.sh N [TOOLS]
#   N      briefings to generate with bench/gen_corpus.py (seed 1)
#   TOOLS  a folder with node_modules/pagefind and node_modules/playwright-core
#          (default /tmp/search-bench-tools; `npm install --prefix TOOLS
#          pagefind playwright-core` fills it)
# Needs a release build (cargo build --release; CARGO_TARGET_DIR honoured, or
# BRIEFING=path/to/briefing),
# Chromium (/usr/bin/chromium or $CHROME), python3 and node.
set -euo pipefail
n=${1:?usage: search_compare.sh N [TOOLS]}
tools=${2:-/tmp/search-bench-tools}
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${BRIEFING:-${CARGO_TARGET_DIR:-$repo/target}/release/briefing}
work=$(mktemp -d /tmp/search-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

python3 "$repo/bench/gen_corpus.py" "$n" 1 "$work/corpus" >/dev/null
"$bin" build "$work/corpus/briefing-site" --out "$work/dist" >/dev/null 2>&1
"$tools/node_modules/.bin/pagefind" --site "$work/dist" >/dev/null

sum() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s}'; }
largest() { find "$1" -type f -printf '%s\n' | sort -n | tail -1; }
echo "index bytes: briefing $(sum "$work/dist/search") in $(ls "$work/dist/search" | wc -l) files" \
  "(largest $(largest "$work/dist/search")), pagefind $(sum "$work/dist/pagefind") in" \
  "$(find "$work/dist/pagefind" -type f | wc -l) files (largest $(largest "$work/dist/pagefind"))"

port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist" >/dev/null 2>&1 &
server=$!
sleep 1
queries='[["rare name","Eli Jong-min"],["common word","residents"],["phrase","\"water rationing\""],["prefix","consult"],["acronym","ACD"],["typo","Kowalsky"]]'
NODE_PATH="$tools/node_modules" node "$repo/bench/search_compare.mjs" "http://127.0.0.1:$port/" "$queries" \
  | python3 -c '
import json, sys
rows = json.load(sys.stdin)
print("| query | engine | requests | bytes | ms | top 5 |")
print("|---|---|---|---|---|---|")
for r in rows:
    top = ", ".join(u.split("/")[1] if u.startswith(("briefings/", "entities/", "tags/")) else u for u in r["top"])
    print("| %s `%s` | %s | %d | %s | %d | %s |" % (r["label"], r["query"], r["engine"], r["requests"], format(r["bytes"], ","), r["ms"], top))
'

#!/usr/bin/env bash
# Extraction cost per briefing, two binaries side by side, counted in
# instructions (valgrind's callgrind), which a busy machine does not skew
# the way it skews wall time.
#
#   bench/extract_cost.sh OLD_BINARY NEW_BINARY [N] [CORPUS]
#
# Generates the perf benchmark's synthetic corpus (bench/gen_corpus.py,
# CORPUS sources, 10000 by default, as bench/run's largest size), runs
# `extract --json` on the first 1 and the first N (1500 by default) of its
# sources with each
# binary, and prints the instructions spent in the extract stage per source
# ((cost at N - cost at 1) / (N - 1): the word lists' one-time load is left
# out and printed on its own; the stage's cost is its function's largest
# inclusive entry, as callgrind may list one function under two file
# names). Needs valgrind (apt-get install valgrind).
set -euo pipefail
old=$(realpath "$1") new=$(realpath "$2") n=${3:-1500} corpus=${4:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_corpus.py" "$corpus" 1 "$work/c" >/dev/null
mapfile -t files < <(find "$work/c" -name '*.txt' -path '*seeds*' | sort | head -n "$n")
extract_cost() { # binary, files...
  local bin=$1; shift
  # From the scratch folder: `extract` run inside a site folder would also
  # load that site's registry.
  rm -f "$work/cg.out"
  (cd "$work" && valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" extract --json "$@" >/dev/null 2>&1)
  callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$work/cg.out" \
    | awk '/:briefing::extract::extract( \[.*\])?$/ {gsub(",", "", $1); if ($1 + 0 > max) max = $1 + 0} END {printf "%d\n", max}'
}
printf '%-10s %14s %18s\n' binary "one-time load" "per source"
for label in old new; do
  bin=$old; [ "$label" = new ] && bin=$new
  one=$(extract_cost "$bin" "${files[0]}")
  all=$(extract_cost "$bin" "${files[@]}")
  per=$(( (all - one) / (${#files[@]} - 1) ))
  printf '%-10s %14s %18s\n' "$label" "$one" "$per"
  eval "per_$label=$per"
done
awk -v o="$per_old" -v n="$per_new" 'BEGIN { printf "new/old per source: %.3f\n", n / o }'

#!/usr/bin/env bash
# Extraction cost per briefing, two binaries side by side, counted in
# instructions (valgrind's callgrind), which a busy machine does not skew
# the way it skews wall time.
#
#   bench/extract_cost.sh OLD_BINARY NEW_BINARY [N]
#
# Generates a synthetic corpus (bench/gen_corpus.py, N sources, 1500 by
# default), runs `extract --json` on 1 and on N of its sources with each
# binary, and prints the instructions spent in the extract stage per source
# ((cost at N - cost at 1) / (N - 1): the word lists' one-time load is left
# out and printed on its own). Needs valgrind (apt-get install valgrind).
set -euo pipefail
old=$1 new=$2 n=${3:-1500}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_corpus.py" "$n" 1 "$work/c" >/dev/null
mapfile -t files < <(find "$work/c" -name '*.txt' -path '*seeds*' | sort | head -n "$n")
extract_cost() { # binary, files...
  local bin=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" extract --json "$@" >/dev/null 2>&1
  callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$work/cg.out" \
    | awk '/briefing::extract::extract \[/ && !done {gsub(",", "", $1); print $1; done = 1}'
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

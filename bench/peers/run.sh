#!/usr/bin/env bash
# Measures MiniSearch, Orama and ItemsJS on the same posts as jobsift and prints a markdown
# table of query + facet-count latency (p50 / p95) per library and size.
#
#   bench/peers/run.sh [SIZES]        SIZES default: real,10k,100k
#
# Posts are exported by jobsift's own indexer (`jobsift-bench export-json`) into
# target/peer-bench/, so every library indexes the fields jobsift extracted. Each library runs
# in its own node process (no shared heap or JIT state). ItemsJS's built-in full-text search
# takes seconds per query from 10k posts on, so it gets a time budget per size.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="${1:-real,10k,100k}"
out="$root/target/peer-bench"
mkdir -p "$out"

(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$root" && cargo build --release -p jobsift-bench --quiet)
bench_bin="$root/target/release/jobsift-bench"

results="$out/results.jsonl"
: > "$results"
IFS=',' read -ra size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  json="$out/posts-$size.json"
  [ -s "$json" ] || "$bench_bin" export-json --size "$size" --out "$json"
  rounds=5
  [ "$size" = "100k" ] && rounds=3
  for library in minisearch orama itemsjs; do
    # ItemsJS indexes 1k posts in seconds and answers in hundreds of milliseconds (see the
    # table); at 100k its index alone would not finish in a run, so it is not started there.
    if [ "$library" = "itemsjs" ] && [ "$size" != "real" ] && [ "$size" != "10k" ]; then
      echo "{\"size\":\"$size\",\"result\":{\"library\":\"itemsjs\",\"skipped\":true}}" >> "$results"
      continue
    fi
    budget=300
    [ "$library" = "itemsjs" ] && budget=120
    echo "running $library on $size" >&2
    line="$(node --max-old-space-size=12000 "$here/bench.mjs" "$library" "$json" --rounds "$rounds" --budget-seconds "$budget")" \
      || line="{\"library\":\"$library\",\"failed\":true}"
    echo "{\"size\":\"$size\",\"result\":$line}" >> "$results"
  done
done
node "$here/table.mjs" "$results"

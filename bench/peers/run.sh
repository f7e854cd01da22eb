#!/usr/bin/env bash
# Measures jobsift (native, and WebAssembly in headless Chromium) beside MiniSearch, Orama
# and ItemsJS on the same posts and queries, and prints one markdown table of query +
# facet-count latency (p50 / p95) per library and size, with a cross-check of the totals.
#
#   bench/peers/run.sh [SIZES] [PEER_SIZES]
#
# SIZES (default real,10k,100k): where jobsift runs. PEER_SIZES (default: SIZES): where the
# JavaScript peers run too; the table says "not run" for the others (the 100k peer runs take
# a long time, see BENCHMARKS.md).
#
# For each size, one set of posts (the real corpus or target/synth/<size>-1) is indexed by
# `jobsift build` for jobsift and exported by jobsift's own indexer (`jobsift-bench
# export-json`) for the peers, so every library gets the fields jobsift extracted. Each
# library runs in its own process (no shared heap or JIT state). ItemsJS's built-in
# full-text search takes seconds per query from 10k posts on, so it gets a time budget.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="${1:-real,10k,100k}"
peer_sizes="${2:-$sizes}"
corpus="${JOBSIFT_BENCH_CORPUS:-/work/shared/corpus/progressivedatajobs}"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$target/peer-bench"
mkdir -p "$out"

(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$root" && cargo build --release -p jobsift -p jobsift-bench --quiet)
jobsift_bin="$target/release/jobsift"
bench_bin="$target/release/jobsift-bench"

# The wasm module, post-processed by the wasm-bindgen CLI of the version Cargo.lock pins.
locked="$(grep -A1 '^name = "wasm-bindgen"$' "$root/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
installed="$(wasm-bindgen --version | awk '{print $2}')"
if [ "$locked" != "$installed" ]; then
  echo "wasm-bindgen CLI is $installed, Cargo.lock has $locked (scripts/install-tools.sh installs it)" >&2
  exit 1
fi
# Built as the widget is (scripts/wasm-cargo.sh), so the figures are those visitors get.
bench_wasm="$(bash "$root/scripts/wasm-cargo.sh" jobsift-bench-wasm "$target/bench-wasm-build")"
wasm-bindgen --target web --remove-name-section --out-dir "$target/bench-wasm" "$bench_wasm"

results="$out/results.jsonl"
: > "$results"
# One result line per library and size, with the load average just before it ran (the
# machine may be shared; the table reports the range).
record() {
  local size="$1" line="$2" load="$3"
  echo "{\"size\":\"$size\",\"load\":\"$load\",\"result\":$line}" >> "$results"
}
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

IFS=',' read -ra size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  if [ "$size" = "real" ]; then posts="$corpus"; else posts="$("$bench_bin" generate --size "$size")"; fi
  index_dir="$out/index-$size"
  echo "indexing $posts with jobsift" >&2
  # One file: the timed span is the engine over a whole index in memory. A chunked
  # index (the default above about 1 MiB of post text) would hold only its core here;
  # its fetching is what bench/pagefind measures.
  "$jobsift_bin" build "$posts" --out "$index_dir" --layout single > /dev/null
  # Every library runs the same rounds at a size. At the real corpus a query takes about
  # 0.1 ms in wasm, and 5 rounds left the engine's first, not yet optimised, executions
  # (V8 tiers wasm up while it runs) in the p50 and p95 (measured 2026-11-23: p50 0.14
  # against 0.085-0.095 ms with 100 rounds); 50 rounds there cost every library under
  # 10 s, except ItemsJS, which its time budget stops.
  rounds=5
  [ "$size" = "real" ] && rounds=50
  [ "$size" = "100k" ] && rounds=3

  echo "running jobsift native on $size" >&2
  load="$(load_average)"
  line="$("$bench_bin" queries --index "$index_dir/jobsift.idx" --queries "$here/queries.json" --rounds "$rounds")" \
    || line='{"library":"jobsift-native","failed":true}'
  record "$size" "$line" "$load"

  echo "running jobsift wasm in Chromium on $size" >&2
  load="$(load_average)"
  line="$(node "$here/wasm.mjs" "$index_dir/jobsift.idx" --rounds "$rounds" --pkg "$target/bench-wasm")" \
    || line='{"library":"jobsift-wasm","failed":true}'
  record "$size" "$line" "$load"

  if [[ ",$peer_sizes," != *",$size,"* ]]; then
    for library in minisearch orama itemsjs; do
      record "$size" "{\"library\":\"$library\",\"not_run\":true}" "$(load_average)"
    done
    continue
  fi
  json="$out/posts-$size.json"
  [ -s "$json" ] || "$bench_bin" export-json --corpus "$corpus" --size "$size" --out "$json"
  for library in minisearch orama itemsjs; do
    # ItemsJS indexes 1k posts in seconds and answers in hundreds of milliseconds (see the
    # table); at 100k its index alone would not finish in a run, so it is not started there.
    if [ "$library" = "itemsjs" ] && [ "$size" != "real" ] && [ "$size" != "10k" ]; then
      record "$size" '{"library":"itemsjs","skipped":true}' "$(load_average)"
      continue
    fi
    budget=300
    [ "$library" = "itemsjs" ] && budget=120
    echo "running $library on $size" >&2
    load="$(load_average)"
    line="$(node --max-old-space-size=12000 "$here/bench.mjs" "$library" "$json" --rounds "$rounds" --budget-seconds "$budget")" \
      || line="{\"library\":\"$library\",\"failed\":true}"
    record "$size" "$line" "$load"
  done
done
node "$here/table.mjs" "$results"

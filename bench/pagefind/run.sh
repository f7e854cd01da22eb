#!/usr/bin/env bash
# jobsift beside Pagefind on the same posts, in one run (issue 5's benchmark): build time
# and peak memory of each tool, then bytes and requests over the wire until first results
# for a query with one filter, and for a second query, in headless Chromium. Prints one
# markdown table.
#
#   bench/pagefind/run.sh [SIZES]      SIZES: default real,10k (100k takes Pagefind ~5 min
#                                      and ~16 GiB on these machines, see MEASURED.md)
#
# 1m is measured for jobsift alone (issue 5 asks it of jobsift only; Pagefind would need
# about 160 GiB by MEASURED.md's growth), without the JSON export, which only Pagefind reads.
#
# Both tools index the fields jobsift's own indexer extracted (`jobsift-bench export-json`):
# Pagefind gets one HTML page per post (site.mjs) with them as filters and sort keys.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="${1:-real,10k}"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$target/pagefind-bench"
mkdir -p "$out"
# `npm install`, not `npm ci`: the registry here lacks the other platforms' optional
# pagefind binaries, so the lock file cannot list them and `npm ci` refuses it.
(cd "$here" && npm install --no-audit --no-fund --silent)
(cd "$root/bench/peers" && npm ci --no-audit --no-fund --silent) # playwright-core
(cd "$root" && cargo build --release -p jobsift -p jobsift-bench --quiet)
results="$out/results.jsonl"
: > "$results"
for size in ${sizes//,/ }; do
  if [ "$size" = real ]; then posts="${JOBSIFT_BENCH_CORPUS:-$root/../shared/corpus/progressivedatajobs}"; else
    posts="$("$target/release/jobsift-bench" generate --size "$size")"; fi
  rm -rf "$out/pagefind-$size" "$out/jobsift-$size"
  site=-
  files_pagefind=0
  : > "$out/time-pagefind-$size"
  if [ "$size" != 1m ]; then
    site="$out/pagefind-$size"
    "$target/release/jobsift-bench" export-json --size "$size" --out "$out/posts-$size.json" 2>/dev/null
    node "$here/site.mjs" "$out/posts-$size.json" "$site" 2>/dev/null
    # GNU time reports the largest resident set among the waited-for processes: the npm
    # wrapper's node and the pagefind binary it runs.
    /usr/bin/time -f '%e %M' -o "$out/time-pagefind-$size" "$here/node_modules/.bin/pagefind" --site "$site" >/dev/null
    files_pagefind="$(find "$site/pagefind" -type f | wc -l)"
  fi
  /usr/bin/time -f '%e %M' -o "$out/time-jobsift-$size" "$target/release/jobsift" build "$posts" --out "$out/jobsift-$size" >/dev/null 2>&1
  files_jobsift="$(find "$out/jobsift-$size" -type f | wc -l)"
  (cd "$here" && node measure.mjs "$out/jobsift-$size" "$site" data nonprofit organizer) |
    SIZE="$size" T_JS="$(cat "$out/time-jobsift-$size")" T_PF="$(cat "$out/time-pagefind-$size")" \
    F_JS="$files_jobsift" F_PF="$files_pagefind" LOAD="$(cut -d' ' -f1-3 /proc/loadavg)" \
    node -e '
      const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
      for (const row of rows) {
        const [wall, kib] = (row.tool === "jobsift" ? process.env.T_JS : process.env.T_PF).trim().split(" ");
        console.log(JSON.stringify({ size: process.env.SIZE, load: process.env.LOAD, buildSeconds: Number(wall), peakKiB: Number(kib),
          files: Number(row.tool === "jobsift" ? process.env.F_JS : process.env.F_PF), ...row }));
      }' >> "$results"
done
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  const kb = (b) => (b / 1000).toFixed(1) + " KB";
  console.log("| posts | tool | build | peak memory | files | to first results (\"data\" + tags=nonprofit): bytes / requests / ms | hits | second query (\"organizer\"): bytes / requests | load |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.size} | ${r.tool} | ${r.buildSeconds.toFixed(2)} s | ${(r.peakKiB / 1024).toFixed(0)} MiB | ${r.files} | ${kb(r.firstBytes)} / ${r.firstRequests} / ${r.firstMs} | ${r.first.total} | ${kb(r.secondBytes)} / ${r.secondRequests} | ${r.load} |`);
  const sizes = [...new Set(rows.map((r) => r.size))];
  for (const s of sizes) {
    const js = rows.find((r) => r.size === s && r.tool === "jobsift"), pf = rows.find((r) => r.size === s && r.tool === "pagefind");
    if (!pf) continue;
    console.log(`\n${s}: jobsift/Pagefind bytes to first results ${(js.firstBytes / pf.firstBytes).toFixed(2)}x; build time ${(js.buildSeconds / pf.buildSeconds).toFixed(2)}x`);
  }' "$results"

#!/usr/bin/env bash
# Turns a wasm crate's build into what ships, the same way for the widget
# (scripts/build-widget.sh) and the size floor it is compared with (bench/widget-floor.sh):
#   bash scripts/wasm-post.sh <built .wasm> <out dir> <name>
# writes <out dir>/<name>.wasm (wasm-bindgen's output, size-optimised by wasm-opt) and
# <out dir>/<name>.js (its glue, minified).
set -euo pipefail
cd "$(dirname "$0")/.."
built="$1"
out="$2"
name="$3"
WASM_OPT=node_modules/.bin/wasm-opt
ESBUILD=node_modules/.bin/esbuild
log() { printf '[wasm-post] %s\n' "$*" >&2; }
for tool in wasm-bindgen node "$WASM_OPT" "$ESBUILD"; do
  command -v "$tool" >/dev/null || { log "missing $tool: run scripts/install-tools.sh"; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The name section was 177 KB of 267 KB: visitors have no use for it.
wasm-bindgen --target web --remove-name-section --no-typescript --out-dir "$work" --out-name "$name" "$built"
# Short import and export names, in the wasm and its glue alike (4.5 KB brotli less for the
# widget, 2026-11-25): see the script.
node scripts/short-imports.mjs "$work/${name}_bg.wasm" "$work/$name.js"

brotli_size() { node -e 'const z=require("zlib"),f=require("fs");process.stdout.write(String(z.brotliCompressSync(f.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"; }

# wasm-opt's levels trade differently against brotli; keep whichever compresses smallest.
# (-O3 was measured too and was never smaller: 240,809 vs 240,397 bytes brotli for -Os.)
# --converge repeats the passes while they still shrink the module: 537 B brotli less
# (2026-11-24, session 20; -O3 and --gufa were larger or no smaller).
# --low-memory-unused lets wasm-opt fold constant address arithmetic into load and store
# offsets; it holds because Rust puts the stack first (it grows down from 1 MiB, data sits
# above it), so the first 1 KiB is only reached by a stack about to overflow anyway.
# 1,017 B brotli less for the widget (2026-11-25).
features=(--low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
best=""
best_size=""
for level in -Oz -Os; do
  "$WASM_OPT" "$level" --converge "${features[@]}" --strip-debug --strip-producers "$work/${name}_bg.wasm" -o "$work/opt$level.wasm"
  size=$(brotli_size "$work/opt$level.wasm")
  log "$name: wasm-opt $level: $(stat -c %s "$work/opt$level.wasm") bytes raw, $size brotli"
  if [ -z "$best_size" ] || [ "$size" -lt "$best_size" ]; then best="$level"; best_size="$size"; fi
done
log "$name: keeping wasm-opt $best"
mkdir -p "$out"
cp "$work/opt$best.wasm" "$out/$name.wasm"
# The glue goes out minified (esbuild from npm, package-lock.json): measured
# 2026-11-24, 3.4 KB brotli less for the widget's three script and style files.
"$ESBUILD" "$work/$name.js" --minify --log-level=warning --format=esm --outfile="$out/$name.js"

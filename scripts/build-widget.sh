#!/usr/bin/env bash
# Builds the widget bundle into target/widget-dist/ (or $JOBSIFT_WIDGET_DIST):
#   jobsift.js                 stable entry (www/jobsift.js with the hashed names filled in)
#   jobsift-glue-<hash>.js     wasm-bindgen's glue
#   jobsift-<hash>.wasm        the widget, size-optimised by wasm-opt
#   jobsift-<hash>.css         www/jobsift.css
#   manifest.txt               those file names, read by the root build.rs
# then prints raw / gzip / brotli sizes. The root build.rs embeds this folder into the
# `jobsift` binary, so run this before `cargo build` when the widget changed.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST="${JOBSIFT_WIDGET_DIST:-target/widget-dist}"
WASM_TARGET_DIR="${JOBSIFT_WASM_TARGET_DIR:-target/wasm}"
WASM_OPT=node_modules/.bin/wasm-opt
log() { printf '[build-widget] %s\n' "$*" >&2; }

for tool in wasm-bindgen node "$WASM_OPT" node_modules/.bin/esbuild; do
  command -v "$tool" >/dev/null || { log "missing $tool: run scripts/install-tools.sh"; exit 1; }
done

# Built on the pinned nightly, as scripts/wasm-cargo.sh explains.
widget_wasm="$(bash scripts/wasm-cargo.sh jobsift-widget "$WASM_TARGET_DIR")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --remove-name-section --no-typescript --out-dir "$work" --out-name jobsift_widget \
  "$widget_wasm"

brotli_size() { node -e 'const z=require("zlib"),f=require("fs");process.stdout.write(String(z.brotliCompressSync(f.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"; }

# wasm-opt's levels trade differently against brotli; keep whichever compresses smallest.
# (-O3 was measured too and was never smaller: 240,809 vs 240,397 bytes brotli for -Os.)
# --converge repeats the passes while they still shrink the module: 537 B brotli less
# (2026-11-24, session 20; -O3 and --gufa were larger or no smaller).
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
best=""
best_size=""
for level in -Oz -Os; do
  "$WASM_OPT" "$level" --converge "${features[@]}" --strip-debug --strip-producers "$work/jobsift_widget_bg.wasm" -o "$work/opt$level.wasm"
  size=$(brotli_size "$work/opt$level.wasm")
  log "wasm-opt $level: $(stat -c %s "$work/opt$level.wasm") bytes raw, $size brotli"
  if [ -z "$best_size" ] || [ "$size" -lt "$best_size" ]; then best="$level"; best_size="$size"; fi
done
log "keeping wasm-opt $best"

# The JavaScript and CSS go out minified (esbuild from npm, package-lock.json):
# measured 2026-11-24, 3.4 KB brotli less for the three files.
ESBUILD=node_modules/.bin/esbuild
minify() { "$ESBUILD" "$1" --minify --log-level=warning "${@:3}" --outfile="$2"; }
minify "$work/jobsift_widget.js" "$work/glue.min.js" --format=esm
minify www/jobsift.css "$work/styles.min.css"

hash_of() { sha256sum "$1" | cut -c1-12; }
rm -rf "$DIST.tmp"
mkdir -p "$DIST.tmp"
wasm_name="jobsift-$(hash_of "$work/opt$best.wasm").wasm"
cp "$work/opt$best.wasm" "$DIST.tmp/$wasm_name"
glue_name="jobsift-glue-$(hash_of "$work/glue.min.js").js"
cp "$work/glue.min.js" "$DIST.tmp/$glue_name"
css_name="jobsift-$(hash_of "$work/styles.min.css").css"
cp "$work/styles.min.css" "$DIST.tmp/$css_name"
sed -e "s/__JOBSIFT_WASM__/$wasm_name/" -e "s/__JOBSIFT_GLUE__/$glue_name/" -e "s/__JOBSIFT_CSS__/$css_name/" \
  www/jobsift.js > "$work/loader.js"
minify "$work/loader.js" "$DIST.tmp/jobsift.js" --format=esm
printf '%s\n' jobsift.js "$glue_name" "$wasm_name" "$css_name" > "$DIST.tmp/manifest.txt"
# Swap the folder in whole, so build.rs never sees half a bundle.
rm -rf "$DIST"
mv "$DIST.tmp" "$DIST"

node - "$DIST" <<'JS'
const zlib = require('zlib'), fs = require('fs'), path = require('path');
const dir = process.argv[2];
const files = fs.readFileSync(path.join(dir, 'manifest.txt'), 'utf8').trim().split('\n');
const rows = files.map((name) => {
  const data = fs.readFileSync(path.join(dir, name));
  return [name, data.length, zlib.gzipSync(data, { level: 9 }).length,
    zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
});
rows.push(rows.reduce((sum, r) => ['total', sum[1] + r[1], sum[2] + r[2], sum[3] + r[3]], ['total', 0, 0, 0]));
console.log('| file | raw bytes | gzip -9 | brotli -11 |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r[0]} | ${r[1]} | ${r[2]} | ${r[3]} |`);
JS
log "bundle ready in $DIST"

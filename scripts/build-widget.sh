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
log() { printf '[build-widget] %s\n' "$*" >&2; }

for tool in wasm-bindgen node node_modules/.bin/wasm-opt node_modules/.bin/esbuild; do
  command -v "$tool" >/dev/null || { log "missing $tool: run scripts/install-tools.sh"; exit 1; }
done

# Built on the pinned nightly, as scripts/wasm-cargo.sh explains.
widget_wasm="$(bash scripts/wasm-cargo.sh jobsift-widget "$WASM_TARGET_DIR")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash scripts/wasm-post.sh "$widget_wasm" "$work" jobsift_widget

# The loader and the styles go out minified too (esbuild from npm, package-lock.json).
ESBUILD=node_modules/.bin/esbuild
minify() { "$ESBUILD" "$1" --minify --log-level=warning "${@:3}" --outfile="$2"; }
minify www/jobsift.css "$work/styles.min.css"

hash_of() { sha256sum "$1" | cut -c1-12; }
rm -rf "$DIST.tmp"
mkdir -p "$DIST.tmp"
wasm_name="jobsift-$(hash_of "$work/jobsift_widget.wasm").wasm"
cp "$work/jobsift_widget.wasm" "$DIST.tmp/$wasm_name"
glue_name="jobsift-glue-$(hash_of "$work/jobsift_widget.js").js"
cp "$work/jobsift_widget.js" "$DIST.tmp/$glue_name"
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

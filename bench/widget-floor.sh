#!/usr/bin/env bash
# Where the widget's bytes go: the smallest widget-shaped Yew app (crates/widget-floor),
# the same with the engine, and the widget itself, each built and post-processed as the
# widget ships (scripts/wasm-cargo.sh, scripts/wasm-post.sh). Prints a markdown table of
# brotli -11 bytes; the widget row includes the loader and the CSS, the floors have none.
#
#   bash bench/widget-floor.sh
#
# Needs the tools scripts/install-tools.sh installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$target/widget-floor"
rm -rf "$out"
mkdir -p "$out"

brotli() { node -e 'const z=require("zlib"),f=require("fs");let n=0;for(const p of process.argv.slice(1))n+=z.brotliCompressSync(f.readFileSync(p),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length;process.stdout.write(String(n))' "$@"; }

for variant in floor engine; do
  features=()
  [ "$variant" = engine ] && features=(--features engine)
  built="$(bash scripts/wasm-cargo.sh jobsift-widget-floor "$target/wasm-floor-$variant" "${features[@]}")"
  bash scripts/wasm-post.sh "$built" "$out" "$variant"
done
bash scripts/build-widget.sh > /dev/null
dist="${JOBSIFT_WIDGET_DIST:-$target/widget-dist}"
widget_wasm="$dist/$(grep '\.wasm$' "$dist/manifest.txt")"
widget_glue="$dist/$(grep '^jobsift-glue-' "$dist/manifest.txt")"
other=("$dist/jobsift.js" "$dist/$(grep '\.css$' "$dist/manifest.txt")")

floor_total=$(brotli "$out/floor.wasm" "$out/floor.js")
engine_total=$(brotli "$out/engine.wasm" "$out/engine.js")
widget_total=$(brotli "$widget_wasm" "$widget_glue" "${other[@]}")
echo "| build | wasm | glue js | loader + css | total | step |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| Yew app with the named parts (options via serde-wasm-bindgen, a reducer, a box, a list) | $(brotli "$out/floor.wasm") | $(brotli "$out/floor.js") | – | $floor_total | |"
echo "| + the engine (index decoded from a stream, searched on each keystroke, hits and counts shown) | $(brotli "$out/engine.wasm") | $(brotli "$out/engine.js") | – | $engine_total | +$((engine_total - floor_total)) |"
echo "| the widget | $(brotli "$widget_wasm") | $(brotli "$widget_glue") | $(brotli "${other[@]}") | $widget_total | +$((widget_total - engine_total)) |"

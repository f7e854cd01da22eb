#!/usr/bin/env bash
# Builds a wasm crate of the workspace the way the widget ships:
#   bash scripts/wasm-cargo.sh <package> <target-dir>
# prints the path of the built .wasm. The widget (scripts/build-widget.sh) and the
# peer benchmark's engine module (bench/peers/run.sh) both come from here, so that the
# benchmark measures the build visitors get.
#
# The pinned nightly (scripts/widget-toolchain.txt, installed by install-tools.sh with
# its prebuilt wasm32 std) compiles our crates and their dependencies with `{:?}`
# formatting nothing (so messages the widget shows use `Display` only) and without
# source locations. Measured 2026-11-24: the widget bundle 190,474 -> 178,273 bytes
# brotli against a stable build (BENCHMARKS.md). Rebuilding std as well (-Z build-std with
# -Cpanic=immediate-abort) saved 11 KB more but compiled std at the profile's
# opt-level, which made the engine 12% slower in Chromium (p50 0.089 against 0.079 ms on
# the real corpus, five alternating runs), so std stays the prebuilt one.
# JOBSIFT_WIDGET_STABLE=1 builds on stable instead.
set -euo pipefail
cd "$(dirname "$0")/.."
package="$1"
target_dir="$2"
log() { printf '[wasm-cargo] %s\n' "$*" >&2; }
if [ "${JOBSIFT_WIDGET_STABLE:-0}" = 1 ]; then
  log "cargo build -p $package (wasm-release, stable)"
  CARGO_TARGET_DIR="$target_dir" cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown -p "$package"
else
  toolchain="$(cat scripts/widget-toolchain.txt)"
  # Its own folder: crates built with other flags would invalidate a stable build's.
  target_dir="$target_dir-nightly"
  log "cargo +$toolchain build -p $package (wasm-release, no Debug formatting or locations)"
  CARGO_TARGET_DIR="$target_dir" RUSTFLAGS="-Zfmt-debug=none -Zlocation-detail=none" \
    cargo "+$toolchain" build --quiet --profile wasm-release --target wasm32-unknown-unknown -p "$package"
fi
echo "$target_dir/wasm32-unknown-unknown/wasm-release/${package//-/_}.wasm"

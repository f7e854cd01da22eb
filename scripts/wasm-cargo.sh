#!/usr/bin/env bash
# Builds a wasm crate of the workspace the way the widget ships:
#   bash scripts/wasm-cargo.sh <package> <target-dir> [more cargo arguments, e.g. --features]
# prints the path of the built .wasm. The widget (scripts/build-widget.sh), the peer
# benchmark's engine module (bench/peers/run.sh) and the size floor (bench/widget-floor.sh)
# all come from here, so that the benchmarks measure the build visitors get.
#
# The pinned nightly (scripts/widget-toolchain.txt, installed by install-tools.sh with
# rust-src) compiles our crates and their dependencies with `{:?}` formatting nothing (so
# messages the widget shows use `Display` only) and without source locations, and
# rebuilds std with panics that abort at once (no panic messages or machinery). Cargo
# would build std at the profile's opt-level "z", which made the engine 12% slower;
# overrides for core, alloc and std keep them at 3, as the prebuilt std is (Cargo applies
# a package override to std's crates from --config, not from CARGO_PROFILE_* variables).
# Measured 2026-11-24 (BENCHMARKS.md): widget bundle 190,474 B brotli on stable, 178,273
# with the nightly flags and the prebuilt std, 166,622 with std rebuilt; engine p50 on
# the real corpus unchanged (0.080 ms, three alternating runs against the prebuilt std).
# std is also built with its `optimize_for_size` feature (smaller sorting and number
# formatting code): 1,727 B brotli less, with the engine as fast (2026-11-25, session 22,
# alternating runs: engine p50 at 100k 1.83/1.80 against 1.85/1.79 ms; keystroke to paint
# at 10k p95 12.8-17.5 against 13.4-14.6 ms; first results at 1M 934-1,006 against
# 967-1,002 ms; BENCHMARKS.md).
# MIR inlining is off (`-Zinline-mir=no`): LLVM still inlines, by the size thresholds of
# each crate's opt-level. 604 B brotli less with the engine at "z" (149,713 -> 149,109),
# and first results at 1M no slower in three alternating runs (2026-11-25, session 23).
# JOBSIFT_WIDGET_STABLE=1 builds on stable instead.
#
# The library is built as a cdylib only (`cargo rustc --crate-type cdylib`): Cargo does
# not pass `-C lto` to a crate that is also an rlib, so a package that lists both (the
# benchmark's engine module, which jobsift-bench links natively) got no link-time
# optimisation. With it the widget is 16 KB brotli smaller (2026-11-24, session 21).
set -euo pipefail
cd "$(dirname "$0")/.."
package="$1"
target_dir="$2"
more=("${@:3}")
log() { printf '[wasm-cargo] %s\n' "$*" >&2; }
if [ "${JOBSIFT_WIDGET_STABLE:-0}" = 1 ]; then
  log "cargo rustc -p $package (cdylib, wasm-release, stable)"
  CARGO_TARGET_DIR="$target_dir" cargo rustc --quiet --lib --crate-type cdylib --profile wasm-release --target wasm32-unknown-unknown -p "$package" "${more[@]}"
else
  toolchain="$(cat scripts/widget-toolchain.txt)"
  # Its own folder: crates built with other flags would invalidate a stable build's.
  target_dir="$target_dir-nightly"
  log "cargo +$toolchain rustc -p $package (cdylib, wasm-release, std rebuilt, no Debug formatting or locations)"
  std_at_full_speed=()
  for crate in core alloc std; do
    std_at_full_speed+=(--config "profile.wasm-release.package.$crate.opt-level=3")
  done
  CARGO_TARGET_DIR="$target_dir" RUSTFLAGS="-Zfmt-debug=none -Zlocation-detail=none -Zinline-mir=no -Zunstable-options -Cpanic=immediate-abort" \
    cargo "+$toolchain" rustc --quiet --lib --crate-type cdylib --profile wasm-release --target wasm32-unknown-unknown -p "$package" \
    -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size "${std_at_full_speed[@]}" "${more[@]}"
fi
echo "$target_dir/wasm32-unknown-unknown/wasm-release/${package//-/_}.wasm"

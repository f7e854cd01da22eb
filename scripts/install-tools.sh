#!/usr/bin/env bash
# Installs what building the widget and running the browser tests need, idempotently.
# Each step is skipped when its tool is already there at the right version, so a warm
# machine pays seconds, a cold one a few minutes (wasm-bindgen-cli is the slow part).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[install-tools] %s\n' "$*" >&2; }

# 1. Rust target for the widget.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The pinned nightly the widget is built with (scripts/wasm-cargo.sh), with the
#     wasm32 target and rust-src (it rebuilds std).
widget_toolchain="$(cat scripts/widget-toolchain.txt)"
if ! rustup target list --toolchain "$widget_toolchain" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "installing $widget_toolchain with the wasm32 target (the widget's build)"
  rustup toolchain install "$widget_toolchain" --profile minimal --target wasm32-unknown-unknown --component rust-src
fi
if ! rustup component list --toolchain "$widget_toolchain" --installed 2>/dev/null | grep -q '^rust-src'; then
  log "adding rust-src to $widget_toolchain (the widget's build rebuilds std)"
  rustup component add rust-src --toolchain "$widget_toolchain"
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock resolved (the two must match).
wanted=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
wanted=${wanted:-0.2.130}
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  log "installing wasm-bindgen-cli $wanted (had: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$wanted" --locked \
    || cargo install wasm-bindgen-cli --version "$wanted" --force
fi

# 3. Chromium and its driver from Debian (never a browser download).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4. Node tooling (wasm-opt from npm binaryen, playwright-core, axe-core), from package-lock.json.
if [ -f package.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing node tooling"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
log "tools ready"

#!/usr/bin/env bash
# Runs every test on a fresh or warm machine: installs what is missing (idempotent),
# builds the widget bundle and the CLI, then the Rust tests and the Chromium tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CORPUS="${JOBSIFT_CORPUS:-$(cd .. && pwd)/shared/corpus}"
export JOBSIFT_CORPUS="$CORPUS"

bash scripts/install-tools.sh

if [ -x scripts/build-widget.sh ]; then
  bash scripts/build-widget.sh
fi

echo "== cargo test (workspace)"
cargo test --workspace --release --locked

if [ -d tests/browser ]; then
  echo "== browser tests (headless Chromium)"
  cargo build --release --locked --bin jobsift
  node --test --test-concurrency=1 tests/browser/
fi

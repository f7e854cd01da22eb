#!/usr/bin/env bash
# Builds everything (tools, widget, CLI, the index of the real corpus) and serves the
# demo job board on http://127.0.0.1:${PORT:-8080}/ until interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${JOBSIFT_CORPUS:-$(cd .. && pwd)/shared/corpus}"

bash scripts/install-tools.sh
if [ -x scripts/build-widget.sh ]; then
  bash scripts/build-widget.sh
fi
cargo build --release --locked --bin jobsift
./target/release/jobsift build "$CORPUS/progressivedatajobs" --out out/demo
./target/release/jobsift verify out/demo
./target/release/jobsift query out/demo data --filter tags=union --limit 5
if [ -x scripts/serve-demo.sh ]; then
  exec bash scripts/serve-demo.sh out/demo
fi

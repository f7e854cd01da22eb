#!/usr/bin/env bash
# Runs every test on a fresh or warm machine: installs what is missing (idempotent),
# builds the widget bundle and the CLI, then the Rust tests and the Chromium tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CORPUS="${JOBSIFT_CORPUS:-$(cd .. && pwd)/shared/corpus}"
export JOBSIFT_CORPUS="$CORPUS"

bash scripts/install-tools.sh

# Bounded fuzzing (FUZZ_SECONDS per target, default 60) runs beside the other tests: its
# instrumented build and libFuzzer use their own target folder, and most of the steps
# below leave a core idle (linking, Chromium waiting on the page). The real posts seed
# the front-matter target. JOBSIFT_SKIP_FUZZ=1 leaves it out (quick local runs).
fuzz_pid=""
if [ -z "${JOBSIFT_SKIP_FUZZ:-}" ]; then
  fuzz_seeds="$(mktemp -d)"
  fuzz_log="$fuzz_seeds/fuzz.log"
  ln -s "$CORPUS/progressivedatajobs" "$fuzz_seeds/front_matter"
  echo "== fuzzing in the background (log: $fuzz_log)"
  JOBSIFT_FUZZ_SEEDS="$fuzz_seeds" setsid bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}" >"$fuzz_log" 2>&1 &
  fuzz_pid=$!
  # Its own process group (setsid), so that a failing run stops libFuzzer and cargo too.
  trap 'kill -- -"$fuzz_pid" 2>/dev/null || true' EXIT
fi

if [ -x scripts/build-widget.sh ]; then
  bash scripts/build-widget.sh
fi

# Profile "ci" (Cargo.toml): optimised like release, without LTO.
echo "== cargo test (workspace)"
cargo test --workspace --profile ci --locked

if [ -d tests/browser ]; then
  echo "== browser tests (headless Chromium)"
  cargo build --profile ci --locked --bin jobsift
  JOBSIFT_BIN="$PWD/target/ci/jobsift" JOBSIFT_CARGO_PROFILE=ci node --test --test-concurrency=1 tests/browser/
fi

if [ -n "$fuzz_pid" ]; then
  echo "== fuzzing (waiting for the background run)"
  fuzz_status=0
  wait "$fuzz_pid" || fuzz_status=$?
  trap - EXIT
  grep -v '^\(INFO\|#\)' "$fuzz_log" | tail -n 40
  if [ "$fuzz_status" -ne 0 ]; then
    echo "fuzzing failed (exit $fuzz_status); full log: $fuzz_log" >&2
    exit "$fuzz_status"
  fi
fi

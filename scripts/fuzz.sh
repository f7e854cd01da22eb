#!/usr/bin/env bash
# Bounded fuzzing for CI and local runs (issue 6, item 1).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Runs each cargo-fuzz target in fuzz/ for SECONDS (default 60) seconds, one after the
# other (the machine has 2 cores and other jobs; libFuzzer runs on one). Seeds are
# fuzz/seeds/<target>/ (small, synthetic, committed) plus, when JOBSIFT_FUZZ_SEEDS names
# a folder, its <target>/ subfolders (for local seeding with real indexes and posts,
# which must not be committed). New inputs libFuzzer finds accumulate in
# fuzz/corpus/<target>/ and crashes land in fuzz/artifacts/<target>/ (both git-ignored).
#
# Exits non-zero if any target crashes, hangs (-timeout) or exceeds the memory limits:
# -rss_limit_mb=2048 and -malloc_limit_mb=1024 make an unbounded allocation a finding
# rather than a slow machine. Prints the executions of each target at the end.
#
# Environment: JOBSIFT_FUZZ_SEEDS (extra seed folders), FUZZ_TARGET_DIR (cargo target
# folder for the instrumented build; default fuzz/target).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi

# Toolchain, idempotently: libFuzzer instrumentation (-Zsanitizer, sancov) needs nightly.
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: installing the nightly toolchain" >&2
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# -a: debug assertions on, so arithmetic overflow in the decoders is a crash, not a
# wrapped length. The build is the same for every target, so build once up front.
build_flags=(-a)
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then
    build_flags+=(--target-dir "$FUZZ_TARGET_DIR")
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

build_start=$SECONDS
if [ "$#" -gt 0 ]; then
    for target in "${targets[@]}"; do
        cargo +nightly fuzz build "${build_flags[@]}" "$target"
    done
else
    # Without a target, cargo fuzz builds them all in one cargo invocation.
    cargo +nightly fuzz build "${build_flags[@]}"
fi
echo "fuzz: built in $((SECONDS - build_start)) s" >&2

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=()
summary=()
for target in "${targets[@]}"; do
    corpus="corpus/$target"
    mkdir -p "$corpus" "artifacts/$target"
    inputs=("$corpus")
    [ -d "seeds/$target" ] && inputs+=("seeds/$target")
    if [ -n "${JOBSIFT_FUZZ_SEEDS:-}" ] && [ -d "$JOBSIFT_FUZZ_SEEDS/$target" ]; then
        inputs+=("$JOBSIFT_FUZZ_SEEDS/$target")
    fi
    echo "fuzz: $target for ${seconds} s (seeds: ${inputs[*]})" >&2
    status=0
    cargo +nightly fuzz run "${build_flags[@]}" "$target" "${inputs[@]}" -- \
        -max_total_time="$seconds" \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -timeout=20 \
        -print_final_stats=1 \
        >"$logs/$target.log" 2>&1 || status=$?
    executions="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$target.log" | grep -o '[0-9]*$' | tail -n1)"
    if [ "$status" -ne 0 ]; then
        # The panic message or sanitizer report, then the saved input and how to replay it
        # (the full log is long: libFuzzer's dictionary and a Rust backtrace).
        grep -E -A3 'panicked at|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY:' "$logs/$target.log" | grep -v '^\s*[0-9]*: ' | head -n 30 >&2 || true
        grep -E -A2 'Test unit written to|Reproduce with' "$logs/$target.log" >&2 || true
        failed+=("$target")
        summary+=("$(printf '%-18s FAILED (exit %s) after %s executions' "$target" "$status" "${executions:-?}")")
    else
        summary+=("$(printf '%-18s %12s executions in %s s, no crash' "$target" "${executions:-?}" "$seconds")")
    fi
done

echo "fuzz: results"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi

#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 180), one after the
# other, and prints each target's executions and findings. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain build the
# sanitizer-instrumented targets.
#
#   fuzz/run.sh                     every target, 180 s each
#   SECONDS_PER_TARGET=600 fuzz/run.sh pipeline secrets
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
seconds=${SECONDS_PER_TARGET:-180}
mapfile -t all < <(cargo fuzz list)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
[ -d corpus ] || ./seed.sh
[ -n "${FUZZ_BIN:-}" ] || cargo fuzz build -a
# The binaries are run directly: editing the sources meanwhile does not rebuild them mid-run.
bin=${FUZZ_BIN:-target/x86_64-unknown-linux-gnu/release}
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    # -timeout: one input taking longer than 10 s is a hang and is reported as a finding.
    mkdir -p "artifacts/$t"
    "$bin/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        >"logs/$t.log" 2>&1 || true
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "logs/$t.log" | grep -Eo '[0-9]+$' || echo "?")
    found=$(ls "artifacts/$t" 2>/dev/null | wc -l)
    echo "$t: $runs executions, $found artifact(s)"
done

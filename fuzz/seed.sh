#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the repository's fixtures and examples.
# The corpora are not committed (fuzz/.gitignore); inputs that found a bug are, under
# fuzz/regressions/<target>/, and tests/fuzz_regressions.rs replays them in CI.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { # seed TARGET FILE...
    local target=$1
    shift
    mkdir -p "corpus/$target"
    for f in "$@"; do
        cp "$f" "corpus/$target/$(sha1sum "$f" | cut -c1-16)"
    done
}
files() { # files EXT... : every fixture file with one of these extensions
    local args=() ext
    for ext in "$@"; do args+=(-o -name "*.$ext"); done
    find "$root/fixtures" -type f \( "${args[@]:1}" \)
}
mapfile -t py < <(files py)
mapfile -t rb < <(files rb rake)
mapfile -t js < <(files js mjs cjs)
mapfile -t ts < <(files ts tsx)
mapfile -t rs < <(files rs)
mapfile -t go < <(files go)
mapfile -t php < <(files php)
mapfile -t java < <(files java)
mapfile -t cs < <(files cs)
seed extract_python "${py[@]}"
seed extract_ruby "${rb[@]}"
seed extract_javascript "${js[@]}"
seed extract_typescript "${ts[@]}"
seed extract_rust "${rs[@]}"
seed extract_go "${go[@]}"
seed extract_php "${php[@]}"
seed extract_java "${java[@]}"
seed extract_csharp "${cs[@]}"
mapfile -t all < <(find "$root/fixtures" -type f)
seed secrets "${all[@]}"
# Key-shaped seeds are built here, never stored in the repository.
mkdir -p corpus/secrets
body=$(printf 'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ%.0s' 1 2 3 4)
for prefix in sk_live sk_test rk_live rk_test whsec sk_org; do
    printf 'stripe.api_key = "%s_51%s"\n' "$prefix" "$body" > "corpus/secrets/key-$prefix"
done
mapfile -t configs < <(find "$root" -maxdepth 1 -name '.rakscan.yaml'; find "$root/fixtures" -name '*.yaml' -o -name '*.yml')
mkdir -p corpus/config
printf 'exclude: ["tests/fixtures/**", "*.min.js"]\ninclude: []\nrules:\n  stripe-secret-key-test: error\n  unused-suppression: off\nkeys:\n  - name: billing\n    paths: ["services/billing/**", "lib/x.py"]\n' > corpus/config/readme
cargo run -q --manifest-path "$root/Cargo.toml" -- init --stdout > corpus/config/init 2>/dev/null || true
[ ${#configs[@]} -eq 0 ] || seed config "${configs[@]}"
seed manifest "$root"/tests/golden/*.yaml
printf 'name: billing\npermissions: [customer_write, payment_intent_read]\n' > corpus/manifest/minimal
printf '{"version":1,"entries":[]}\n' > corpus/manifest/baseline
# Pipeline inputs: a name-choosing byte, then the file (see rakscan::harness::pipeline).
mkdir -p corpus/pipeline
i=0
for f in "${all[@]}"; do
    case "$f" in # the index of the matching name in harness::NAMES
        *.py) n=0 ;; *.rb | *.rake) n=1 ;; *.js | *.cjs) n=3 ;; *.ts) n=4 ;; *.tsx) n=5 ;;
        *.mjs) n=6 ;; *.rs) n=7 ;; *.go) n=8 ;; *.php) n=9 ;; *.java) n=10 ;; *go.mod) n=14 ;;
        *package.json) n=15 ;; *.cs) n=16 ;; *) n=13 ;;
    esac
    { printf "\\x$(printf %02x "$n")"; cat "$f"; } > "corpus/pipeline/f$i"
    i=$((i + 1))
done

#!/usr/bin/env bash
# Benchmarks rakscan against peers on generated trees, with hyperfine.
#
#   bash benches/run.sh            # full run: 1x, 4x, 16x realistic trees + a Stripe-dense tree
#   QUICK=1 bash benches/run.sh    # 1x only, fewer runs
#
# Needs hyperfine and ripgrep (apt-get install hyperfine ripgrep); gitleaks is used when on PATH.
# Prints a Markdown table of medians, ratios to `rg -l -i stripe` and peak memory; paste it into
# BENCHMARKS.md with the machine and versions it prints first.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install hyperfine ripgrep)" >&2; exit 1; }
done
cargo build --release -q -p rakscan -p xtask
rakscan=$PWD/target/release/rakscan
corpus=${CORPUS_DIR:-$PWD/benches/corpus}
runs=${RUNS:-10}
mkdir -p "$corpus" "$corpus/results"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
echo "versions: $($rakscan --version), $(rg --version 2>/dev/null | head -1 || true), $(hyperfine --version)$(command -v gitleaks >/dev/null && echo ", gitleaks $(gitleaks version)")"

generate() { # name files stripe-percent
  [ -d "$corpus/$1" ] || ./target/release/xtask gen-corpus "$corpus/$1" --files "$2" --stripe-percent "$3" >/dev/null
}
peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

sizes=("x1:5000:3" "dense:2000:100")
[ -n "${QUICK:-}" ] || sizes=("x1:5000:3" "x4:20000:3" "x16:80000:3" "dense:2000:100")

echo
echo "| tree | files | rakscan median | rg -l -i stripe median | ratio | rakscan peak RSS |$(command -v gitleaks >/dev/null && echo ' gitleaks median |')"
echo "|---|---|---|---|---|---|$(command -v gitleaks >/dev/null && echo '---|')"
for spec in "${sizes[@]}"; do
  IFS=: read -r name files percent <<<"$spec"
  generate "$name" "$files" "$percent"
  tree="$corpus/$name"
  commands=("$rakscan scan --format json --exit-zero $tree" "rg -l -i stripe $tree")
  command -v gitleaks >/dev/null && commands+=("gitleaks dir --no-banner --exit-code 0 $tree")
  hyperfine -N -w 2 -r "$runs" -i --export-json "$corpus/results/$name.json" "${commands[@]}" >/dev/null 2>&1
  medians=$(python3 -c 'import json,sys; print(" ".join("%.1f" % (r["median"]*1000) for r in json.load(open(sys.argv[1]))["results"]))' "$corpus/results/$name.json")
  read -r ours rg gl <<<"$medians"
  ratio=$(python3 -c "print('%.2f' % ($ours/$rg))")
  rss=$(peak_kib "$rakscan" scan --format json --exit-zero "$tree")
  echo "| $name | $files | ${ours} ms | ${rg} ms | ${ratio}x | $((rss / 1024)) MiB |${gl:+ ${gl} ms |}"
done

# A pre-commit run: ten files named on the command line.
files=$(find "$corpus/x1" -name '*.py' -print | head -10 || true)
hyperfine -N -w 3 -r 30 --export-json "$corpus/results/ten-files.json" "$rakscan scan --format json --exit-zero $(echo $files)" >/dev/null 2>&1
echo
echo "ten files named on the command line (pre-commit): $(python3 -c 'import json,sys; print("%.1f ms median" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$corpus/results/ten-files.json")"

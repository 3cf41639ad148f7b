#!/usr/bin/env bash
# Benchmarks rakscan against peers on generated trees, with hyperfine.
#
#   bash benches/run.sh            # full run: 1x, 4x, 16x realistic trees + a Stripe-dense tree
#   QUICK=1 bash benches/run.sh    # the 1x and dense trees only
#
# Needs hyperfine and ripgrep (apt-get install hyperfine ripgrep). Optional peers: semgrep with a
# call-matching rule (benches/semgrep-stripe.yaml; `bash benches/install-peers.sh` installs it into
# benches/.venv) and gitleaks for secrets only, each used when found.
# Prints a Markdown table of medians, ratios to `rg -l -i stripe`, the parse floor (`xtask
# parse-floor`: walk, read and parse the files naming Stripe, nothing else) and peak memory;
# paste it into BENCHMARKS.md with the machine and versions it prints first.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install hyperfine ripgrep)" >&2; exit 1; }
done
cargo build --release -q -p rakscan -p xtask
rakscan=$PWD/target/release/rakscan
# Walk + read + parse of the files naming Stripe, no analysis: the floor of any tree-sitter scanner.
floor="$PWD/target/release/xtask parse-floor"
semgrep=${SEMGREP:-$PWD/benches/.venv/bin/semgrep}
[ -x "$semgrep" ] || semgrep=$(command -v semgrep || true)
corpus=${CORPUS_DIR:-$PWD/benches/corpus}
runs=${RUNS:-10}
mkdir -p "$corpus" "$corpus/results"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
echo "versions: $($rakscan --version), $(rg --version 2>/dev/null | head -1 || true), $(hyperfine --version)$(command -v gitleaks >/dev/null && echo ", gitleaks $(gitleaks version)")${semgrep:+, semgrep $("$semgrep" --version 2>/dev/null)}"

generate() { # name files stripe-percent
  [ -d "$corpus/$1" ] || ./target/release/xtask gen-corpus "$corpus/$1" --files "$2" --stripe-percent "$3" >/dev/null
}
peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

sizes=("x1:5000:3" "dense:2000:100")
[ -n "${QUICK:-}" ] || sizes=("x1:5000:3" "x4:20000:3" "x16:80000:3" "dense:2000:100")

peers="" rules=""
[ -n "$semgrep" ] && peers+=" semgrep median |" rules+="---|"
command -v gitleaks >/dev/null && peers+=" gitleaks median |" rules+="---|"
echo
echo "| tree | files | rakscan median | rakscan CPU (user+sys) | rg -l -i stripe median | ratio | parse floor median | rakscan peak RSS |$peers"
echo "|---|---|---|---|---|---|---|---|$rules"
for spec in "${sizes[@]}"; do
  IFS=: read -r name files percent <<<"$spec"
  generate "$name" "$files" "$percent"
  tree="$corpus/$name"
  commands=("$rakscan scan --format json --exit-zero $tree" "rg -l -i stripe $tree" "$floor $tree")
  command -v gitleaks >/dev/null && commands+=("gitleaks dir --no-banner --exit-code 0 $tree")
  hyperfine -N -w 2 -r "$runs" -i --export-json "$corpus/results/$name.json" "${commands[@]}" >/dev/null 2>&1
  semgrep_ms=""
  if [ -n "$semgrep" ] && [ "$name" != x4 ] && [ "$name" != x16 ]; then
    # Seconds per run (minutes on the large trees, which it skips): three runs, no warm-up.
    hyperfine -N -r 3 -i --export-json "$corpus/results/$name-semgrep.json" \
      "$semgrep scan --config benches/semgrep-stripe.yaml --metrics off --disable-version-check --no-git-ignore --quiet --json -o /dev/null $tree" >/dev/null 2>&1
    semgrep_ms=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$corpus/results/$name-semgrep.json")
  fi
  read -r ours cpu rg floor_ms others <<<"$(python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
first = results[0]
fields = ["%.1f" % (first["median"] * 1000), "%.0f" % ((first["user"] + first["system"]) * 1000)]
fields += ["%.1f" % (r["median"] * 1000) for r in results[1:]]
print(" ".join(fields))' "$corpus/results/$name.json")"
  ratio=$(python3 -c "print('%.2f' % ($ours/$rg))")
  rss=$(peak_kib "$rakscan" scan --format json --exit-zero "$tree")
  row="| $name | $files | ${ours} ms | ${cpu} ms | ${rg} ms | ${ratio}x | ${floor_ms} ms | $((rss / 1024)) MiB |"
  [ -n "$semgrep" ] && row+=" ${semgrep_ms:-not run}${semgrep_ms:+ ms} |"
  for other in $others; do row+=" ${other} ms |"; done
  echo "$row"
done

# One ~1 MB file of thousands of small functions using Stripe per language, one thread: time
# that grows faster than the file shows up here (a Ruby method index once took 7.4 s).
[ -d "$corpus/big" ] || ./target/release/xtask gen-corpus "$corpus/big" --big-files 1000000 >/dev/null
hyperfine -N -w 1 -r 5 -L ext py,ts,js,rb,go,java,php,cs,rs --export-json "$corpus/results/big.json" \
  "$rakscan scan --format json --exit-zero -j 1 $corpus/big/big.{ext}" >/dev/null 2>&1
echo
echo "one ~1 MB file per language, -j 1 (median): $(python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(", ".join("%s %.0f ms" % (r["parameters"]["ext"], r["median"] * 1000) for r in results))' "$corpus/results/big.json")"

# A pre-commit run: ten files named on the command line.
files=$(find "$corpus/x1" -name '*.py' -print | head -10 | tr '\n' ' ' || true)
hyperfine -N -w 3 -r 30 --export-json "$corpus/results/ten-files.json" "$rakscan scan --format json --exit-zero $files" >/dev/null 2>&1
echo
echo "ten files named on the command line (pre-commit): $(python3 -c 'import json,sys; print("%.1f ms median" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$corpus/results/ten-files.json")"

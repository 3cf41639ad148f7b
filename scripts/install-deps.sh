#!/usr/bin/env bash
# Installs what the tests need beyond Cargo's own dependencies (Rust crates come from Cargo.lock).
#
# - The official SARIF 2.1.0 JSON schema, to validate `--format sarif` against. It is taken from
#   the npm package @microsoft/jest-sarif (which ships the OASIS schema, version 2.1.0-rtm.5)
#   into .test-deps/, which git ignores.
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

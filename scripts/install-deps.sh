#!/usr/bin/env bash
# Installs the tools the build and tests need beyond Cargo's own dependencies.
# Everything Rust comes from Cargo.lock; today nothing else is required, so this only checks
# that the toolchain is there and says what it found.
set -euo pipefail
command -v cargo >/dev/null || { echo "cargo is required (https://rustup.rs)" >&2; exit 1; }
cargo --version

#!/usr/bin/env bash
# Installs the optional peers of the benchmark that come from a package registry here:
# semgrep (PyPI, pinned) into benches/.venv. hyperfine and ripgrep come from Debian
# (apt-get install hyperfine ripgrep). gitleaks and kingfisher are release binaries from
# GitHub, which these machines do not reach; benches/run.sh uses them when they are on PATH.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check "semgrep==1.170.0"
.venv/bin/semgrep --version

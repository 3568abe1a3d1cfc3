#!/usr/bin/env bash
# Set up, lint, and run the whole test suite (doctests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check geomap tests gazetteer bench
.venv/bin/python -m pytest -q

#!/usr/bin/env bash
# Set up and map the sample dispatch into outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/geomap map seeds/avdiivka-dispatch.txt -o outputs

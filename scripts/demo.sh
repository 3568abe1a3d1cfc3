#!/usr/bin/env bash
# Set up and map the sample dispatches (English, and one in Ukrainian) into outputs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/geomap map seeds/avdiivka-dispatch.txt seeds/pokrovsk-zvedennia-uk.txt -o outputs

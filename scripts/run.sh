#!/usr/bin/env bash
# The main job: set up, ingest the sample corpus into the embedded store, serve the web UI and API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/vanban ingest corpus/documents
exec .venv/bin/vanban serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"

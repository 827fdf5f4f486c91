#!/usr/bin/env bash
# The main job: set up, ingest the sample corpus into the embedded store, serve the web UI and API.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/vanban ingest corpus/documents
# First start only: an admin key to log in to the web UI with (printed once; more: vanban keys create)
.venv/bin/vanban keys create --role admin --name "admin (run.sh)" --if-none
exec .venv/bin/vanban serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"

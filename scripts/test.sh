#!/usr/bin/env bash
# Set up and run the whole test suite (SQLite and PostgreSQL store tests, OCR, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# The store tests also run against PostgreSQL on 127.0.0.1:5432 (database "test"): start it if it is down.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

exec .venv/bin/python -m pytest -n 2 --dist loadgroup -q "$@"

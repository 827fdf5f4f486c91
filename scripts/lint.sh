#!/usr/bin/env bash
# Lint as CI does (`make lint`): ruff check, ruff format --check, mypy, all configured in pyproject.toml.
# Runs all three and fails if any fails. Arguments narrow the ruff paths (default: every Python folder).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
paths=("$@")
((${#paths[@]})) || paths=(extractor models graph service tests benchmarks scripts)
status=0
echo "lint: ruff check";          .venv/bin/ruff check "${paths[@]}" || status=1
echo "lint: ruff format --check"; .venv/bin/ruff format --check "${paths[@]}" || status=1
echo "lint: mypy";                .venv/bin/mypy || status=1
exit $status

#!/usr/bin/env bash
# The test command (README and .ci/run call exactly this): install into .venv, prepare
# PostgreSQL, lint, run the whole suite on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
# Playwright (test extra) drives the system's Chromium (/usr/bin/chromium, installed by .ci/run);
# it never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,cluster]'
bash scripts/ci_postgres.sh
export GONGBAO_TEST_PG="${GONGBAO_TEST_PG:-postgresql+psycopg://postgres@127.0.0.1:5432/gongbao_test}"
.venv/bin/ruff check src tests bench
.venv/bin/mypy src/gongbao
.venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# The project's checks: lint, types, tests. README command (2); .ci/run calls it too.
# Uses .venv when present (made by the README's first command), else the current Python.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
    if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
"$PY" -m ruff check rasid tests bench
"$PY" -m mypy rasid
set +e
"$PY" -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; a run that tests nothing fails" >&2
    exit 1
fi
exit "$code"

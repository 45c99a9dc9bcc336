"""Store test fixtures: a real SQLite file in tmp_path and a real PostgreSQL server.

PostgreSQL comes from `.ci/setup-postgres.sh` (URL in RASID_TEST_PG_URL, default below). Outside CI an
unavailable server skips those tests with a loud reason; with CI=true it fails them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_helpers import PG_SKIPPED, pg_url_or_skip  # noqa: E402


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if PG_SKIPPED:
        terminalreporter.write_sep("!", "PostgreSQL store tests were SKIPPED", red=True, bold=True)
        terminalreporter.write_line(PG_SKIPPED[0], red=True)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def pg_url() -> str:
    return pg_url_or_skip()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return pg_url_or_skip()


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    from rasid.store import Store

    s = Store(store_url)
    yield s
    s.close()

"""Store test fixtures: a real SQLite file in tmp_path and a real PostgreSQL server.

PostgreSQL comes from `.ci/setup-postgres.sh` (URL in RASID_TEST_PG_URL, default below). Outside CI an
unavailable server skips those tests with a loud reason; with CI=true it fails them.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

DEFAULT_PG_URL = "postgresql://rasid:rasid@127.0.0.1:5432/rasid_test"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


_SESSION_DB: dict[str, str] = {}
_PG_SKIPPED: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _PG_SKIPPED:
        terminalreporter.write_sep("!", "PostgreSQL store tests were SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_PG_SKIPPED[0], red=True)


def record_figures(config: pytest.Config, name: str, **values: object) -> None:
    """Figures a reliability test reports (faults injected, inputs fuzzed, rows lost) at the end of the run
    (tests/conftest.py prints them, and writes $RASID_RELIABILITY_REPORT as JSON)."""
    figures: dict[str, dict[str, object]] = config.__dict__.setdefault("rasid_figures", {})
    figures.setdefault(name, {}).update(values)


def _session_database(base_url: str) -> str:
    """A database of this test session's own (several people run the suite at once on one server)."""
    if base_url in _SESSION_DB:
        return _SESSION_DB[base_url]
    import atexit
    import uuid

    import sqlalchemy as sa

    from rasid.store.db import normalise_url

    url = sa.engine.make_url(normalise_url(base_url))
    name = f"rasid_t_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))

    def drop() -> None:
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()

    atexit.register(drop)
    _SESSION_DB[base_url] = url.set(database=name).render_as_string(hide_password=False)
    return _SESSION_DB[base_url]


def pg_url_or_skip() -> str:
    """A clean PostgreSQL database (empty schema) for one test, or skip (fail under CI) loudly."""
    import sqlalchemy as sa

    base = os.environ.get("RASID_TEST_PG_URL") or DEFAULT_PG_URL
    if _PG_SKIPPED:  # the server was already found missing: do not wait for it again
        if _in_ci():
            pytest.fail(f"CI=true but {_PG_SKIPPED[0]}")
        pytest.skip(_PG_SKIPPED[0])
    try:
        url = _session_database(base)
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    except Exception as exc:
        reason = (f"PostgreSQL NOT TESTED: no server at {base} ({type(exc).__name__}); "
                  f"run `eval \"$(bash .ci/setup-postgres.sh)\"` to test it")
        _PG_SKIPPED.append(reason)
        if _in_ci():
            pytest.fail(f"CI=true but {reason}")
        warnings.warn(reason, stacklevel=1)
        print(f"\n*** {reason} ***", file=sys.stderr)
        pytest.skip(reason)
    return url


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

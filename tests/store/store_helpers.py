"""PostgreSQL for the store tests, and the reliability figures they report.

A module of its own (not conftest) so that every test imports the one copy of its state, whatever order
pytest loads the folders' conftest files in.
"""

from __future__ import annotations

import os
import sys
import warnings

import pytest

DEFAULT_PG_URL = "postgresql://rasid:rasid@127.0.0.1:5432/rasid_test"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


_SESSION_DB: dict[str, str] = {}
PG_SKIPPED: list[str] = []


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
    if PG_SKIPPED:  # the server was already found missing: do not wait for it again
        if _in_ci():
            pytest.fail(f"CI=true but {PG_SKIPPED[0]}")
        pytest.skip(PG_SKIPPED[0])
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
        PG_SKIPPED.append(reason)
        if _in_ci():
            pytest.fail(f"CI=true but {reason}")
        warnings.warn(reason, stacklevel=1)
        print(f"\n*** {reason} ***", file=sys.stderr)
        pytest.skip(reason)
    return url

"""Engines, migrations and write transactions that behave the same on SQLite and PostgreSQL.

- `sqlite:///path` files run in WAL mode with a busy timeout; every write transaction starts with
  `BEGIN IMMEDIATE`, so two processes writing one file queue up instead of failing half-way.
- `postgresql://` URLs use psycopg 3; each write transaction takes one advisory lock, so resolution
  (which reads and rewrites clusters) is serialised across processes while extraction stays parallel.
- Migrations (Alembic, `rasid/store/migrations`) run on open, inside the same lock.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0006"
#: pg_advisory_xact_lock key shared by every rasid writer ("rasid" in ASCII).
PG_LOCK_KEY = 0x7261736964


class StoreError(Exception):
    """A problem the user can fix (bad URL, unreachable server, unwritable file): one-line message."""


def normalise_url(url: str) -> str:
    """Accept the URLs people type; pick the installed PostgreSQL driver (psycopg 3)."""
    url = url.strip()
    if not url:
        raise StoreError("empty database URL")
    if "://" not in url:
        if url.endswith((".db", ".sqlite", ".sqlite3")):
            return f"sqlite:///{url}"
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///path.db or postgresql://user@host/db)")
    scheme, rest = url.split("://", 1)
    if scheme in ("postgres", "postgresql", "postgresql+psycopg2"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "postgresql+psycopg", "sqlite+pysqlite"):
        return url
    raise StoreError(f"unsupported database URL scheme {scheme!r} (use sqlite:/// or postgresql://)")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"bad database URL: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            raise StoreError("an in-memory SQLite store cannot be shared; give a file: sqlite:///path.db")
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"directory of the SQLite file does not exist: {parent}")
        engine = sa.create_engine(url, connect_args={"timeout": 60})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout = 60000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("rasid_write") else "BEGIN")

        return engine
    return sa.create_engine(url, pool_pre_ping=True,
                            connect_args={"connect_timeout": 10, "client_encoding": "utf8"})


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _retryable(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        marker in text
        for marker in ("database is locked", "database is busy", "deadlock detected", "could not serialize")
    )


@contextmanager
def _write_conn(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.info["rasid_write"] = True
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
                yield conn
        finally:
            conn.info.pop("rasid_write", None)


def retry_when_locked(work: Callable[[], T], *, attempts: int = 8) -> T:
    """Run `work`, again after a growing, jittered pause while the database reports itself locked or busy."""
    for attempt in range(attempts):
        try:
            return work()
        except sa.exc.OperationalError as exc:
            if not _retryable(exc) or attempt == attempts - 1:
                raise
            time.sleep(min(5.0, 0.2 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def write(engine: Engine, work: Callable[[Connection], T], *, attempts: int = 8) -> T:
    """Run `work` in one serialised write transaction; retry the whole transaction when locked."""

    def once() -> T:
        with _write_conn(engine) as conn:
            return work(conn)

    return retry_when_locked(once, attempts=attempts)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (no-op when it already is; cheap check first)."""
    try:
        # two processes creating one SQLite file at once: switching it to WAL can report "locked" at once,
        # without waiting for the busy timeout
        if retry_when_locked(lambda: current_revision(engine)) == HEAD_REVISION:
            return
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot open store: {_oneline(exc)}") from None

    from alembic import command
    from alembic.config import Config

    def run(conn: Connection) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

    write(engine, run)


def _oneline(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split())
    return text[:300]


def describe_error(exc: BaseException) -> str:
    """One line for the CLI from a database exception."""
    return _oneline(exc)

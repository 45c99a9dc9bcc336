"""Engines, migrations and write transactions that behave the same on SQLite and PostgreSQL.

- `sqlite:///path` files run in WAL mode with a busy timeout; every write transaction starts with
  `BEGIN IMMEDIATE`, so two processes writing one file queue up instead of failing half-way.
- `postgresql://` URLs use psycopg 3; each write transaction takes one advisory lock, so resolution
  (which reads and rewrites clusters) is serialised across processes while extraction stays parallel.
- Migrations (Alembic, `rasid/store/migrations`) run on open, inside the same lock.
- Waiting for the write lock has a limit (`lock_timeout`) and says who holds it. On PostgreSQL every
  connection names its process (`application_name` = "rasid <pid> <start> <host>"), so a lock held by a
  connection whose rasid process is dead (its socket kept open by some other process) is recognised as
  stale and its session ended; the server also ends sessions left idle inside a transaction.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
import weakref
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
#: Default limit of a wait for the write lock (seconds); `Store(lock_timeout=...)`, `--lock-timeout`.
LOCK_TIMEOUT = 600.0
#: A wait for the write lock is announced (logger "rasid.store") after this many seconds, then every minute.
ANNOUNCE_AFTER = 3.0
#: How long a write keeps trying to reach a database that went away (seconds).
RECONNECT_TIMEOUT = 120.0
#: The server ends a rasid session left idle inside a transaction this long (a client gone silent).
IDLE_IN_TRANSACTION = "10min"

log = logging.getLogger("rasid.store")
#: Per engine: the lock timeout and how to name what a writer waits for.
_SETTINGS: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()


class StoreError(Exception):
    """A problem the user can fix (bad URL, unreachable server, unwritable file): one-line message."""


class LockTimeout(StoreError):
    """Waited `lock_timeout` seconds for the store's write lock; the message names the holder."""


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


def _start_ticks(pid: int) -> str:
    """The process's start time in clock ticks since boot ("0" where /proc does not exist): with the pid,
    it tells a live process from a later one that reused the pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "0"


def application_name(pid: int | None = None, start: str | None = None, host: str | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    start = _start_ticks(pid) if start is None else start
    return f"rasid {pid} {start} {host or socket.gethostname()}"[:63]  # PostgreSQL keeps 63 bytes


def process_is_gone(app_name: str) -> bool:
    """True when `app_name` names a rasid process of this host that no longer runs."""
    parts = app_name.split(" ", 3)
    if len(parts) != 4 or parts[0] != "rasid" or not parts[1].isdigit():
        return False
    pid, start = int(parts[1]), parts[2]
    if application_name(pid, start) != app_name:
        return False  # another host (or the name was cut differently): cannot tell
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return start != "0" and _start_ticks(pid) not in (start, "0")  # the pid now belongs to another process


def make_engine(url: str, *, lock_timeout: float = LOCK_TIMEOUT) -> Engine:
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
        engine = sa.create_engine(url, connect_args={"timeout": min(lock_timeout, 2.0)})
        _SETTINGS[engine] = {"lock_timeout": lock_timeout, "what": f"the write lock of the SQLite store {database}"}

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            # short waits inside SQLite; `write` waits longer, announcing it, up to the lock timeout
            cur.execute(f"PRAGMA busy_timeout = {int(min(lock_timeout, 2.0) * 1000)}")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("rasid_write") else "BEGIN")

        return engine
    engine = sa.create_engine(url, pool_pre_ping=True, connect_args={
        "connect_timeout": 10, "client_encoding": "utf8",
        # a dead server or network is noticed within about a minute rather than never
        "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
    })
    _SETTINGS[engine] = {"lock_timeout": lock_timeout, "what": "the store's write lock"}

    @sa.event.listens_for(engine, "connect")
    def _on_pg_connect(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT set_config('application_name', %s, false), "
                        "set_config('idle_in_transaction_session_timeout', %s, false)",
                        (application_name(), IDLE_IN_TRANSACTION))
        dbapi_conn.commit()

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _retryable(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        marker in text
        for marker in ("database is locked", "database is busy", "deadlock detected", "could not serialize")
    )


def _settings(engine: Engine) -> dict[str, Any]:
    return _SETTINGS.get(engine) or {"lock_timeout": LOCK_TIMEOUT, "what": "the store's write lock"}


class _Wait:
    """A wait for the write lock: announced after a few seconds, then every minute; ends in `LockTimeout`."""

    def __init__(self, engine: Engine) -> None:
        self.started = time.monotonic()
        self.limit = float(_settings(engine)["lock_timeout"])
        self.what = _settings(engine)["what"]
        self.announced = 0.0

    def tick(self, holder: str | None = None) -> None:
        waited = time.monotonic() - self.started
        held = f", held by {holder}" if holder else " (another process is writing)"
        if waited >= ANNOUNCE_AFTER and not self.announced:
            self.announced = waited
            log.warning("waiting for %s%s", self.what, held)
        elif waited - self.announced >= 60:
            self.announced = waited
            log.warning("still waiting (%.0f s) for %s%s", waited, self.what, held)
        if waited >= self.limit:
            raise LockTimeout(f"timed out after {waited:.0f} s waiting for {self.what}{held}; "
                              f"raise --lock-timeout or stop the other writer")


_HOLDER = sa.text("""
    SELECT a.pid, a.application_name, a.state, a.client_addr::text AS client,
           EXTRACT(EPOCH FROM now() - a.xact_start) AS xact_s
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :hi AND l.objid = :lo AND l.objsubid = 1
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
""")


def _describe_holder(row: Any) -> str:
    who = row.application_name or "a client"
    if who.startswith("rasid "):
        parts = who.split(" ", 3)
        who = f"rasid process {parts[1]} on {parts[3] if len(parts) > 3 else '?'}"
    since = f" for {row.xact_s:.0f} s" if row.xact_s is not None else ""
    return f"{who} (server pid {row.pid}, {row.state or 'unknown state'}{since})"


def _pg_lock(conn: Connection, engine: Engine) -> None:
    """Take the writers' advisory lock; end the session of a holder whose rasid process is dead."""
    wait = _Wait(engine)
    delay = 0.05
    while not conn.execute(sa.text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY}).scalar():
        holders = conn.execute(_HOLDER, {"hi": PG_LOCK_KEY >> 32, "lo": PG_LOCK_KEY & 0xFFFFFFFF}).all()
        for row in holders:
            if row.application_name and process_is_gone(row.application_name):
                ended = conn.execute(sa.text("SELECT pg_terminate_backend(:p)"), {"p": row.pid}).scalar()
                if ended:
                    log.warning("released a stale write lock: its process (%s) is dead",
                                _describe_holder(row))
        wait.tick(_describe_holder(holders[0]) if holders else None)
        time.sleep(delay * (0.5 + random.random()))
        delay = min(1.0, delay * 2)


@contextmanager
def _write_conn(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        conn.info["rasid_write"] = True
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    _pg_lock(conn, engine)
                yield conn
        finally:
            conn.info.pop("rasid_write", None)


_DISCONNECTED = ("server closed the connection", "terminating connection", "connection refused",
                 "could not connect", "connection is closed", "connection to server", "consuming input failed",
                 "ssl connection has been closed", "connection timed out", "no connection to the server",
                 "broken pipe", "connection reset", "server conn crashed", "the connection is lost")


def disconnected(exc: BaseException) -> bool:
    """The database went away (server restarted, network cut, session ended), as opposed to refusing."""
    if getattr(exc, "connection_invalidated", False):
        return True
    text = str(exc).lower()
    return any(marker in text for marker in _DISCONNECTED)


def retry_when_locked(work: Callable[[], T], engine: Engine | None = None, *, reconnect: bool = True) -> T:
    """Run `work`, again after a growing, jittered pause while the database reports itself locked or busy
    (until the engine's lock timeout) or has gone away (until `RECONNECT_TIMEOUT`: the transaction was
    rolled back with the connection, so running it again is safe). `reconnect=False`: a database that
    cannot be reached fails at once (opening a store: a wrong URL is not a database that went away)."""
    wait = _Wait(engine) if engine is not None else None
    attempt = 0
    lost_since: float | None = None
    while True:
        try:
            result = work()
            if lost_since is not None:
                log.warning("the database is back (after %.0f s)", time.monotonic() - lost_since)
            return result
        except sa.exc.DBAPIError as exc:
            if disconnected(exc) and engine is not None and reconnect:
                now = time.monotonic()
                if lost_since is None:
                    lost_since = now
                    log.warning("lost the connection to the database (%s); retrying for up to %.0f s",
                                describe_error(exc), RECONNECT_TIMEOUT)
                elif now - lost_since > RECONNECT_TIMEOUT:
                    raise StoreError(f"the database went away and did not come back within "
                                     f"{RECONNECT_TIMEOUT:.0f} s: {describe_error(exc)}") from None
                engine.dispose()  # drop the pool's dead connections
                time.sleep(min(5.0, 0.2 * 2**min(attempt, 5)) * (0.5 + random.random()))
                attempt += 1
                continue
            if not isinstance(exc, sa.exc.OperationalError) or not _retryable(exc):
                raise
            if wait is None:
                if attempt >= 7:
                    raise
            else:
                wait.tick()
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
            attempt += 1


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run `work` in one serialised write transaction; retry the whole transaction when locked."""

    def once() -> T:
        with _write_conn(engine) as conn:
            return work(conn)

    return retry_when_locked(once, engine)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


#: Revision 0002 (document versions) was written on a branch while 0003-0006 went in on another, and was
#: then put between 0001 and 0003. A store made by the other chain alone (0001, 0003, ... applied) is
#: stamped past 0002 without its table and columns: `migrate` applies 0002 to it first.
_LATE_REVISION = ("0002", "0002_document_versions.py", "document_versions")


def _skipped_late_revision(conn: Connection) -> bool:
    revision = _revision(conn)
    return revision not in (None, "0001", _LATE_REVISION[0]) and not sa.inspect(conn).has_table(_LATE_REVISION[2])


def _apply_late_revision(conn: Connection) -> None:
    """Run 0002's upgrade on a store whose revision is already past it (see `_LATE_REVISION`)."""
    import importlib.util

    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    spec = importlib.util.spec_from_file_location("rasid_migration_0002", MIGRATIONS / "versions" / _LATE_REVISION[1])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with Operations.context(MigrationContext.configure(conn, opts={"render_as_batch": True})):
        module.upgrade()


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (no-op when it already is; cheap check first)."""

    def up_to_date() -> bool:
        with engine.connect() as conn:
            return _revision(conn) == HEAD_REVISION and not _skipped_late_revision(conn)

    try:
        # two processes creating one SQLite file at once: switching it to WAL can report "locked" at once,
        # without waiting for the busy timeout
        if retry_when_locked(up_to_date, engine, reconnect=False):
            return
    except sa.exc.OperationalError as exc:
        raise StoreError(f"cannot open store: {_oneline(exc)}") from None

    from alembic import command
    from alembic.config import Config

    def run(conn: Connection) -> None:
        if _skipped_late_revision(conn):
            _apply_late_revision(conn)
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

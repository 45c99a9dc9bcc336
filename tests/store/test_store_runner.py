"""Runner workers started while a store connection is open never hold a copy of it: not the SQLite file,
not the PostgreSQL socket (after `kill -9` of the parent, such a copy kept the transaction and its advisory
lock alive)."""

from __future__ import annotations

import os
from pathlib import Path

from rasid.run import LocalRunner


def _open_files(pid: int) -> set[str]:
    """What a process's descriptors point to; one closed between listing and reading is skipped (a worker
    starting up opens and closes files while it is read: seen as a flaky FileNotFoundError)."""
    targets = set()
    for f in os.listdir(f"/proc/{pid}/fd"):
        try:
            targets.add(os.readlink(f"/proc/{pid}/fd/{f}"))
        except FileNotFoundError:
            continue
    return targets


def test_pg_connection_socket_is_not_inherited(pg_url: str) -> None:
    from rasid.store import Store

    with Store(pg_url) as store, store.engine.connect() as conn:
        fd = conn.connection.dbapi_connection.pgconn.socket  # type: ignore[union-attr]
        socket = os.readlink(f"/proc/self/fd/{fd}")
        with LocalRunner(2) as runner:
            for pid in runner.worker_pids():
                targets = _open_files(pid)
                assert targets and socket not in targets


def test_workers_hold_no_database_connection_of_the_parent(tmp_path: Path) -> None:
    """Workers start from a clean fork server, so an open store's file or socket never leaks into them."""
    from rasid.store import Store

    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Store(url) as store:
        conn = store.engine.connect()  # an open connection while the workers start
        with LocalRunner(2) as runner:
            pids = runner.worker_pids()
            assert len(pids) == 2
            for pid in pids:
                targets = _open_files(pid)
                assert not any(t.startswith(str(tmp_path)) for t in targets), targets
        conn.close()

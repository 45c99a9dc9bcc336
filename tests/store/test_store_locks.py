"""After `kill -9` an ingest can run again at once: no process is left behind, no session holds the lock.

A lock wait has a limit and names its holder; a lock whose rasid process is dead (its connection kept
open by another process, as forked workers once did) is recognised and released.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from processes import marked_processes, wait_for

DATA = Path(__file__).parent / "data" / "articles"
CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def articles(folder: Path, start: int, stop: int) -> Path:
    base = [p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (folder / f"gen-{i:04d}.txt").write_text(f"{base[i % len(base)]}\nالخبر رقم {i}\n", encoding="utf-8")
    return folder


def store_url(kind: str, tmp_path: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'locks.db'}"
    from store_helpers import pg_url_or_skip

    return pg_url_or_skip()




def documents(url: str) -> int:
    from rasid.store import Store

    with Store(url) as s:
        return s.stats()["documents"]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_kill9_mid_ingest_leaves_nothing_running_and_the_rerun_completes(kind: str, tmp_path: Path) -> None:
    url = store_url(kind, tmp_path)
    folder = articles(tmp_path / "a", 0, 60)
    documents(url)  # migrate first, so the kill falls in the ingest itself
    mark = uuid.uuid4().hex
    env = {**os.environ, "RASID_TEST_MARK": mark}
    cmd = [*CLI, "ingest", "--db", url, "-j", "2", "--batch-size", "4", "--json", str(folder)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert wait_for(lambda: documents(url) >= 4 or proc.poll() is not None, 180)
    assert proc.poll() is None, "the ingest ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert wait_for(lambda: not marked_processes(mark), 15), "processes outlived the killed ingest"
    if kind == "postgresql":
        import sqlalchemy as sa

        from rasid.store import Store

        with Store(url) as s, s.engine.connect() as conn:
            def idle() -> int:
                return conn.execute(sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()")).scalar_one()
            assert wait_for(lambda: idle() == 0, 10), "a session of the killed ingest is still open"
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert documents(url) == 60
    assert not marked_processes(mark)


HOLDER = textwrap.dedent("""
    import os, signal, sys, time
    from rasid.store import Store, db
    url, mode, pidfile = sys.argv[1], sys.argv[2], sys.argv[3]
    store = Store(url)
    held = db._write_conn(store.engine)
    held.__enter__()  # the write lock is ours, inside an open transaction
    if mode == "orphan":
        child = os.fork()
        if child == 0:  # keeps a copy of the connection's socket, as forked workers once did
            time.sleep(120)
            os._exit(0)
        open(pidfile, "w").write(str(child))
        os.kill(os.getpid(), signal.SIGKILL)  # the rasid process dies; its session lives on
    open(pidfile, "w").write(str(os.getpid()))
    time.sleep(120)
""")


def _hold(url: str, mode: str, tmp_path: Path) -> int:
    pidfile = tmp_path / f"holder-{mode}.pid"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, url, mode, str(pidfile)])
    assert wait_for(lambda: pidfile.exists() and pidfile.read_text() != "", 60)
    if mode == "orphan":
        proc.wait(30)
    return int(pidfile.read_text())


def test_stale_lock_of_a_dead_process_is_released(pg_url: str, tmp_path: Path) -> None:
    folder = articles(tmp_path / "a", 0, 3)
    documents(pg_url)
    orphan = _hold(pg_url, "orphan", tmp_path)
    try:
        started = time.monotonic()
        proc = subprocess.run([*CLI, "ingest", "--db", pg_url, "-j", "1", str(folder)], capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "released a stale write lock" in proc.stderr
        assert time.monotonic() - started < 60
        assert documents(pg_url) == 3
    finally:
        os.kill(orphan, signal.SIGKILL)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_lock_wait_has_a_limit_and_names_the_holder(kind: str, tmp_path: Path) -> None:
    url = store_url(kind, tmp_path)
    folder = articles(tmp_path / "a", 0, 2)
    documents(url)
    holder = _hold(url, "live", tmp_path)
    try:
        proc = subprocess.run([*CLI, "ingest", "--db", url, "-j", "1", "--lock-timeout", "4", str(folder)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert any(line.startswith("rasid: waiting") for line in lines), proc.stderr
        assert re.match(r"rasid: (stopped: )?timed out after \d+ s waiting for", lines[-1]), proc.stderr
        if kind == "postgresql":
            assert f"rasid process {holder} " in lines[-1]
    finally:
        os.kill(holder, signal.SIGKILL)
    assert documents(url) == 0


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_says_what_was_saved(workers: str, tmp_path: Path) -> None:
    url = store_url("sqlite", tmp_path)
    folder = articles(tmp_path / "a", 0, 60)
    documents(url)
    mark = uuid.uuid4().hex
    env = {**os.environ, "RASID_TEST_MARK": mark}
    proc = subprocess.Popen([*CLI, "ingest", "--db", url, "-j", workers, "--batch-size", "4", str(folder)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_for(lambda: documents(url) >= 4 or proc.poll() is not None, 180)
    assert proc.poll() is None, "the ingest ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    saved = documents(url)
    assert 0 < saved < 60 and saved % 4 == 0
    line = next(line for line in err.splitlines() if line.startswith("rasid: interrupted"))
    assert f"saved {saved} new" in line and f"the store holds {saved} article(s)" in line, line
    assert "same command" in line
    assert wait_for(lambda: not marked_processes(mark), 15)

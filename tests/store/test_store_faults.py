"""Fault injection: whatever happens to an ingest, the store ends equal to an uninterrupted run.

Faults: `kill -9` at random points (SQLite and PostgreSQL), two concurrent ingests plus a killed third,
a full disk (a small tmpfs when this machine lets us mount one) and a file-size limit (RLIMIT_FSIZE: the
same refused write, everywhere), and the database going away mid-batch (a proxy that cuts every
connection and refuses new ones for a while; the server ending the ingest's session). After each: the
same articles, mentions, events and claims as the reference run, no duplicates, no process left behind.

Random points come from RASID_FAULT_SEED (default 11), reported with the figures at the end of the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from processes import marked_processes, wait_for
from store_helpers import pg_url_or_skip, record_figures

from rasid.store import Store

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]
SEED = int(os.environ.get("RASID_FAULT_SEED", "11"))
#: Kills per backend in the random-kill test.
KILLS = 3


def corpus(path: Path) -> Path:
    """42 articles: 7 stories, each told by 3 outlets on 2 days (so resolution merges across outlets)."""
    bases = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples").glob("*.txt"))]
    bases += [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "tests/store/data/articles").rglob("*.txt"))]
    rows = []
    for b, text in enumerate(bases[:8]):
        for day in range(2):
            for k in range(3):
                rows.append({"id": f"s{b}-d{day}-o{k}", "outlet": f"outlet{k}.example",
                             "published": f"2019-03-{10 + 3 * b + day:02d}",
                             "text": f"{text}\n\nنشرته الوكالة رقم {k} في اليوم {day}."})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def snapshot(url: str) -> dict[str, Any]:
    """Everything an analyst gets from the store, keyed by content (not by row ids)."""
    with Store(url) as s, s.engine.connect() as c:
        def rows(q: str) -> list[tuple[Any, ...]]:
            return sorted(tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v for v in r)
                          for r in c.execute(sa.text(q)))

        out = {
            "documents": rows("SELECT identity, content_hash, doc_id, outlet, published, extractor_version "
                              "FROM documents"),
            "mentions": rows("SELECT m.mention_key, m.event_type, m.sub_event_type, m.event_date, m.location, "
                             "m.fatalities, m.modality, m.cluster_key FROM mentions m"),
            "events": rows("SELECT event_key, event_date, event_type, sub_event_type, location, fatalities, "
                           "n_mentions, n_sources, source, modality FROM resolved_events"),
            "claims": rows("SELECT d.content_hash, c.idx, c.subject, c.unit, c.stance, c.qualifier "
                           "FROM claims c JOIN documents d ON d.id = c.document_id"),
        }
        dup = c.execute(sa.text("SELECT count(*) - count(DISTINCT identity) FROM documents")).scalar_one()
        assert dup == 0, "two current versions of one document"
    return out


def lost(reference: dict[str, Any], got: dict[str, Any]) -> int:
    """Rows of the reference missing from `got` (0 is the promise)."""
    return sum(len(set(reference[k]) - set(got[k])) for k in reference)




def documents(url: str) -> int:
    try:
        with Store(url) as s:
            return s.stats()["documents"]
    except Exception:
        return -1


def ingest(url: str, source: Path, mark: str, *extra: str, **popen: Any) -> subprocess.Popen[str]:
    env = {**os.environ, "RASID_TEST_MARK": mark}
    return subprocess.Popen([*CLI, "ingest", "--db", url, "-j", "2", "--batch-size", "4", *extra, str(source)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    _out, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("faults") / "corpus.jsonl")


@pytest.fixture(scope="module")
def reference(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An uninterrupted run (SQLite; PostgreSQL gives the same store), and how long it took."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}"
    started = time.monotonic()
    code, err = finish(ingest(url, source, uuid.uuid4().hex))
    assert code == 0, err
    snap = snapshot(url)
    n = len(source.read_text(encoding="utf-8").splitlines())
    assert n >= 40 and len(snap["documents"]) == n and snap["mentions"] and snap["claims"]
    assert len(snap["events"]) < len(snap["mentions"])  # outlets' reports were merged
    return {"snapshot": snap, "seconds": time.monotonic() - started,
            "db_bytes": Path(url.removeprefix("sqlite:///")).stat().st_size}


def _url(kind: str, tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'faults.db'}" if kind == "sqlite" else pg_url_or_skip()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_kill9_at_random_points_then_rerun(kind: str, source: Path, reference: dict[str, Any], tmp_path: Path,
                                           request: pytest.FixtureRequest) -> None:
    url = _url(kind, tmp_path)
    rng = random.Random(f"{SEED}-{kind}")
    mark = uuid.uuid4().hex
    kills = 0
    for _ in range(KILLS):
        proc = ingest(url, source, mark)
        time.sleep(rng.uniform(0.5, max(1.0, reference["seconds"])))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        assert wait_for(lambda: not marked_processes(mark), 15), "processes outlived a killed ingest"
    code, err = finish(ingest(url, source, mark))
    assert code == 0, err
    got = snapshot(url)
    assert got == reference["snapshot"]
    assert not marked_processes(mark)
    record_figures(request.config, f"kill -9 mid-ingest ({kind})", faults_injected=kills, seed=SEED,
                   rows_lost=lost(reference["snapshot"], got), processes_left=0)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_concurrent_ingests_and_a_killed_one(kind: str, source: Path, reference: dict[str, Any],
                                                 tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = _url(kind, tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:30]), encoding="utf-8")  # 12 articles in both halves
    second.write_text("".join(lines[18:]), encoding="utf-8")
    Store(url).close()
    mark = uuid.uuid4().hex
    rng = random.Random(f"{SEED}-concurrent-{kind}")
    procs = [ingest(url, first, mark), ingest(url, second, mark), ingest(url, source, mark)]
    # within half the time one uninterrupted run takes: three runs share the cores, so the third is still going
    time.sleep(rng.uniform(0.5, max(1.0, reference["seconds"] / 2)))
    killed = procs[2].poll() is None
    assert killed, "the third ingest ended before its kill: no fault was injected"
    procs[2].send_signal(signal.SIGKILL)
    procs[2].communicate(timeout=60)
    for p in procs[:2]:
        code, err = finish(p)
        assert code == 0, err
    code, err = finish(ingest(url, source, mark))  # the user runs the killed command again
    assert code == 0, err
    got = snapshot(url)
    assert got == reference["snapshot"]
    assert wait_for(lambda: not marked_processes(mark), 15)
    record_figures(request.config, f"two concurrent ingests + one killed ({kind})", faults_injected=int(killed),
                   rows_lost=lost(reference["snapshot"], got), processes_left=0)


def _stopped_cleanly(code: int, err: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    assert "rasid: stopped:" in err and "run the same command again" in err, err


def _integrity(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as c:
        return str(c.execute("PRAGMA integrity_check").fetchone()[0])


def test_disk_full_on_a_small_tmpfs(source: Path, reference: dict[str, Any], tmp_path: Path,
                                    request: pytest.FixtureRequest) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    size = 2 * reference["db_bytes"]  # the file and its write-ahead log need about three times that
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True)
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mount.stderr.decode().strip()}); the file-size test covers it")
    try:
        url = f"sqlite:///{mnt / 'full.db'}"
        code, err = finish(ingest(url, source, uuid.uuid4().hex))
        _stopped_cleanly(code, err)
        assert "full" in err or "disk I/O" in err, err
        assert _integrity(mnt / "full.db") == "ok"
        kept = documents(url)
        assert 0 <= kept < len(reference["snapshot"]["documents"])
        subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)  # space freed
        code, err = finish(ingest(url, source, uuid.uuid4().hex))
        assert code == 0, err
        got = snapshot(url)
        assert got == reference["snapshot"]
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
    record_figures(request.config, "disk full (tmpfs)", faults_injected=1, kept_before_rerun=kept,
                   rows_lost=lost(reference["snapshot"], got))


def test_file_size_limit(source: Path, reference: dict[str, Any], tmp_path: Path,
                         request: pytest.FixtureRequest) -> None:
    limit = reference["db_bytes"]  # the write-ahead log grows past it after a few batches

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not a killed process

    url = f"sqlite:///{tmp_path / 'limited.db'}"
    code, err = finish(ingest(url, source, uuid.uuid4().hex, preexec_fn=small_files))
    _stopped_cleanly(code, err)
    assert _integrity(tmp_path / "limited.db") == "ok"
    kept = documents(url)
    code, err = finish(ingest(url, source, uuid.uuid4().hex))
    assert code == 0, err
    got = snapshot(url)
    assert got == reference["snapshot"]
    record_figures(request.config, "file-size limit (RLIMIT_FSIZE)", faults_injected=1, kept_before_rerun=kept,
                   rows_lost=lost(reference["snapshot"], got))


class Proxy:
    """A TCP proxy to PostgreSQL that can cut every connection and refuse new ones for a while."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self, seconds: float) -> None:
        """The database goes away: every connection dropped, new ones refused for `seconds`."""
        self.up.clear()
        self.cuts += 1
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
            self.sockets.clear()
        threading.Timer(seconds, self.up.set).start()

    def close(self) -> None:
        self.listener.close()


def test_database_goes_away_mid_batch(source: Path, reference: dict[str, Any], tmp_path: Path,
                                      request: pytest.FixtureRequest) -> None:
    url = pg_url_or_skip()
    parsed = sa.engine.make_url(url)
    proxy = Proxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    via = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    Store(url).close()
    mark = uuid.uuid4().hex
    terminated = 0
    try:
        proc = ingest(via, source, mark)
        assert wait_for(lambda: documents(url) >= 4 or proc.poll() is not None, 180)
        proxy.cut(3.0)  # the network goes, then comes back
        assert wait_for(lambda: documents(url) >= 24 or proc.poll() is not None, 180)
        with Store(url) as s, s.engine.connect() as c:  # the server ends the ingest's sessions
            terminated = c.execute(sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name LIKE 'rasid %' AND pid <> pg_backend_pid()")).scalar_one()
        code, err = finish(proc)
    finally:
        proxy.close()
    assert code == 0, err
    assert "lost the connection to the database" in err and "the database is back" in err, err
    got = snapshot(url)
    assert got == reference["snapshot"]
    assert wait_for(lambda: not marked_processes(mark), 15)
    record_figures(request.config, "database goes away mid-batch (PostgreSQL)",
                   faults_injected=proxy.cuts + int(terminated), rows_lost=lost(reference["snapshot"], got))

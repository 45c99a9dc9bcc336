"""`rasid batch` on a real Dask LocalCluster: shards, restart, crashes, killed workers, same events as ingest."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from rasid.batch.cluster import run_batch
from rasid.batch.shards import done_tasks, read_batch
from rasid.batch.tasks import Task, plan_tasks
from rasid.ingest.readers import ReadFailure, read_paths
from rasid.models import DocResult, Document

ROOT = Path(__file__).resolve().parents[2]
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "news_dev.jsonl"

# Sentences written for these tests (not from any article).
SENTENCES = [
    "قصفت قوات النظام السوري أمس بلدة كفرنبل في ريف إدلب الجنوبي ما أدى إلى مقتل ثلاثة مدنيين.",
    "سيطرت قوات سوريا الديمقراطية على قرية الباغوز بعد اشتباكات عنيفة مع تنظيم داعش.",
    "انفجرت عبوة ناسفة بسيارة عسكرية على طريق الموصل بغداد وقتل جنديان.",
    "خرج مئات المتظاهرين في مدينة السويداء للمطالبة بتحسين الأوضاع المعيشية.",
    "اعتقلت قوات الأمن خمسة أشخاص في حي الشعار بمدينة حلب.",
]


def _corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"t{i:03d}", "text": SENTENCES[i % len(SENTENCES)] + f" ({i})"},
                                    ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def scheduler():
    """One real LocalCluster (two worker processes with nannies) for the module."""
    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=50)
    yield cluster.scheduler_address
    cluster.close()


def _quiet(*_: object) -> None:
    pass


def test_plan_covers_every_line_once_and_ids_are_stable(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 23)
    tasks = [t for t in plan_tasks([corpus], task_size=5) if isinstance(t, Task)]
    assert [t.n_items for t in tasks] == [5, 5, 5, 5, 3]
    ids = [d.doc_id for t in tasks for d in t.read(max_bytes=10**6) if isinstance(d, Document)]
    assert ids == [f"t{i:03d}" for i in range(23)]
    again = [t.task_id for t in plan_tasks([corpus], task_size=5) if isinstance(t, Task)]
    assert again == [t.task_id for t in tasks]
    with corpus.open("a", encoding="utf-8") as handle:  # a changed file makes new tasks
        handle.write(json.dumps({"id": "extra", "text": SENTENCES[0]}, ensure_ascii=False) + "\n")
    changed = [t.task_id for t in plan_tasks([corpus], task_size=5) if isinstance(t, Task)]
    assert not set(changed) & set(again)


def test_gzip_and_files_read_like_ingest(tmp_path):
    gz = tmp_path / "c.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as handle:
        handle.write(_corpus(tmp_path / "plain.jsonl", 7).read_text(encoding="utf-8"))
        handle.write("{not json\n")
    folder = tmp_path / "txt"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(SENTENCES[i], encoding="utf-8")
    items = [t for t in plan_tasks([gz, folder, tmp_path / "missing.jsonl"], task_size=4)]
    failures = [t for t in items if isinstance(t, ReadFailure)]
    assert len(failures) == 1 and "no such file" in failures[0].message
    from_tasks = [(d.doc_id, getattr(d, "text", None)) for t in items if isinstance(t, Task)
                  for d in t.read(max_bytes=10**6)]
    direct = [(d.doc_id, getattr(d, "text", None)) for d in read_paths([gz, folder])]
    assert from_tasks == direct
    assert len(direct) == 11  # 7 articles + 1 malformed line + 3 files


def test_batch_writes_shards_and_a_rerun_skips_them(tmp_path, scheduler):
    corpus = _corpus(tmp_path / "c.jsonl", 12)
    out = tmp_path / "out"
    first = run_batch([corpus], out, scheduler=scheduler, task_size=5, progress=False, echo=_quiet)
    assert (first.tasks, first.skipped, first.articles) == (3, 0, 12)
    assert first.events > 0 and not first.failed_tasks
    assert len(done_tasks(out)) == 3
    for table in ("articles", "events", "entities", "claims", "errors"):
        assert len(list((out / table).glob("part-*.parquet"))) == 3
    assert not list(out.rglob("*.tmp"))
    assert sum(pq.read_table(p).num_rows for p in (out / "articles").glob("*.parquet")) == 12
    second = run_batch([corpus], out, scheduler=scheduler, task_size=5, progress=False, echo=_quiet)
    assert (second.tasks, second.skipped, second.articles) == (3, 3, 0)


def _crash_on_t003(doc: Document) -> DocResult:
    if doc.doc_id == "t003":
        raise RuntimeError("extractor bug triggered by this article")
    from rasid.batch.cluster import _worker_extract

    return _worker_extract()(doc)


def _die_once_on_t007(doc: Document) -> DocResult:
    marker = Path(os.environ["RASID_TEST_MARKER"])
    if doc.doc_id == "t007" and not marker.exists():
        marker.write_text("killed", encoding="utf-8")
        os._exit(1)  # the worker process dies mid-task, as under the OOM killer or kill -9
    from rasid.batch.cluster import _worker_extract

    return _worker_extract()(doc)


@pytest.fixture
def by_value():
    """Let Dask ship this module's fault-injecting functions to the workers by value."""
    import cloudpickle

    module = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(module)
    yield
    cloudpickle.unregister_pickle_by_value(module)


def test_a_crashing_article_is_an_error_record_and_its_task_completes(tmp_path, scheduler, by_value):
    corpus = _corpus(tmp_path / "c.jsonl", 8)
    out = tmp_path / "out"
    summary = run_batch([corpus], out, scheduler=scheduler, task_size=8, progress=False, echo=_quiet,
                        extract=_crash_on_t003)
    assert summary.articles == 7 and not summary.failed_tasks
    [task] = list(read_batch(out))
    assert [d.doc_id for d, _ in task.pairs] == [f"t{i:03d}" for i in range(8) if i != 3]
    assert [(e["doc_id"], e["stage"]) for e in task.errors] == [("t003", "crash")]
    assert "extractor bug" in task.errors[0]["message"]


def test_a_killed_worker_has_its_task_rerun_without_duplicates(tmp_path, scheduler, by_value, monkeypatch):
    from dask.distributed import Client

    marker = tmp_path / "killed.marker"
    with Client(scheduler) as client:  # the workers read the marker path from their environment
        client.run(lambda: os.environ.__setitem__("RASID_TEST_MARKER", str(marker)))
        corpus = _corpus(tmp_path / "c.jsonl", 10)
        out = tmp_path / "out"
        summary = run_batch([corpus], out, scheduler=scheduler, task_size=10, progress=False, echo=_quiet,
                            extract=_die_once_on_t007)
        client.wait_for_workers(2, timeout=60)
        client.run(lambda: os.environ.__setitem__("RASID_TEST_MARKER", str(marker)))
    assert marker.exists(), "the fault was not injected"
    assert not summary.failed_tasks
    ids = [d.doc_id for t in read_batch(out) for d, _ in t.pairs]
    assert ids == [f"t{i:03d}" for i in range(10)]


def test_batch_then_load_equals_ingest_on_the_dev_corpus(tmp_path, scheduler):
    if not DEV_CORPUS.is_file():
        pytest.skip(f"dev corpus not found at {DEV_CORPUS}")
    from rasid.batch.load import load_batch
    from rasid.store.api import Store

    out = tmp_path / "out"
    summary = run_batch([DEV_CORPUS], out, scheduler=scheduler, task_size=60, progress=False, echo=_quiet)
    assert summary.articles == 161 and not summary.failed_tasks
    with Store(f"sqlite:///{tmp_path / 'batch.db'}") as batch_store, \
            Store(f"sqlite:///{tmp_path / 'ingest.db'}") as ingest_store:
        loaded = load_batch(batch_store, out)
        assert loaded.new == 161
        again = load_batch(batch_store, out)  # idempotent
        assert (again.new, again.unchanged) == (0, 161)
        ingest_store.ingest(read_paths([DEV_CORPUS]), workers=1)

        def canonical(store: Store) -> list[str]:
            rows = []
            for ev in store.events():
                ev = ev.model_dump(exclude={"timestamp"})
                rows.append(json.dumps(ev, sort_keys=True, ensure_ascii=False, default=str))
            return sorted(rows)

        assert canonical(batch_store) == canonical(ingest_store)
        assert batch_store.stats() == ingest_store.stats()


def test_a_new_batch_merges_with_events_already_stored(tmp_path, scheduler):
    from rasid.batch.load import load_batch
    from rasid.store.api import Store

    def outlet(path: Path, prefix: str, tail: str) -> Path:
        with path.open("w", encoding="utf-8") as handle:
            for i, sentence in enumerate(SENTENCES):
                handle.write(json.dumps({"id": f"{prefix}{i}", "text": sentence + tail, "published": "2024-03-10"},
                                        ensure_ascii=False) + "\n")
        return path

    first = outlet(tmp_path / "first.jsonl", "a", "")
    second = outlet(tmp_path / "second.jsonl", "b", " وذكرت مصادر محلية ذلك.")  # another outlet, same events
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        run_batch([first], tmp_path / "o1", scheduler=scheduler, progress=False, echo=_quiet)
        load_batch(store, tmp_path / "o1")
        before = store.stats()
        run_batch([second], tmp_path / "o2", scheduler=scheduler, progress=False, echo=_quiet)
        assert load_batch(store, tmp_path / "o2").new == 5
        after = store.stats()
    assert after["mentions"] > before["mentions"]
    assert after["merged_mentions"] > before["merged_mentions"]  # the new reports joined stored events

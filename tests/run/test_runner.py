"""The batch runner: input order, skipping, bounded read-ahead, workers that die with their parent, a
dead worker failing nothing but its own document (that workers hold no store connection of the parent:
tests/store/test_store_runner.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rasid.ingest.readers import ReadFailure, read_paths
from rasid.models import Document
from rasid.pipeline import Pipeline
from rasid.run import LocalRunner, process_many
from rasid.run.local import READ_AHEAD

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SENTENCES = [
    "قصفت طائرات حربية أمس بلدة كفرنبل في ريف إدلب الجنوبي ما أدى إلى مقتل ثلاثة مدنيين.",
    "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر تنظيم داعش قرب بلدة هجين.",
    "تظاهر العشرات في مدينة السويداء احتجاجا على تردي الأوضاع المعيشية.",
    "انفجرت عبوة ناسفة بسيارة عسكرية على الطريق بين الموصل وتلعفر.",
]


def _docs(n: int) -> list[Document]:
    return [Document(doc_id=f"d{i}", text=f"{SENTENCES[i % len(SENTENCES)]} الخبر رقم {i}.",
                     published="2019-03-0" + str(1 + i % 9)) for i in range(n)]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline().warm()


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_input_order_equal_to_the_pipeline(workers: int, pipeline: Pipeline) -> None:
    items: list[Document | ReadFailure] = list(_docs(12))
    items.insert(3, ReadFailure("bad", "bad.txt", "empty file"))
    skip = {"d5", "d6"}
    outcomes = list(process_many(items, workers=workers,
                                 select=lambda docs: [d.doc_id not in skip for d in docs]))
    assert [o.index for o in outcomes] == list(range(13))
    assert [o.item for o in outcomes] == items
    for o in outcomes:
        if isinstance(o.item, ReadFailure):
            assert o.failed and o.result is not None and o.result.errors == ["empty file"]
        elif o.item.doc_id in skip:
            assert o.result is None and not o.failed
        else:
            assert o.result == pipeline.process(o.item)


def test_read_ahead_is_bounded() -> None:
    """A million inputs are never read at once: at the first result, only a window is in memory."""
    read = 0

    def endless():
        nonlocal read
        for d in _docs(10_000):
            read += 1
            yield d

    with LocalRunner(2, window=4) as runner:
        first = next(runner.process_many(endless()))
        assert first.index == 0
        assert read <= 2 * READ_AHEAD + 4


PARENT = textwrap.dedent("""
    import sys, time
    from rasid.run import LocalRunner
    runner = LocalRunner(2).start()
    print(" ".join(map(str, runner.worker_pids())), flush=True)
    time.sleep(120)
""")


def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    proc.send_signal(signal.SIGKILL)  # not reaped until the end: the workers see a zombie parent
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids), "worker processes outlived their parent"
    proc.communicate(timeout=10)  # nobody holds the parent's stdout any more


def test_a_killed_worker_loses_nothing(pipeline: Pipeline) -> None:
    docs = _docs(40)
    with LocalRunner(2, window=6) as runner:
        out = []
        for o in runner.process_many(docs):
            out.append(o)
            if o.index == 5:
                os.kill(runner.worker_pids()[0], signal.SIGKILL)
    assert [o.index for o in out] == list(range(40))
    assert all(o.result == pipeline.process(o.item) for o in out if isinstance(o.item, Document))


def test_examples_through_the_runner(pipeline: Pipeline) -> None:
    items = list(read_paths([EXAMPLES]))
    assert len(items) >= 5
    for o in process_many(items, workers=2):
        assert isinstance(o.item, Document)
        assert o.result == pipeline.process(o.item)

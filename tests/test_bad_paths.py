"""A bad path never stops a run: `extract` and `ingest` give each one stderr line and an error record and
go on with the rest; an unreadable data folder is a warning, not a failure of every article.

Permission tests run the command without the capabilities that let root read anything (when the tests
run as root), so they test what a normal user meets.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = "اشتباكات في الريف\n\nاندلعت اشتباكات عنيفة أمس بين قوات سوريا الديمقراطية وعناصر تنظيم داعش قرب بلدة هجين.\n"
CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]


def _drop_read_privilege() -> None:
    """In the child before exec: root loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (bounding set)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    preexec = _drop_read_privilege if os.geteuid() == 0 else None
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180, preexec_fn=preexec,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    """A folder holding a good article, an unreadable article and an unreadable subfolder."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "locked.txt").write_text(ARTICLE + "نسخة ثانية.\n", encoding="utf-8")
    (root / "sub" / "inner.txt").write_text(ARTICLE + "نسخة ثالثة.\n", encoding="utf-8")
    os.chmod(root / "locked.txt", 0)
    os.chmod(root / "sub", 0)
    preexec = _drop_read_privilege if os.geteuid() == 0 else None
    probe = subprocess.run([sys.executable, "-c", "import sys; open(sys.argv[1]).read()", str(root / "locked.txt")],
                           capture_output=True, text=True, preexec_fn=preexec)
    if "PermissionError" not in probe.stderr:
        pytest.skip(f"cannot make a file unreadable here: {probe.stderr[-200:]}")
    yield root
    os.chmod(root / "sub", 0o755)


def _stderr_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [line for line in proc.stderr.splitlines() if line.strip()]


def test_extract_reports_each_unreadable_path_and_goes_on(unreadable: Path) -> None:
    proc = run("extract", str(unreadable / "locked.txt"), str(unreadable), str(unreadable / "nope.txt"))
    assert proc.returncode == 0
    lines = _stderr_lines(proc)
    assert any("locked.txt: cannot read: Permission denied" in line for line in lines), lines
    assert any("sub: cannot read folder: Permission denied" in line for line in lines), lines
    assert any("nope.txt: no such file or directory" in line for line in lines), lines
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    ok = [r for r in records if not r["errors"]]
    assert [r["doc_id"] for r in ok] == ["good"]
    assert len(records) == 5  # locked.txt twice (named, and inside the folder), sub, good, nope


def test_ingest_takes_the_good_and_records_the_bad(unreadable: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    proc = run("ingest", "--db", url, "--json", "-j", "1", str(unreadable), str(unreadable / "nope.txt"))
    assert proc.returncode == 0, proc.stderr
    lines = _stderr_lines(proc)
    out = json.loads(proc.stdout)
    assert out["summary"]["new"] == 1 and out["store"]["documents"] == 1
    reasons = [f["reason"] for f in out["summary"]["failed"]]
    assert len(reasons) == 3, reasons
    for needle in ("locked.txt: cannot read: Permission denied", "sub: cannot read folder",
                   "nope.txt: no such file or directory"):
        assert any(needle in r for r in reasons), reasons
        assert sum(needle in line for line in lines) == 1, lines


def test_ingest_of_only_missing_paths_fails_cleanly(tmp_path: Path) -> None:
    proc = run("ingest", "--db", f"sqlite:///{tmp_path / 'm.db'}", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    lines = _stderr_lines(proc)
    assert any(line.startswith("rasid: ") and "nope.txt: no such file or directory" in line for line in lines)


def test_unreadable_data_folder_is_a_warning(tmp_path: Path) -> None:
    data = tmp_path / "xdg"
    (data / "rasid" / "gazetteer").mkdir(parents=True)
    os.chmod(data / "rasid", 0)
    cache = tmp_path / "cache"
    cache.mkdir()
    from rasid.geo.gazetteer import cache_dir

    for f in cache_dir().glob("gazetteer-*.pickle"):  # no need to build the gazetteer again
        shutil.copy(f, cache)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    env = {"XDG_DATA_HOME": str(data), "RASID_CACHE_DIR": str(cache), "RASID_DATA_DIR": ""}
    try:
        proc = run("extract", str(tmp_path / "a.txt"), env=env)
    finally:
        os.chmod(data / "rasid", 0o755)
    lines = _stderr_lines(proc)
    if not any("Permission denied" in line for line in lines):
        pytest.skip("cannot make a folder unreadable here")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["events"] and not record["errors"], record
    assert sum("gazetteer" in line and "Permission denied" in line for line in lines) == 1, lines

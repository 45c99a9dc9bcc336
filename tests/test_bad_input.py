"""Bad input gets a one-line message on stderr, the rest of the batch is processed, no traceback."""

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = "اشتباكات في الريف\n\nاندلعت اشتباكات عنيفة أمس بين قوات سوريا الديمقراطية وعناصر تنظيم داعش قرب بلدة هجين.\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasid", "extract", *args], capture_output=True, text=True,
                          timeout=120)


def good(tmp: Path) -> Path:
    path = tmp / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_clean_failure(proc: subprocess.CompletedProcess, message: str) -> None:
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr, proc.stderr


def test_empty_file_is_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run(str(tmp_path / "empty.txt"), str(good(tmp_path)))
    assert proc.returncode == 0
    assert_clean_failure(proc, "empty.txt: empty file")
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["empty", "good"]
    assert records[0]["errors"] == ["empty file"]
    assert records[1]["events"], "the good article still yields its event"


def test_binary_file_is_refused(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    proc = run(str(tmp_path / "junk.txt"))
    assert proc.returncode == 1
    assert_clean_failure(proc, "binary data, not text")
    assert "nothing could be processed" in proc.stderr


def test_cp1256_and_utf16_are_decoded(tmp_path):
    (tmp_path / "legacy.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "wide.txt").write_bytes(ARTICLE.encode("utf-16"))
    proc = run(str(tmp_path / "legacy.txt"), str(tmp_path / "wide.txt"))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert all(r["language"] == "ar" and r["events"] for r in records)
    assert records[0]["title"] == "اشتباكات في الريف"


def test_huge_file_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.write(("كلمة " * 1000 + "\n").encode("utf-8") * 5500)  # ~50 MB
    proc = run(str(big), str(good(tmp_path)))
    assert proc.returncode == 0
    assert_clean_failure(proc, "file too large (49.5 MB")


def test_non_arabic_text_is_named_and_not_extracted(tmp_path):
    (tmp_path / "en.txt").write_text("Clashes broke out yesterday between the army and rebels near the town.\n" * 3)
    proc = run(str(tmp_path / "en.txt"))
    assert proc.returncode == 1
    assert_clean_failure(proc, "text is not Arabic (detected: en)")


def test_malformed_jsonl_line_is_skipped(tmp_path):
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False), "{not json", json.dumps({"id": "c"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run(str(tmp_path / "batch.jsonl"))
    assert proc.returncode == 0
    assert_clean_failure(proc, "batch.jsonl:2: malformed JSON line")
    assert "missing or empty 'text' field" in proc.stderr
    ids = [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()]
    assert ids == ["a", "batch:2", "c"]


def test_missing_path_and_bad_date(tmp_path):
    proc = run(str(tmp_path / "nope.txt"), str(good(tmp_path)))
    assert proc.returncode == 0
    assert_clean_failure(proc, "nope.txt: no such file or directory")
    proc = run("--published", "yesterday", str(good(tmp_path)))
    assert proc.returncode == 2
    assert_clean_failure(proc, "--published must be YYYY-MM-DD")

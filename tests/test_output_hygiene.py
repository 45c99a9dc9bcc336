"""Output an analyst does not trip on: a lead paragraph is not a headline, error records carry no raw
direction controls, deeply nested HTML still gives its text, Ctrl-C on extract says what was written."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from rasid.ingest.readers import ReadFailure, document_from_text, read_paths

CLI = [sys.executable, "-c", "from rasid.cli import main; main()"]
LEAD = ("اندلعت اشتباكات عنيفة صباح أمس بين قوات سوريا الديمقراطية وعناصر تنظيم داعش قرب بلدة هجين في ريف دير "
        "الزور الشرقي، وقالت مصادر محلية إن خمسة عناصر قتلوا في المواجهات التي استمرت حتى المساء.")
CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_a_lead_paragraph_is_not_a_headline() -> None:
    assert document_from_text(LEAD + "\n\nجملة ثانية.", doc_id="x").title is None
    assert document_from_text("اشتباكات في ريف دير الزور\n\n" + LEAD, doc_id="x").title == "اشتباكات في ريف دير الزور"


def test_table_titles_are_short(tmp_path: Path) -> None:
    (tmp_path / "lead.txt").write_text(LEAD + "\n", encoding="utf-8")
    proc = subprocess.run([*CLI, "extract", "--format", "table", str(tmp_path / "lead.txt")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert LEAD[:60] not in proc.stdout  # the paragraph is not printed as the table's title


def test_error_records_carry_no_raw_direction_controls(tmp_path: Path) -> None:
    bad = tmp_path / "\u200fخبر\u202e.txt"
    bad.write_bytes(b"")
    lines = [json.dumps({"id": "\u202bقصة\u202c", "text": ""}, ensure_ascii=False),
             json.dumps({"id": "ok", "text": LEAD, "published": "\u200f2019-02-16"}, ensure_ascii=False)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([*CLI, "extract", str(bad), str(tmp_path / "feed.jsonl")], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    errors = [e for r in records for e in r["errors"]]
    assert len(errors) >= 2
    assert not any(c in e for e in errors for c in CONTROLS), errors
    assert not any(c in proc.stderr for c in CONTROLS), proc.stderr
    assert "\\u200f" in proc.stderr or "\\u202e" in proc.stderr  # shown, escaped, not hidden


def test_deeply_nested_html_falls_back_to_plain_text(tmp_path: Path) -> None:
    depth = 400
    page = ("<html><head><meta charset='utf-8'><title>اشتباكات في هجين</title></head><body>" + "<div>" * depth
            + f"<p>{LEAD}</p>" + "</div>" * depth + "<script>var x = 1;</script></body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (doc,) = read_paths([tmp_path / "deep.html"])
    assert not isinstance(doc, ReadFailure), doc
    assert LEAD in doc.text and "var x" not in doc.text


def test_ctrl_c_on_extract_says_what_was_written(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"a{i:03d}.txt").write_text(f"{LEAD}\nالخبر رقم {i}\n", encoding="utf-8")
    proc = subprocess.Popen([*CLI, "extract", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # a record is out: the run is under way
    assert first
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    rest = proc.stdout.read()  # through the same buffer as readline (communicate would skip what it holds)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.wait(60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    records = [first, *rest.splitlines()]
    for line in records:
        json.loads(line)  # every record written is whole
    assert f"interrupted after {len(records)} input(s)" in err, (len(records), err)

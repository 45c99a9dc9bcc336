"""Readers: HTML pages through trafilatura, JSONL fields, directories in order."""

import json
from pathlib import Path

from rasid.ingest.readers import ReadFailure, read_paths
from rasid.models import Document
from rasid.pipeline import Pipeline

DATA = Path(__file__).resolve().parent / "data"


def test_html_page_keeps_the_article_and_drops_the_furniture():
    [doc] = list(read_paths([DATA / "page.html"]))
    assert isinstance(doc, Document)
    assert doc.title == "اشتباكات في ريف دير الزور"
    assert doc.published == "2019-02-16"
    assert "الشعفة" in doc.text
    for furniture in ("الرئيسية", "فيسبوك", "مقالات ذات صلة", "جميع الحقوق"):
        assert furniture not in doc.text
    result = Pipeline().process(doc)
    clash = next(e for e in result.events if e.sub_event_type == "Armed clash")
    assert clash.event_date == "2019-02-15"  # "أمس الجمعة" against the page's publication date
    assert clash.location == "Al-Shafah" and clash.fatalities == 6


def test_jsonl_fields_and_directory_order(tmp_path):
    (tmp_path / "b.txt").write_text("عنوان\n\nنص عربي قصير عن اشتباكات في بلدة هجين أمس.", encoding="utf-8")
    rows = [{"id": "x1", "text": "خبر أول عن قصف مدفعي على بلدة الشحيل.", "title": "ت", "outlet": "o.example",
             "published": "2020-01-02", "url": "https://o.example/1"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [i.doc_id for i in items] == ["x1", "b"]
    first = items[0]
    assert isinstance(first, Document)
    assert (first.outlet, first.published, first.url) == ("o.example", "2020-01-02", "https://o.example/1")


def test_a_folder_without_articles_is_a_failure_not_a_crash(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [item] = list(read_paths([tmp_path]))
    assert isinstance(item, ReadFailure)
    assert "no .txt, .html, .jsonl or .jsonl.gz files" in item.message

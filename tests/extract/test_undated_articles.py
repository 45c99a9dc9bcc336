"""An article without a publication date: its lead's full date anchors its weekdays and relative days."""

from __future__ import annotations

from extract_helpers import doc_upto

TEXT = ("إدلب 10 آذار 2021\n"
        "قصفت قوات النظام، أمس الثلاثاء، بلدة كفرنبل بالمدفعية، ما أدى إلى مقتل مدنيين.\n"
        "وفي يوم الأحد، قتل ثلاثة عناصر في اشتباكات بين الفصائل وقوات النظام في مدينة سراقب.")


def dated(text: str, published: str | None) -> list[tuple[str | None, str | None]]:
    doc = doc_upto(text, "events", published=published)
    return [(e.location, e.event_date) for e in doc.events]


def test_weekdays_are_read_against_the_day_the_lead_writes() -> None:
    # 10 March 2021 is a Wednesday: "أمس الثلاثاء" is the 9th, "الأحد" the 7th (not the lead's own day)
    assert dated(TEXT, None) == [("Kafranbel", "2021-03-09"), ("Saraqib", "2021-03-07")]


def test_without_a_full_date_in_the_lead_weekdays_stay_unresolved() -> None:
    text = TEXT.replace("إدلب 10 آذار 2021\n", "")
    assert dated(text, None) == [("Kafranbel", None), ("Saraqib", None)]


def test_a_publication_date_still_wins() -> None:
    # published on Wednesday 10 March, with a lead that writes the 17th: the publication date anchors
    text = TEXT.replace("10 آذار", "17 آذار")
    assert dated(text, "2021-03-10") == [("Kafranbel", "2021-03-09"), ("Saraqib", "2021-03-07")]
    assert dated(text, None) == [("Kafranbel", "2021-03-16"), ("Saraqib", "2021-03-14")]

"""Which place of its sentence an event takes (ACLED: the most specific place where it happened)."""

from __future__ import annotations

from extract_helpers import doc_upto


def places_of(text: str) -> list[str | None]:
    doc = doc_upto(text, "events", published="2021-03-10")
    return [e.location for e in doc.events]


def test_the_place_an_attack_came_from_is_not_its_place() -> None:
    assert places_of("قصفت قوات النظام من مواقعها في مدينة خان شيخون بالمدفعية بلدة كفرنبل.") == ["Kafranbel"]
    assert places_of("قصفت مدفعية قادمة من مدينة خان شيخون بالقذائف بلدة كفرنبل.") == ["Kafranbel"]
    # without the origin words the first place after the verb is the target
    assert places_of("قصفت قوات النظام مدينة خان شيخون بالمدفعية بلدة كفرنبل.") == ["Khān Shaykhūn"]


def test_a_place_far_from_every_other_of_the_article_leaves_its_list() -> None:
    # the gazetteer knows only Iraq's Nasiriyah: in a list of Idlib villages it is a namesake it lacks
    got = places_of("قصفت قوات النظام أمس بلدة كفرنبل وبلدة معرة حرمة والناصرية في ريف إدلب.")
    assert got == ["Kafranbel", "Maarat Hurma"]
    # alone in its sentence it is kept: there is nothing else to put the event at
    got = places_of("قصفت قوات النظام أمس بلدة كفرنبل وبلدة معرة حرمة في ريف إدلب. وقصف الطيران الناصرية.")
    assert "Nasiriyah" in got


def precisions_of(text: str) -> list[tuple[str | None, int | None]]:
    doc = doc_upto(text, "events", published="2021-03-10")
    return [(e.location, e.geo_precision) for e in doc.events]


def test_each_village_of_a_list_is_a_place_of_its_own_even_when_the_gazetteer_lacks_it() -> None:
    # ACLED codes one event per village: the two the gazetteer lacks are coded at their anchor (precision 2)
    got = precisions_of("قصفت قوات النظام قرى كفرنبل وتل الزرازير وأم الغزلان بريف إدلب الجنوبي.")
    assert got == [("Kafranbel", 1), ("تل الزرازير", 2), ("أم الغزلان", 2)]

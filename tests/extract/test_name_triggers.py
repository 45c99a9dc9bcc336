"""A trigger word that is part of an actor's name does not trigger (issue 12), on sentences written for these tests."""

from rasid.lexicon.loader import build_lexicon
from rasid.pipeline import extract_text


def _subtypes(text: str) -> list[str]:
    return [e.sub_event_type for e in extract_text(text, disable=["learned"]).events]


def test_the_short_name_of_a_group_is_no_takeover():
    # "تحرير الشام" is هيئة تحرير الشام without its head word: تحرير (liberation) is part of the name
    assert _subtypes("اندلعت اشتباكات أمس بين «تحرير الشام» وحركة نور الدين الزنكي في بلدة دارة عزة بريف حلب الغربي.") \
        == ["Armed clash"]
    assert _subtypes("هاجمت «تحرير الشام» أمس مقرا لحركة الزنكي في بلدة دارة عزة بريف حلب الغربي.") == ["Armed clash"]


def test_the_full_name_of_the_group_is_no_takeover_either():
    assert _subtypes("اندلعت اشتباكات أمس بين هيئة تحرير الشام وحركة نور الدين الزنكي في بلدة دارة عزة بريف حلب الغربي.") \
        == ["Armed clash"]


def test_a_drone_named_with_its_owner_still_triggers():
    # "مسيرة تركية" ends "طائرة مسيرة تركية", whose head is no group word: it tells a strike, not a name
    assert "مسيره تركيه" not in build_lexicon().name_tails
    assert _subtypes("قصفت مسيرة تركية أمس سيارة في مدينة القامشلي.") == ["Air/drone strike"]


def test_the_takeover_word_outside_the_name_still_triggers():
    assert _subtypes("أعلنت هيئة تحرير الشام أمس تحرير بلدة دارة عزة بريف حلب الغربي بعد اشتباكات مع قوات النظام.") \
        == ["Non-state actor overtakes territory"]

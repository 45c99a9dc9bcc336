"""Protest phrasing of the sentence benchmark's misses (issue 12), in sentences written for these tests."""

from __future__ import annotations

from rasid.models import REPORTABLE, Document
from rasid.pipeline import LEARNED, Pipeline

_PIPE = Pipeline(disable=[LEARNED])  # the rules alone: the learned layer has its own tests


def reported(text: str) -> list[tuple[str, str]]:
    """(event type, sub-event type) of the reportable events the rules keep."""
    result = _PIPE.process(Document(doc_id="t", text=text))
    return [(e.event_type, e.sub_event_type) for e in result.events if e.modality in REPORTABLE]


def test_people_gathering_and_chanting_hold_a_protest_though_no_word_names_them_protesters() -> None:
    assert reported("تجمع عدد من أنصار الحزب في ساحة الشهداء مرددين هتافات مناهضة للحكومة.") == [
        ("Protests", "Peaceful protest")]
    # a gathering word alone is a name or a meeting, not a protest
    assert reported("أصدر تجمع المهنيين السودانيين بيانا جديدا دعا فيه إلى الحوار.") == []


def test_violence_said_not_to_have_happened_makes_no_riot() -> None:
    assert reported("خرجت أمس مظاهرات في مدن عدة تأييدا لقرار الحزب، ولم تسجل أعمال عنف خلال المظاهرات.") == [
        ("Protests", "Peaceful protest")]
    assert reported("خرجت أمس مظاهرات في البصرة تخللتها أعمال عنف.") == [("Riots", "Violent demonstration")]


def test_a_second_act_of_the_crowd_says_the_riot_took_place() -> None:
    assert reported("وأضرم المحتجون النار في إطارات السيارات ورددوا هتافات تطالب برحيل الحكومة.") == [
        ("Riots", "Violent demonstration")]


def test_protesters_blocking_a_road_protest() -> None:
    assert reported("أغلق المتظاهرون الطريق الدولي قرب الناصرية احتجاجا على انقطاع الكهرباء.") == [
        ("Protests", "Peaceful protest")]


def test_a_launch_of_rockets_told_as_a_noun_is_the_weapon_fired() -> None:
    # "إطلاق صواريخ" (the launching of rockets) says the rockets were used, as "أطلقوا صواريخ" does
    assert reported("وشهد الأحد الماضي إطلاق صواريخ كاتيوشا من جنوب لبنان على بلدة المطلة.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_an_attack_years_before_is_told_as_background() -> None:
    text = "ويتشابه اسمه مع اسم القيادي الذي اغتالته إسرائيل بغارة جوية في غزة قبل ثلاثة أعوام."
    assert reported(text) == []
    assert reported("اغتيل القيادي في الحركة بغارة جوية إسرائيلية في غزة أمس.") != []

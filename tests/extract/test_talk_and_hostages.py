"""Sentences that talk about violence without reporting it, and reports the rules used to miss or misread
(issue 12, the sentence benchmark restated: branch gsr3). Every sentence here is written for the test."""

from __future__ import annotations

import pytest
from extract_helpers import doc_upto

from rasid.models import REPORTABLE, Document
from rasid.pipeline import LEARNED, Pipeline

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    return Pipeline(disable=[LEARNED])


def events(pipe: Pipeline, text: str) -> list[tuple[str, str, str]]:
    result = pipe.process(Document(doc_id="t", text=text))
    return [(e.event_type, e.sub_event_type, e.modality) for e in result.events]


def reported_violence(pipe: Pipeline, text: str) -> bool:
    return any(t in VIOLENT and m in REPORTABLE for t, _, m in events(pipe, text))


def cues(text: str) -> set[tuple[str, str]]:
    doc = doc_upto(text, "mentions", published=None)
    return {(c.cue, doc.text.norm[c.start:c.end]) for sm in doc.mentions for c in sm.cues}


def test_military_exercises_and_nuclear_tests_are_no_attacks(rules: Pipeline) -> None:
    assert not reported_violence(rules, "وقال قائد المدفعية أمس إن قواته ستختبر صواريخ جديدة خلال المناورات.")
    assert not reported_violence(rules, "وقال دبلوماسي أمس إن البلاد فجرت قنبلتها الذرية الأولى في موقع جبلي.")
    # a shelling reported as such stays one
    assert reported_violence(rules, "قصفت المدفعية قرية الحويجة في محافظة كركوك أمس.")


def test_the_subjunctive_passive_is_what_may_be_done() -> None:
    assert ("plan", "ان يتم") in cues("وتخشى الحكومة أن يتم قصف المدينة بالصواريخ.")
    # in a past narrative "قبل أن يتم" tells what followed: no plan cue
    assert not {c for c in cues("وخطف المسلحون الطبيب قبل أن يتم قتله في المدينة.") if c[0] == "plan"}


def test_blowing_up_is_not_the_dawn() -> None:
    assert ("anchor", "فجر") in cues("قصفت الطائرات القرية فجر اليوم.")
    assert not {c for c in cues("فجرت مجموعة مسلحة عبوة ناسفة في السوق.") if c[0] == "anchor"}
    assert not {c for c in cues("وفجروا سيارة مفخخة قرب الحاجز.") if c[0] == "anchor"}
    # nor is "appeared" the noon, or an era the afternoon
    assert not {c for c in cues("وهو ما ظهر جليا في عصر الاحتلال.") if c[0] == "anchor"}
    assert ("anchor", "بعد الظهر") in cues("وانفجرت سيارة مفخخة بعد الظهر في السوق.")


def test_people_held_as_hostages_are_abducted_not_arrested(rules: Pipeline) -> None:
    text = "احتجز مسلحون أربعة من رجال الشرطة رهائن في بغداد أمس."
    assert events(rules, text) == [("Violence against civilians", "Abduction/forced disappearance", "asserted")]
    result = rules.process(Document(doc_id="t", text=text))
    assert result.events[0].actor1 is not None and result.events[0].actor1.startswith("Unidentified Armed Group")
    assert events(rules, "اعتقلت الشرطة أربعة مسلحين في بغداد أمس.") == [
        ("Strategic developments", "Arrests", "asserted")]


def test_a_denial_in_a_clause_of_its_own_denies_what_it_introduces(rules: Pipeline) -> None:
    assert events(rules, "وقال المتحدث إنه وقع انفجار في بغداد أمس، لكنه نفى أنه نجم عن صواريخ.")[0][2] == "claimed"
    assert events(rules, "نفى الجيش وقوع انفجار في بغداد أمس.")[0][2] == "denied"
    assert events(rules, "أنباء عن انفجار في بغداد أمس لا صحة لها.")[0][2] == "denied"


def test_continuing_attacks_and_plots_are_no_single_event(rules: Pipeline) -> None:
    assert not reported_violence(rules, "تدرس الحكومة ثلاثة خيارات للرد على الاعتداءات المستمرة على قرى الجنوب.")
    assert ("plan", "مخططات") in cues("وسجن الرجل لدوره في مخططات تفجير تم إحباطها.")


def test_the_passive_auxiliary_says_it_was_done() -> None:
    assert ("occur", "تم") in cues("وقال المسؤولون إن التفجير تم أثناء اجتماع لزعماء القبائل.")
    assert not {c for c in cues("وتخشى الحكومة أن يتم قصف المدينة.") if c[0] == "occur"}


def test_a_hostage_freed_is_no_takeover(rules: Pipeline) -> None:
    assert events(rules, "وأكدت فرنسا أمس أن الرهينة التي تم تحريرها الأربعاء في عملية نفذها الجيش الكولومبي بخير.") == []
    assert events(rules, "سيطرت قوات سوريا الديمقراطية على قرية الباغوز بعد معارك مع داعش أمس.")[0][1] == \
        "Non-state actor overtakes territory"


def test_an_investigation_is_news_about_the_inquiry(rules: Pipeline) -> None:
    assert ("legal", "تحقيق") in cues("واتهم تحقيق أجراه الجيش قادة الوحدة بتجاهل مقتل مدنيين برصاص الجنود.")


def test_violence_to_stop_or_ban_is_no_event(rules: Pipeline) -> None:
    assert not reported_violence(rules, "دعا الوزير أمس إلى وقف القتال في مدينة حمص.")
    assert not reported_violence(rules, "وأكد رجال الدين أمس في بيروت على «تحريم الاقتتال» بين الأهالي.")
    assert reported_violence(rules, "اندلع القتال في مدينة حمص أمس بين الجيش والمعارضة.")

"""Talk about violence read as talk, and reports the rules used to miss (issue 12, the sentence benchmark
restated: branch gsr4). Every sentence here is written for the test."""

from __future__ import annotations

import pytest
from extract_helpers import doc_upto

from rasid.models import REPORTABLE, Document
from rasid.pipeline import LEARNED, Pipeline

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    return Pipeline(disable=[LEARNED])


def reported(pipe: Pipeline, text: str, types: set[str] = VIOLENT) -> bool:
    result = pipe.process(Document(doc_id="t", text=text))
    return any(e.event_type in types and e.modality in REPORTABLE for e in result.events)


def cues(text: str) -> set[tuple[str, str]]:
    doc = doc_upto(text, "mentions", published=None)
    return {(c.cue, doc.text.norm[c.start:c.end]) for sm in doc.mentions for c in sm.cues}


def test_condolences_talk_about_an_attack_told_elsewhere(rules: Pipeline) -> None:
    text = "واتصل رئيس الوزراء بعائلات الضحايا الذين سقطوا في تفجير السوق معزيا."
    assert ("generic", "معزيا") in cues(text)
    assert not reported(rules, text)
    # the bombing itself, told as news, stays one
    assert reported(rules, "وسقط عشرة قتلى في تفجير سيارة مفخخة في سوق مدينة الحلة أمس.")


def test_an_event_named_as_the_time_weeks_before_another_is_earlier_news(rules: Pipeline) -> None:
    result = rules.process(Document(doc_id="t", text="وعثر رجال الشرطة على جثة الطبيب بعد أسبوعين من خطفه."))
    assert [e.modality for e in result.events] == ["background"]
    # the news of the sentence, told before the words, stays news
    assert reported(rules, "وانفجرت سيارة مفخخة في سوق مدينة الحلة أمس بعد أسبوعين من تفجير مماثل قرب المسجد.")


def test_a_judgement_in_a_clause_of_its_own_after_the_report_leaves_it_a_report(rules: Pipeline) -> None:
    assert reported(rules, "قصفت الطائرات قرية الحويجة، واعتبرت الحكومة القصف جريمة.")
    # the judgement that frames the sentence still makes it talk
    assert not reported(rules, "واعتبر الوزير أن قصف القرى جريمة حرب.")


def test_a_month_of_a_year_named_with_min_am_is_history(rules: Pipeline) -> None:
    text = "ومنها تفجير انتحاري استهدف مقر الشرطة في مدينة الحلة في شهر مارس من عام 2005."
    assert [e.modality for e in rules.process(Document(doc_id="t", text=text)).events] == ["background"]
    # in an article of that month it is the news
    result = rules.process(Document(doc_id="t", text=text, published="2005-03-20"))
    assert [e.modality for e in result.events] == ["asserted"]


def test_a_release_tells_no_new_abduction(rules: Pipeline) -> None:
    text = "وأعلنت الشرطة الإفراج عن الممرضة التي تم اختطافها من مستشفى في بغداد."
    assert [e.modality for e in rules.process(Document(doc_id="t", text=text)).events] == ["background"]
    # an abduction of someone a relative clause describes is news
    assert reported(rules, "وخطف مسلحون الطبيب الذي كان يعالج المرضى في مستشفى بغداد أمس.")


def test_violence_feared_is_no_riot_and_no_attack(rules: Pipeline) -> None:
    text = "وتظاهر مئات الأشخاص في العاصمة أمس احتجاجا على القانون الجديد، حيث فرضت الشرطة طوقا أمنيا حول البرلمان تخوفا من أعمال عنف."
    result = rules.process(Document(doc_id="t", text=text))
    assert [(e.event_type, e.sub_event_type) for e in result.events] == [("Protests", "Peaceful protest")]
    assert ("plan", "تحسبا") in cues("وانتشرت قوات الأمن في شوارع المدينة تحسبا لهجمات جديدة.")
    # violence that broke out stays a riot
    assert reported(rules, "وتظاهر مئات الأشخاص في العاصمة أمس واندلعت أعمال عنف أحرق خلالها المتظاهرون سيارات.", {"Riots"})

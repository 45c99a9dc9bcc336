"""Which reported words become `statement` claims (issue 13): a speaker's judgement, cause or intent, not a
monitor's or agency's account of the incident (the event records that) and not an aside. Sentences written
for these tests."""

from __future__ import annotations

from test_claims import claims_of


def _statements(text: str) -> list[str]:
    return [str(c.value) for c in claims_of(text) if c.subject == "statement"]


def test_an_official_judgement_is_a_statement() -> None:
    assert _statements("قال الوزير إن الانفجار كان عرضيا وليس هجوما.") == ["الانفجار كان عرضيا وليس هجوما"]


def test_an_agency_account_of_the_incident_is_no_statement() -> None:
    assert _statements("قالت وكالة الأنباء إن القوات قصفت القرية بالمدفعية الثقيلة.") == []


def test_a_monitor_account_of_the_incident_is_no_statement() -> None:
    assert _statements("قال الناشط إن الطائرات قصفت السوق الشعبي في المدينة.") == []


def test_an_aside_is_no_statement() -> None:
    assert _statements("وأشار الوزير إلى أن التحقيقات ما زالت جارية في الحادث.") == []


def test_a_figure_from_a_monitor_is_still_a_claim() -> None:
    found = claims_of("قال المرصد إن 4 مدنيين قتلوا في القصف على السوق.")
    assert [(c.subject, c.value, c.source_type) for c in found] == [("killed", 4.0, "activists")]


def _stances(text: str) -> list[str]:
    return [c.stance for c in claims_of(text) if c.subject == "statement"]


def test_a_guess_inside_the_reported_words_makes_the_statement_speculation() -> None:
    assert _stances("وقال المتحدث باسم الجيش إن القوات أرسلت تعزيزات، ومن المتوقع أن تصل خلال أيام.") == ["speculate"]
    assert _stances("وقال المتحدث باسم الجيش إن القوات أرسلت تعزيزات إلى المدينة أمس.") == ["affirm"]


def test_a_denial_inside_the_reported_words_makes_the_statement_a_denial() -> None:
    text = "وقال المحافظ إن الانفجار وقع قرب مستودع للوقود، نافيا وقوع انفجار ثان في المدينة."
    assert _stances(text) == ["deny"]


def test_an_accusation_is_a_statement_even_from_activists() -> None:
    found = [c for c in claims_of("ويتهم ناشطون فصائل مسلحة بالوقوف وراء استهداف المحتجين.") if c.subject == "statement"]
    assert found and found[0].source_type == "activists" and "بالوقوف وراء استهداف المحتجين" in str(found[0].value)


def test_no_one_claiming_responsibility_is_the_outlet_s_proposition() -> None:
    found = [c for c in claims_of("انفجرت عبوة ناسفة في السوق. ولم تعلن أي جهة مسؤوليتها عن الهجوم.", outlet="news-example.com")
             if c.subject == "responsibility"]
    assert found and found[0].source_type == "outlet" and found[0].value == "مسؤوليتها عن الهجوم"


def test_a_passive_accusation_names_no_accuser() -> None:
    # "اتُّهمت جهات ... بالمسؤولية": the words after the verb are the accused, nobody is named as speaking
    text = "قتل ناشط برصاص مسلحين في المدينة. واتهمت جهات مرتبطة بالحكومة بالمسؤولية عن مقتله."
    found = [c for c in claims_of(text, outlet="news-example.com") if c.subject == "responsibility"]
    assert found and found[0].source_type == "unknown"
    # an accuser named first speaks: a governor ("والي") is an official
    found = [c for c in claims_of("واتهم والي الولاية مليشيات مسلحة بمهاجمة المدينة من ثلاثة محاور.")
             if c.subject == "statement"]
    assert found and found[0].source_type == "official"

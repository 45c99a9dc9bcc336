"""Quantity and proposition claims, attribution, and the conservative deaths figure."""

from __future__ import annotations

import datetime as dt

from rasid.extract.claims import ClaimText, extract_claims, find_attribution
from rasid.models import Event, Evidence, Speaker
from rasid.resources import default_resources
from rasid.text.normalize import NormText

PUB = dt.date(2019, 2, 20)


def sentences(nt: NormText) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(nt.norm):
        if ch in ".؟!\n":
            out.append((start, i + 1))
            start = i + 1
    if start < len(nt.norm):
        out.append((start, len(nt.norm)))
    return out


def claim_text(text: str) -> ClaimText:
    """The claims rules' view of a text (as `claims.claim_text(doc)` makes it in the pipeline)."""
    res = default_resources()
    nt = NormText.of(text)
    return ClaimText(nt, res.numbers.find(nt), res.dates.find(nt, PUB), res)


def claims_of(text: str, events: list[Event] | None = None, outlet: str | None = None):
    ct = claim_text(text)
    return extract_claims(ct, sentences(ct.nt), events or [], PUB, outlet=outlet)


def whole(text: str) -> tuple[ClaimText, tuple[int, int]]:
    ct = claim_text(text)
    return ct, (0, len(ct.norm))


# --- quantity claims ----------------------------------------------------------------------------------------

def test_quantity_claims_units_subjects_qualifiers() -> None:
    got = claims_of("نزحت نحو 300 عائلة من البلدة. وسيطرت القوات على أكثر من 50 كم مربع. واعتقل 7 عناصر.")
    triples = [(c.subject, c.value, c.unit, c.qualifier) for c in got]
    assert ("displaced", 300.0, "family", "about") in triples
    assert ("area", 50.0, "km2", "more_than") in triples
    assert ("captured", 7.0, "fighter", "exact") in triples


def test_range_value_and_casualty_total_subject() -> None:
    got = claims_of("خرج بين 500 و600 مقاتل من المدينة. وسقط 20 شخصا بين قتيل وجريح.")
    by_subject = {c.subject: c for c in got}
    assert by_subject["displaced"].value == [500.0, 600.0]
    assert by_subject["displaced"].unit == "fighter"
    assert by_subject["killed_or_wounded"].value == 20.0


def test_others_inherit_the_unit_and_cue() -> None:
    got = claims_of("قتل 4 مدنيين وأصيب 9 آخرون.")
    assert [(c.subject, c.value, c.unit) for c in got] == [("killed", 4.0, "civilian"), ("wounded", 9.0, "civilian")]


def test_years_and_durations_are_not_claims() -> None:
    assert claims_of("في عام 2014 استمر الحصار 3 أشهر.") == []


def test_unattributed_figures_belong_to_the_outlet() -> None:
    (c,) = claims_of("قتل 5 مدنيين في القصف.", outlet="عنب بلدي")
    assert (c.source_type, c.speaker.name, c.claim_date) == ("outlet", "عنب بلدي", "2019-02-20")


def test_claim_evidence_maps_to_original() -> None:
    text = "وأسفر القصف عن مقتل ٣٥ شخصاً."
    (c,) = claims_of(text)
    ev = c.evidence[0]
    assert text[ev.start:ev.end] == ev.text
    assert "٣٥" in ev.text and "شخص" in ev.text


def test_event_index_links_claims_in_the_same_sentence() -> None:
    text = "قصفت الطائرات القرية ما أدى لمقتل 4 أشخاص. ونزحت 200 عائلة."
    ev = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               evidence=[Evidence(start=0, end=20, text=text[:20])])
    got = claims_of(text, [ev])
    assert [(c.subject, c.event_index) for c in got] == [("killed", 0), ("displaced", None)]


# --- attribution ------------------------------------------------------------------------------------------

def test_attribution_local_sources() -> None:
    (c,) = claims_of("قالت مصادر محلية إن 12 مدنيا قتلوا في القصف.")
    assert (c.subject, c.value, c.source_type, c.speaker.role) == ("killed", 12.0, "local_sources", "مصادر محلية")


def test_attribution_role_with_name_in_parentheses() -> None:
    nt, span = whole("وأكد المتحدث باسم قوات سوريا الديمقراطية (مصطفى بالي) أن قواته سيطرت على القرية.")
    att = find_attribution(nt, span, None)
    assert att is not None
    assert att.source_type == "spokesperson"
    assert att.speaker.name == "مصطفى بالي"
    assert att.speaker.affiliation == "قوات سوريا الديمقراطية"
    assert att.stance == "affirm"


def test_attribution_by_sourcing_phrase() -> None:
    (c,) = claims_of("وبحسب المرصد السوري لحقوق الإنسان، قتل 7 عناصر من التنظيم.")
    assert c.source_type == "activists"
    assert c.speaker.name == "المرصد السوري لحقوق الإنسان"


def test_speaker_carried_over_from_previous_sentence() -> None:
    got = claims_of("قال مدير المكتب الإعلامي للمجلس إن القوات تقدمت. وأضاف أن 40 عنصرا استسلموا.")
    (c,) = [c for c in got if c.unit == "fighter"]
    assert c.speaker.role == "مدير المكتب الإعلامي للمجلس"
    assert c.source_type == "spokesperson"


def test_rival_reports_in_one_sentence_get_their_own_speakers() -> None:
    got = claims_of("قال المرصد إن 9 عناصر قتلوا، في حين قالت وكالة سانا إن 6 قتلوا.")
    assert [(c.value, c.source_type) for c in got] == [(9.0, "activists"), (6.0, "agency")]


def test_denial_is_a_claim_with_stance_deny() -> None:
    got = claims_of("ونفت وزارة الدفاع وجود مفاوضات مع التنظيم.")
    (c,) = [c for c in got if c.subject == "negotiations"]
    assert c.stance == "deny"
    assert c.source_type == "official"
    assert c.speaker.role == "وزارة الدفاع"


def test_speculation_stance() -> None:
    nt, span = whole("ورجحت مصادر أهلية أن يكون التنظيم استخدم غاز الكلور.")
    att = find_attribution(nt, span, None)
    assert att is not None and att.stance == "speculate" and att.source_type == "local_sources"


def test_plain_narration_has_no_attribution() -> None:
    nt, span = whole("سيطرت القوات على القرية بعد اشتباكات عنيفة.")
    assert find_attribution(nt, span, Speaker(role="مصدر")) is None


def test_an_unstated_plural_is_no_stated_figure_for_claims() -> None:
    # (its ACLED fatalities reading is tested in tests/extract/test_fatalities.py)
    assert [c for c in claims_of("قتل عدد من عناصر الفصيل في الهجوم.") if c.subject == "killed"] == []


def test_no_casualties_is_a_zero_claim() -> None:
    got = claims_of("انفجرت عبوة ناسفة دون وقوع إصابات بشرية.")
    assert [(c.subject, c.value) for c in got] == [("killed_or_wounded", 0.0)]


def test_percent_claims() -> None:
    got = claims_of("وقالت المصادر إن القوات تسيطر على نحو 25 في المائة من المدينة.")
    (c,) = [c for c in got if c.unit == "percent"]
    assert (c.value, c.qualifier) == (25.0, "about")


def test_sentence_final_source_attributes_the_figures_before_it() -> None:
    (c,) = claims_of("قتل 21 مدنيا في غارات جوية على المدينة، وفق حصيلة أوردها المرصد السوري لحقوق الإنسان.")
    assert c.source_type == "activists"


def test_a_verb_opening_its_own_clause_does_not_reach_back() -> None:
    got = claims_of("فجر التنظيم سيارات مفخخة أوقعت 150 قتيلا، وأكدت مصادر محلية أن التنظيم أسر 28 جنديا.")
    assert [(c.value, c.source_type) for c in got] == [(150.0, "outlet"), (28.0, "local_sources")]


def test_unnamed_statement_is_official_and_plain_sources_are_unknown() -> None:
    (c,) = claims_of("وقالت في بيان إن 7 مواطنين اختطفوا على الطريق.")
    assert c.source_type == "official"
    (c,) = claims_of("وقالت مصادر إن 5 عناصر قتلوا.")
    assert (c.source_type, c.speaker.role) == ("unknown", "مصادر")


def test_next_clause_cue_does_not_recategorise_a_figure() -> None:
    got = claims_of("قتل 29 عراقيا على الأقل وأصيب 40 آخرون في التفجير.")
    assert [(c.subject, c.value) for c in got] == [("killed", 29.0), ("wounded", 40.0)]
    got = claims_of("قتل مدنيان اثنان وجرح ثلاثة آخرون.")
    assert [(c.subject, c.value) for c in got] == [("killed", 2.0), ("wounded", 3.0)]


def test_head_noun_decides_the_source_type_and_anaphoric_sources_carry() -> None:
    nt, span = whole("وقال المتحدث باسم وزارة الداخلية إن 4 عناصر قتلوا.")
    att = find_attribution(nt, span, None)
    assert att is not None and att.source_type == "spokesperson"
    got = claims_of("وقالت مصادر ميدانية إن القصف استهدف البلدة. وأضافت المصادر أن 11 مدنيا قتلوا.")
    (c,) = [c for c in got if c.value == 11.0]
    assert (c.source_type, c.speaker.role) == ("local_sources", "مصادر ميدانية")


def test_generic_role_takes_the_type_of_its_body_and_a_plain_sentence_is_the_outlets() -> None:
    nt, span = whole("وقال مدير المرصد السوري لحقوق الإنسان إن 26 جنديا قتلوا.")
    att = find_attribution(nt, span, None)
    assert att is not None and att.source_type == "activists"
    got = claims_of("قال المرصد السوري لحقوق الإنسان إن القصف تواصل. وقتل 3 مدنيين في البلدة.\nونزحت 40 عائلة.")
    # the gold codes a sentence with no attribution of its own as the outlet's, after reported speech too
    assert [(c.value, c.source_type) for c in got] == [(3.0, "outlet"), (40.0, "outlet")]
    lead = claims_of("قتل 5 مدنيين في قصف على البلدة.\nوقالت مصادر محلية إن القصف استهدف السوق.")
    assert [(c.value, c.source_type) for c in lead if c.subject != "statement"] == [(5.0, "outlet")]


def test_people_from_a_place_are_people() -> None:
    (c,) = claims_of("تم اعتقال 16 من مناطق الريف الشرقي.")
    assert (c.subject, c.value, c.unit) == ("captured", 16.0, "person")


def test_attribution_lexicon_errors_name_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from rasid.lexicon.tsv import LexiconError
    from rasid.resources import load_resources

    bad = tmp_path / "attribution.tsv"
    bad.write_text("form\tkind\tvalue\nقال\tverb\taffirm\nمصادر\tspeaker\tnobody\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"attribution.tsv:3:"):
        _ = load_resources(tmp_path).attribution

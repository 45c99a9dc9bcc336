"""Cue words match only as words of their own (issue 12): a clitic split is accepted only where the entry's
clitic class allows it, on sentences written for these tests."""

import pytest

from rasid.lexicon.loader import build_lexicon
from rasid.text.matcher import INFLECTION_SUFFIXES, LexiconMatcher, Scan, ScanGroup
from rasid.text.normalize import normalize


def _cues(text: str) -> list[tuple[str, str]]:
    lex = build_lexicon()
    return [(m.key, m.values[0]) for m in lex.cue_matcher.find(normalize(text))]


def test_a_particle_with_its_own_class_takes_only_a_conjunction():
    m = LexiconMatcher([("لو", "commentary"), ("غارة", "air")], article=True, suffixes=INFLECTION_SUFFIXES,
                       clitics={"لو": "conj"})
    found = [(h.prefix + h.key + h.suffix) for h in m.find(normalize("ولو أن الغارة وصلت إلى مقر اللواء وللواء آخر"))]
    assert found == ["ولو", "الغاره"]


def test_a_scan_group_keeps_each_entrys_own_class():
    m = LexiconMatcher([("لو", "commentary")], article=True, suffixes=INFLECTION_SUFFIXES, clitics={"لو": "conj"})
    other = LexiconMatcher([("لواء", "unit")], article=True)
    text = normalize("فلو وصل اللواء")
    scan = Scan(text, ScanGroup([m, other]))
    assert [h.prefix + h.key for h in m.find(scan)] == ["فلو"]
    assert [h.prefix + h.key for h in other.find(scan)] == ["اللواء"]


def test_an_unknown_clitic_class_is_refused():
    with pytest.raises(ValueError):
        LexiconMatcher([("لو", "commentary")], clitics={"لو": "pronoun"})


@pytest.mark.parametrize("text", [
    "وصل قائد اللواء الثامن إلى مدينة بصرى الشام",
    "انضم عناصر للواء المدرع إلى المعركة",
    "أرسل وفد للولايات المتحدة رسالة عن الهدنة",  # no لولا inside للولايات
    "تسلمت الإدارة المحلية مهامها",
])
def test_a_counterfactual_or_question_cue_is_not_read_inside_a_longer_word(text):
    assert "commentary" not in [c for _, c in _cues(text)]


@pytest.mark.parametrize("text", [
    "ولو أن القصف استمر لسقط المزيد من الضحايا",
    "لولا تدخل الأهالي لوقعت مجزرة",
    "فهل يصمد الاتفاق في درعا",
    "نحن لن نسكت عن هذه الجرائم",
])
def test_the_same_cues_still_match_as_words(text):
    assert "commentary" in [c for _, c in _cues(text)]


@pytest.mark.parametrize(("text", "cue"), [
    ("سقطت قذيفة هاون على حي في مدينة بعقوبة", "legal"),  # the city, not ب + عقوبة
    ("اقتحمت عناصر الفرقة الرابعة بلدة في ريف درعا", "intervention"),  # a division, not فرّق
    ("لم تكتف القوات بالقصف فحسب", "claim"),  # "only", not حسب
])
def test_a_longer_word_keeps_a_shorter_cue_from_matching_inside_it(text, cue):
    assert cue not in [c for _, c in _cues(text)]


@pytest.mark.parametrize(("text", "cue"), [
    ("أصدرت المحكمة عقوبة بالسجن على المتهمين", "legal"),
    ("فرقت الشرطة المتظاهرين بالقوة", "intervention"),
    ("قتل خمسة مدنيين بحسب مصادر محلية", "claim"),
])
def test_the_shorter_cue_still_matches_as_its_own_word(text, cue):
    assert cue in [c for _, c in _cues(text)]


def _saying_verbs(text: str) -> list[str]:
    from rasid.lexicon.loader import LexiconFiles
    from rasid.lexicon.tables import load_attribution

    attribution = load_attribution(LexiconFiles.default())
    return [h.prefix + h.key + h.suffix for h in attribution.triggers.find(normalize(text)) if h.values[0].kind == "verb"]


def test_a_noun_or_adjective_built_on_a_verb_of_saying_is_no_verb_of_saying():
    # "تابعة" (affiliated), "إضافية" (additional), "إشارة" (a signal) carry a noun ending the verb class refuses
    assert _saying_verbs("هاجمت مجموعة تابعة للتنظيم نقطة إضافية بعد إشارة من قائدها") == []


def test_the_verbs_themselves_still_count_with_a_conjunction_and_a_subject_ending():
    assert _saying_verbs("وتابعت المصادر ثم أضاف المتحدث وأشاروا إلى ذلك") == ["وتابعت", "اضاف", "واشاروا"]


def test_a_governorate_is_no_governor():
    from rasid.lexicon.loader import LexiconFiles
    from rasid.lexicon.tables import load_attribution

    others = load_attribution(LexiconFiles.default()).others
    found = [h.prefix + h.key + h.suffix for h in others.find(normalize("قال محافظ حمص إن قرى في محافظة حمص والمحافظات الرئيسية"))
             if h.values[0].kind == "speaker"]
    assert found == ["محافظ"]


@pytest.mark.parametrize("text", [
    "وكانت القوات الحكومية قد انسحبت من البلدة قبل أسبوع",
    "استعاد الجيش القرى التي كانت تحت سيطرة المسلحين",
    "فكانت المعارك عنيفة في محيط المطار",
])
def test_kanat_is_not_kaf_and_the_pronoun_anta(text):
    # issue 12: "كانت" read as ك + أنت made every such sentence commentary
    cues = _cues(text)
    assert "commentary" not in [c for _, c in cues]
    assert ("كانت", "was") in cues


def test_the_second_person_pronoun_still_reads_as_commentary():
    assert ("انت", "commentary") in _cues("وأنت تعلم أن القصف لم يتوقف منذ أيام")


def _triggers(text: str) -> list[tuple[str, str]]:
    lex = build_lexicon()
    return [(m.prefix + m.key + m.suffix, m.values[0].kind) for m in lex.trigger_matcher.find(normalize(text))]


@pytest.mark.parametrize("text", [
    "ونظم الأهالي وقفة للمطالبة بالحل السلمي للأزمة",
    "وأكد المتحدث أن الحراك سيبقى على طابعه السلمي",
    "وصفته الصحيفة بأنه أبرز قادة الاحتجاجات",
    "ووصفتها الوزارة بالخطوة الإيجابية",
    "وصفت الحكومة الهجوم بأنه إرهابي",  # described, not و + صفت (liquidated)
    "ونقلت الوكالة عن مصادر وصفتها بالمطلعة أن الطريق مغلق",
])
def test_a_short_verb_trigger_is_not_read_inside_a_longer_word(text):
    # issue 12: "سلم" (handed over) inside السلمي (peaceful), "صفت" (liquidated) inside وصفته (described him)
    assert not [k for _, k in _triggers(text) if k in ("withdraw", "assassination")]


@pytest.mark.parametrize("text, word", [
    ("وسلم المسلحون المدينة إلى الجيش بعد اتفاق", "وسلم"),
    ("وسلمت الفصائل مواقعها للقوات الحكومية", "وسلمت"),
    ("صفى مسلحون مجهولون أحد القادة المحليين في درعا", "صفي"),
])
def test_the_same_verbs_still_match_as_verbs(text, word):
    assert word in [w for w, _ in _triggers(text)]


@pytest.mark.parametrize("text, kind", [
    ("وأثرت الأزمة سلبا على الأسواق في المدينة", "looting"),  # سلبا: negatively
    ("وانتقد المسؤول الدور السلبي للمنظمات", "looting"),
    ("وشارك فنان تشكيلي في المعرض", "change"),  # تشكيلي: a visual artist
    ("وكرّمت البلدية الأبطال الرياضيين", "disrupted"),  # الأبطال: the heroes, not الإبطال
    ("وقالت إن أسرتي نزحت من القرية", "arrest"),  # أسرتي: my family
    ("وتبادل الطرفان رشقات من الرصاص", "riot"),  # bursts of fire, not stones thrown
])
def test_short_trigger_entries_the_audit_found_are_not_read_inside_other_words(text, kind):
    assert kind not in [k for _, k in _triggers(text)]


@pytest.mark.parametrize("text, kind", [
    ("وتعرضت المحال التجارية للسلب على يد مسلحين", "looting"),
    ("وأعلنت الفصائل تشكيل غرفة عمليات مشتركة", "change"),
    ("وتمكن فريق الهندسة من إبطال مفعول عبوة ناسفة", "disrupted"),
    ("أسرت الفصائل ثلاثة عناصر من قوات النظام", "arrest"),
    ("رشق المحتجون قوات الأمن بالحجارة", "riot"),
])
def test_the_same_entries_still_match_as_words(text, kind):
    assert kind in [k for _, k in _triggers(text)]

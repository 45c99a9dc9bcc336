"""The text layer: normalisation offsets, clitic-aware matching, sentences, boilerplate."""

from rasid.text.boilerplate import boilerplate_spans
from rasid.text.matcher import INFLECTION_SUFFIXES, LexiconMatcher
from rasid.text.normalize import NormText, normalize
from rasid.text.sentences import split_sentences


def test_normalize_maps_letter_variants_and_digits():
    assert normalize("أإآى ة ٥٠٠") == "اااي ه 500"
    assert normalize("“قسد”") == '"قسد"'


def test_offsets_survive_deleted_diacritics_and_tatweel():
    text = "قُتِلَ خمسةٌ في الرقـــة"
    nt = NormText.of(text)
    i = nt.norm.index("الرقه")
    a, b = nt.span(i, i + len("الرقه"))
    assert text[a:b] == "الرقـــة"


def test_matcher_accepts_clitics_but_not_substrings():
    m = LexiconMatcher([("قسد", "SDF"), ("الرقة", "Raqqa"), ("دير الزور", "DEZ"), ("السوسة", "Sousa")])
    nt = NormText.of("وبالسوسة اشتبكت لقسد مع وللرقة في دير الزور؛ أسدٌ ليس قسداً")
    found = [(x.values[0], nt.original[slice(*nt.span(x.start, x.end))]) for x in m.find(nt.norm)]
    assert ("Sousa", "السوسة") in found
    assert ("SDF", "قسد") in found
    assert ("Raqqa", "لرقة") in found  # the ل + ال contraction
    assert ("DEZ", "دير الزور") in found
    assert len([v for v, _ in found if v == "SDF"]) == 1  # "قسداً" carries a suffix the lexicon does not allow


def test_trigger_matcher_handles_inflection():
    m = LexiconMatcher([("سيطر", "control")], article=True, suffixes=INFLECTION_SUFFIXES)
    nt = NormText.of("سيطرت القوات وسيطروا وبسيطرتها لاحقاً على المسيطرين")
    assert len(m.find(nt.norm)) == 3


def test_sentences_do_not_split_on_commas_or_decimals():
    nt = NormText.of("قال المصدر، وهو ضابط، إن 3.5 طن سقطت. ثم انسحبت القوات!\nسطر جديد")
    spans = [nt.norm[s.start:s.end] for s in split_sentences(nt)]
    assert len(spans) == 3
    assert "3.5" in spans[0]


def test_boilerplate_lines_are_marked_and_sentences_skip_them():
    text = "سيطرت القوات على البلدة.\nشارك\nزر الذهاب إلى الأعلى\nمقالات ذات صلة\nعنوان خبر آخر قصير\n12:02 دمشق"
    nt = NormText.of(text)
    spans = boilerplate_spans(nt)
    sentences = split_sentences(nt, skip=spans)
    assert [nt.norm[s.start:s.end] for s in sentences] == ["سيطرت القوات علي البلده."]


def test_a_full_stop_glued_to_the_next_word_still_ends_the_sentence():
    nt = NormText.of("اعتقلت القوات تسعة عناصر في الموصل.وقال المتحدث إن العملية مستمرة. نقلا عن أ.ف.ب الخبر.")
    spans = [nt.norm[s.start:s.end] for s in split_sentences(nt)]
    assert len(spans) == 3
    assert spans[2].startswith("نقلا عن ا.ف.ب")


def test_word_char_table_is_the_regex_engines_word_class() -> None:
    from rasid.text.matcher import _word_char_table

    table = _word_char_table()
    expected = [chr(c).isalnum() or c == 0x5F for c in range(0x10000)]
    assert table.tolist() == expected

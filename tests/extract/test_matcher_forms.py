"""Forms of lexicon entries the matcher finds without listing them (issue 12): the dual of a
ta-marbuta noun, and names set off by quotes or brackets. Sentences written for these tests."""

from rasid.lexicon.loader import build_lexicon
from rasid.pipeline import extract_text
from rasid.text.matcher import LexiconMatcher
from rasid.text.normalize import normalize

LEXICON = build_lexicon()


def _found(matcher: LexiconMatcher, text: str) -> list[str]:
    norm = normalize(text)
    return [norm[m.start:m.end + len(m.suffix)] for m in matcher.find(norm)]


def test_the_dual_of_a_ta_marbuta_noun_is_its_stem_with_ta():
    m = LexiconMatcher([("قذيفة", "shell"), ("عبوة ناسفة", "ied")], article=True, duals=True)
    assert _found(m, "سقطت قذيفتان على الحي") == ["قذيفتان"]
    assert _found(m, "سقوط قذيفتي هاون") == ["قذيفتي"]
    assert _found(m, "انفجار عبوتين ناسفتين") == ["عبوتين ناسفتين"]
    # a verb that shares the stem's letters is not the dual
    assert _found(m, "قذيفته") == []
    plain = LexiconMatcher([("قذيفة", "shell")], article=True)
    assert _found(plain, "سقطت قذيفتان على الحي") == []


def test_two_shells_are_shelling():
    [event] = extract_text("سقطت قذيفتان أمس على حي في مدينة حلب.").events
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_a_name_listed_in_quotes_is_also_found_in_brackets():
    aliases = LEXICON.actor_matcher
    assert [a.actor.id for a in aliases.get("(حركة الشباب)")] == ["shabaab"]
    assert [a.actor.id for a in aliases.get("[فتح]")] == ["fatah"]
    norm = normalize("هاجم مسلحون من (فتح) المخيم")
    assert [m.values[0].actor.id for m in aliases.find(norm)] == ["unidentified", "fatah"]
    # the bare word (an ordinary verb here) is no name
    assert all(m.values[0].actor.id != "fatah" for m in aliases.find(normalize("فتح الجيش الطريق")))


def test_a_line_broken_mid_sentence_is_one_sentence():
    from rasid.resources import default_resources
    from rasid.text.normalize import NormText
    from rasid.text.sentences import split_sentences

    open_end = default_resources().words("sentence_words.tsv")["open_end"].words
    nt = NormText.of("عنوان الخبر\nأعلن مسؤول محلي في\nمحافظة ديالى أن قوة أمنية حررت رهينتين.\nوقال إن العملية نجحت.")
    sentences = [nt.norm[s.start:s.end] for s in split_sentences(nt, open_end=open_end)]
    assert len(sentences) == 3
    assert sentences[1].startswith("اعلن مسؤول محلي في\nمحافظه ديالي")
    assert len(split_sentences(nt)) == 4  # without the word list every line break ends a sentence

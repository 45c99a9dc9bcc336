"""A second trigger of the event's kind after "كما" / "بينما" / "فيما" is another event at its own clause's place
(issue 12: ACLED codes one event per place). Sentences written for these tests."""

from rasid.pipeline import extract_text


def _places(text: str) -> list[tuple[str, str]]:
    return sorted((e.sub_event_type, e.location) for e in extract_text(text, published="2021-03-10").events)


def test_a_second_takeover_after_kama_is_an_event_at_its_own_village():
    text = "سيطرت فصائل المعارضة أمس على قرية مسكة في ريف عفرين، كما سيطرت على قرية زعفرانك التابعة لناحية جنديرس."
    assert _places(text) == [("Non-state actor overtakes territory", "زعفرانك"),
                             ("Non-state actor overtakes territory", "مسكة")]


def test_a_second_arrest_clause_with_words_between_is_its_own_event():
    text = "واعتقلت قوات الاحتلال أمس شابا من مخيم جنين، كما نفذت القوات اعتقالات بحق شبان في قرية عانين غرب جنين."
    # "عانين" is the village ‘Anin ("عنين"), written with its long vowel (a spelling variant near Jenin)
    assert _places(text) == [("Arrests", "Jenin camp"), ("Arrests", "‘Anīn")]


def test_the_same_place_told_again_in_the_second_clause_stays_one_event():
    text = "سيطرت فصائل المعارضة أمس على قرية مسكة في ريف عفرين، كما سيطرت على قرية مسكة بعد معارك عنيفة."
    assert _places(text) == [("Non-state actor overtakes territory", "مسكة")]


def test_a_second_clause_of_another_kind_adds_no_event_of_the_first_kind():
    text = "سيطرت فصائل المعارضة أمس على قرية مسكة في ريف عفرين، كما قتل مدني في قرية بافلون."
    assert _places(text) == [("Non-state actor overtakes territory", "مسكة")]

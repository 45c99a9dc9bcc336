"""Place recall (issue 13): list continuation after a preposition, a compass word glued to a name, a short
form of a known place. Sentences written for these tests."""

from __future__ import annotations


def names(mentions, role="mention"):
    return [m.name for m in mentions if m.role == role]


def test_weak_town_ending_a_list_opened_by_a_preposition(parse):
    # Zalingei is a small Sudanese town (a weak name): "من" reaches it across the list, Sudan is named
    ms = parse("قال الوالي إن مسلحين قادمين من تشاد و سرف عمرة و زالنجي هاجموا مدينة الجنينة.")
    assert "Zalinjay" in names(ms)
    glued = parse("وصلت قوات قادمة من تشاد وسرف عمرة وزالنجي إلى مدينة الجنينة.")
    assert "Zalinjay" in names(glued)


def test_weak_town_in_a_list_needs_its_country_and_the_preposition(parse):
    # no other Sudanese place: the small foreign town stays a word
    assert "Zalinjay" not in names(parse("قال إن مسلحين قادمين من تشاد و سرف عمرة و زالنجي هاجموا القرية."))
    # no preposition opens the list: the weak name is not taken
    assert "Zalinjay" not in names(parse("قال الوالي وزالنجي إن المسلحين هاجموا مدينة الجنينة."))


def test_compass_word_glued_to_a_known_place(parse):
    ms = parse("قتل جندي بانفجار عبوة ناسفة شمالبغداد مساء أمس.")
    (m,) = [x for x in ms if x.name == "Baghdad"]
    assert m.geo_precision == 2 and m.qualifier.startswith("north")
    assert names(parse("وقعت اشتباكات غربالموصل ليلا.")) == ["Mosul"]


def test_glued_compass_word_does_not_make_places_of_words(parse):
    assert names(parse("تقدمت القوات في مناطق جنوبية وشرقية من البلاد.")) == []


def test_neighbourhood_and_glued_direction_keep_the_city(parse):
    ms = parse("خطف مسلحون صحفية من منزلها في السيدية جنوببغداد أمس.")
    assert [m.latitude for m in ms if m.role == "mention"] and all(
        abs(m.latitude - 33.315) < 0.05 for m in ms if m.role == "mention")
    # the mention covers the city's name too
    assert any(m.end >= len("خطف مسلحون صحفية من منزلها في السيدية جنوببغداد") - 1 for m in ms)


def test_short_form_of_ain_al_asad(parse):
    ms = parse("شنت المقاتلات خمس غارات في محيط قاعدة الأسد غرب الأنبار.")
    assert "Ain al-Asad airbase" in names(ms)



def test_unknown_neighbourhood_named_like_a_foreign_town_keeps_its_city(parse):
    # "الجديدة" is a name of towns abroad, not a known quarter of Mosul: the city stays, with the quarter
    ms = parse("قتل مدنيان بانفجار عبوة ناسفة في حي الجديدة في الموصل صباح اليوم.")
    assert names(ms) and all(n.startswith("Mosul") for n in names(ms))

"""Villages the gazetteer lacks, coded the way ACLED codes them, and places of the other coded countries.

The village names in these sentences are invented, so no gazetteer will ever know them.
"""

from __future__ import annotations

from rasid.models import Document


def unresolved(mentions):
    return [m for m in mentions if m.unresolved]


def test_unknown_village_is_kept_and_coded_at_its_container(parse):
    ms = parse("اختطف مسلحون شابا من قرية زعفرانك بريف السويداء الغربي")
    (u,) = unresolved(ms)
    assert u.name == "زعفرانك" and u.surface == "زعفرانك"
    assert u.role == "mention" and u.geo_precision == 2 and u.place_id is None
    suwayda = next(m for m in ms if m.place_id and "Suwayda" in m.name)
    assert (u.latitude, u.longitude) == (suwayda.latitude, suwayda.longitude)
    assert u.admin1 == suwayda.admin1 and u.qualifier.startswith("near ")
    assert "said to lie in" in u.why[-1]


def test_a_list_of_unknown_villages_shares_the_cue_and_the_container(parse):
    ms = parse("قصفت المدفعية قرى تل كرمشان وزعفرانك وبيركوتة بريف عامودا")
    assert [m.name for m in unresolved(ms)] == ["تل كرمشان", "زعفرانك", "بيركوتة"]
    assert {(m.latitude, m.longitude) for m in unresolved(ms)} == {
        next((m.latitude, m.longitude) for m in ms if m.name == "Amuda")}



def test_an_unknown_village_listed_beside_a_known_one_is_coded_at_its_neighbour(parse):
    # a governorate's countryside is wide; the known village of the same list is next door
    ms = parse("قصفت المدفعية قرى كفرنبل وزعفرانك بريف إدلب الجنوبي")
    (u,) = unresolved(ms)
    kafranbel = next(m for m in ms if m.name == "Kafranbel")
    assert (u.latitude, u.longitude) == (kafranbel.latitude, kafranbel.longitude)
    assert u.role == "mention" and u.geo_precision == 2 and "listed beside Kafranbel" in u.why[-1]
    assert ms[[m.name for m in ms].index("زعفرانك")].start > kafranbel.start  # its span starts at its own name

def test_only_a_plural_cue_carries_a_list(parse):
    ms = parse("سيطرت القوات على قرية زعفرانك وتقدمت نحو حلب")
    assert [m.name for m in unresolved(ms)] == ["زعفرانك"]


def test_words_that_are_no_names_are_not_villages(parse):
    for text in ("قتل مدني في قرية صغيرة قرب حلب", "سيطرت القوات على 3 قرى اشتباكات قرب حلب",
                 "قصفت الطائرات القرية المجاورة لمدينة حلب", "ومن ناحية أخرى قصفت الطائرات حلب"):
        assert not unresolved(parse(text)), text


def test_a_village_only_named_near_a_place_is_listed_but_events_keep_the_named_place(parse):
    ms = parse("وصل النازحون إلى قرية زعفرانك، وقالت مصادر في حلب إن القصف مستمر")
    (u,) = unresolved(ms)
    assert u.role == "unresolved" and u.latitude is not None  # listed, at the nearest place named
    assert "nearest place named" in u.why[-1]


def test_an_unknown_village_without_any_place_has_no_coordinates(parse):
    (u,) = unresolved(parse("قال سكان من قرية زعفرانك إن المسلحين انسحبوا"))
    assert u.role == "unresolved" and u.latitude is None and u.geo_precision == 2


def test_unresolved_places_are_flagged_entities():
    from rasid.pipeline import Pipeline

    text = "قصفت الطائرات قرية زعفرانك بريف إدلب الجنوبي اليوم، ما أدى إلى مقتل ثلاثة مدنيين"
    result = Pipeline().process(Document(doc_id="t1", text=text))
    places = [e for e in result.entities if e.kind == "place"]
    flagged = [e for e in places if e.unresolved]
    assert [e.canonical for e in flagged] == ["زعفرانك"]
    assert text[flagged[0].start:flagged[0].end] == "قرية زعفرانك"
    assert flagged[0].place_id is None and flagged[0].geo_precision == 2
    idlib = next(e for e in places if not e.unresolved)
    assert idlib.place_id and idlib.unresolved is None
    (event,) = [e for e in result.events if e.event_type == "Explosions/Remote violence"]
    assert event.location == "زعفرانك" and event.geo_precision == 2
    assert (event.latitude, event.longitude) == (idlib.latitude, idlib.longitude)


def test_a_story_set_elsewhere_reads_its_names_there(parse):
    ms = parse("هاجمت قوات الدعم السريع مدينة الجنينة عاصمة ولاية غرب دارفور، وفر السكان من الجنينة إلى تشاد")
    geneina = [m for m in ms if m.surface == "الجنينه"]
    assert geneina and all(m.country == "Sudan" for m in geneina)
    # the same name in a Syrian story stays the Deir ez-Zor village
    ms = parse("قصفت المدفعية قرية الجنينة بريف دير الزور الغربي")
    assert next(m for m in ms if m.surface == "الجنينه").country == "Syria"


def test_towns_of_the_other_coded_countries_are_found(parse):
    ms = parse("قصفت المدفعية منازل في مخيم النصيرات ومخيم البريج وسط قطاع غزة")
    assert {m.country for m in ms} == {"Palestine"}
    assert len([m for m in ms if m.feature == "camp" or m.feature == "populated"]) >= 2
    ms = parse("قتل عشرة أشخاص في تفجير سيارة مفخخة في العاصمة الصومالية مقديشو")
    assert any(m.country == "Somalia" and m.feature == "populated" for m in ms)


def test_city_named_after_its_cue_is_the_town_not_the_district(parse):
    ms = parse("تعرضت مدينة مأرب لقصف صاروخي حوثي في اليمن")
    marib = next(m for m in ms if m.surface == "مارب")
    assert marib.feature == "populated" and marib.geo_precision == 1


def test_weak_name_counts_where_its_governorate_is_named(parse):
    ms = parse("انفجرت سيارة قرب مقر إدارة أمن عدن في محافظة عدن جنوب اليمن")
    assert [m.surface for m in ms if m.feature == "populated"] == ["عدن"]


def test_cue_only_name_needs_a_preposition_word_not_a_clitic(parse):
    ms = parse("سقطت قذيفة في حارة باب موسى بمدينة تعز اليمنية")
    assert not any(m.name == "Ibb" for m in ms)


def test_a_camp_named_with_its_cue_word_needs_no_other_place_of_its_country(parse):
    ms = parse("تبادل مسلحون إطلاق النار في مخيم عين الحلوة ليلة أمس")
    assert [(m.name, m.feature) for m in ms] == [("Ain al-Hilweh", "camp")]


def test_a_neighbourhood_prefers_the_camp_or_city_the_article_names(parse):
    # "حطين" is also a Raqqa neighbourhood: in a camp story it is the camp's
    ms = parse("توتر في مخيم عين الحلوة قرب صيدا، وسمع إطلاق نار في حي حطين")
    hattin = next(m for m in ms if "حطين" in m.name)
    assert hattin.name == "Ain al-Hilweh - حطين" and hattin.country == "Lebanon"
    ms = parse("اشتباكات في مخيم عين الحلوة قرب مدينة صيدا، بعد هجوم على منزل في حي الكرمشاني داخل المخيم")
    assert next(m for m in ms if "الكرمشاني" in m.name).name.startswith("Ain al-Hilweh")


def test_the_same_area_is_the_place_named_last(parse):
    ms = parse("هاجمت قوات الدعم السريع مواقع الجيش في جبل أولياء جنوب الخرطوم. ورد الجيش بغارات على نفس المنطقة")
    same = ms[-1]
    assert same.surface == "نفس المنطقه" and same.name == "Jebel Aulia"


def test_southern_lebanon_is_the_south_governorate(parse):
    (m,) = [m for m in parse("غارات إسرائيلية على جنوب لبنان") if m.role == "mention"]
    assert (m.name, m.feature, m.geo_precision, m.admin1) == ("South Lebanon", "admin1", 3, "South")


def test_a_yemeni_district_is_its_seat_town(parse):
    ms = parse("قصفت المدفعية مواقع الحوثيين في مديرية صرواح غرب محافظة مأرب")
    sirwah = next(m for m in ms if m.surface == "صرواح")
    assert sirwah.country == "Yemen" and sirwah.feature == "populated" and sirwah.admin1 == "Marib"


def test_towns_that_geonames_names_only_in_latin_script(parse):
    ms = parse("شنت مسيرات هجمات على مدينة تندلتي في ولاية النيل الأبيض بالسودان")
    assert any(m.name == "Tandalti" and m.country == "Sudan" for m in ms)


def test_a_quoted_name_with_spaces_inside_the_quotes_is_the_known_town(parse):
    for text in ('سيطرت القوات على بلدة " الميادين " صباحا', 'سيطرت القوات على بلدة ” الميادين ” صباحا'):
        ms = parse(text)
        assert [m.name for m in ms] == ["Al-Mayadin"] and not unresolved(ms), text


def test_a_dual_cue_splits_two_names_inside_one_pair_of_quotes(parse):
    ms = parse('قصفت الطائرات قريتي "زعفرانك وبيركوتة" في ريف عامودا')
    assert [m.name for m in unresolved(ms)] == ["زعفرانك", "بيركوتة"]
    ms = parse('قصفت الطائرات قريتي "هجين وزعفرانك" شرق دير الزور')
    assert "Hajin" in [m.name for m in ms] and [m.name for m in unresolved(ms)] == ["زعفرانك"]


def test_a_bracketed_aside_does_not_break_a_list_of_districts(parse):
    ms = parse("صد الجيش هجمات في مديريات الدريهمي وبيت الفقيه (الجاح) والتحيتا وحيس بمحافظة الحديدة")
    assert {m.admin2 for m in ms if m.admin2} >= {"At Tuhayat", "Hays"}


def test_a_village_far_from_where_the_text_puts_it_is_not_the_far_namesake(parse):
    # the only known صيدا is Lebanon's Sidon; the text puts this one in Daraa's countryside
    ms = parse("اندلعت اشتباكات في بلدة صيدا بريف درعا الشرقي")
    (u,) = unresolved(ms)
    assert u.surface == "صيدا" and u.iso == 760 and u.admin1 == "Daraa" and u.geo_precision == 2
    assert u.role == "mention" and "said to lie in" in u.why[-1]
    # a town that does lie there keeps its place; Palmyra is 150 km from Homs, in its governorate
    ms = parse("قصفت الطائرات مدينة تدمر بريف حمص الشرقي")
    assert not unresolved(ms) and ms[0].admin1 == "Homs"


def test_a_small_foreign_namesake_after_a_village_cue_is_an_unknown_village(parse):
    # الطيرة is a West Bank town; in a Suwayda story "قرية الطيرة" is a village the gazetteer lacks
    ms = parse("تدخل وجهاء قرية الطيرة في ريف السويداء الغربي لإطلاق سراح الشاب")
    (u,) = unresolved(ms)
    assert u.surface == "الطيره" and u.admin1 == "As-Sweida" and u.role == "mention"


def test_the_name_ali_after_a_name_head_is_not_the_preposition(parse):
    (u,) = unresolved(parse("نزحت عائلات إلى قرية الحاج علي جنوب الموصل"))
    assert u.name == "الحاج علي" and u.admin1 == "Ninewa"
    assert not unresolved(parse("سيطرت القوات على قرية أبو على طريق حلب"))


def test_a_district_of_the_admin_layer_counts_after_a_preposition_in_its_governorate(parse):
    ms = parse("قصفت المدفعية قرى في الوازعية بمحافظة تعز")
    assert any(m.admin2 == "Al Wazi'iyah" for m in ms)
    assert not any(m.admin2 == "Al Wazi'iyah" for m in parse("قصفت المدفعية قرى في الوازعية"))


def test_a_neighbourhood_that_carries_its_citys_name_is_no_namesake(parse):
    # the article's only other town is Douma; "درعا البلد" still names Daraa's quarter, not one of Douma
    ms = parse("قصفت قوات النظام مدينة دوما أمس. وقتل أطفال جراء استهداف أحياء درعا البلد بصواريخ")
    quarter = next(m for m in ms if m.surface == "درعا البلد")
    assert quarter.admin1 == "Daraa" and quarter.name.startswith("Daraa")


def test_a_conjunction_written_apart_still_carries_the_list(parse):
    ms = parse("قصفت المدفعية قرى زعفرانك و بيركوتة و تل كرمشان بريف عامودا")
    assert [m.name for m in unresolved(ms)] == ["زعفرانك", "بيركوتة", "تل كرمشان"]


def test_dual_cues_of_every_cue_word_carry_two_names(parse):
    ms = parse("دارت اشتباكات في ناحيتي زعفرانك وبيركوتة بريف عامودا")
    assert [m.name for m in unresolved(ms)] == ["زعفرانك", "بيركوتة"]
    ms = parse("استهدفت الغارات منطقتي هجين والسوسة شرق دير الزور")
    assert [m.name for m in ms][:2] == ["Hajin", "Al-Susah"]


def test_an_area_cue_names_an_unknown_place_only_where_the_text_places_it(parse):
    (u,) = unresolved(parse("سيطرت القوات على منطقة زعفرانك شرق عامودا"))
    assert u.name == "زعفرانك" and u.role == "mention" and u.geo_precision == 2
    for text in ("أعلنت الحكومة منطقة منزوعة السلاح قرب حلب", "دخلت القوات منطقة خفض التصعيد في إدلب",
                 "وقعت اشتباكات في منطقة زعفرانك، وقالت مصادر في حلب إن القصف مستمر"):
        assert not unresolved(parse(text)), text


def test_a_dropped_namesake_anchors_nothing(parse):
    # the nearest place of the sentence anchors the unknown village, not the foreign namesake it replaced
    (u,) = unresolved(parse("اختطف مسلحون مدنيين من محافظة درعا، ثم تدخل وجهاء قرية الطيرة التي ينحدر منها الشاب"))
    assert u.latitude is not None and u.admin1 == "Daraa" and u.role == "unresolved"


def test_a_directorate_of_an_institution_is_no_district(parse):
    for text in ("أعلنت مديرية الصحة في السويداء عن سقوط عشرين قتيلا",
                 "قال مسؤول في مديرية استخبارات نينوى إن الهجوم أحبط",
                 "قال المسؤول في مديرية شرطة بنغازي إن خمسة أشخاص قتلوا"):
        assert not unresolved(parse(text)), text


def test_an_unknown_village_of_a_list_nothing_contains_is_coded_at_its_known_neighbour(parse):
    # no "بريف W" after the list: the known village of the same list, not the town named later, codes it
    ms = parse("قصفت المدفعية قرى كفرنبل وزعفرانك وبيركوتة، ثم تقدمت القوات نحو مدينة معرة النعمان")
    us = unresolved(ms)
    assert [u.name for u in us] == ["زعفرانك", "بيركوتة"]
    kafranbel = next(m for m in ms if m.name == "Kafranbel")
    for u in us:
        assert u.role == "mention" and u.geo_precision == 2 and "listed beside Kafranbel" in u.why[-1]
        assert (u.latitude, u.longitude) == (kafranbel.latitude, kafranbel.longitude)


def test_an_unknown_village_after_a_singular_cue_is_still_only_near_its_sentence_place(parse):
    # "قرية X" alone is no list: with no container it stays unresolved, coded near the place named beside it
    ms = parse("قصفت المدفعية قرية زعفرانك، ثم تقدمت القوات نحو مدينة معرة النعمان")
    (u,) = unresolved(ms)
    assert u.role == "unresolved"


def test_an_unknown_village_of_a_list_north_of_a_town_is_coded_at_its_known_neighbour(parse):
    # "شمال W" only says which way from W the list lies; the known village of the list is next door
    ms = parse("هاجم مسلحون قريتي كفرنبل وزعفرانك شمال مدينة معرة النعمان")
    (u,) = unresolved(ms)
    kafranbel = next(m for m in ms if m.name == "Kafranbel")
    assert (u.latitude, u.longitude) == (kafranbel.latitude, kafranbel.longitude)
    assert "listed beside Kafranbel" in u.why[-1]


def test_an_unknown_name_one_spelling_change_from_a_nearby_village_is_that_village(parse):
    # "تيما" for "طيما" (ت/ط), "بافلور" for "بفلور" (a long vowel written out), both near the place anchoring them
    ms = parse("هاجم التنظيم قرية تيما بريف السويداء الشرقي")
    (tima,) = [m for m in ms if m.surface == "تيما"]
    assert not tima.unresolved and tima.name == "Tima" and tima.admin1 == "As-Sweida"
    assert tima.geo_precision == 1 and "spelling variant" in tima.why[0]
    ms = parse("سيطرت الفصائل على قرية بافلور التابعة لناحية جنديرس في ريف عفرين")
    (baflur,) = [m for m in ms if m.surface == "بافلور"]
    assert not baflur.unresolved and baflur.name == "Baflur" and baflur.place_id


def test_a_spelling_variant_far_from_the_anchor_is_no_match(parse):
    # the Suwayda village is 300 km from Aleppo: here "تيما" stays an unknown village coded at its container
    ms = parse("هاجم التنظيم قرية تيما بريف حلب الشمالي")
    (u,) = unresolved(ms)
    assert u.surface == "تيما" and u.admin1 == "Aleppo" and u.place_id is None
    # a known name is never rewritten, and a first letter is never a vowel added or dropped
    ms = parse("هاجم التنظيم قرية المتونة بريف السويداء الشرقي")
    assert [m.name for m in ms if m.surface == "المتونه"] == ["Al-Matuna"]

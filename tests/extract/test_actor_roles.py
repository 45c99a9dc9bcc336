"""Which named side is a strike's author and which its target, backers, holders of a place, and vague words
for a group the article names later (issue 12, actor pairs). Sentences written for these tests."""

from __future__ import annotations

from rasid.pipeline import extract_text


def events(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    result = extract_text(text, published="2019-03-12", disable=["learned"])
    return [(e.event_type, e.actor1, e.actor2, e.assoc_actor_1) for e in result.events]


def test_a_side_named_as_what_a_strike_hit_is_its_target_not_its_author() -> None:
    # no author anywhere: the unidentified armed group of the country hit
    ((kind, a1, a2, _),) = events("استهدف قصف مدفعي مواقع لحزب الله قرب مدينة النبطية في جنوب لبنان.")
    assert kind == "Explosions/Remote violence"
    assert (a1, a2) == ("Unidentified Armed Group (Lebanon)", "Hezbollah")
    # the article's last strike with a named author gives it
    found = events("شن الطيران الإسرائيلي غارات على بلدة الخيام جنوب لبنان.\n"
                   "واستهدف قصف مدفعي مواقع لحزب الله في بلدة كفركلا.")
    assert ("Explosions/Remote violence", "Military Forces of Israel (2022-)", "Hezbollah", None) in found
    assert all(a1 != "Hezbollah" for _, a1, _, _ in found)


def test_a_side_named_among_the_hurt_is_no_author() -> None:
    found = events("قصفت القوات التركية قرية تل الورد بريف الحسكة.\n"
                   "وسقطت قذائف على بلدة أبو راسين ما أدى إلى إصابة عنصر في قوات سوريا الديمقراطية.")
    assert [(a1, a2) for _, a1, a2, _ in found] == [
        ("Military Forces of Turkey (2016-)", None),
        ("Military Forces of Turkey (2016-)", "SDF: Syrian Democratic Forces")]


def test_a_battle_with_both_sides_marked_has_both() -> None:
    ((kind, a1, a2, _),) = events("قتل عشرة من عناصر داعش في اشتباكات مع مقاتلي المعارضة في ريف حلب الشمالي.")
    assert kind == "Battles"
    assert {a1, a2} == {"IS: Islamic State", "Opposition Rebels (Syria)"}


def test_a_backer_a_word_away_from_its_mark_is_an_associate() -> None:
    ((_, a1, a2, assoc),) = events("هاجم الجيش العراقي وبإسناد من أبناء العشائر مواقع داعش في قضاء القائم.")
    assert (a1, a2) == ("Military Forces of Iraq (2014-)", "IS: Islamic State")
    assert assoc == "Tribal Militia (Iraq)"


def test_who_holds_the_place_struck_is_no_side_of_the_strike() -> None:
    ((_, a1, a2, _),) = events("قتل ثلاثة مدنيين بقصف جوي استهدف مدينة سراقب الخاضعة لسيطرة فصائل المعارضة في ريف إدلب.")
    assert a2 == "Civilians (Syria)"
    assert a1 != "Opposition Rebels (Syria)"


def test_vague_tribal_words_mean_the_tribe_the_article_names_later() -> None:
    found = events("اندلعت اشتباكات بين مقاتلي العشائر وقوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور.\n"
                   "وقال قيادي في قبيلة العكيدات إن المعارك مستمرة.")
    assert [(a1, a2) for _, a1, a2, _ in found] == [("Uqaydat Tribal Militia (Syria)", "SDF: Syrian Democratic Forces")]
    # an article that names no tribe keeps the tribal militia of the country
    found = events("اندلعت اشتباكات بين مقاتلي العشائر وقوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور.")
    assert [a1 for _, a1, _, _ in found] == ["Tribal Militia (Syria)"]


def full(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor1, e.actor2) for e in extract_text(text, published="2019-03-12").events]


def test_a_state_named_by_its_base_is_the_side_hit_not_the_attacker() -> None:
    drone = "استهدفت طائرة مسيرة مجهولة قاعدة تركية في ريف حلب الشمالي مساء أمس."
    assert [(a1, a2) for _, a1, a2, _ in events(drone)] == [("Unidentified Armed Group (Syria)",
                                                            "Military Forces of Turkey (2016-)")]
    # the base named long before the attack word ("تعرضت ... لهجوم"), and with the learned layer on: its actor 2
    # head does not take the civilians over the base's side
    hit = "وتعرضت قاعدة حميميم الروسية في ريف اللاذقية لهجوم بطائرات مسيرة اليوم."
    assert full(hit) == [("Unidentified Armed Group (Syria)", "Military Forces of Russia (2000-)")]
    assert full(drone) == [("Unidentified Armed Group (Syria)", "Military Forces of Turkey (2016-)")]
    # al-Qaeda ("القاعدة") is no base
    assert [a1 for _, a1, _, _ in events("تبنى تنظيم القاعدة تفجير سيارة مفخخة في مدينة عدن أمس.")] \
        == ["AQAP: Al Qaeda in the Arabian Peninsula"]
def test_a_crowd_that_turns_violent_is_coded_as_rioters() -> None:
    # ACLED codes the crowd of a riot as rioters (inter 5), whatever word the sentence calls it by
    ((kind, a1, a2, _),) = events("رشق عشرات المتظاهرين مبنى مجلس المحافظة في مدينة الناصرية بالحجارة وأضرموا النار في بوابته.")
    assert kind == "Riots"
    assert a1 == "Rioters (Iraq)"


def test_who_besieges_the_place_struck_is_no_author_of_the_strike() -> None:
    # "المحاصرة من قبل": the by-phrase tells who besieges the town, not who sent the drones
    found = events("تعرضت مدينة كادقلي صباح اليوم لهجوم بطائرات مسيرة استهدف مقار حكومية، وهي المدينة المحاصرة من قبل "
                   "الحركة الشعبية شمال منذ أشهر.")
    assert found and all(a1 != "SPLM-N: Sudan People's Liberation Movement-North" for _, a1, _, _ in found)


def test_a_force_named_as_supporting_another_is_its_partner_not_a_side() -> None:
    # "الداعمة للجيش", "الرديفة لقوات النظام": the force after the word is the one supported (an associate)
    ((_, a1, a2, assoc),) = events("أعلنت قوات الحشد الشعبي الداعمة للجيش انطلاق معارك تحرير الفلوجة من تنظيم داعش.")
    assert (a1, a2, assoc) == ("PMF: Popular Mobilization Forces", "IS: Islamic State", "Military Forces of Iraq (2014-)")
    # inside "بين X و Y" the supported force is no side of the fight
    ((_, a1, a2, _),) = events("شهدت مدينة القامشلي اشتباكات بين ميليشيا الدفاع الوطني الرديفة لقوات النظام وقوات الأسايش.")
    assert {a1, a2} == {"NDF: National Defense Forces", "Asayish"}


def test_a_side_that_announces_or_mourns_its_own_dead_is_the_target() -> None:
    # the pronoun after the members ("عناصرها", "مقاتليه") points back to the side named before: it lost them
    ((_, a1, a2, _),) = events("أعلنت هيئة تحرير الشام مقتل ثلاثة من عناصرها بقصف مدفعي على بلدة كنصفرة بريف إدلب.")
    assert (a1, a2) == ("Unidentified Armed Group (Syria)", "HTS: Hayat Tahrir al-Sham")
    ((_, a1, a2, _),) = events("أعلنت قوات سوريا الديمقراطية مقتل اثنين من مقاتليها بانفجار لغم في ريف دير الزور الشرقي.")
    assert (a1, a2) == ("Unidentified Armed Group (Syria)", "SDF: Syrian Democratic Forces")
    found = events("نعى حزب الله أحد مقاتليه الذي قتل في غارة على بلدة الخيام جنوب لبنان.")
    assert found and all(a1 != "Hezbollah" and a2 == "Hezbollah" for _, a1, a2, _ in found)
    # in a battle the other side stays the other side
    ((_, a1, a2, _),) = events("أعلنت قوات سوريا الديمقراطية مقتل ثلاثة من عناصرها في اشتباكات مع تنظيم داعش في بلدة هجين.")
    assert (a1, a2) == ("IS: Islamic State", "SDF: Syrian Democratic Forces")


def test_who_blames_whom_after_a_blast_is_no_side_of_it() -> None:
    ((kind, a1, a2, assoc),) = events("قتل ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة الباب، واتهمت فصائل الجيش الوطني وحدات حماية "
                                      "الشعب بالوقوف وراء التفجير.")
    assert kind == "Explosions/Remote violence"
    assert (a1, a2, assoc) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)", None)


def test_security_forces_facing_protesters_are_the_police_an_army_named_as_such_stays() -> None:
    ((kind, a1, a2, _),) = events("تظاهر مئات المحتجين في ساحة التحرير ببغداد، وأطلقت قوات الأمن العراقية الرصاص الحي لتفريقهم "
                                  "ما أدى إلى مقتل متظاهرين اثنين.")
    assert kind == "Protests"
    assert (a1, a2) == ("Protesters (Iraq)", "Police Forces of Iraq (2014-)")
    ((_, a1, a2, _),) = events("تظاهر مئات المحتجين في ساحة التحرير ببغداد، وأطلق الجيش العراقي الرصاص الحي لتفريقهم.")
    assert a2 == "Military Forces of Iraq (2014-)"

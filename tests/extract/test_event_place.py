"""Which place of its sentence an event takes (ACLED: the most specific place where it happened)."""

from __future__ import annotations

from extract_helpers import doc_upto


def places_of(text: str) -> list[str | None]:
    doc = doc_upto(text, "events", published="2021-03-10")
    return [e.location for e in doc.events]


def test_the_place_an_attack_came_from_is_not_its_place() -> None:
    assert places_of("قصفت قوات النظام من مواقعها في مدينة خان شيخون بالمدفعية بلدة كفرنبل.") == ["Kafranbel"]
    assert places_of("قصفت مدفعية قادمة من مدينة خان شيخون بالقذائف بلدة كفرنبل.") == ["Kafranbel"]
    # without the origin words the first place after the verb is the target
    assert places_of("قصفت قوات النظام مدينة خان شيخون بالمدفعية بلدة كفرنبل.") == ["Khān Shaykhūn"]


def test_a_place_far_from_every_other_of_the_article_leaves_its_list() -> None:
    # the gazetteer knows only Iraq's Nasiriyah: in a list of Idlib villages it is a namesake it lacks
    got = places_of("قصفت قوات النظام أمس بلدة كفرنبل وبلدة معرة حرمة والناصرية في ريف إدلب.")
    assert got == ["Kafranbel", "Maarat Hurma"]
    # alone in its sentence it is kept: there is nothing else to put the event at
    got = places_of("قصفت قوات النظام أمس بلدة كفرنبل وبلدة معرة حرمة في ريف إدلب. وقصف الطيران الناصرية.")
    assert "Nasiriyah" in got


def precisions_of(text: str) -> list[tuple[str | None, int | None]]:
    doc = doc_upto(text, "events", published="2021-03-10")
    return [(e.location, e.geo_precision) for e in doc.events]


def test_each_village_of_a_list_is_a_place_of_its_own_even_when_the_gazetteer_lacks_it() -> None:
    # ACLED codes one event per village: the two the gazetteer lacks are coded at their anchor (precision 2)
    got = precisions_of("قصفت قوات النظام قرى كفرنبل وتل الزرازير وأم الغزلان بريف إدلب الجنوبي.")
    assert got == [("Kafranbel", 1), ("تل الزرازير", 2), ("أم الغزلان", 2)]


def test_a_direction_after_a_comma_says_where_the_place_is() -> None:
    # "X، شمال Y": Y is named to say where X is, not a second place of the event
    assert places_of("انفجرت سيارة مفخخة في قضاء سامراء، شمال بغداد، ما أدى إلى مقتل خمسة جنود.") == ["Samarra"]
    assert places_of("قصفت الطائرات الحربية بلدة كفرنبل، جنوب إدلب.") == ["Kafranbel"]
    # a comma between two places without a direction still lists them
    assert places_of("قصفت قوات النظام بلدة كفرنبل، معرة حرمة في ريف إدلب.") == ["Kafranbel", "Maarat Hurma"]


def test_a_neighbouring_place_only_says_where_the_first_is() -> None:
    # "ريف حلب الغربي المحاذي لإدلب": the fighting is in Aleppo's countryside, not in the town it borders
    got = places_of("اندلعت اشتباكات عنيفة بين هيئة تحرير الشام وحركة نور الدين الزنكي في ريف حلب الغربي المحاذي لإدلب.")
    assert got == ["Aleppo"]
    assert places_of("قتل خمسة عناصر في اشتباكات بين الفصائل في ريف حلب الغربي المتاخم لمدينة إدلب.") == ["Aleppo"]


def test_a_sentence_without_a_place_goes_on_about_the_event_just_reported() -> None:
    # the article names Idlib most, but "القصف" of the last sentence is the strike on Kafranbel just told
    text = ("سيطرت الفصائل على مدينة إدلب أمس. ودخلت الفصائل مدينة إدلب من جهة الشرق. "
            "وقصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب الجنوبي. وأسفر القصف عن مقتل خمسة مدنيين.")
    # the factions' takeover of Idlib is an event of its own; the deaths add no strike at Idlib
    assert places_of(text) == ["Idlib", "Kafranbel"]
    text = ("قصفت قوات النظام مدينة إدلب بالمدفعية. وتعرضت مدينة إدلب لقصف عنيف. واندلعت اشتباكات عنيفة بين "
            "الفصائل وقوات النظام في بلدة كفرنبل. وأشار المرصد إلى أن الاشتباكات أسفرت عن مقتل عشرة عناصر من الطرفين.")
    assert places_of(text) == ["Idlib", "Kafranbel"]


def test_a_place_fired_from_is_not_where_the_strike_fell() -> None:
    text = "قال مصدر عسكري إن العدو الإسرائيلي نفذ عدوانا جويا من اتجاه الجولان السوري المحتل مستهدفا نقاطا عدة في محيط دمشق."
    assert places_of(text) == ["Damascus"]
    # a sentence whose only place is where the missiles came from tells more of the strike just reported
    text = ("قصفت الطائرات الحربية بلدة كفرنبل صباح اليوم. وأطلقت الطائرات صواريخ من فوق مدينة معرة النعمان، ما أدى "
            "إلى مقتل ثلاثة مدنيين.")
    assert places_of(text) == ["Kafranbel"]


def test_a_place_past_another_clause_belongs_to_that_clause() -> None:
    # "بينما" / "في حين" / "بالتزامن مع" open another clause: its village is not where the clashes were
    text = "اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام في ريف إدلب الجنوبي، بينما قصفت الطائرات الحربية بلدة كفرنبل."
    assert list(zip(types_of(text), places_of(text), strict=True)) == [
        ("Battles", "Idlib"), ("Explosions/Remote violence", "Kafranbel")]
    text = "اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام في ريف إدلب الجنوبي، في حين انسحبت عناصر الفصائل من بلدة كفرنبل."
    assert places_of(text) == ["Idlib"]
    text = "شهدت مدينة إدلب ثلاثة تفجيرات بسيارات مفخخة صباح اليوم، بالتزامن مع هجوم للفصائل على بلدة كفرنبل."
    assert places_of(text) == ["Idlib"]


def types_of(text: str) -> list[str]:
    return [e.event_type for e in doc_upto(text, "events", published="2021-03-10").events]


def test_the_two_villages_are_not_the_town_of_the_same_name() -> None:
    # "القريتين" is the dual of قرية as well as a town of Homs: without a settlement noun it is the two villages
    def named(text: str) -> list[str]:
        return [p.name for p in doc_upto(text, "places").places]

    text = "سيطرت الفصائل على قريتي كفرنبل ومعرة حرمة. وسيطرت الفصائل على القريتين بعد اشتباكات مع قوات النظام."
    assert named(text) == ["Kafranbel", "Maarat Hurma"]
    assert "Al Qaryatayn" in named("سيطر تنظيم داعش على مدينة القريتين في ريف حمص الشرقي.")


def test_each_village_of_a_list_without_a_container_is_an_event_of_its_own() -> None:
    # ACLED codes one event per village; the two the gazetteer lacks sit beside their known neighbour
    got = precisions_of("قصفت قوات النظام أمس قرى كفرنبل وزعفرانك وبيركوتة بالمدفعية الثقيلة.")
    assert got == [("Kafranbel", 1), ("زعفرانك", 2), ("بيركوتة", 2)]


def test_places_a_verb_says_the_event_went_on_to_cover_are_events_too() -> None:
    # "وامتد القصف ليشمل قرى X وY": the same shelling on more villages, each an event (the unknown one too)
    got = precisions_of("قصفت المدفعية أمس بلدة كفرنبل بريف إدلب الجنوبي، وامتد القصف ليشمل قرى معرة حرمة وزعفرانك.")
    assert got == [("Kafranbel", 1), ("Maarat Hurma", 1), ("زعفرانك", 2)]
    # without such a verb, villages named later in the sentence are not where the shelling fell
    got = precisions_of("قصفت المدفعية أمس بلدة كفرنبل بريف إدلب الجنوبي، وقال ناشطون من قرى معرة حرمة وزعفرانك إن "
                        "الأهالي نزحوا.")
    assert got == [("Kafranbel", 1)]


def test_a_lead_near_a_town_takes_the_village_the_next_sentence_names() -> None:
    # "قرب مدينة إدلب" in the lead, the village in the next sentence that reports no event of its own:
    # ACLED codes the village
    lead = "انفجرت عبوة ناسفة قرب مدينة إدلب صباح اليوم."
    assert places_of(lead) == ["Idlib"]
    assert places_of(lead + " وكانت العبوة مزروعة في سيارة مدني في بلدة سرمين بريف إدلب الشرقي.") == ["Sarmīn"]
    assert places_of("انفجرت عبوة ناسفة في ريف إدلب صباح اليوم. وكانت العبوة مزروعة في سيارة مدني في بلدة سرمين.") \
        == ["Sarmīn"]
    # an event placed in the town itself keeps it; a next sentence with an event of its own is that event's
    assert places_of("انفجرت عبوة ناسفة في مدينة إدلب صباح اليوم. وكانت العبوة مزروعة في سيارة مدني من بلدة سرمين.") \
        == ["Idlib"]
    assert places_of(lead + " وقصفت الطائرات الحربية بلدة سرمين بريف إدلب الشرقي.") == ["Idlib", "Sarmīn"]


def test_a_capital_named_bare_in_the_lead_gives_way_to_the_next_sentence_village() -> None:
    # "بإدلب" alone may mean the governorate: the village the next sentence names is where it happened
    lead = "اغتال مسلحون مجهولون أمس قياديا سابقا في الفصائل بإدلب."
    assert places_of(lead) == ["Idlib"]
    assert places_of(lead + " وقال ناشطون إن المسلحين أطلقوا النار على الرجل في بلدة سرمين.") == ["Sarmīn"]
    # "مدينة إدلب" is the city
    assert places_of("اغتال مسلحون مجهولون أمس قياديا سابقا في الفصائل بمدينة إدلب. وقال ناشطون إن المسلحين "
                     "أطلقوا النار على الرجل في بلدة سرمين.") == ["Idlib"]


def test_the_village_after_the_events_last_report_refines_it() -> None:
    # the second report of the same arrest merges into the lead; the sentence after it names the checkpoint's town,
    # and a background event told in that sentence is not an event of its own there
    text = ("اعتقلت قوات النظام أمس شابين في درعا. وأفاد ناشطون أن قوات النظام اعتقلت الشابين أمس في درعا. "
            "وقال ناشطون إن الاعتقال جرى على حاجز غرب مدينة إزرع")
    assert places_of(text + ".") == ["Izra‘"]
    got = places_of(text + "، وكان الشاب قد شارك في معارك عام 2014 في مدينة إزرع.")
    assert got[0] == "Izra‘"


def test_where_a_speaker_is_is_not_where_the_event_happened() -> None:
    # "القائمقام الموجود حاليا في بلدة X": the speaker's whereabouts (event_words.tsv `origin`)
    said = "سيطر مسلحو تنظيم داعش أمس على معظم المدينة، وقال القائمقام{} في بلدة الخالدية إن المسلحين دخلوا " \
           "الجزء الشمالي من مدينة الرمادي."
    assert places_of(said.format(" الموجود حاليا")) == ["Ramadi"]
    assert places_of(said.format("")) == ["Al-Khalidiyah"]


def test_a_direction_from_a_named_city_is_near_the_city() -> None:
    # "جنوب مدينة X" is near X, as "جنوب X" is: ACLED precision 2, coded at the city
    assert precisions_of("قصفت الطائرات أمس مواقع للمسلحين جنوب مدينة الموصل.") == [("Mosul", 2)]
    assert precisions_of("قتل جنديان في كمين أمس شمال شرقي مدينة بعقوبة.") == [("Baqubah", 2)]
    # a neighbourhood the direction locates is in the city (precision 1), and directions joined by "و" name
    # parts of the city
    assert precisions_of("انفجرت سيارة مفخخة أمس في حي الزهراء غرب مدينة حمص.") == [("Homs - الزهراء", 1)]
    assert precisions_of("قصفت القوات أمس خطوط التماس شرق وجنوب مدينة الحديدة.") == [("Al Ḩudaydah", 1)]
    # the same after a town's, a village's or a camp's cue word
    assert precisions_of("قصفت المدفعية أمس منازل شمال بلدة كفرنبل.") == [("Kafranbel", 2)]
    assert precisions_of("قصفت مدفعية الاحتلال أمس منازل شمال مخيم البريج في قطاع غزة.") == [("Al Burayj", 2)]
    assert precisions_of("قصفت المدفعية أمس بلدة كفرنبل.") == [("Kafranbel", 1)]


def test_a_side_of_a_town_or_its_outskirts_is_near_it() -> None:
    # "الأطراف الغربية لبلدة X", "الطرف الجنوبي من X", "بالقرب من بلدة X": precision 2 at the town, like "أطراف X"
    assert precisions_of("شهدت الأطراف الغربية لبلدة كفرنبل أمس قصفا مدفعيا عنيفا.") == [("Kafranbel", 2)]
    assert precisions_of("أمنت القوات العراقية أمس الطرف الجنوبي من الفلوجة بعد اشتباكات مع داعش.") == [("Fallujah", 2)]
    assert precisions_of("اختطف مسلحون أمس شابا بالقرب من بلدة كفرنبل.") == [("Kafranbel", 2)]
    # from the town, or its neighbourhoods, is the town
    assert precisions_of("اختطف مسلحون أمس شابا من بلدة كفرنبل.") == [("Kafranbel", 1)]
    assert precisions_of("قصفت الطائرات أمس الأحياء الشرقية لمدينة حلب.") == [("Aleppo", 1)]
    # the names joined to the first share its side: "بالقرب من منطقتي X وY"
    assert precisions_of("اختطف مسلحون أمس شابا بالقرب من منطقتي كفرنبل وحاس.") == [("Kafranbel", 2), ("Has", 2)]


def test_a_sub_district_is_around_its_seat() -> None:
    # "ناحية X": the sub-district, coded at its seat with precision 2 (the gold's choice on both parts)
    assert precisions_of("اندلعت اشتباكات أمس في ناحيتي جلولاء والسعدية.") == [("Jalawla", 2), ("Al-Saadiya", 2)]

"""Frame rules of issue 12: who is no party to an event, descriptions that are no events, takeovers
that are not takeovers. Sentences written for these tests."""

from rasid.pipeline import extract_text


def reportable(text: str, **kw):
    return [e for e in extract_text(text, disable=["learned"], **kw).events if e.modality in ("asserted", "claimed")]


def test_a_former_member_killed_is_a_civilian_not_a_party():
    [event] = reportable("قتل مسلحون مجهولون أمس عنصرا سابقا في فصائل المعارضة في مدينة طفس بريف درعا.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor2 == "Civilians (Syria)"
    assert "Opposition Rebels (Syria)" not in (event.actor1, event.actor2)


def test_a_group_named_after_its_former_members_is_no_party():
    text = "اعتقلت قوات النظام أمس 12 شابا في بلدة جيرود، بينهم خمسة من كوادر المعارضة سابقا."
    [event] = reportable(text)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Arrests")
    assert event.actor1 == "Military Forces of Syria (2000-2024)"
    assert "Opposition Rebels (Syria)" not in (event.actor1, event.actor2)
    # without "سابقا" the group is the side arrested
    [event] = reportable(text.replace(" سابقا", ""))
    assert event.actor2 == "Opposition Rebels (Syria)"


def test_people_executed_on_a_charge_of_dealing_with_a_force_are_civilians():
    [event] = reportable("أعدم تنظيم داعش أمس ثلاثة شبان بتهمة التعامل مع التحالف في مدينة الميادين.")
    assert (event.event_type, event.actor1, event.actor2) == \
        ("Violence against civilians", "IS: Islamic State", "Civilians (Syria)")
    assert event.fatalities == 3


def test_what_an_actor_does_described_in_a_relative_clause_is_no_event():
    events = reportable("وقال قائد الفصيل إن الطيران الذي يقصف القرى في ريف حماة لن يكسر إرادة الأهالي.")
    assert events == []


def test_seizing_vehicles_is_no_takeover():
    events = reportable("استولى عناصر تنظيم داعش أمس على 12 آلية عسكرية قرب بلدة السخنة.")
    assert all("territory" not in e.sub_event_type for e in events)


def test_a_takeover_without_resistance_is_a_non_violent_transfer():
    [event] = reportable("دخلت قوات الدعم السريع أمس مدينة ود مدني دون مقاومة تذكر من الجيش.")
    assert (event.event_type, event.sub_event_type) == \
        ("Strategic developments", "Non-violent transfer of territory")


def test_a_raid_by_israeli_forces_is_no_takeover():
    [event] = reportable("اقتحمت قوات الاحتلال الإسرائيلي أمس مخيم جنين في الضفة الغربية.")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    [clash] = reportable("اقتحمت قوات الاحتلال الإسرائيلي أمس مخيم جنين واندلعت اشتباكات مع مقاومين في المخيم.")
    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")


def test_what_a_court_or_a_charge_is_about_is_no_event():
    assert reportable("قضت محكمة في بغداد أمس بإعدام خمسة مدانين بتفجير سيارة مفخخة في حي الكرادة.") == []
    # the arrest of someone accused of a bombing is an event; the bombing named as the charge is not
    [arrest] = reportable("اعتقلت قوات الأمن العراقية أمس ثلاثة متهمين بتفجير سيارة مفخخة في مدينة الرمادي.")
    assert arrest.sub_event_type == "Arrests"


def test_every_or_any_such_attack_is_talk():
    assert reportable("خلف كل عملية انتحارية في مدينة الرقة يقف تنظيم يستغل الشباب.") == []
    assert reportable("أي هجوم على مدينة منبج سيقابل برد حازم من قوات سوريا الديمقراطية.") == []


def test_a_sentence_that_names_no_place_needs_more_support():
    placed = reportable("تعرض حاجز للجيش لهجوم من مسلحين في بلدة الصنمين بريف درعا.")
    assert [e.event_type for e in placed] == ["Battles"]
    assert reportable("تعرض حاجز للجيش لهجوم من مسلحين.") == []
    # demonstrations are told without a place often enough: they keep their confidence
    assert [e.event_type for e in reportable("تظاهر المئات أمس احتجاجا على غلاء الأسعار.")] == ["Protests"]


def test_a_whole_country_is_rarely_the_place_of_one_event():
    assert reportable("شنت طائرات حربية غارات على مواقع في سوريا.") == []
    # a governorate costs less: a well supported report there stays, less sure than at a town
    [event] = reportable("قصف الطيران مواقع في محافظة إدلب.")
    assert (event.location, event.geo_precision) == ("Idlib", 3)
    [town] = reportable("قصف الطيران مواقع في مدينة سراقب.")
    assert town.confidence > event.confidence


def test_a_peaceful_protest_has_no_second_actor_and_an_intervening_force_is_it():
    [peaceful] = reportable("تظاهر المئات أمس في مدينة السويداء ضد قوات النظام السوري للمطالبة بالإفراج عن المعتقلين.")
    assert (peaceful.sub_event_type, peaceful.actor2) == ("Peaceful protest", None)
    [dispersed] = reportable("فرقت قوات الأمن العراقية أمس مظاهرة في مدينة البصرة بالغاز المسيل للدموع.")
    assert dispersed.sub_event_type == "Protest with intervention"
    # "قوات الأمن العراقية" are the security forces, which face protesters as the police (ACLED, and the gold)
    assert dispersed.actor2 == "Police Forces of Iraq (2014-)"


def test_air_defence_meeting_a_strike_is_the_strike_not_a_battle():
    events = reportable("تصدت الدفاعات الجوية السورية فجر اليوم لصواريخ إسرائيلية فوق ريف دمشق الجنوبي.")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert events[0].actor1 == "Military Forces of Israel (2022-)"
    [clash] = reportable("تصدت قوات النظام أمس لهجوم شنه مقاتلو المعارضة على بلدة كفرنبودة بريف حماة.")
    assert clash.event_type == "Battles"  # a force meeting an attack on the ground is still a battle


def test_the_group_after_an_arrest_is_the_one_arrested_and_a_named_force_beats_the_generic_one():
    # the headline names only the arrested; the report names the police that made the arrest
    [event] = reportable("القبض على 5 دواعش في الموصل\n"
                         "وأعلنت الشرطة العراقية أمس إلقاء القبض على خمسة من عناصر تنظيم داعش في مدينة الموصل.")
    assert (event.sub_event_type, event.actor1, event.actor2) == \
        ("Arrests", "Police Forces of Iraq (2014-)", "IS: Islamic State")

"""One event per place, day and pair (issue 12): reports that share a named party merge. Sentences written
for these tests."""

from rasid.pipeline import extract_text


def test_two_reports_of_one_strike_with_different_second_parties_are_one_event():
    text = ("قصفت القوات التركية أمس مواقع لقوات سوريا الديمقراطية في بلدة عين عيسى. "
            "وقال المرصد إن القصف التركي استهدف منازل المدنيين في بلدة عين عيسى.")
    [event] = extract_text(text).events
    assert event.actor1 == "Military Forces of Turkey (2016-)"
    assert event.modality == "claimed"


def test_strikes_by_different_forces_at_one_place_stay_apart():
    text = ("قصف الطيران الروسي أمس بلدة عين عيسى. "
            "وقصفت القوات التركية أمس مواقع لقوات سوريا الديمقراطية في بلدة عين عيسى.")
    assert sorted(e.actor1 for e in extract_text(text).events) == \
        ["Military Forces of Russia (2000-)", "Military Forces of Turkey (2016-)"]


def test_a_clash_keeps_its_sub_type_when_a_later_report_tells_of_a_building_taken():
    # fighting in a town where one side takes a building is a clash (the town did not change hands); before
    # issue 12's sub-type check a later report's takeover word turned the merged event into a takeover
    text = ("اندلعت أمس اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة الشحيل. "
            "وسيطرت قوات سوريا الديمقراطية أمس على مبنى البلدية في بلدة الشحيل بعد معارك استمرت ساعات.")
    [event] = extract_text(text).events
    assert event.sub_event_type == "Armed clash"
    assert {event.actor1, event.actor2} == {"SDF: Syrian Democratic Forces", "IS: Islamic State"}


def test_a_takeover_told_first_stays_a_takeover():
    text = ("سيطرت قوات سوريا الديمقراطية أمس على بلدة الشحيل. "
            "واندلعت أمس اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة الشحيل.")
    [event] = extract_text(text).events
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_a_shelling_also_reported_as_air_strikes_is_an_air_strike():
    # ACLED: an attack carried out by aircraft is an air strike; the later report names the aircraft the
    # first one ("قصفت", no weapon named) left out
    text = ("قصفت قوات النظام أمس بلدة كفرنبل. "
            "وشنت طائرات النظام الحربية أمس غارات على بلدة كفرنبل.")
    [event] = extract_text(text).events
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Syria (2000-2024)"


def test_an_air_strike_told_first_is_not_made_a_shelling_by_a_later_report():
    text = ("شنت طائرات النظام الحربية أمس غارات على بلدة كفرنبل. "
            "وقصفت قوات النظام أمس بلدة كفرنبل.")
    [event] = extract_text(text).events
    assert event.sub_event_type == "Air/drone strike"


def test_artillery_and_aircraft_told_in_two_sentences_are_two_strikes():
    # issue 12: a report naming only artillery and one naming only aircraft are two strikes at the place and
    # day (the regime's guns and the jets), not a shorter and a fuller account of one
    text = ("قصفت قوات النظام أمس بلدة كفرنبل بالمدفعية الثقيلة وقذائف الهاون. "
            "وشنت طائرات النظام الحربية أمس غارات على بلدة كفرنبل.")
    assert sorted(e.sub_event_type for e in extract_text(text).events) == \
        ["Air/drone strike", "Shelling/artillery/missile attack"]


def test_a_strike_said_to_be_another_is_not_merged_into_the_first():
    text = ("قتل خمسة جنود أمس في غارة بطائرة مسيرة على معسكر في مدينة الأبيض. "
            "وبعد ساعة من ذلك استهدف هجوم مماثل بطائرة مسيرة مقرا للتدريب في مدينة الأبيض.")
    events = extract_text(text).events
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Air/drone strike"]


def test_a_later_report_of_the_same_strike_still_merges():
    # the same words without "مماثل": one strike told twice
    text = ("قتل خمسة جنود أمس في غارة بطائرة مسيرة على معسكر في مدينة الأبيض. "
            "وأضافت المصادر أن الغارة بطائرة مسيرة أسفرت أيضا عن إصابة عشرة جنود في مدينة الأبيض.")
    assert len(extract_text(text).events) == 1


def test_a_clause_naming_the_other_means_is_a_strike_of_its_own():
    # "كما" opens a clause that names artillery after a sentence of aircraft: two strikes, the second at
    # the first clause's town when its own clause names none
    text = ("قصف الطيران المروحي أمس مدينة داريا ببراميل متفجرة، كما تعرضت المدينة إلى القصف بالمدفعية "
            "الثقيلة وراجمات الصواريخ.")
    events = extract_text(text).events
    assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert len({e.location for e in events}) == 1


def test_a_clause_naming_the_same_means_adds_no_strike():
    text = ("قصف الطيران المروحي أمس مدينة داريا ببراميل متفجرة، كما تعرضت المدينة إلى غارات جوية.")
    assert len(extract_text(text).events) == 1


def test_shelling_reports_alone_stay_shelling():
    text = ("قصفت قوات النظام أمس بلدة كفرنبل بالمدفعية الثقيلة. "
            "وسقطت قذائف صاروخية أمس على منازل المدنيين في بلدة كفرنبل.")
    events = extract_text(text).events
    assert events and all(e.sub_event_type == "Shelling/artillery/missile attack" for e in events)


def test_a_headline_clash_gives_way_to_the_takeover_the_body_reports():
    # a headline names the news briefly ("معارك"); the body's takeover of the same place that day is the event
    text = ("معارك عنيفة بين قوات سوريا الديمقراطية وتنظيم داعش في بلدة الشحيل\n\n"
            "سيطرت قوات سوريا الديمقراطية أمس على بلدة الشحيل بعد اشتباكات مع تنظيم داعش استمرت يومين.")
    [event] = extract_text(text).events
    assert event.sub_event_type == "Non-state actor overtakes territory"


def test_a_city_and_a_district_of_it_are_one_place_and_the_district_says_more():
    # the headline names Baghdad, the body its district Sadr City: one bombing, coded to the district
    text = ("مقتل عشرين شخصا في تفجير انتحاري استهدف سوقا شعبيا في العاصمة بغداد\n"
            "وفجر انتحاري نفسه مساء اليوم في سوق مريدي بمدينة الصدر، ما أدى إلى مقتل عشرين شخصا.")
    assert [e.location for e in extract_text(text).events] == ["Sadr City"]
    # two towns of a governorate stay two places
    text = ("قصفت الطائرات الحربية مدينة حلب صباح اليوم.\n"
            "وقصفت الطائرات الحربية بلدة حريتان صباح اليوم.")
    assert len(extract_text(text).events) == 2

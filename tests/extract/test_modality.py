"""Modality rules of issue 12, on sentences written for these tests."""

from rasid.pipeline import extract_text


def reportable(text: str, **kw):
    return [e for e in extract_text(text, disable=["learned"], **kw).events if e.modality in ("asserted", "claimed")]


def test_an_account_attributed_in_the_body_is_claimed_even_when_the_headline_states_it():
    text = ("سيطرت قوات سوريا الديمقراطية على بلدة هجين\n"
            "وقالت مصادر محلية إن قوات سوريا الديمقراطية سيطرت على بلدة هجين أمس بعد اشتباكات مع تنظيم داعش.")
    [event] = reportable(text)
    assert event.modality == "claimed"


def test_an_account_in_the_outlets_own_voice_stays_asserted():
    [event] = reportable("سيطرت قوات سوريا الديمقراطية أمس على بلدة هجين بعد اشتباكات مع تنظيم داعش.")
    assert event.modality == "asserted"


def test_a_source_noun_without_a_verb_of_saying_attributes_nothing():
    # "ناشطين" is who was arrested here, not who tells the story
    [event] = reportable("اعتقلت قوات الأمن السورية أمس ثلاثة ناشطين في مدينة حماة.")
    assert event.modality == "asserted"


def test_in_addition_is_not_a_verb_of_saying():
    [event] = reportable("قصف الطيران الحربي أمس مدينة سراقب، بالإضافة إلى أضرار في المنازل.")
    assert event.modality == "asserted"


def test_a_source_opening_a_new_clause_after_the_event_does_not_attribute_it():
    [event] = reportable("سيطر تنظيم داعش أمس على بلدة هجين، وأكدت مصادر أخرى أن الطرق مغلقة.")
    assert event.modality == "asserted"


def test_a_source_after_the_event_in_the_same_clause_attributes_it():
    [event] = reportable("سيطر تنظيم داعش أمس على بلدة هجين بحسب مصادر محلية.")
    assert event.modality == "claimed"


def test_a_monitor_documenting_an_event_attributes_it():
    [event] = reportable("وثق المرصد السوري أمس مقتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل.")
    assert event.modality == "claimed"


def test_news_of_last_week_told_as_context_is_background():
    events = extract_text("وكانت طائرة مسيرة قصفت الأسبوع الماضي مواقع في بلدة عين عيسى.").events
    assert [e.modality for e in events] == ["background"]


def test_an_event_told_as_earlier_is_background_unless_the_same_day_is_named():
    lead = "قصفت الطائرات الحربية أمس بلدة سرمين بريف إدلب. "
    earlier = extract_text(lead + "وكانت قوات النظام قد قصفت في وقت سابق بلدة كفرنبل بالمدفعية.").events
    assert [(e.location, e.modality) for e in earlier][-1] == ("Kafranbel", "background")
    for same_day in ("وكانت قوات النظام قد قصفت في وقت سابق اليوم بلدة كفرنبل بالمدفعية.",
                     "وفي وقت سابق، من اليوم، قصفت قوات النظام بلدة كفرنبل بالمدفعية."):
        assert "Kafranbel" in [e.location for e in reportable(lead + same_day)]


def test_the_sentence_after_an_attributed_one_is_read_on_its_own_words():
    # the outlet goes back to its own voice after quoting a source
    text = ("قالت مصادر محلية إن الطرق إلى مدينة الباب مغلقة منذ يومين.\n"
            "قالت مصادر محلية إن الطرق مغلقة. سيطرت قوات سوريا الديمقراطية أمس على بلدة هجين بعد اشتباكات مع تنظيم داعش.")
    [event] = reportable(text)
    assert event.modality == "asserted"


def test_a_source_telling_the_casualties_of_an_event_attributes_the_event():
    text = ("انفجرت سيارة مفخخة أمس في مدينة عفرين.\n"
            "وقال مصدر طبي إن سبعة أشخاص قتلوا وأصيب عشرة آخرون.")
    [event] = reportable(text)
    assert event.modality == "claimed"


def test_an_event_retold_by_a_source_in_the_next_sentence_is_claimed():
    # the lead sums up what the security source then tells (at a district of the city: one event, the source's)
    text = ("قتل ثلاثون شخصا أمس في تفجير انتحاري استهدف سوقا شعبيا في العاصمة بغداد.\n"
            "وأوضح مصدر أمني أن انتحاريا فجر نفسه في سوق مريدي بمدينة الصدر شرقي بغداد.")
    events = reportable(text)
    assert [e.location for e in events] == ["Sadr City"]
    assert [e.modality for e in events] == ["claimed"]


def test_a_protest_retold_by_news_sites_in_the_next_sentence_is_claimed():
    text = ("خرج الآلاف أمس في مظاهرات حاشدة في مدينة إدلب ضد هيئة تحرير الشام.\n"
            "وقالت مواقع إخبارية محلية إن المظاهرات شملت مدينة الأتارب وبلدات في ريف حلب.")
    idlib = [e for e in reportable(text) if e.location == "Idlib"]
    assert [e.modality for e in idlib] == ["claimed"]

def test_a_source_opening_the_next_sentence_on_another_matter_attributes_nothing():
    # the next sentence quotes a source, but on the roads, not on the shelling
    text = ("قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب الجنوبي.\n"
            "وقال ناشطون إن الطرق إلى المدينة مغلقة منذ يومين بسبب الثلوج.")
    [event] = reportable(text)
    assert event.modality == "asserted"


def test_a_verb_of_saying_deep_inside_the_next_sentence_does_not_open_it():
    text = ("قصفت قوات النظام أمس بلدة كفرنبل في ريف إدلب الجنوبي.\n"
            "وتشهد المنطقة منذ أسابيع تصعيدا، في وقت قال فيه ناشطون إن القصف طال المدارس.")
    [event] = reportable(text)
    assert event.modality == "asserted"


def test_a_negated_verb_of_saying_in_the_next_sentence_attributes_nothing():
    # no one claimed the bombing: the outlet still tells it in its own voice
    text = ("قتل ثلاثون شخصا أمس في تفجير انتحاري استهدف سوقا شعبيا في العاصمة بغداد.\n"
            "ولم تعلن أي جهة مسؤوليتها عن التفجير الذي استهدف سوق مريدي بمدينة الصدر.")
    # (the lead's Baghdad and the next sentence's Sadr City are one event, at the district)
    assert [(e.location, e.modality) for e in reportable(text)] == [("Sadr City", "asserted")]


def test_a_negated_verb_of_saying_attributes_nothing():
    said = "وأعلن تنظيم داعش مسؤوليته عن التفجير الذي استهدف سوقا في مدينة الباب أمس وأدى إلى مقتل ثلاثة مدنيين."
    unsaid = "ولم تعلن أي جهة مسؤوليتها عن التفجير الذي استهدف سوقا في مدينة الباب أمس وأدى إلى مقتل ثلاثة مدنيين."
    assert [e.modality for e in extract_text(said).events] == ["claimed"]
    assert [e.modality for e in extract_text(unsaid).events] == ["asserted"]


def test_a_negated_verb_of_saying_that_opens_its_sentence_attributes_nothing():
    # the negation is the sentence's first word: the event told before it stays in the outlet's voice
    told = "قصفت طائرات حربية بلدة كفرنبل في ريف إدلب الجنوبي أمس.\n"
    unsaid = told + "ولم تعلن حتى الآن أي جهة مسؤوليتها عن القصف الذي استهدف السوق."
    said = told + "وقال ناشطون إن القصف استهدف السوق."
    assert [e.modality for e in reportable(unsaid)] == ["asserted"]
    assert [e.modality for e in reportable(said)] == ["claimed"]


def test_a_word_ending_like_a_negation_does_not_negate_the_verb_of_saying():
    # "العالم" ends in "لم" and "أعلن" in "لن": neither is the negation "لم"/"لن"
    text = "وفي حديث لقناة العالم قال مصدر عسكري إن طائرات حربية قصفت بلدة كفرنبل في ريف إدلب الجنوبي أمس."
    assert [e.modality for e in reportable(text)] == ["claimed"]


def test_the_strikes_of_last_week_are_context():
    # "خلال الأسبوع الماضي": earlier news told as background, not a new event of the article
    text = ("قصفت طائرة مسيرة اليوم مقرا عسكريا في مدينة الأبيض.\n"
            "وخلال الأسبوع الماضي شنت طائرات مسيرة هجمات على مدينتي الخرطوم وسنار.")
    assert [e.location for e in reportable(text)] == ["El Obeid"]


def test_a_plan_word_in_the_speakers_name_does_not_make_the_event_planned():
    # "خطة" names the speaker's office; what he says happened is a report
    [event] = reportable("وقال المتحدث باسم خطة أمن العاصمة إن ثلاثة أشخاص قتلوا في تفجير سيارة مفخخة وسط مدينة الموصل أمس.")
    assert event.modality == "claimed"
    assert event.event_type == "Explosions/Remote violence"


def test_a_plan_word_after_the_speakers_that_still_makes_the_event_planned():
    events = extract_text("وقال المتحدث إن الجيش يخطط لهجوم على مدينة الرقة.", disable=["learned"]).events
    assert events and all(e.modality == "planned" for e in events)


def test_what_suspects_wanted_to_do_is_no_abduction():
    events = extract_text("واعتقلت الشرطة أمس خمسة شبان للاشتباه في أنهم أرادوا خطف ضابط في مدينة حمص.",
                          disable=["learned"]).events
    assert not [e for e in events if e.sub_event_type.startswith("Abduction") and e.modality in ("asserted", "claimed")]


def test_a_missile_test_is_no_attack():
    events = extract_text("وأثارت تجربة صواريخ جديدة قرب مدينة حمص أمس جدلا واسعا فهاجم نائب الحكومة.",
                          disable=["learned"]).events
    assert not [e for e in events if e.event_type == "Explosions/Remote violence"]


def test_a_suicide_attack_on_a_demonstration_is_an_explosion_beside_the_demonstration():
    events = extract_text("وقتل شخص وأصيب عشرة آخرون في هجوم انتحاري أمس استهدف مظاهرة تندد بالفساد وسط مدينة الموصل.",
                          disable=["learned"]).events
    kinds = {(e.event_type, e.sub_event_type) for e in events}
    assert ("Explosions/Remote violence", "Suicide bomb") in kinds
    assert ("Protests", "Excessive force against protesters") not in kinds


def test_police_firing_on_protesters_is_still_no_explosion():
    events = extract_text("وأطلقت الشرطة الرصاص الحي على مظاهرة للطلاب وسط مدينة البصرة أمس.",
                          disable=["learned"]).events
    assert not [e for e in events if e.event_type == "Explosions/Remote violence"]


def test_an_option_of_air_strikes_is_no_event():
    assert not reportable("وثمة خيار آخر يتمثل في شن ضربات جوية على معسكرات المسلحين قرب مدينة الرقة.")


def test_a_ban_on_fighting_is_talk_about_fighting():
    said = "وأكد رجال الدين في ختام اجتماع عقدوه أمس في بيروت على «{}الاقتتال وضرب المحال والبيوت»."
    # the fighting banned is no event at all (frame_words `halt`), the fighting named alone still is one
    assert not reportable(said.format("تحريم "))
    assert reportable(said.format(""))


def test_a_blast_someone_says_will_happen_is_expected_not_reported():
    [event] = extract_text("وقال مجهول إن انفجارا سيقع، ما دفع الشرطة إلى إخلاء السوق في مدينة حمص.",
                           disable=["learned"]).events
    assert event.modality == "planned"
    [event] = extract_text("وقال مجهول إن انفجارا وقع، ما دفع الشرطة إلى إخلاء السوق في مدينة حمص.",
                           disable=["learned"]).events
    assert event.modality == "claimed"


def test_a_plan_word_in_another_clause_does_not_make_the_event_planned():
    # the aim is the opening clause's, before the comma: the town was taken
    [event] = reportable("وبهدف قطع طريق الإمداد، سيطر تنظيم داعش أمس على بلدة الشيخ مسكين.")
    assert event.modality == "asserted"
    [planned] = extract_text("تحشد قوات النظام تعزيزات بهدف السيطرة على بلدة الشيخ مسكين.", disable=["learned"]).events
    assert planned.modality == "planned"


def test_a_foiled_attack_is_a_clash():
    [event] = reportable("أحبطت القوات العراقية أمس هجوما لتنظيم داعش على قرية في قضاء الشرقاط.")
    assert event.event_type == "Battles" and event.sub_event_type == "Armed clash"

"""Figures in every order and wording, propositions with their object and stance, dates of claims in
undated articles (issue 13, docs/claims.md). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from test_claims import claim_text, sentences

from rasid.extract.claims import extract_claims


def claims(text: str, published: dt.date | None = dt.date(2020, 5, 4)):
    ct = claim_text(text)
    return extract_claims(ct, sentences(ct.nt), [], published)


def one(text: str, subject: str, published: dt.date | None = dt.date(2020, 5, 4)):
    found = [c for c in claims(text, published) if c.subject == subject]
    assert len(found) == 1, [c.model_dump() for c in claims(text, published)]
    return found[0]


def test_number_word_after_a_square_unit() -> None:
    c = one("قال ضابط إن المسلحين انحصروا في كيلومتر مربع واحد قرب الجسر.", "area")
    assert (c.value, c.unit, c.qualifier) == (1.0, "km2", "exact")


def test_plural_square_unit() -> None:
    c = one("قال ضابط إن المسلحين يتحصنون في 7 كيلومترات مربعة قرب الجسر.", "area")
    assert (c.value, c.unit) == (7.0, "km2")


def test_abbreviated_square_unit_with_a_qualifier() -> None:
    c = one("قال ضابط إن الجماعة ما زالت تحتفظ بنحو 3 كم2 في الوادي.", "area")
    assert (c.value, c.unit, c.qualifier) == (3.0, "km2", "about")


def test_bare_unit_after_an_area_noun_is_one_and_no_more_than() -> None:
    c = one("أكد ضابط أن المسلحين محاصرون في مساحة لا تتجاوز الكيلومتر قرب الجسر.", "area")
    assert (c.value, c.unit, c.qualifier) == (1.0, "km2", "up_to")


def test_no_more_than_a_figure() -> None:
    c = one("أكد ضابط أن المسلحين محاصرون في مساحة لا تتجاوز 6 كيلومترات مربعة.", "area")
    assert (c.value, c.unit, c.qualifier) == (6.0, "km2", "up_to")


def test_an_area_noun_makes_kilometres_square() -> None:
    c = one("أكد ضابط أن الجماعة تسيطر على مساحة 9 كيلومترات في الوادي.", "area")
    assert c.unit == "km2"


def test_vague_figures_keep_their_vagueness() -> None:
    c = one("قال المتحدث إن الجماعة خسرت عشرات الكيلومترات خلال شهر.", "area")
    assert (c.value, c.qualifier) == (10.0, "at_least")
    assert one("قالت مصادر محلية إن عشرات القتلى سقطوا في الغارة.", "killed").qualifier == "at_least"


def test_distances_are_not_areas() -> None:
    found = claims("قالت الشرطة إن الانفجار وقع في قرية تبعد 35 كلم شمال المدينة.")
    assert [(c.subject, c.value, c.unit) for c in found] == [("distance", 35.0, "km")]
    d = one("قال ضابط إن القوات تقدمت على بعد 8 كيلومترات عن المطار.", "distance")
    assert d.value == 8.0


def test_verb_after_a_partitive_decides_the_subject() -> None:
    c = one("قال المتحدث إن 9 عناصر من الجماعة قتلوا في الكمين.", "killed")
    assert c.value == 9.0


def test_rejection_is_a_stance_of_its_own() -> None:
    c = one("أعلن قائد ميداني أن قواته رفضت عرضا قدمه المسلحون للتفاوض على تسليم المعبر.", "negotiations")
    assert c.stance == "reject" and c.source_type == "official"


def test_a_rejection_cue_far_before_does_not_make_a_rejection() -> None:
    text = "قال مسؤول محلي إن الأهالي رفضوا مغادرة منازلهم رغم القصف العنيف على الحي طوال الليل وإن مفاوضات جرت مع الوجهاء."
    assert one(text, "negotiations").stance == "affirm"


def test_contacts_are_negotiations_with_their_parties() -> None:
    c = one("أفادت مصادر محلية بأن اتصالات تجري بين شيوخ العشائر وقادة الفصيل لفتح الطريق.", "negotiations")
    assert c.stance == "affirm" and c.source_type == "local_sources"
    assert "شيوخ العشائر" in str(c.value) and "قادة الفصيل" in str(c.value)


def test_telecom_contacts_are_not_negotiations() -> None:
    assert not [c for c in claims("قالت مصادر محلية إن الاتصالات انقطعت عن البلدة منذ الصباح.")
                if c.subject == "negotiations"]


def test_withdrawal_is_its_own_proposition_with_the_place() -> None:
    c = one("قالت مصادر محلية إن قوات الحكومة انسحبت من بلدة العين الصغيرة.", "withdrawal")
    assert c.value == "انسحبت من بلدة العين الصغيرة" and c.source_type == "local_sources"
    assert not [x for x in claims("قالت مصادر محلية إن قوات الحكومة انسحبت من بلدة العين الصغيرة.")
                if x.subject == "control"]


def test_control_carries_its_place_and_a_denial_its_party() -> None:
    c = one("قال المتحدث إن القوات سيطرت على قرية التل الأحمر، بعد معارك.", "control")
    assert c.value == "سيطرت على قرية التل الأحمر"
    d = one("نفت الفصائل وجود أي مفاوضات مع الجماعة المسلحة.", "negotiations")
    assert d.stance == "deny" and "مع الجماعة المسلحة" in str(d.value)


def test_an_absolute_date_dates_a_claim_of_an_undated_article() -> None:
    text = "قالت مصادر محلية إن القصف طال قرية الوادي في 14 تشرين الأول 2018 وقتل فيه 4 مدنيين."
    c = one(text, "killed", published=None)
    assert c.claim_date == "2018-10-14"
    # a weekday with no year cannot be placed without a publication date
    assert one("قالت مصادر محلية إن 4 مدنيين قتلوا يوم الخميس.", "killed", published=None).claim_date is None


def test_money_and_weights_are_counted() -> None:
    got = {(c.unit, c.value) for c in claims(
        "قال ناشطون إن الخاطفين طالبوا بمبلغ 15 مليون ليرة، وإن السيارة حملت 150 كيلوغراما من المتفجرات.")}
    assert got == {("lira", 15_000_000.0), ("kg", 150.0)}


def test_casualties_denied_by_a_result_verb() -> None:
    c = one("قالت مصادر أمنية إن القصف لم يسفر عن وقوع ضحايا.", "killed_or_wounded")
    assert (c.value, c.source_type) == (0.0, "official")


def test_displacement_verb_after_the_noun_decides_the_subject() -> None:
    assert one("قال مسؤول المخيم إن نحو ألفي شخص نزحوا إلى المخيم.", "displaced").value == 2000.0


def test_what_a_speaker_says_is_a_statement_with_its_stance() -> None:
    c = one("وقال وزير الداخلية إن الانفجار كان عرضيا ولم يكن عملا متعمدا.", "statement")
    assert c.value == "الانفجار كان عرضيا ولم يكن عملا متعمدا" and c.source_type == "official"
    d = one("ونفى الجيش وقوع أي اشتباك داخل المخيم خلال الليل.", "statement")
    assert d.stance == "deny" and str(d.value).startswith("وقوع أي اشتباك")


def test_no_statement_beside_a_figure_or_a_typed_proposition() -> None:
    assert {c.subject for c in claims("قال المتحدث إن 12 عنصرا قتلوا في الكمين.")} == {"killed"}
    assert {c.subject for c in claims("نفت الفصائل وجود أي مفاوضات مع الجماعة.")} == {"negotiations"}
    assert not claims("وقال إن الوضع هادئ.")  # no speaker named: nothing to attribute


def test_thousands_with_no_noun_are_people() -> None:
    # "عدد النازحين" before the figure also says who they are (list count_noun): displaced people
    c = one("قال مسؤول الإغاثة إن عدد النازحين في المخيم بلغ 35 ألفا.", "displaced")
    assert c.value == 35000.0 and c.unit == "person"
    c = one("قال مسؤول الإغاثة إن المخيم استقبل خلال أسبوع 35 ألفا.", "person")
    assert c.value == 35000.0 and c.unit == "person"
    assert not [x for x in claims("قال مسؤول الإغاثة إن المخيم يضم 35 خيمة فقط.") if x.unit == "person"]


def test_one_policeman_protester_or_girl_is_counted() -> None:
    assert one("قال مصدر أمني إن الانفجار أدى إلى مقتل شرطي قرب الحاجز.", "killed").value == 1.0
    assert one("قال مسعفون إن 3 متظاهرين قتلوا قرب الساحة.", "killed").value == 3.0


def test_a_figure_of_them_counts_people_of_the_group_named_before() -> None:
    c = one("هاجم مسلحون حاجزا للشرطة قرب الجسر، وقتل في المعارك حتى الآن أكثر من 40 منهم.", "person")
    assert (c.value, c.unit, c.qualifier) == (40.0, "person", "more_than")  # the verb is too far for a category
    c = one("هاجم مسلحون حاجزا للشرطة قرب الجسر، وقتل 7 منهم في الاشتباكات.", "killed")
    assert (c.value, c.unit) == (7.0, "person")
    found = [c for c in claims("أصيب عشرات المدنيين في القصف ونقل 12 منهم إلى المستشفى.") if c.value == 12.0]
    assert [c.unit for c in found] == ["civilian"]  # the unit of the people counted before


def test_an_unrelated_word_after_a_figure_is_no_count_of_people() -> None:
    assert not [c for c in claims("وصلت القافلة عند الساعة 9 منذ الصباح.") if c.value == 9.0]


# --- figures read since branch claims4 (the held-back rules of claims3, speaker and speaker2, and new ones) ---

def test_singular_casualty_nouns_joined_by_and_count_one_each() -> None:
    c = one("قتلت امرأة وطفل في القصف المدفعي على الحي.", "killed")
    assert c.value == 2.0


def test_one_more_after_a_casualty_word() -> None:
    c = one("قتل شرطي وأصيب آخر بجروح في الهجوم على الحاجز.", "wounded")
    assert c.value == 1.0


def test_an_adjective_makes_another_unit() -> None:
    drones = [c for c in claims("أسقطت الدفاعات الجوية 3 طائرات مسيرة فوق المطار.") if c.value == 3.0]
    assert drones and drones[0].unit == "drone"
    bombs = [c for c in claims("فجر التنظيم 4 عربات مفخخة عند مدخل البلدة.") if c.value == 4.0]
    assert bombs and bombs[0].unit == "car_bomb"


def test_an_ordinal_of_an_incident_is_a_running_count() -> None:
    strikes = [c for c in claims("ويعد هذا الاستهداف الخامس للمنطقة منذ بداية الشهر.") if c.unit == "strike"]
    assert strikes and strikes[0].value == 5.0
    blasts = [c for c in claims("وهذا ثالث انفجار يضرب المدينة خلال أسبوع.") if c.unit == "explosion"]
    assert blasts and blasts[0].value == 3.0
    assert not [c for c in claims("وصلت الفرقة السابعة إلى المدينة.") if c.value == 7.0]  # no incident noun


def test_a_bare_figure_counts_the_noun_after_number_of() -> None:
    c = one("وارتفع عدد القتلى في القصف على السوق إلى 12.", "killed")
    assert (c.value, c.unit) == (12.0, "person")
    strikes = [c for c in claims("ارتفع عدد الاستهدافات الجوية على المنطقة إلى 3 منذ الصباح.") if c.unit == "strike"]
    assert strikes and strikes[0].value == 3.0


def test_bullets_and_installations_are_counted_nouns() -> None:
    assert [c.unit for c in claims("أطلق المسلحون على الناشط 15 رصاصة قبل أن يفروا.")] == ["bullet"]
    sites = [c for c in claims("استهدفت الغارات خمس منشآت عسكرية قرب المطار.") if c.value == 5.0]
    assert sites and sites[0].unit == "position"


def test_a_claim_of_responsibility_is_a_proposition_with_its_object() -> None:
    c = one("وأعلنت الحركة مسؤوليتها عن التفجير الذي استهدف الحاجز.", "responsibility")
    assert c.value == "مسؤوليتها عن التفجير" and c.source_type == "official"
    assert c.speaker.role == "الحركة"  # the speaker phrase ends before what it claims


def test_only_material_damage_is_no_casualties() -> None:
    c = one("انفجرت عبوة ناسفة قرب الجسر ما أسفر عن وقوع أضرار مادية فقط.", "killed_or_wounded")
    assert (c.value, c.unit) == (0.0, "person")
    c = one("سقطت قذيفة على الحي واقتصرت الأضرار على الماديات.", "killed_or_wounded")
    assert c.value == 0.0


def test_people_displaced_from_their_homes_and_cases_of_suffocation_are_people() -> None:
    c = one("وأدى القصف إلى نزوح العشرات من منازلهم في القرى.", "displaced")
    assert (c.value, c.unit, c.qualifier) == (10.0, "person", "at_least")
    cases = [c for c in claims("وقال مصدر أمني إن الهجوم أدى إلى سقوط 30 من حالات الاختناق.") if c.value == 30.0]
    assert cases and cases[0].unit == "person"


def test_suicide_attackers_and_the_number_of_those_who_are_people() -> None:
    c = one("وقال ضابط إن الهجوم نفذه سبعة انتحاريين على الأقل.", "person")
    assert (c.value, c.qualifier) == (7.0, "at_least")
    c = one("وذكرت الأركان أن عدد الذين تم القضاء عليهم ممن وصفتهم بالمسلحين في العملية بلغ 1062.", "person")
    assert c.value == 1062.0


def test_an_operation_or_case_of_a_kind_counts_that_kind() -> None:
    c = one("وقال الناشط إن البلدة شهدت 5 عمليات اغتيال منذ بداية الشهر.", "assassination")
    assert (c.value, c.unit) == (5.0, "assassination")
    assert one("ووثق الفريق 7 حالات خطف على الطريق الدولي.", "abduction").value == 7.0
    assert one("وسجلت الشرطة 3 عمليات قتل في الحي الشرقي.", "killing").value == 3.0
    # an operation of no named kind is no claim
    assert not [c for c in claims("ونفذت الفصائل 4 عمليات على خطوط التماس.") if c.value == 4.0]


def test_a_running_count_of_operations_named_by_their_kind() -> None:
    c = one("وتعد عملية الاغتيال هذه الرابعة في المدينة خلال أسبوع.", "assassination")
    assert (c.value, c.unit) == (4.0, "assassination")
    assert one("وهي جريمة القتل الثالثة في المخيم.", "killing").value == 3.0


def test_a_round_number_with_the_article_after_an_approximation() -> None:
    c = one("وأكد الدفاع المدني مقتل قرابة الخمسين مدنيا في القصف.", "killed")
    assert (c.value, c.qualifier) == (50.0, "about")
    assert one("وقال مسؤول إن نحو الألف شخص نزحوا من القرية.", "displaced").value == 1000.0
    assert one("ووثق المرصد مقتل أكثر من المئة عنصر.", "killed").qualifier == "more_than"
    # the same word with no approximation before it is a date or an ordinal, never a count
    assert not [c for c in claims("وفي العشرين من الشهر الماضي انسحبت القوات من البلدة.") if c.value == 20.0]


def test_number_of_operations_of_a_kind_counts_that_kind() -> None:
    c = one("وارتفع عدد عمليات الاغتيال في المحافظة إلى 15 منذ بداية العام.", "assassination")
    assert (c.value, c.unit) == (15.0, "assassination")


def test_incidents_carry_no_casualty_category() -> None:
    found = claims("وقال الناشط إن القصف أدى إلى مقتل 5 مدنيين في 3 غارات على البلدة.")
    strikes = [c for c in found if c.unit == "strike"]
    assert strikes and strikes[0].subject == "strike" and strikes[0].value == 3.0
    assert [c.value for c in found if c.subject == "killed"] == [5.0]
    assert one("ووثق المكتب 11 حالة اغتيال و4 حالات خطف.", "abduction").value == 4.0


# --- branch claims6 (sentences ours) ------------------------------------------------------------------


def test_a_partitive_after_fell_counts_the_killed() -> None:
    c = one("وتشهد المحافظة تصعيدا بين الطرفين، حيث سقط 10 من الجانبين في معارك أمس.", "killed")
    assert (c.value, c.unit) == (10.0, "person")


def test_a_partitive_later_in_the_clause_of_a_casualty_word() -> None:
    got = {(c.subject, c.value) for c in claims("وقتل ضابط وجندي في الجيش و7 من الحشد بهجوم على القرية.")}
    assert ("killed", 7.0) in got and ("killed", 2.0) in got


def test_a_share_is_no_partitive_of_people() -> None:
    got = claims("وقال الجيش إنه سقط واحد من كل خمسة صواريخ داخل لبنان.")
    assert not [c for c in got if c.subject == "killed"], [c.model_dump() for c in got]


def test_a_partitive_with_nothing_after_it() -> None:
    assert not [c for c in claims("وقتل في الهجوم ثلاثة من") if c.subject == "killed"]


def test_a_partitive_from_further_back_is_not_an_incident_toll() -> None:
    from test_fatalities import deaths

    assert deaths("وقتل ضابط وجندي في الجيش و7 من الحشد بهجوم على القرية.") == 2


def test_a_casualty_with_an_ordinal_is_a_running_toll() -> None:
    c = one("وأكدت اللجنة مقتل متظاهر ثانٍ برصاص القوات في العاصمة.", "killed")
    assert (c.value, c.unit) == (2.0, "civilian")


def test_a_definite_civilian_after_a_death_noun_counts_one() -> None:
    assert one("وأفاد المركز باستشهاد الطفلة سارة بقصف على البلدة.", "killed").value == 1.0
    assert not [c for c in claims("وأعلن الجيش مقتل القائد في الغارة.") if c.subject == "killed"]


def test_people_named_by_occupation_are_counted() -> None:
    assert one("وقتل 3 صحفيين في القصف على المدينة.", "killed").unit == "civilian"
    c = one("واختطف مسلحون ثلاثة طلاب على الطريق.", "captured")
    assert (c.value, c.unit) == (3.0, "civilian")


def test_arrests_reaching_tens_of_activists() -> None:
    c = one("وأكدت مصادر محلية أن الاعتقالات طالت عشرات النشطاء المعارضين في المدينة.", "captured")
    assert (c.value, c.qualifier) == (10.0, "at_least")

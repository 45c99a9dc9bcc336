"""Battles the rules used to miss (issue 12, Battles recall on the gold's train part). Sentences written for these
tests; read by the rules alone (`disable=["learned"]`), as the rules' output is what these rules change."""

from rasid.pipeline import extract_text


def _events(text: str) -> list[tuple[str, str, str | None, str]]:
    result = extract_text(text, published="2021-03-10", disable=["learned"])
    return sorted((e.event_type, e.sub_event_type, e.location, e.modality) for e in result.events)


def test_fighting_in_a_second_clause_after_a_takeover_is_a_clash_at_its_own_village():
    text = "استعادت قوات النظام أمس السيطرة على مدينة تدمر، في حين لا تزال الاشتباكات مستمرة في بلدة القريتين بريف حمص."
    assert _events(text) == [("Battles", "Armed clash", "Al Qaryatayn", "asserted"),
                             ("Battles", "Government regains territory", "Tadmur", "asserted")]


def test_a_takeover_that_is_only_the_aim_of_the_fighting_leaves_the_clash():
    text = "اشتبك الجيش السوري أمس مع مقاتلي المعارضة في بلدة تل حاصل، في محاولة للسيطرة الكاملة على طريق حلب."
    assert _events(text) == [("Battles", "Armed clash", "Tal Hasil", "asserted")]


def test_a_takeover_told_as_the_cause_of_the_fighting_leaves_the_clash():
    text = ("وشهدت مدينة طرابلس أمس مواجهات مسلحة بين قوات جهاز دعم الاستقرار وقوات الكتيبة 777 على خلفية سيطرة "
            "الجهاز على مقر للكتيبة.")
    assert _events(text) == [("Battles", "Armed clash", "Tripoli", "asserted")]


def test_a_takeover_aimed_at_without_fighting_stays_planned():
    text = "وتستعد قوات الجيش السوري للسيطرة على بلدة تل حاصل في ريف حلب خلال الأيام المقبلة."
    assert all(e[3] == "planned" for e in _events(text))


def test_a_plan_word_after_the_other_side_is_that_sides_aim_not_the_fightings():
    text = "يخوض الجيش العراقي اليوم اشتباكات مع مسلحين يحاولون التقدم نحو قضاء المقدادية في محافظة ديالى."
    assert [(e[0], e[2], e[3]) for e in _events(text)] == [("Battles", "Al-Muqdadiyah", "asserted")]


def test_a_plan_word_right_after_the_trigger_still_makes_it_planned():
    text = "وتتحدث مصادر عن هجوم مرتقب لقوات النظام على مدينة سراقب في ريف إدلب."
    assert all(e[3] == "planned" for e in _events(text))


def test_a_takeover_by_the_oppositions_factions_is_reported():
    text = "وسيطرت فصائل المعارضة أمس على مدينة سراقب في ريف إدلب."
    assert _events(text) == [("Battles", "Non-state actor overtakes territory", "Saraqib", "asserted")]


def test_a_takeover_by_no_named_force_is_still_doubted():
    text = "وتمت السيطرة أمس على مدينة سراقب في ريف إدلب."
    assert _events(text) == []


def test_a_year_in_a_side_clause_about_the_place_does_not_make_the_takeover_history():
    text = "وأعلنت قوات الحشد الشعبي سيطرتها على قرية كوجو، التي كان يسكنها آلاف الإيزيديين حتى عام 2014."
    takeovers = [e for e in _events(text) if e[1] == "Government regains territory"]
    assert [(e[2], e[3]) for e in takeovers] == [("Kocho", "claimed")]


def test_a_year_of_the_takeover_itself_still_makes_it_history():
    text = "وأعلن تنظيم داعش سيطرته على قرية كوجو في عام 2014، التي كان يسكنها آلاف الإيزيديين."
    takeovers = [e for e in _events(text) if e[0] == "Battles"]
    assert takeovers and all(e[3] == "background" for e in takeovers)

"""Rules added on 2026-12-07 that read too widely at first, each held to what it is for (sentences written for
these tests; the first readings of each were found in review and compared with the rules before them)."""

from rasid.pipeline import extract_text


def rules(text: str) -> list[tuple[str, str, str | None, int]]:
    return [(e.sub_event_type, e.modality, e.actor1, e.fatalities)
            for e in extract_text(text, disable=["learned"]).events]


def test_a_plan_verb_with_an_aside_between_commas_still_plans_the_takeover():
    # the comma rule is for a finite trigger verb ("وبهدف ...، سيطر"); "السيطرة" here is what is tried
    [(_, modality, _, _)] = rules("تحاول قوات النظام، منذ أيام، السيطرة على مدينة كفرنبل.")
    assert modality == "planned"


def test_an_adverb_sabiqan_after_the_subject_is_not_a_former_membership():
    [(_, _, actor1, _)] = rules("قصفت قوات النظام سابقا بلدة كفرنبل بقذائف المدفعية.")
    assert actor1 == "Military Forces of Syria (2000-2024)"


def test_hostages_of_another_verb_after_the_arrest_leave_the_arrest_an_arrest():
    found = {(sub, actor1) for sub, _, actor1, _ in rules("اعتقلت الشرطة العراقية أمس عصابة خطفت رهائن في البصرة.")}
    assert ("Arrests", "Police Forces of Iraq (2014-)") in found


def test_a_clash_over_hours_keeps_its_toll():
    [(_, _, _, fatalities)] = rules(
        "قتل 4 عناصر من قوات الأمن في اشتباكات مع مسلحين استمرت خلال 3 ساعات في بلدة الرطبة.")
    assert fatalities == 4


def test_a_headline_and_its_body_that_both_say_another_strike_are_one_strike():
    found = rules("قصف مماثل على كفرنبل\nتعرضت بلدة كفرنبل في ريف إدلب لقصف مماثل بالطيران الحربي اليوم.")
    assert [sub for sub, *_ in found] == ["Air/drone strike"]

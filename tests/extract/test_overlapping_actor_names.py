"""Actor names that overlap another actor's name: the matcher takes the longest name, so where a
descriptor of one actor runs into the name of another ("عناصر الجيش السوري" + "الجيش السوري الحر"), the
whole phrase is listed as the actor it names; and armed groups the text leaves unnamed ("مجموعة مسلحة")
are the unidentified armed group (issue 12)."""

from __future__ import annotations

from rasid.pipeline import extract_text


def first_pair(text: str) -> tuple[str | None, str | None]:
    result = extract_text(text, published="2019-03-12", disable=["learned"])
    assert result.events, text
    return result.events[0].actor1, result.events[0].actor2


def test_a_descriptor_running_into_another_actor_s_name_is_that_actor() -> None:
    a1, _ = first_pair("سيطرت عناصر الجيش السوري الحر على قرية كفرنبل في ريف إدلب الجنوبي بعد اشتباكات مع قوات النظام.")
    assert a1 == "Opposition Rebels (Syria)"  # not the Syrian army of "عناصر الجيش السوري"
    a1, _ = first_pair("اشتبك مقاتلو فتح الشام مع فصائل المعارضة في بلدة سرمدا بريف إدلب الشمالي.")
    assert a1 == "Jabhat al-Nusra"  # not Fatah of "مقاتلو فتح"
    a1, _ = first_pair("قصفت طائرات التحالف الدولي مواقع لتنظيم داعش في بلدة هجين بريف دير الزور الشرقي.")
    assert a1 == "Operation Inherent Resolve: Global Coalition Against Daesh"  # not the Saudi-led coalition


def test_the_shorter_descriptor_alone_keeps_its_actor() -> None:
    a1, _ = first_pair("سيطرت عناصر الجيش السوري على قرية كفرنبل في ريف إدلب الجنوبي بعد اشتباكات مع فصائل المعارضة.")
    assert a1 == "Military Forces of Syria (2000-2024)"


def test_an_unnamed_armed_group_is_the_unidentified_armed_group() -> None:
    a1, a2 = first_pair("هاجمت مجموعة مسلحة حاجزا لقوات الأمن المصرية في مدينة العريش شمال سيناء وقتلت ثلاثة جنود.")
    assert a1 == "Unidentified Armed Group (Egypt)"
    assert a2 == "Police Forces of Egypt"
    a1, _ = first_pair("اشتبكت قوات الأمن مع عناصر مسلحة في مدينة العريش شمال سيناء صباح اليوم.")
    assert "Unidentified Armed Group (Egypt)" in (a1, _)


def test_a_name_that_begins_inside_a_trigger_of_several_words_is_its_author() -> None:
    # "قصف طيران" is one trigger; "طيران التحالف الدولي" begins inside it: neither before nor after the trigger
    a1, a2 = first_pair("قصف طيران التحالف الدولي مواقع لتنظيم داعش في بلدة هجين بريف دير الزور الشرقي.")
    assert (a1, a2) == ("Operation Inherent Resolve: Global Coalition Against Daesh", "IS: Islamic State")

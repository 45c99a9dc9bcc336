"""Actor names as the gold codes them: foreign forces named by a nationality adjective, and Kurdish units
that are actors of their own (issue 12)."""

from __future__ import annotations

from rasid.pipeline import extract_text


def pairs(text: str) -> list[tuple[str | None, str | None]]:
    result = extract_text(text, published="2019-03-12", disable=["learned"])
    return [(e.actor1, e.actor2) for e in result.events]


def test_a_strike_named_by_its_nationality_is_that_state_s() -> None:
    assert pairs("قتل ثلاثة مدنيين بقصف جوي روسي استهدف بلدة كفرنبل في ريف إدلب الجنوبي.") == [
        ("Military Forces of Russia (2000-)", "Civilians (Syria)")]
    assert pairs("قصفت القوات البرية التركية قرية تل الورد في ريف الحسكة الشمالي.")[0][0] == \
        "Military Forces of Turkey (2016-)"
    assert pairs("استهدفت غارة أمريكية سيارة على طريق مطار بغداد الدولي.")[0][0] == \
        "Military Forces of the United States (2021-)"
    # the generic words alone stay the forces of the country
    assert pairs("قصفت الطائرات الحربية بلدة كفرنبل في ريف إدلب الجنوبي.")[0][0] == "Military Forces of Syria (2000-2024)"


def test_kurdish_units_are_actors_not_the_sdf_with_an_associate() -> None:
    result = extract_text("اندلعت اشتباكات بين قوات الأسايش وقوات الدفاع الوطني في مدينة القامشلي.",
                          published="2019-03-12", disable=["learned"])
    (event,) = result.events
    assert {event.actor1, event.actor2} == {"Asayish", "NDF: National Defense Forces"}
    assert event.assoc_actor_1 is None
    (event,) = extract_text("سيطرت وحدات حماية الشعب الكردية على قرية قرب مدينة منبج بعد معارك مع تنظيم داعش.",
                            published="2019-03-12", disable=["learned"]).events
    assert event.actor1 == "YPG: Peoples Protection Units" and event.actor2 == "IS: Islamic State"
    # the SDF itself is still the SDF
    (event,) = extract_text("سيطرت قوات سوريا الديمقراطية على قرية قرب مدينة منبج بعد معارك مع تنظيم داعش.",
                            published="2019-03-12", disable=["learned"]).events
    assert event.actor1 == "SDF: Syrian Democratic Forces"


def test_riot_police_are_the_police_of_the_country() -> None:
    assert pairs("تظاهر المئات أمس في مدينة البصرة وفرقتهم قوات مكافحة الشغب بالقوة واعتقلت عشرة منهم.") == [
        ("Protesters (Iraq)", "Police Forces of Iraq (2014-)")]


def test_a_military_base_is_not_al_qaeda():
    # "القاعدة" alone is al-Qaeda; "القاعدة العسكرية" is a base (actors.tsv kind none)
    base = extract_text("قصفت القوات الكردية بقذائف الهاون القاعدة العسكرية في مدينة اعزاز أمس.", disable=["learned"])
    assert "Al Qaeda" not in {e.canonical for e in base.entities if e.kind == "actor"}
    group = extract_text("هاجم مسلحون من القاعدة نقطة للجيش في مدينة اعزاز أمس.", disable=["learned"])
    assert "Al Qaeda" in {e.canonical for e in group.entities if e.kind == "actor"}

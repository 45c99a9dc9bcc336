"""The second side by ACLED's definitions, after the learned layer chooses actor2: violence against civilians
targets civilians, and a battle has two armed sides: its second side is never
the civilians and never missing; a side the article does not name is the country's unidentified armed group
(issue 12)."""

from __future__ import annotations

from rasid import ontology as o
from rasid.learn.actors import ActorContext, inter_codes, second_side
from rasid.models import Event
from rasid.pipeline import extract_text
from rasid.resources import default_resources

ARTICLE = ("اشتباكات في مخيم عين الحلوة\n\n"
           "وقع اشتباك مسلح بين عناصر من حركة فتح وآخرين في مخيم عين الحلوة قرب صيدا ليل السبت، ما أثار مخاوف "
           "السكان داخل المخيم. وقال مصدر أمني إن الاشتباك توقف بعد ساعة.")


def test_the_unnamed_side_of_a_battle_is_the_unidentified_armed_group() -> None:
    (battle,) = [e for e in extract_text(ARTICLE, published="2019-03-12").events if e.event_type == o.BATTLES]
    assert battle.actor1 == "Fatah Movement"
    assert battle.actor2 == "Unidentified Armed Group (Lebanon)"
    assert (battle.inter2, battle.interaction) == (3, 33)
    # the rules alone leave the side out (the default belongs to the layer that decides actor2)
    (rules,) = [e for e in extract_text(ARTICLE, published="2019-03-12", disable=["learned"]).events
                if e.event_type == o.BATTLES]
    assert rules.actor2 is None


def test_a_named_second_side_stands() -> None:
    text = ("اشتباكات في الطوز\n\n"
            "اندلعت اشتباكات عنيفة بين قوات البيشمركة وعناصر من تنظيم داعش في قضاء الطوز جنوب كركوك ليل السبت. "
            "وقال مصدر أمني إن الاشتباكات استمرت ساعتين.")
    battles = [e for e in extract_text(text, published="2019-03-12").events if e.event_type == o.BATTLES]
    assert battles
    assert all(e.actor2 and not e.actor2.startswith(("Civilians", "Unidentified")) for e in battles)


def test_violence_against_civilians_targets_civilians() -> None:
    text = ("اغتيال في درعا\n\n"
            "تعرض عنصر سابق في فصائل المعارضة لعملية اغتيال نفذها مسلحون مجهولون في بلدة طفس بريف درعا الغربي "
            "مساء السبت، ما أدى إلى مقتله على الفور. وقال ناشطون إن المسلحين لاذوا بالفرار.")
    vac = [e for e in extract_text(text, published="2019-03-12").events if e.event_type == o.VAC]
    assert vac
    assert all(e.actor2 == "Civilians (Syria)" and e.inter2 == 7 for e in vac)


def test_second_side_by_event_type() -> None:
    ac = ActorContext.of("", [], inter_codes(default_resources().lexicon))

    def event(event_type: str, sub: str, actor2: str | None) -> Event:
        return Event(event_type=event_type, sub_event_type=sub, actor1="Unidentified Armed Group (Syria)",
                     actor2=actor2, country="Syria")

    vac = event(o.VAC, o.SubEventType.ATTACK, "Civilians (Syria)")
    assert second_side(ac, vac, "Opposition Rebels (Syria)") == "Civilians (Syria)"  # a former fighter killed
    assert second_side(ac, vac, "") == "Civilians (Syria)"
    clash = event(o.BATTLES, o.SubEventType.ARMED_CLASH, "IS: Islamic State")
    assert second_side(ac, clash, "Civilians (Syria)") == "IS: Islamic State"  # the rules' armed side stands
    assert second_side(ac, clash, "SDF: Syrian Democratic Forces") == "SDF: Syrian Democratic Forces"
    assert second_side(ac, event(o.BATTLES, o.SubEventType.ARMED_CLASH, None), "") == \
        "Unidentified Armed Group (Syria)"
    strike = event(o.EXPLOSIONS, o.SubEventType.AIR_DRONE_STRIKE, None)
    assert second_side(ac, strike, "") == ""  # a strike on a place alone has no second side
    assert second_side(ac, strike, "Civilians (Syria)") == "Civilians (Syria)"

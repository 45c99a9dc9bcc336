"""A battle has two armed sides (ACLED): after the learned layer chooses actor2, a battle's second side is never
the civilians and never missing; a side the article does not name is the country's unidentified armed group
(issue 12)."""

from __future__ import annotations

from rasid import ontology as o
from rasid.pipeline import extract_text

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

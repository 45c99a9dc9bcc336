"""ACLED-style English notes written from the event's own fields (never from the article text)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from rasid.models import Event
from rasid.ontology import SubEventType as S

_PHRASES: dict[str, str] = {
    S.ARMED_CLASH: "{a1} clashed with {a2}",
    S.GOVERNMENT_REGAINS_TERRITORY: "{a1} regained control of {loc} from {a2}",
    S.NON_STATE_OVERTAKES_TERRITORY: "{a1} took control of {loc} from {a2}",
    S.AIR_DRONE_STRIKE: "{a1} carried out an air/drone strike",
    S.SHELLING: "{a1} shelled targets",
    S.SUICIDE_BOMB: "{a1} carried out a suicide bombing",
    S.REMOTE_EXPLOSIVE: "an explosive device (IED, landmine or car bomb) detonated",
    S.GRENADE: "{a1} threw a grenade",
    S.CHEMICAL_WEAPON: "{a1} used a chemical weapon",
    S.ATTACK: "{a1} attacked {a2}",
    S.ABDUCTION: "{a1} abducted {a2}",
    S.SEXUAL_VIOLENCE: "{a1} committed sexual violence against {a2}",
    S.PEACEFUL_PROTEST: "{a1} demonstrated",
    S.PROTEST_WITH_INTERVENTION: "{a1} demonstrated and were dispersed or detained",
    S.EXCESSIVE_FORCE: "{a1} demonstrated and were met with lethal force",
    S.VIOLENT_DEMONSTRATION: "{a1} rioted",
    S.MOB_VIOLENCE: "a mob attacked {a2}",
    S.AGREEMENT: "{a1} and {a2} reached an agreement",
    S.ARRESTS: "{a1} arrested people",
    S.CHANGE_TO_GROUP: "{a1} changed its structure or activity",
    S.DISRUPTED_WEAPONS_USE: "{a1} disrupted a weapon or explosive before use",
    S.BASE_ESTABLISHED: "{a1} established a base or position",
    S.LOOTING: "{a1} looted or destroyed property",
    S.NON_VIOLENT_TRANSFER: "{a1} took over {loc} without fighting",
    S.OTHER: "{a1}: strategic development",
}


_MODALITY: dict[str, str] = {
    "claimed": " Reported as a claim by one party or source.", "denied": " The event was denied.",
    "planned": " Planned or expected, not reported as having happened.",
    "background": " Background history, not news of the article's period.",
}


@lru_cache(maxsize=1024)
def _month(year: int, month: int) -> str:
    """"March 2019": `strftime` once per month, not once per event."""
    return f"{dt.date(year, month, 1):%B %Y}"


def write_notes(e: Event) -> str:
    when = "On an unknown date"
    if e.event_date:
        day = dt.date.fromisoformat(e.event_date)
        if e.time_precision == 3:
            when = f"In {_month(day.year, day.month)}"
        elif e.time_precision == 2:
            when = f"In the week of {day.day} {_month(day.year, day.month)}"
        else:
            when = f"On {day.day} {_month(day.year, day.month)}"
    a1 = e.actor1 or "an unidentified actor"
    a2 = e.actor2 or ("another party" if e.sub_event_type != S.ARMED_CLASH else "an unidentified armed group")
    where = e.location or "an unknown location"
    if e.admin1 and e.admin1 != e.location:
        where = f"{where} ({e.admin1})"
    phrase = _PHRASES.get(e.sub_event_type, "{a1}: " + e.sub_event_type.lower())
    phrase = phrase.format(a1=a1, a2=a2, loc=where)
    if "{loc}" not in _PHRASES.get(e.sub_event_type, ""):
        phrase += f" in {where}"
    sentence = f"{when}, {phrase}."
    sentence = sentence[0].upper() + sentence[1:]
    if e.fatalities:
        sentence += f" {e.fatalities} fatalit{'y' if e.fatalities == 1 else 'ies'} reported."
    return sentence + _MODALITY.get(e.modality, "")


def restate_modality(notes: str, modality: str) -> str:
    """A report's notes told with the modality of the event it was merged into: a claim that another
    outlet reports as fact makes an asserted event, whose notes must not call it a claim."""
    for said in _MODALITY.values():
        if notes.endswith(said):
            notes = notes[: -len(said)]
            break
    return notes + _MODALITY.get(modality, "")

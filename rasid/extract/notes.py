"""ACLED-style English notes written from the event's own fields (never from the article text)."""

from __future__ import annotations

import datetime as dt

from rasid.models import Event

_PHRASES = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained control of {loc} from {a2}",
    "Non-state actor overtakes territory": "{a1} took control of {loc} from {a2}",
    "Air/drone strike": "{a1} carried out an air/drone strike",
    "Shelling/artillery/missile attack": "{a1} shelled targets",
    "Suicide bomb": "{a1} carried out a suicide bombing",
    "Remote explosive/landmine/IED": "an explosive device (IED, landmine or car bomb) detonated",
    "Grenade": "{a1} threw a grenade",
    "Chemical weapon": "{a1} used a chemical weapon",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Sexual violence": "{a1} committed sexual violence against {a2}",
    "Peaceful protest": "{a1} demonstrated",
    "Protest with intervention": "{a1} demonstrated and were dispersed or detained",
    "Excessive force against protesters": "{a1} demonstrated and were met with lethal force",
    "Violent demonstration": "{a1} rioted",
    "Mob violence": "a mob attacked {a2}",
    "Agreement": "{a1} and {a2} reached an agreement",
    "Arrests": "{a1} arrested people",
    "Change to group/activity": "{a1} changed its structure or activity",
    "Disrupted weapons use": "{a1} disrupted a weapon or explosive before use",
    "Headquarters or base established": "{a1} established a base or position",
    "Looting/property destruction": "{a1} looted or destroyed property",
    "Non-violent transfer of territory": "{a1} took over {loc} without fighting",
    "Other": "{a1}: strategic development",
}


def write_notes(e: Event) -> str:
    when = "On an unknown date"
    if e.event_date:
        day = dt.date.fromisoformat(e.event_date)
        if e.time_precision == 3:
            when = f"In {day:%B %Y}"
        elif e.time_precision == 2:
            when = f"In the week of {day.day} {day:%B %Y}"
        else:
            when = f"On {day.day} {day:%B %Y}"
    a1 = e.actor1 or "an unidentified actor"
    a2 = e.actor2 or ("another party" if e.sub_event_type != "Armed clash" else "an unidentified armed group")
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
    modality = {"claimed": " Reported as a claim by one party or source.", "denied": " The event was denied.",
                "planned": " Planned or expected, not reported as having happened.",
                "background": " Background history, not news of the article's period."}
    return sentence + modality.get(e.modality, "")

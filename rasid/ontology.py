"""The ACLED event ontology: event types, their sub-event types, families, interaction and disorder codes.

One typed vocabulary for every stage: extraction writes these names, resolution groups by family,
exports and evaluation read them. Members are `str` (StrEnum), so they compare, hash and serialise as
the ACLED names themselves; records (`rasid.models.Event`) hold the plain strings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class EventType(StrEnum):
    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VAC = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC = "Strategic developments"


class SubEventType(StrEnum):
    ARMED_CLASH = "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION = "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    EXCESSIVE_FORCE = "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING = "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
    OTHER = "Other"


class Family(StrEnum):
    """Event types that can describe the same real event (cross-source matching, evaluation)."""

    VIOLENCE = "violence"
    DEMONSTRATIONS = "demonstrations"
    STRATEGIC = "strategic"


# Module constants for hot paths (an enum member lookup costs a microsecond in CPython 3.11).
BATTLES: Final = EventType.BATTLES
EXPLOSIONS: Final = EventType.EXPLOSIONS
VAC: Final = EventType.VAC
PROTESTS: Final = EventType.PROTESTS
RIOTS: Final = EventType.RIOTS
STRATEGIC: Final = EventType.STRATEGIC

_S = SubEventType
#: ACLED's sub-event types of each event type, in ACLED's order (the battle order ranks merges).
SUB_EVENT_TYPES: dict[EventType, tuple[SubEventType, ...]] = {
    BATTLES: (_S.ARMED_CLASH, _S.GOVERNMENT_REGAINS_TERRITORY, _S.NON_STATE_OVERTAKES_TERRITORY),
    EXPLOSIONS: (_S.CHEMICAL_WEAPON, _S.AIR_DRONE_STRIKE, _S.SUICIDE_BOMB, _S.SHELLING, _S.REMOTE_EXPLOSIVE,
                 _S.GRENADE),
    VAC: (_S.SEXUAL_VIOLENCE, _S.ATTACK, _S.ABDUCTION),
    PROTESTS: (_S.PEACEFUL_PROTEST, _S.PROTEST_WITH_INTERVENTION, _S.EXCESSIVE_FORCE),
    RIOTS: (_S.VIOLENT_DEMONSTRATION, _S.MOB_VIOLENCE),
    STRATEGIC: (_S.AGREEMENT, _S.ARRESTS, _S.CHANGE_TO_GROUP, _S.DISRUPTED_WEAPONS_USE, _S.BASE_ESTABLISHED,
                _S.LOOTING, _S.NON_VIOLENT_TRANSFER, _S.OTHER),
}
EVENT_TYPE_OF: dict[SubEventType, EventType] = {s: t for t, subs in SUB_EVENT_TYPES.items() for s in subs}

FAMILY: dict[EventType, Family] = {
    BATTLES: Family.VIOLENCE, EXPLOSIONS: Family.VIOLENCE, VAC: Family.VIOLENCE,
    PROTESTS: Family.DEMONSTRATIONS, RIOTS: Family.DEMONSTRATIONS,
    STRATEGIC: Family.STRATEGIC,
}
#: Political violence: the event types of the violence family.
VIOLENT: frozenset[EventType] = frozenset(t for t, f in FAMILY.items() if f is Family.VIOLENCE)
DEMONSTRATIONS: frozenset[EventType] = frozenset(t for t, f in FAMILY.items() if f is Family.DEMONSTRATIONS)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: the two inter codes, lowest first; a lone actor is followed by 0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event (exports)."""
    if event_type == PROTESTS:
        return "Political violence; Demonstrations" if sub_event_type == _S.EXCESSIVE_FORCE \
            else "Demonstrations"
    if event_type == RIOTS:
        return "Political violence" if sub_event_type == _S.MOB_VIOLENCE else "Demonstrations"
    if event_type == STRATEGIC:
        return "Strategic developments"
    return "Political violence"

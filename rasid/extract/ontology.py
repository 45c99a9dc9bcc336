"""The ACLED event ontology and how trigger kinds map onto it in context."""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: ("Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
                 "Remote explosive/landmine/IED", "Grenade"),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                "Headquarters or base established", "Looting/property destruction",
                "Non-violent transfer of territory", "Other"),
}

#: Families used for matching across sources and in evaluation.
VIOLENT = frozenset({BATTLES, EXPLOSIONS, VAC})

EXPLOSION_KINDS = {
    "chemical": "Chemical weapon",
    "suicide": "Suicide bomb",
    "strike_air": "Air/drone strike",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "shelling": "Shelling/artillery/missile attack",
}
VAC_KINDS = {"assassination": "Attack", "execution": "Attack", "abduction": "Abduction/forced disappearance",
             "sexual": "Sexual violence"}
STRATEGIC_KINDS = {
    "arrest": "Arrests", "agreement": "Agreement", "surrender": "Other", "withdraw": "Non-violent transfer of territory",
    "looting": "Looting/property destruction", "base": "Headquarters or base established",
    "disrupted": "Disrupted weapons use", "change": "Change to group/activity",
}


@dataclass(frozen=True, slots=True)
class EventKind:
    event_type: str
    sub_event_type: str


def explosion_subtype(kinds: set[str], air_cue: bool) -> str | None:
    """The most specific explosion sub-type among the trigger kinds of a sentence."""
    for kind in ("chemical", "suicide", "strike_air", "ied", "grenade", "shelling"):
        if kind in kinds:
            if kind == "shelling" and air_cue and "suicide" not in kinds:
                return "Air/drone strike"
            return EXPLOSION_KINDS[kind]
    return None


def territory_subtype(government_side: bool) -> str:
    return "Government regains territory" if government_side else "Non-state actor overtakes territory"


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
        return "Political violence; Demonstrations" if sub_event_type == "Excessive force against protesters" \
            else "Demonstrations"
    if event_type == RIOTS:
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == STRATEGIC:
        return "Strategic developments"
    return "Political violence"

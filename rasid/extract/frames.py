"""Sentence-level event frames: which events a sentence reports, who did what to whom, and how sure we are.

A frame is an event before places, dates and the document's other sentences are taken into account.
Role assignment is positional and lexical (Arabic news is mostly VSO: the agent follows the verb);
role-marking words before an actor (ضد، مع، على حساب، مواقع، صفوف) make it the second actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from rasid import ontology as o
from rasid.extract.gated import Gated
from rasid.extract.mentions import ActorMention, CueMention, SentenceMentions, TriggerMention
from rasid.ontology import EventType, SubEventType

if TYPE_CHECKING:
    from rasid.resources import Resources

S = SubEventType
#: Trigger kinds -> the sub-event type they report (most specific explosion kind first).
EXPLOSION_KINDS: dict[str, SubEventType] = {
    "chemical": S.CHEMICAL_WEAPON,
    "suicide": S.SUICIDE_BOMB,
    "strike_air": S.AIR_DRONE_STRIKE,
    "ied": S.REMOTE_EXPLOSIVE,
    "grenade": S.GRENADE,
    "shelling": S.SHELLING,
}
VAC_KINDS: dict[str, SubEventType] = {"assassination": S.ATTACK, "execution": S.ATTACK, "abduction": S.ABDUCTION,
                                      "sexual": S.SEXUAL_VIOLENCE}
STRATEGIC_KINDS: dict[str, SubEventType] = {
    "arrest": S.ARRESTS, "agreement": S.AGREEMENT, "surrender": S.OTHER, "withdraw": S.NON_VIOLENT_TRANSFER,
    "looting": S.LOOTING, "base": S.BASE_ESTABLISHED, "disrupted": S.DISRUPTED_WEAPONS_USE,
    "change": S.CHANGE_TO_GROUP,
}
#: The trigger kinds whose first trigger anchors an explosion frame of each sub-event type.
_EXPLOSION_TRIGGERS: dict[SubEventType, tuple[str, ...]] = {
    S.AIR_DRONE_STRIKE: ("strike_air", "shelling", "ied"), S.SUICIDE_BOMB: ("suicide",),
    S.CHEMICAL_WEAPON: ("chemical",), S.GRENADE: ("grenade",), S.REMOTE_EXPLOSIVE: ("ied",), S.SHELLING: ("shelling",),
}


def explosion_subtype(kinds: set[str], air_cue: bool) -> SubEventType | None:
    """The most specific explosion sub-type among the trigger kinds of a sentence."""
    for kind in ("chemical", "suicide", "strike_air", "ied", "grenade", "shelling"):
        if kind in kinds:
            if kind == "shelling" and air_cue and "suicide" not in kinds:
                return S.AIR_DRONE_STRIKE
            return EXPLOSION_KINDS[kind]
    return None


def territory_subtype(government_side: bool) -> SubEventType:
    return S.GOVERNMENT_REGAINS_TERRITORY if government_side else S.NON_STATE_OVERTAKES_TERRITORY

class FrameWords(NamedTuple):
    """The patterns the frame rules read, made from frame_words.tsv (once per `Resources`)."""

    actor2_mark: re.Pattern[str]  # right before an actor: the target / second party
    target_mark: re.Pattern[str]  # right before an actor: surely what a strike hit ("مواقع لحزب الله")
    holder_mark: re.Pattern[str]  # right before an actor: who holds the place ("الخاضعة لسيطرة")
    perpetrator_mark: re.Pattern[str]  # before a named group: the one behind an attack by unidentified men
    assoc_mark: re.Pattern[str]  # before an actor: a backer
    backer_mark: re.Pattern[str]  # a word or two before an actor: a backer ("مدعومة بمسلحين من العشائر")
    protest_target: re.Pattern[str]
    protest_gather: re.Pattern[str]  # the trigger itself: people gathering or marching ("تدفقوا", "التجمع")
    protest_chant: re.Pattern[str]  # the trigger itself: chanting or banners ("مرددين", "هتافات")
    negated: re.Pattern[str]
    planted: re.Pattern[str]
    crowd_control: re.Pattern[str]  # .match right after a bomb word: a tear-gas canister, a stun grenade
    failed: re.Pattern[str]  # .search in the clause before an interception word: it did not happen
    future_word: re.Pattern[str]
    future_after: re.Pattern[str]  # .match right after a trigger noun: "انفجارا سيقع", expected
    plot: re.Pattern[str]
    control_state: re.Pattern[str]
    battle_name: re.Pattern[str]
    partial: re.Pattern[str]
    rescue: Gated
    former_mark: Gated  # right before an actor: a former or alleged member of it ("عنصر سابق في")
    former_after: re.Pattern[str]  # .match right after an actor: a former member of it ("من كوادر المعارضة سابقا")
    relative: re.Pattern[str]  # right before a present-tense trigger: "الذي يقصف", a description
    released: re.Pattern[str]  # before a relative abduction: the sentence tells a release ("الإفراج عن ... التي")
    relative_past: re.Pattern[str]  # right before an abduction word: "التي تم", "الذي كان قد", a description
    seized_object: re.Pattern[str]  # after a takeover word, its "على": "الاستيلاء على 12 آلية", things seized
    no_resistance: Gated  # "دون مقاومة تذكر": a place handed over without a fight
    raid: re.Pattern[str]  # the takeover word itself: "اقتحمت" (a raid when a foreign force does it)
    charge_mark: Gated  # before a trigger: "مدانين بتفجير", what someone is charged with
    generic_quantifier: re.Pattern[str]  # right before a trigger noun: "كل عملية انتحارية"
    halt: re.Pattern[str]  # right before a trigger noun: stopping or banning it ("وقف القتال", "تحريم الاقتتال")
    interception: Gated  # near a clash word: air defence meeting a strike ("تصدت الدفاعات الجوية")
    march_lead: re.Pattern[str]  # a few words before "مسيرة": a march ("نظم المئات مسيرة")
    drone_mark: re.Pattern[str]  # near "مسيرة": still a drone ("استهدفت مسيرة")
    other_clause: re.Pattern[str]  # between an aircraft word and a bombardment word: another strike ("في حين")
    hostage: re.Pattern[str]  # a few words after an arrest word: the people held are hostages ("رهائن")
    cause_mark: re.Pattern[str]  # right before a takeover word: what the fighting was about ("على خلفية سيطرة")
    no_one_hurt: re.Pattern[str]  # in a strike's sentence: no one hurt (read by the learned layer's actor 2 head)
    base_alias: re.Pattern[str]  # .match at an actor's start: its alias names its base ("قاعدة تركية"), the target
    origin_mark: re.Pattern[str]  # right before such an actor: the base the attack came from ("من قاعدة حميميم")
    accuse: re.Pattern[str]  # a verb of blame (claim_words.tsv accuse): the sides it names are an accusation
    own_loss: re.Pattern[str]  # .match right after an actor: a death among its own members ("مقتل أحد عناصره")
    own_mourned: re.Pattern[str]  # .match right after an actor: its members ("أحد مقاتليه", after "نعى")
    mourn: re.Pattern[str]  # right before an actor: mourning ("نعى")


def compile_frame_words(resources: Resources) -> FrameWords:
    """`FrameWords` of the resources' frame_words.tsv (use `resources.derived(compile_frame_words)`)."""
    lists = resources.words("frame_words.tsv")
    alt = lists.alt
    return FrameWords(
        actor2_mark=re.compile(rf"(?:{alt('actor2_mark')})(?:\s+\S+)?\s*\S{{0,3}}\s*$"),
        holder_mark=re.compile(rf"(?:{alt('holder_mark')})\s*(?:\S+\s+)?\S{{0,3}}\s*$"),
        target_mark=re.compile(rf"(?:^|\s)\S{{0,2}}(?:{alt('target_mark')})(?:\s+\S+)?\s*\S{{0,3}}\s*$"),
        perpetrator_mark=re.compile(
            rf"(?:{alt('perpetrator_mark')}|(?:{alt('suspected')})\s+(?:ب?انهم|ب?انه|ب?انها)\s+"
            r"(?:من|يتبعون|يتبع|ينتمون|ينتمي)\s*(?:الي|ل)?)\s+(?:\S+\s+){0,1}\S{0,3}\s*$"),
        assoc_mark=re.compile(rf"(?:{alt('associate_mark')})\s*(?:من|مع|ل|ب)?\s*\S{{0,3}}\s*$"),
        backer_mark=re.compile(rf"(?:^|\s)[وف]?(?:{alt('backer_mark')})(?:\s+\S+)?\s+(?:من\s+)?\S{{0,3}}$"),
        protest_target=re.compile(rf"(?:{alt('protest_target')})\s*(?:\S+\s+){{0,3}}\S{{0,3}}$"),
        protest_gather=re.compile(rf"(?:{alt('protest_gather')})"),  # used with .match(norm, start)
        protest_chant=re.compile(rf"(?:{alt('protest_chant')})"),  # used with .match(norm, start)
        negated=re.compile(rf"(?:^|\s)[وف]?(?:{alt('negation')})\s+(?:\S+\s+){{0,2}}$"),
        planted=re.compile(rf"(?:{alt('planted')})\s*\S{{0,3}}\s*$"),
        crowd_control=re.compile(rf"\s*(?:{alt('crowd_control')})(?:\s|$)"),
        failed=re.compile(rf"(?:^|\s)[وف]?(?:{alt('failed')})\s[^.،,]*$"),
        future_word=re.compile(rf"(?:^|\s)(?:{alt('future_word')})\s+$"),
        future_after=re.compile(rf"\S{{0,2}}\s+(?:{alt('future_after')})(?!\w)"),
        plot=re.compile(rf"(?:{alt('plot')})\s*$|^\s*(?:\S+\s+)?ل$"),
        control_state=re.compile(rf"(?:{alt('control_state')})\s*$"),
        battle_name=re.compile(rf"(?:{alt('battle_name')})\s*$"),
        partial=re.compile(rf"^\s*(?:علي\s+)?(?:\S+\s+){{0,2}}?(?:{alt('partial')})"),
        rescue=Gated(r"(?:^|\s)(?:ال)?", lists["rescue"], "", 3),
        former_mark=Gated(r"(?:^|\s)", lists["former_mark"], r"(?:\s+\S+)?\s*\S{0,3}\s*$", 1),
        former_after=re.compile(rf"\s*(?:{alt('former_after')})(?:\s|[،,.]|$)"),
        relative=re.compile(rf"(?:^|\s)(?:{alt('relative')})\s+(?:[وف]\S*\s+)?$"),
        released=re.compile(rf"(?:^|\s)[وفب]?(?:ال)?(?:{alt('release')})(?:\s|$)"),
        relative_past=re.compile(rf"(?:^|\s)(?:{alt('relative')})\s+(?:(?:تم|كان|كانت|كانوا|قد)\s+){{0,2}}$"),
        seized_object=re.compile(rf"^[^،,.]*?(?:^|\s)علي\s+(?:\S*\d\S*\s+|\S+\s+)?(?:ال)?(?:{alt('seized_object')})(?:\s|$)"),
        no_resistance=Gated(r"(?:^|\s)", lists["no_resistance"], "", 1),
        raid=re.compile(rf"^(?:{alt('raid')})$"),
        charge_mark=Gated(r"(?:^|\s)", lists["charge_mark"], r"(?:\s|$)", 1),
        generic_quantifier=re.compile(rf"(?:^|\s)(?:{alt('generic_quantifier')})\s+$"),
        halt=re.compile(rf"(?:^|[\s\"(])[وفبل]?(?:{alt('halt')})\s+$"),
        interception=Gated(r"(?:^|\s)\S{0,3}", lists["interception"], "", 4),
        march_lead=re.compile(rf"(?:^|\s)[وف]?(?:{alt('march_lead')})\s+(?:\S+\s+){{0,4}}\S{{0,3}}$"),
        drone_mark=re.compile(rf"(?:^|\s)\S{{0,3}}(?:{alt('drone_mark')})"),
        other_clause=re.compile(rf"(?:^|\s)[وف]?(?:{alt('other_clause')})(?:\s|$)"),
        hostage=re.compile(rf"[^.،,]{{0,60}}?(?:^|\s)(?:{alt('hostage')})(?!\w)"),
        cause_mark=re.compile(rf"(?:^|\s)[وف]?(?:{alt('cause_mark')})\s+(?:\S+\s+)?\S{{0,3}}$"),
        no_one_hurt=re.compile(rf"(?:^|\s)(?:{alt('no_one_hurt')})(?:\s|$|[،,.])"),
        base_alias=re.compile(rf"(?:{alt('base_alias')})\s"),
        origin_mark=re.compile(rf"(?:^|\s)(?:{alt('origin_mark')})\s*$"),
        accuse=re.compile(rf"(?:^|\s)[وف]?(?:{resources.words('claim_words.tsv').alt('accuse')})(?:\s|$)"),
        own_loss=re.compile(rf"[\s\"'()«»]*(?:\S+\s+){{0,2}}?(?:{alt('loss_word')})\s+(?:\S+\s+){{0,2}}?(?:من\s+)?"
                            rf"(?:{alt('member_noun')})(?:ه|ها|هم)(?:\s|$|[،,.])"),
        own_mourned=re.compile(rf"[\s\"'()«»]*(?:\S+\s+){{0,1}}?(?:من\s+)?(?:{alt('member_noun')})(?:ه|ها|هم)(?:\s|$|[،,.])"),
        mourn=re.compile(rf"(?:^|\s)[وف]?(?:{alt('mourn')})\s*$"),
    )


_SINCE = re.compile(r"منذ\s*$")
#: Trigger kinds of a bomb, a shell or a strike (what hits a demonstration without being the authorities' force).
_BOMB_KINDS = frozenset({"suicide", "ied", "strike_air", "shelling", "grenade", "chemical"})
#: The word that opens what a speaker said ("قال ... إن", "أعلن ... بأن"), normalised.
_SAID_THAT = re.compile(r"(?:^|\s)(?:ب)?[اأإ]ن(?:\s|$)")
_PLOT = re.compile(r"(?:شن|تنفيذ|القيام ب|ل)\s*$|^\s*(?:\S+\s+)?ل$")
_FORMER = re.compile(r"سابق")
_BETWEEN = re.compile(r"بين\s*[«\"'“(]*\s*$")
_FUTURE_PREFIX = ("س", "وس", "فس")
#: A protest word at least this strong, beside protesters named, makes a protest (see _protesters_acting).
_ACTING_MIN = 0.45
_ACTING_WEIGHT = 0.7
_MARCH_WEIGHT = 0.8  # "نظم المئات مسيرة" reads as surely as "مسيرة احتجاجية"
_CLAUSE_REACH = 90
_AIR_REACH = 60  # characters between an aircraft word and the bombardment word it tells of
_CLAUSE_BREAK = re.compile(r"[،,.؛;:]")


@dataclass(slots=True)
class Frame:
    event_type: EventType
    sub_event_type: SubEventType
    trigger: TriggerMention
    sentence: SentenceMentions
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)
    civilians_target: bool = False
    modality: str = "asserted"
    weight: float = 0.5
    elaboration: bool = False  # only casualties words: usually the consequence of the previous event
    perpetrator_named: bool = False  # a group marked as the one behind the attack ("من قبل", "مخلفات")
    actor2_target: bool = False  # actor2 was marked as the target ("مواقع لحزب الله", "عناصر من"), not the agent


def _before(norm: str, mention_start: int, width: int = 24) -> str:
    return norm[max(0, mention_start - width):mention_start]


def _combatants(sm: SentenceMentions) -> list[ActorMention]:
    return [a for a in sm.actors if a.actor.kind != "organization"]


def _is_civilian(a: ActorMention) -> bool:
    return a.actor.focus in ("civilians",)


def build_frames(norm: str, sm: SentenceMentions, w: FrameWords) -> list[Frame]:
    """Frames for one sentence (possibly none); `w`: `resources.derived(compile_frame_words)`."""
    if not sm.triggers:
        return []
    charged = w.charge_mark.search(norm, sm.sentence.start, sm.sentence.end) is not None
    talk = [_talk(w, norm, sm, t, charged) for t in sm.triggers]
    if any(talk):
        # "التحالف الذي يقصف ويقتل المسلمين": what an actor does; "كل عملية انتحارية": every such event;
        # "مدانين بتفجير سيارة": what someone is charged with. Talk about events, not an event.
        kept = [t for t, is_talk in zip(sm.triggers, talk, strict=True) if not is_talk]
        if not kept:
            return []
        sm = replace(sm, triggers=kept)
    if any(_march(w, norm, sm, t) for t in sm.triggers):
        sm = replace(sm, triggers=[_as_march(t) if _march(w, norm, sm, t) else t for t in sm.triggers])
    kinds: set[str] = set()
    for t in sm.triggers:
        kinds |= t.kind_names
    shelling = [t for t in sm.triggers if "shelling" in t.kind_names]
    air = any(_same_strike(w, norm, c.start - len(c.prefix), c.end, shelling) for c in sm.cues_of("air"))
    craft = [t for t in sm.triggers if t.kind_names == {"strike_air"} and {k.pos for k in t.kinds} == {"instrument"}]
    if shelling and craft and not any(t.kind_names == {"strike_air"} and t not in craft for t in sm.triggers) \
            and not any(_same_strike(w, norm, t.start - len(t.prefix), t.end, shelling) for t in craft):
        kinds.discard("strike_air")  # "بقذائف الهاون، في حين ... من مروحيات النظام": the aircraft did another strike
    frames: list[Frame] = []

    def first(*wanted: str) -> TriggerMention:
        """The first trigger of the wanted kinds; a weapon named ("سيارة مفخخة") gives way to what it did
        ("انفجرت"), which says that something happened."""
        matching = [t for t in sm.triggers if t.kind_names & set(wanted)]
        if not matching:
            return sm.triggers[0]
        return next((t for t in matching if {k.pos for k in t.kinds} != {"instrument"}), matching[0])

    actors = _combatants(sm)
    civilians = [a for a in actors if _is_civilian(a)]
    armed = [a for a in actors if not _is_civilian(a) and a.actor.focus not in ("protesters", "rioters")]
    former = [a for a in armed if w.former_mark.search(_before(norm, a.start, 30))
              or (w.former_after.match(norm, a.end) and {"من", "في"} & set(_before(norm, a.start, 20).split()[-2:]))]
    former_member = bool(former)
    if former_member:
        armed = [a for a in armed if a not in former]  # "عنصر سابق في فصائل المعارضة": no party
    protesters = [a for a in actors if a.actor.focus == "protesters"]

    # --- demonstrations
    protest_first = next((t.start for t in sm.triggers if t.kind_names & {"protest", "riot", "mob"}), None)
    arrest_first = next((t.start for t in sm.triggers if "arrest" in t.kind_names), None)
    arrest_leads = arrest_first is not None and protest_first is not None and arrest_first < protest_first
    # "اشتباكات بين قوات الأمن والمتظاهرين": protesters are no armed group; a clash with them is force against a protest
    clash_with_protesters = "clash" in kinds and bool(protesters) and bool(armed)
    if (kinds & {"protest", "riot", "mob"} and (protesters or "protest" in kinds) or clash_with_protesters) \
            and not arrest_leads:
        strong_protest = [t for t in sm.triggers
                          if any(k.kind in ("protest", "riot", "mob") and k.weight >= 0.7 for k in t.kinds)]
        if "riot" in kinds and all(w.negated.search(_before(norm, t.start - len(t.prefix), 30))
                                   or _modality(w, norm, sm, t) == "planned"
                                   for t in sm.triggers if "riot" in t.kind_names):
            # "ولم تسجل أعمال عنف": violence said not to have happened makes no riot; nor does violence feared
            # ("تحسبا لأعمال عنف")
            kinds.discard("riot")
            strong_protest = [t for t in strong_protest if t.kind_names & {"protest", "mob"}]
        if clash_with_protesters and not strong_protest:
            strong_protest = [first("clash")]
        acted = None if strong_protest else _protesters_gathering(w, norm, sm, protesters) or \
            _crowd_chanting(w, norm, sm)
        if acted is not None:
            # "تدفق المتظاهرون ... يهتفون", "أضرم المحتجون النار ... ورددوا هتافات": no word alone says a
            # protest was held, the protesters named doing what protesters do says it together
            frame = Frame(o.PROTESTS, S.PEACEFUL_PROTEST, acted, sm)
            frame.actor1 = protesters[0] if protesters else None
            frame.weight = _ACTING_WEIGHT
            frame.modality = _modality(w, norm, sm, acted)
            return [frame]
        # "هجوم انتحاري استهدف مظاهرة": a bomb or a strike on a demonstration is an explosion (ACLED's
        # excessive force is the authorities' against the protest), told beside the demonstration it hit
        # ("مسيرة" read as a drone is the march itself)
        bombed = strong_protest and "protest" in kinds and explosion_subtype(kinds, air) is not None and any(
            t.kind_names & _BOMB_KINDS and not t.kind_names & {"protest", "riot", "mob"} for t in sm.triggers)
        if strong_protest:
            if "mob" in kinds:
                frames.append(Frame(o.RIOTS, S.MOB_VIOLENCE, first("mob"), sm))
            elif "riot" in kinds:
                frames.append(Frame(o.RIOTS, S.VIOLENT_DEMONSTRATION, first("riot"), sm))
            elif not bombed and (sm.has_cue("excessive") or (kinds & {"kill", "shoot"}) or clash_with_protesters):
                frames.append(Frame(o.PROTESTS, S.EXCESSIVE_FORCE, first("protest", "clash"), sm))
            elif _affirmed_cue(w, norm, sm, "intervention") or "arrest" in kinds:
                frames.append(Frame(o.PROTESTS, S.PROTEST_WITH_INTERVENTION, first("protest"), sm))
            else:
                frames.append(Frame(o.PROTESTS, S.PEACEFUL_PROTEST, first("protest"), sm))
            # the audit's convention: a peaceful protest has no actor 2 (what it is against is no actor); the
            # force that intervenes is the actor 2 of the other sub-types
            against = [a for a in armed if w.protest_target.search(_before(norm, a.start, 30))]
            force = next((a for a in armed if a not in against), None)
            for f in frames:
                f.actor1 = protesters[0] if protesters else None
                f.actor2 = None if f.sub_event_type == S.PEACEFUL_PROTEST else force
                f.weight = f.trigger.weight
                f.modality = _modality(w, norm, sm, f.trigger)
            if not bombed:
                return frames

    # --- weapons stopped before use
    if "disrupted" in kinds and all(w.failed.search(norm[max(sm.sentence.start, t.start - 80):t.start])
                                    for t in sm.triggers if "disrupted" in t.kind_names):
        kinds.discard("disrupted")  # "دون أن تتمكن الدفاعات الجوية من إسقاطها": the strike went through
    if "disrupted" in kinds and kinds & {"ied", "strike_air", "suicide", "shelling"} and not (
        kinds & {"territory", "clash"}
    ):
        t = first("disrupted")
        frames.append(Frame(o.STRATEGIC, S.DISRUPTED_WEAPONS_USE, t, sm, weight=0.6))
        _assign_roles(w, norm, frames[-1], armed, civilians, former_member)
        frames[-1].modality = _modality(w, norm, sm, t)
        return frames

    # --- political violence
    if "disrupted" in kinds or all(w.planted.search(_before(norm, t.start - len(t.prefix), 12))
                                   or w.crowd_control.match(norm, t.end)
                                   for t in sm.triggers if "ied" in t.kind_names):
        kinds.discard("ied")
    explosion = explosion_subtype(kinds, air)
    if "territory" in kinds and all(_control_state(w, norm, t) or {k.pos for k in t.kinds} == {"present"}
                                    for t in sm.triggers if "territory" in t.kind_names):
        kinds.discard("territory")  # who holds a place ("القوات التي تسيطر على"), not who took it
    if "territory" in kinds and all(_partial_or_named(w, norm, t) for t in sm.triggers if "territory" in t.kind_names):
        kinds.discard("territory")
        kinds.add("clash")  # "معارك تحرير الفلوجة", "السيطرة على أربعة أحياء": fighting, control unchanged
    if "territory" in kinds and all(w.rescue.search(norm[t.end:min(t.end + 70, sm.sentence.end)])
                                    or (t.suffix and w.rescue.search(norm[max(sm.sentence.start, t.start - 70):t.start]))
                                    for t in sm.triggers if "territory" in t.kind_names):
        # "حررت القوات 10 مختطفين", "الرهينة ... التي تم تحريرها": a rescue, not a takeover
        kinds.discard("territory")
    if "territory" in kinds and all(w.seized_object.match(norm[t.end + len(t.suffix):t.end + 60]) for t in sm.triggers
                                    if "territory" in t.kind_names):
        kinds.discard("territory")  # "الاستيلاء على 12 آلية": vehicles seized, not a place
    if "clash" in kinds and all(w.interception.search(norm, max(sm.sentence.start, t.start - 40),
                                                      min(sm.sentence.end, t.end + 40))
                                for t in sm.triggers if "clash" in t.kind_names):
        kinds.discard("clash")  # "تصدت الدفاعات الجوية لصواريخ": air defence meeting a strike, not a battle
    if "territory" in kinds and "clash" in kinds and all(_aim_or_cause(w, norm, sm, t) for t in sm.triggers
                                                          if "territory" in t.kind_names) \
            and any(_modality(w, norm, sm, t) != "planned" for t in sm.triggers if "clash" in t.kind_names):
        # "تشتبك مع المقاتلين، في محاولة للسيطرة على الطريق", "مواجهات ... على خلفية سيطرة الجهاز على مقر": the
        # fighting happened; the takeover is its aim or its cause
        kinds.discard("territory")
    battle_kind = "territory" if "territory" in kinds else ("clash" if "clash" in kinds else None)
    vac_kind = next((k for k in ("assassination", "execution", "abduction", "sexual") if k in kinds), None)
    if battle_kind and vac_kind and _has_verb(sm, {vac_kind}) and not _has_verb(sm, {"territory", "clash"}):
        battle_kind = None  # "أعدم التنظيم عناصر شاركوا في معركة": the verb says what happened

    if battle_kind:
        t = first(battle_kind)
        frame = Frame(o.BATTLES, S.ARMED_CLASH, t, sm, weight=t.weight)
        _assign_roles(w, norm, frame, armed, civilians, former_member)
        if battle_kind == "territory":
            frame.sub_event_type = territory_subtype(bool(frame.actor1 and frame.actor1.actor.government_side))
            if w.raid.match(norm[t.start:t.end]) and frame.actor1 is not None and frame.actor1.actor.inter == 8:
                # "اقتحمت قوات الاحتلال المخيم": a foreign force's raid; fighting if the sentence reports it
                if kinds & {"clash", "shoot", "kill"}:
                    frame.sub_event_type = S.ARMED_CLASH
                else:
                    frame.event_type, frame.sub_event_type = o.STRATEGIC, S.OTHER
            elif w.no_resistance.search(norm[sm.sentence.start:sm.sentence.end]):
                # "دخلت القوات المدينة دون مقاومة تذكر"
                frame.event_type, frame.sub_event_type = o.STRATEGIC, S.NON_VIOLENT_TRANSFER
        frames.append(frame)
    if explosion:
        t = first(*_EXPLOSION_TRIGGERS[explosion])
        frame = Frame(o.EXPLOSIONS, explosion, t, sm, weight=t.weight)
        # "قصف جوي استهدف خان شيخون الخاضعة لسيطرة المعارضة": who holds the place is no side of the strike
        sides = [a for a in armed if not w.holder_mark.search(_before(norm, a.start, 30))]
        # "قتل ثلاثة مدنيين بانفجار عبوة ...، واتهمت فصائل X قوات Y بالوقوف وراء التفجير": who blames whom after the
        # blast is an accusation, not a side of it (the bomber stays unidentified unless named as such)
        blame = w.accuse.search(norm, t.end, sm.sentence.end)
        if blame is not None:
            sides = [a for a in sides if a.start < blame.start()]
        _assign_roles(w, norm, frame, sides, civilians, former_member)
        frames.append(frame)
    if vac_kind and not frames:
        t = first(vac_kind)
        frame = Frame(o.VAC, VAC_KINDS[vac_kind], t, sm, weight=t.weight)
        _assign_roles(w, norm, frame, armed, civilians, former_member)
        if vac_kind in ("assassination", "execution") and frame.actor2 and not _is_civilian(frame.actor2) \
                and frame.actor2.actor.kind == "armed" and frame.actor2.actor.inter in (1, 2, 3, 8):
            frame.event_type, frame.sub_event_type = o.BATTLES, S.ARMED_CLASH
        frames.append(frame)
    if not frames and kinds & {"attack", "kill", "shoot"} and not kinds & set(STRATEGIC_KINDS):
        t = first("attack", "shoot", "kill")
        only_casualties = not (kinds & {"attack", "shoot"})
        frame = Frame(o.VAC, S.ATTACK, t, sm, weight=t.weight)
        _assign_roles(w, norm, frame, armed, civilians, former_member)
        if frame.actor2 is not None and _FORMER.search(norm[max(0, frame.actor2.start - 25):frame.actor2.start]):
            frame.civilians_target = True  # "عنصر سابق في فصائل المعارضة": a former fighter is a civilian
        if not frame.civilians_target and (frame.actor2 is not None or (frame.actor1 and not only_casualties)):
            frame.event_type, frame.sub_event_type = o.BATTLES, S.ARMED_CLASH
        frame.elaboration = only_casualties
        frames.append(frame)

    # --- strategic developments: where no violence is reported, or where an arrest or agreement is the
    # main clause ("أعلن عن إلقاء القبض على ... بعد سيطرة ...": the takeover is only context)
    first_violent = min((f.trigger.start for f in frames), default=None)
    for kind in ("arrest", "agreement", "surrender", "base", "looting", "withdraw", "change"):
        if kind in kinds and (not frames or (kind in ("arrest", "agreement") and first_violent is not None
                                            and first(kind).start < first_violent)):
            t = first(kind)
            frame = Frame(o.STRATEGIC, STRATEGIC_KINDS[kind], t, sm, weight=t.weight)
            held = w.hostage.match(norm, t.end) if kind == "arrest" else None
            if held and not any(t.end <= t2.start < held.end() for t2 in sm.triggers):
                # "احتجز مسلحون أربعة من رجال الشرطة رهائن": hostage-taking is an abduction (ACLED), not an arrest
                frame.event_type, frame.sub_event_type = o.VAC, S.ABDUCTION
            _assign_roles(w, norm, frame, armed, civilians, former_member)
            if frame.sub_event_type == S.ARRESTS and frame.actor2 and frame.actor2.actor.inter == 1 and (
                frame.actor1 is None or frame.actor1.actor.inter != 1
            ):
                frame.actor1, frame.actor2 = frame.actor2, frame.actor1
            frames.append(frame)
            break
    for f in frames:
        f.modality = _modality(w, norm, sm, f.trigger)
    return frames


def named_by_base(w: FrameWords, inter: int, name: str, before: str) -> bool:
    """A state's forces named by their base ("استهدفت طائرة مسيرة قاعدة تركية"): the place hit, not the
    attacker (a group named "القاعدة" is no base). `name`: the mention's normalised text; `before`: the
    normalised text right before it (an origin_mark there, "من قاعدة حميميم", makes the base the attack's start).
    The rules' roles and the learned layer's actor 2 head both ask it."""
    return inter in (1, 8) and w.base_alias.match(name) is not None and not w.origin_mark.search(before)


def _named_by_base(w: FrameWords, norm: str, a: ActorMention) -> bool:
    return named_by_base(w, a.actor.inter, norm[a.start:a.end], _before(norm, a.start, 16))


def _assign_roles(w: FrameWords, norm: str, frame: Frame, armed: list[ActorMention], civilians: list[ActorMention],
                  former_member: bool = False) -> None:
    t = frame.trigger
    cands = sorted(armed, key=lambda a: a.start)
    if former_member:
        # "مقتل عنصر سابق في فصائل المعارضة", "أعدم ... بتهمة التعامل مع التحالف": the group (left out of
        # `armed` by the caller) is no party to the event; the person attacked is a civilian
        frame.civilians_target = frame.event_type in o.VIOLENT
    # "بين X و Y"
    # a partner named in the list is no side of it ("بين ميليشيا الدفاع الوطني الرديفة لقوات النظام وقوات الأسايش")
    sides = [a for a in cands if not _is_associate(w, norm, a)]
    for i, a in enumerate(sides):
        if _BETWEEN.search(_before(norm, a.start, 8)) and i + 1 < len(sides):
            frame.actor1, frame.actor2 = a, sides[i + 1]
            break
    if frame.actor1 is None:
        assoc = [a for a in cands if a.start > t.start - 40 and _is_associate(w, norm, a)]
        # "أعلن حزب الله مقتل أحد عناصره جراء القصف", "نعى X أحد مقاتليه": the side that lost its members; an
        # actor named by its base is the side hit wherever the sentence names it ("تعرضت قاعدة حميميم الروسية
        # في ريف اللاذقية لهجوم بطائرات مسيرة")
        lost = [a for a in cands if a not in assoc and a.end <= t.start and _own_loss(w, norm, a)]
        marked2 = lost + [a for a in cands if a not in assoc and a not in lost and (a.start > t.start - 40
                          and w.actor2_mark.search(_before(norm, a.start)) or _named_by_base(w, norm, a))]
        unmarked = [a for a in cands if a not in marked2 and a not in assoc]
        after = [a for a in unmarked if a.start >= t.end and a.start - t.end <= 60]
        before = [a for a in unmarked if a.end <= t.start]
        is_verb = any(k.pos == "verb" for k in t.kinds)
        # "غارات إسرائيلية": the name holds the trigger; "قصف طيران التحالف": the name begins inside a trigger of
        # several words ("قصف طيران"), neither before nor after it
        holding = [a for a in unmarked if a.start <= t.start < a.end or t.start < a.start < t.end]
        if holding:
            frame.actor1 = holding[0]
        elif is_verb and before and t.start - before[-1].end <= 50:
            frame.actor1 = before[-1]
        elif after and (is_verb or after[0].start - t.end <= 30):
            frame.actor1 = after[0]
        elif before:
            frame.actor1 = before[-1]
        elif after:
            frame.actor1 = after[0]
        frame.assoc1.extend(a for a in assoc if frame.actor1 is None or a.actor != frame.actor1.actor)
        rest = [a for a in marked2 if frame.actor1 is None or a.actor.canonical != frame.actor1.actor.canonical]
        if rest:
            frame.actor2 = rest[0]
            frame.actor2_target = rest[0] in lost or bool(w.target_mark.search(_before(norm, rest[0].start))) \
                or _named_by_base(w, norm, rest[0])
            second = next((a for a in rest if a.actor.canonical != rest[0].actor.canonical), None)
            if frame.actor1 is None and second is not None and frame.event_type == o.BATTLES:
                # "قتل عناصر من داعش في اشتباكات مع مقاتلي المعارضة": both sides marked, the fight is between them
                frame.actor1 = second
        elif frame.actor1 is not None:
            others = [a for a in unmarked if a is not frame.actor1 and a.actor.canonical != frame.actor1.actor.canonical]
            for a in others:
                if w.assoc_mark.search(_before(norm, a.start, 16)):
                    frame.assoc1.append(a)
                elif frame.actor2 is None:
                    frame.actor2 = a
    marked = [a for a in cands if w.perpetrator_mark.search(_before(norm, a.start, 30))]
    perpetrator = next((a for a in marked if a.actor.focus != "unknown"), marked[0] if marked else None)
    frame.perpetrator_named = perpetrator is not None
    if perpetrator is not None and frame.actor1 is not perpetrator:
        # "قصف من قبل الطيران الحربي", "على يد مجهولين يعتقد أنهم من خلايا داعش", "لغم من مخلفات داعش"
        displaced = frame.actor1 if frame.actor1 is not None and frame.actor1.actor.focus != "unknown" else None
        frame.actor1 = perpetrator
        if frame.actor2 is perpetrator or frame.actor2 is None:
            frame.actor2 = displaced
    if frame.actor1 is not None and frame.actor2 is not None and frame.actor1.actor == frame.actor2.actor:
        frame.actor2 = None
    if civilians and frame.event_type in o.VIOLENT and (frame.actor2 is None or frame.event_type == o.VAC):
        frame.actor2 = civilians[0]
        frame.civilians_target = True


def _own_loss(w: FrameWords, norm: str, a: ActorMention) -> bool:
    """`a` is named as the side whose own members were killed or hurt: "أعلن حزب الله مقتل أحد عناصره", "نعى X أحد
    مقاتليه" (the pronoun after the members points back to it)."""
    if w.own_loss.match(norm, a.end) is not None:
        return True
    return w.mourn.search(_before(norm, a.start, 12)) is not None and w.own_mourned.match(norm, a.end) is not None


def _talk(w: FrameWords, norm: str, sm: SentenceMentions, t: TriggerMention, charged: bool) -> bool:
    """A trigger that names no event of its own: a present-tense verb after a relative pronoun ("الذي يقصف
    ويقتل": a description of an actor), a noun after "كل" or "أي" (every or any such event), or what a
    court or a charge is about ("مدانين بتفجير"; an execution or an arrest stays an event; `charged`: the
    sentence has a charge word at all)."""
    at = t.start - len(t.prefix)
    pos = {k.pos for k in t.kinds}
    if pos == {"present"} and w.relative.search(norm[max(0, at - 24):at]):
        return True
    if "verb" not in pos and w.generic_quantifier.search(norm[max(0, at - 8):at]):
        return True
    if "verb" not in pos and w.halt.search(norm[max(0, at - 9):at]):
        return True  # "دعا إلى وقف القتال", "تحريم الاقتتال": violence to stop or ban, none reported
    if not charged or t.kind_names & {"execution", "arrest"}:
        return False  # `charged`: the sentence has a charge word somewhere
    return bool(w.charge_mark.search(norm[max(sm.sentence.start, at - 50):at]))


def _march(w: FrameWords, norm: str, sm: SentenceMentions, t: TriggerMention) -> bool:
    """"نظم المئات مسيرة", "خرج الأهالي في مسيرة": a word that is a drone or a march ("مسيرة") read as a march
    when a march verb or people come a few words before it and no drone word comes near it ("استهدفت مسيرة",
    "طائرة مسيرة", or an armed actor named by it: "مسيرة تركية")."""
    if not ("strike_air" in t.kind_names and "protest" in t.kind_names):
        return False
    at = t.start - len(t.prefix)
    before = norm[max(sm.sentence.start, at - 50):at]
    if not w.march_lead.search(before):
        return False
    if w.drone_mark.search(before) or w.drone_mark.search(norm, t.end, min(sm.sentence.end, t.end + 30)):
        return False
    return not any(a.start < t.end + 3 and t.start - 3 < a.end and a.actor.kind == "armed" for a in sm.actors)


def _same_strike(w: FrameWords, norm: str, start: int, end: int, shelling: list[TriggerMention]) -> bool:
    """An aircraft word tells how a bombardment was carried out when it stands within a few words of a
    bombardment word with no other clause between ("قصف جوي", "قصفت طائرات النظام"; not "... بالصواريخ، في حين
    تعرض حي جوبر لقصف من مروحيات النظام" for the rockets). Without a bombardment word it says it alone."""
    for t in shelling:
        a, b = (end, t.start - len(t.prefix)) if end <= t.start else (t.end, start)
        if b - a <= _AIR_REACH and not w.other_clause.search(norm[a:b]):
            return True
    return not shelling


def _as_march(t: TriggerMention) -> TriggerMention:
    """The march sense of "مسيرة": a protest noun, as strong as "مسيرة احتجاجية"."""
    kinds = [replace(k, pos="noun", weight=_MARCH_WEIGHT) for k in t.kinds if k.kind == "protest"]
    return TriggerMention(t.start, t.end, kinds, t.prefix, t.suffix)


def is_headline(norm: str, sm: SentenceMentions) -> bool:
    """The article's first sentence is a headline: a short line of its own with no full stop."""
    s = sm.sentence
    line = norm[s.start:s.end].strip()
    return sm.index == 0 and "\n" not in line and not line.endswith((".", "،", ":")) and len(line.split()) <= 16 \
        and norm[s.end:s.end + 3].lstrip(" ").startswith("\n")


def _control_state(w: FrameWords, norm: str, t: TriggerMention) -> bool:
    """"تحت سيطرته", "مناطق سيطرة", "الخاضعة لسيطرة": who holds a place, not a takeover."""
    if "سيطر" not in norm[t.start:t.end]:
        return False
    return bool(w.control_state.search(norm[max(0, t.start - len(t.prefix) - 14):t.start - len(t.prefix)]))


def _partial_or_named(w: FrameWords, norm: str, t: TriggerMention) -> bool:
    """A battle's name ("معارك تحرير الفلوجة") or part of a place ("السيطرة على أربعة أحياء")."""
    before = norm[max(0, t.start - len(t.prefix) - 10):t.start - len(t.prefix)]
    return bool(w.battle_name.search(before) or w.partial.match(norm[t.end:t.end + 40]))


def _protesters_gathering(w: FrameWords, norm: str, sm: SentenceMentions,
                          protesters: list[ActorMention]) -> TriggerMention | None:
    """A protest word of gathering or marching ("تدفقوا", "التجمع") in a sentence that names protesters, not
    after a relative pronoun ("الذين تجمعوا": who they are, not what they did): the first such word, or None.
    Chanting and banners alone ("ردد المتظاهرون هتافات") tell what the protesters of a reported protest did."""
    if not protesters:
        return None
    spans = [(a.start, a.end) for a in protesters]
    for t in sm.triggers:
        if any(k.kind == "protest" and k.weight >= _ACTING_MIN for k in t.kinds) and \
                not any(a < t.end and t.start < b for a, b in spans) and "strike_air" not in t.kind_names and \
                w.protest_gather.match(norm, t.start) and not w.relative.search(norm[max(0, t.start - 24):t.start]) \
                and any(_same_clause(norm, t, a, b) for a, b in spans):
            return t
    return None


def _crowd_chanting(w: FrameWords, norm: str, sm: SentenceMentions) -> TriggerMention | None:
    """"تجمع العشرات أمام المقر مرددين هتافات": people gathering and chanting in one sentence hold a protest
    though no word for protesters names them; the gathering word (not after a relative pronoun), or None."""
    gather = chant = None
    for t in sm.triggers:
        if not any(k.kind == "protest" and k.weight >= _ACTING_MIN for k in t.kinds) or "strike_air" in t.kind_names:
            continue
        if gather is None and w.protest_gather.match(norm, t.start) and \
                not w.relative.search(norm[max(0, t.start - 24):t.start]):
            gather = t
        elif chant is None and w.protest_chant.match(norm, t.start):
            chant = t
    return gather if gather is not None and chant is not None else None


def _aim_or_cause(w: FrameWords, norm: str, sm: SentenceMentions, t: TriggerMention) -> bool:
    """A takeover word that is only an aim ("للسيطرة على", "محاولة استعادة") or a cause ("على خلفية سيطرة")."""
    return _modality(w, norm, sm, t) == "planned" or \
        w.cause_mark.search(norm, max(sm.sentence.start, t.start - len(t.prefix) - 30), t.start - len(t.prefix)) is not None


def _same_clause(norm: str, t: TriggerMention, start: int, end: int) -> bool:
    """The span close to the trigger (within `_CLAUSE_REACH` characters) with no comma or stop between: the
    gathering is the protesters' own ("حيث تجمعت الشرطة" after a comma is someone else's)."""
    gap = norm[end:t.start] if end <= t.start else norm[t.end:start]
    return len(gap) <= _CLAUSE_REACH and not _CLAUSE_BREAK.search(gap)


def _has_verb(sm: SentenceMentions, kinds: set[str]) -> bool:
    return any(k.kind in kinds and k.pos == "verb" for t in sm.triggers for k in t.kinds)


def _is_associate(w: FrameWords, norm: str, a: ActorMention) -> bool:
    """An actor introduced as a backer ("بدعم من", "بتغطية من", a word away: "وبإسناد من أبناء العشائر"); a bare
    "و" joins equals, not backers."""
    m = w.assoc_mark.search(_before(norm, a.start, 16))
    if m is not None and not m.group(0).strip().startswith("و"):
        return True
    return w.backer_mark.search(_before(norm, a.start, 36)) is not None  # "بدعم جوي من التحالف"


def _affirmed_cue(w: FrameWords, norm: str, sm: SentenceMentions, cue: str) -> bool:
    """A cue not negated just before it ("دون ان تتدخل لتفريق")."""
    return any(not w.negated.search(norm[max(0, c.start - 25):c.start]) for c in sm.cues_of(cue))


def _modality(w: FrameWords, norm: str, sm: SentenceMentions, t: TriggerMention) -> str:
    s = sm.sentence
    window_start = max(s.start, t.start - 80)
    for c in sm.cues:
        if c.cue == "deny" and window_start <= c.start < t.start + 40 and not new_clause_after(norm, c, t):
            return "denied"
    if t.prefix.endswith(_FUTURE_PREFIX) or w.future_word.search(norm[max(s.start, t.start - 6):t.start]):
        return "planned"
    if "verb" not in {k.pos for k in t.kinds} and w.future_after.match(norm, t.end, s.end):
        return "planned"  # "أن انفجارا سيقع في السوق"
    if any(c.cue == "plan" and window_start <= c.start < t.start + 20 and not _speakers_word(norm, sm, c, t)
           and not _others_aim(sm, c, t)
           and not ("verb" in {k.pos for k in t.kinds} and _clause_between(norm, c, t)) for c in sm.cues):
        return "planned"
    if any(c.cue == "attempt" and 0 <= t.start - len(t.prefix) - c.end <= 16
           and w.plot.search(norm[c.end:t.start]) for c in sm.cues):
        return "planned"  # "محاولة شن هجوم", "المحاولات الفاشلة لتفجير": a plot; "محاولة اغتيال" is an attack
    if "territory" in t.kind_names and t.prefix.endswith(("ل", "لل")) and not t.prefix.endswith("ال"):
        return "planned"  # purpose: "عملية لاستعادة", "للسيطرة على"
    if "abduction" in t.kind_names and w.relative_past.search(norm, max(s.start, t.start - len(t.prefix) - 24),
                                                              t.start - len(t.prefix)) \
            and w.released.search(norm, s.start, t.start - len(t.prefix)):
        return "background"  # "الإفراج عن الممرضة التي تم اختطافها": a release is told, the abduction is older
    if _SINCE.search(norm[max(s.start, t.start - len(t.prefix) - 6):t.start - len(t.prefix)]):
        return "background"  # "منذ سيطرة النظام على درعا": the state since an old event
    if any(c.cue == "claim" and _attributes(c, t) and not w.negated.search(norm[max(s.start, c.start - 25):c.start])
           for c in sm.cues):
        return "claimed"  # not "ولم تعلن أي جهة مسؤوليتها عن التفجير": a verb of saying negated attributes nothing
    return "asserted"


def new_clause_after(norm: str, c: CueMention, t: TriggerMention) -> bool:
    """A cue after the trigger that opens a clause of its own (after a comma, or with و/ف): "وقع انفجار في
    المنطقة، لكنه نفى أنه نجم عن صواريخ" denies the cause, not the blast."""
    return c.start > t.end and (c.prefix.startswith(("و", "ف")) or any(ch in norm[t.end:c.start] for ch in "،,؛;"))


def _clause_between(norm: str, c: CueMention, t: TriggerMention) -> bool:
    """A comma between a plan word and the trigger: the plan is another clause's ("خسرت القوات مدينة الفلوجة،
    التي ... بهدف ...": the city was lost; the aim belongs to the relative clause)."""
    lo, hi = (c.end, t.start) if c.end <= t.start else (t.end, c.start)
    return any(ch in norm[lo:hi] for ch in "،,؛;")


def _others_aim(sm: SentenceMentions, c: CueMention, t: TriggerMention) -> bool:
    """"اشتباكات مع مسلحين يحاولون التقدم": a plan word after the trigger and an actor is that actor's aim, not
    the trigger's (the fighting happened)."""
    return c.start > t.end and any(t.end <= a.start and a.end <= c.start for a in sm.actors)


def _speakers_word(norm: str, sm: SentenceMentions, c: CueMention, t: TriggerMention) -> bool:
    """"قال المتحدث باسم خطة فرض القانون إن شخصين قتلا": a cue between a verb of saying and the "إن" that opens
    what was said names the speaker, not the event."""
    return c.start < t.start and any(k.cue == "claim" and k.end <= c.start for k in sm.cues) \
        and _SAID_THAT.search(norm[c.end:t.start]) is not None


def _attributes(c: CueMention, t: TriggerMention) -> bool:
    """A source cue attributes the trigger's account when it comes first ("قالت مصادر إن ...") or follows
    it in the same clause ("... بحسب المرصد"); one that opens a new clause after it ("... ، وأكدت مصادر أن
    التنظيم أسر ...") attributes only what it introduces."""
    return c.start < t.start or not c.prefix.startswith(("و", "ف"))

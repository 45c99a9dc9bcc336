"""Events of one document: frames placed, dated, counted, merged (ACLED: one event per place, day, pair).

Frames become events once each has a place (one per place of a coordinated list), a date and a
fatality count; frames that restate or elaborate an earlier event of the same document merge into it.
Rules and their reasons: docs/extraction.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rasid import ontology as o
from rasid.extract.claims import PEOPLE_UNITS, claim_text
from rasid.extract.doc import Doc
from rasid.extract.fatalities import compile_fatality_words, period_toll, sentence_deaths
from rasid.extract.frames import Frame, compile_frame_words, is_headline, new_clause_after, territory_subtype
from rasid.extract.gated import Gated
from rasid.extract.mentions import ActorMention, SentenceMentions, TriggerMention
from rasid.extract.notes import write_notes
from rasid.geo.admin import COUNTRIES, ISO2_BY_NAME, haversine_km
from rasid.geo.gazetteer import Gazetteer
from rasid.geo.geoparser import PlaceMention
from rasid.lexicon.loader import PLACEHOLDERS, Actor, Lexicon
from rasid.models import REPORTABLE, Event, Evidence, trusted
from rasid.ontology import SubEventType as S
from rasid.text.dates import DateMention
from rasid.text.numbers import NumberMention

if TYPE_CHECKING:
    from rasid.resources import Resources

COUNTRY_NAMES = {c.iso2: c.name for c in COUNTRIES.values()}
_WEAK_SUBTYPES = frozenset({S.ATTACK, S.ABDUCTION, S.SEXUAL_VIOLENCE, S.ARMED_CLASH, S.PEACEFUL_PROTEST,
                            S.VIOLENT_DEMONSTRATION})
_TERRITORY = frozenset({S.GOVERNMENT_REGAINS_TERRITORY, S.NON_STATE_OVERTAKES_TERRITORY})
_BATTLE_KINDS = frozenset({"clash", "territory"})
#: Explosions nobody claims: the unidentified actor placed the device.
_UNCLAIMED_EXPLOSIONS = frozenset({S.REMOTE_EXPLOSIVE, S.SUICIDE_BOMB, S.GRENADE})
_PLUPERFECT = re.compile(r"(?:^|\s)[وف]?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,5}قد\s")
#: Only و-words between two places: villages the gazetteer does not know, in the same list.
_UNKNOWN_LIST_GLUE = re.compile(r"^(?:[\s\"'()«»،,]*و\w+){1,4}[\s\"'()«»،,]*و$")
_FOCUS_COUNTRIES = frozenset({"Syria", "Iraq"})
#: Trigger kinds whose past-tense verb reports that violence or a demonstration took place.
_HAPPENING_KINDS = frozenset({"ied", "suicide", "strike_air", "shelling", "clash", "attack", "shoot", "kill",
                              "assassination", "execution", "abduction", "territory", "protest", "riot", "mob",
                              "chemical", "grenade"})
#: Kinds of a crowd's acts: a second act of the crowd says a protest or riot took place.
_CROWD_KINDS = frozenset({"protest", "riot", "mob"})
#: Counted units that say nothing about violence having happened ("53 سنة", "1.3 مليار دولار").
_NON_EVENT_UNITS = frozenset({"duration", "km", "km2", "m", "ton", "hectare", "area", "usd"})
#: Lowers a frame whose sentence names no place of its own (it inherits the article's focus place).
_NO_OWN_PLACE = 0.3
#: Lowers a frame placed only in a governorate or region, and more one placed in a whole country.
_BROAD_PLACE = 0.15
_COUNTRY_PLACE = 0.4
#: A sentence that names no place takes the place of the event just reported (of its type) up to this many
#: sentences after it.
_PLACE_CARRIED = 4
#: A village named in one of this many sentences after an event placed at a town or area within this many km
#: of it, in sentences that report no event of their own, is where the event happened.
_REFINE_REACH = 1
_REFINE_KM = 40.0
_MIN_CONFIDENCE = 0.6  # below this a frame is talk about violence, not a reported event (tuned on GSR dev)
#: Denied and planned events need less support to be shown (flagged, they never become ACLED rows).
_MIN_CONFIDENCE_FLAGGED = 0.4


class EventWords(NamedTuple):
    """The patterns the event builder reads, made from event_words.tsv (once per `Resources`)."""

    list_glue: re.Pattern[str]  # between places of one list ("سرمدا وقورقانيا وقرية باسقبا")
    coordinated: re.Pattern[str]  # between two place groups that are places of the same event
    nesting_glue: re.Pattern[str]  # between two places: the second only says where the first is
    compass_led: re.Pattern[str]  # a place mention that opens with a direction ("شمال بغداد", "جنوبي الموصل")
    list_intro: re.Pattern[str]  # a sentence that lists the places of the event just reported
    held: Gated  # before a weapon word: carried, found or seized, not used
    years_since: re.Pattern[str]  # "منذ نحو ثلاثة أعوام": history told as context
    origin: Gated  # before a place the attack came from ("قذائف مصدرها X", "قادمة من X")
    listed_places: re.Pattern[str]  # a plural cue opening a list of places ("قرى X وY"; place_words.tsv list_cue)
    other_clause: re.Pattern[str]  # between a trigger and a place: the place is another clause's ("بينما")
    again_clause: re.Pattern[str]  # just before a second trigger of one kind: another event ("، كما نفذت")
    context_clause: re.Pattern[str]  # between a trigger and a year: the year is a side clause's ("، حيث")
    another: re.Pattern[str]  # .match right after a trigger word: another event of its kind ("هجوم مماثل")
    ground_fire: re.Pattern[str]  # in a bombardment word: artillery, mortars or rockets ("قصف مدفعي")
    opinion: re.Pattern[str]  # .fullmatch a generic cue: a word of judging ("اعتبر", "ندد"), not of talk


def compile_event_words(resources: Resources) -> EventWords:
    """`EventWords` of the resources' event_words.tsv (use `resources.derived(compile_event_words)`)."""
    lists = resources.words("event_words.tsv")
    alt = lists.alt
    q = "[\\s\\\"'()«»]*"  # quotes, brackets and spaces
    return EventWords(
        list_glue=re.compile(rf"^{q}(?:(?:،|,|و|او|ثم){q})+(?:(?:{alt('list_noun')})\s*)?$"),
        coordinated=re.compile(
            rf"^[\s\"'()«»،,]*و(?:\s*(?:{alt('coordinated_area')})?\s*(?:{alt('coordinated_noun')})?\s*)?$"),
        nesting_glue=re.compile(
            rf"^[\s\"'()«»،,]*(?:{alt('nesting_glue')}|(?:[فو]?(?:ب|الي|في)?(?:ال)?(?:{alt('compass')})ي?\s*)+)?"
            rf"{q}(?:ال)?(?:{alt('container_noun')})?\s*$"),
        compass_led=re.compile(rf"(?:ب|الي|في)?(?:ال)?(?:{alt('compass')})ي?\s"),
        list_intro=re.compile(rf"(?:{alt('list_intro_noun')})\s+(?:هي|التي)|{alt('list_intro_verb')}|وهي\s"),
        held=Gated(r"(?:^|\s)(?:[وف]?", lists["weapon_held"], r")(?:\s+\S+){0,3}\s*\S{0,3}$", 2),
        years_since=re.compile(rf"منذ\s+(?:{alt('about')})?\s*\S*\s*(?:{alt('years')})"),
        origin=Gated(r"(?:^|\s)[وف]?", lists["origin"], rf"(?:\s+(?:في|من))?{q}(?:\S+\s+)?{q}$", 2),
        listed_places=re.compile(rf"[وفب]?(?:{resources.words('place_words.tsv').alt('list_cue')})\s"),
        other_clause=re.compile(rf"(?:^|\s)[وف]?(?:{alt('other_clause')})(?:\s|$)"),
        again_clause=re.compile(rf"(?:^|[\s،,])[وف]?(?:{alt('again_clause')})\s+(?:\S+\s+){{0,5}}$"),
        context_clause=re.compile(rf"[،,]\s*[وف]?(?:{alt('context_clause')})\s"),
        another=re.compile(rf"\S{{0,3}}\s+(?:{alt('another')})(?=[\s،,.]|$)"),
        ground_fire=re.compile(rf"(?:{alt('ground_fire')})"),
        opinion=re.compile(rf"\S{{0,3}}(?:{alt('opinion')})\S{{0,3}}"),
    )


@dataclass(slots=True)
class Draft:
    """An event being built: a frame with its place, date and fatalities."""

    frame: Frame
    place: PlaceMention | None
    date: dt.date | None
    precision: int | None
    date_span: tuple[int, int] | None
    fatalities: int
    fatality_span: tuple[int, int] | None
    place_inherited: bool = False
    evidence: list[tuple[int, int]] = field(default_factory=list)  # normalised spans
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc1: list[Actor] = field(default_factory=list)
    assoc2: list[Actor] = field(default_factory=list)
    victim_guessed: bool = False  # actor2 is the civilians filler of an arrest or attack that names no victim



#: A verb of saying this close to a sentence's start opens it ("وقال مصدر", "وبحسب المرصد").
_OPENING = 8


class EventBuilder:
    """Turns a document's frames into events: `EventBuilder(doc).run()` places, dates, counts and merges
    them (drafts), `to_event` writes the records."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.nt = doc.text
        self.lexicon: Lexicon = doc.resources.lexicon
        self.gazetteer = doc.resources.gazetteer
        self.units = doc.resources.units
        self.claim_text = claim_text(doc)  # shared with the claims component (casualty figures)
        self.w = doc.resources.derived(compile_event_words)
        self.fw = doc.resources.derived(compile_fatality_words)
        self._drafts: list[Draft] = []  # the drafts of `run` so far (an unnamed strike takes the last named author)
        self.mentions = mentions = doc.mentions
        self.frames = doc.frames
        self.places = [p for p in doc.places if p.role == "mention"]
        self.stray = _strays(self.places)
        self.places_in: list[list[PlaceMention]] = [[] for _ in mentions]  # by sentence index
        starts = [sm.sentence.start for sm in mentions]
        for p in self.places:
            i = bisect_right(starts, p.start) - 1
            if i >= 0 and p.end <= mentions[i].sentence.end:
                self.places_in[i].append(p)
        self.dates: list[DateMention] = doc.dates
        starts = [d.start for d in self.dates]
        self._date_starts = starts if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None
        self._dates_of: dict[tuple[int, int], list[DateMention]] = {}
        self._focus_of: dict[int, PlaceMention | None] = {}
        self.numbers: list[NumberMention] = doc.numbers
        self.count_starts = sorted(n.start for n in self.numbers if n.kind == "count" and self._eventful_count(n))
        self.published = doc.published
        self.country = doc.country
        #: the '@police' placeholder: what the generic state forces of a protest or riot stand for
        self._police = next((a for a in self.lexicon.actors.values() if a.canonical == "@police"), None)
        self.ref_year = self._reference_year()
        self.story_date = self._story_date()

    def _eventful_count(self, n: NumberMention) -> bool:
        """A count of people, weapons or places ("عشرة أشخاص", "ثلاث غارات"), not of years, money or tons."""
        if n.num_end < n.end:
            return True  # the counted noun is inside the mention: a dual ("قتيلين")
        following = self.nt.norm[n.end:n.end + 30].split(maxsplit=1)
        entry = self.units.of(following[0]) if following else None
        return entry is None or entry.unit not in _NON_EVENT_UNITS

    # --- document context
    def _reference_year(self) -> int | None:
        if self.published:
            return self.published.year
        years = [d.date.year for d in self.dates if d.date] + [d.year_only for d in self.dates if d.year_only]
        return max(years) if years else None

    def _story_date(self) -> tuple[dt.date, int, tuple[int, int]] | None:
        lead_end = self.mentions[min(3, len(self.mentions) - 1)].sentence.end if self.mentions else 0
        for d in self.dates:
            if d.date and d.start <= lead_end and d.precision == 1:
                return d.date, d.precision, (d.start, d.end)
        return None

    def _dates_in(self, start: int, end: int) -> list[DateMention]:
        """The dates that lie in [start, end), in document order (found by bisection, once per sentence)."""
        found = self._dates_of.get((start, end))
        if found is None:
            starts = self._date_starts
            candidates = self.dates if starts is None else \
                self.dates[bisect_left(starts, start):bisect_right(starts, end)]
            found = self._dates_of[(start, end)] = [d for d in candidates if start <= d.start and d.end <= end]
        return found

    def _focus_place(self, before: int) -> PlaceMention | None:
        """The place the story is about, for sentences that name none (once per sentence start)."""
        if before not in self._focus_of:
            self._focus_of[before] = self._find_focus_place(before)
        return self._focus_of[before]

    def _find_focus_place(self, before: int) -> PlaceMention | None:
        """Most named precise place so far."""
        seen = [p for p in self.places if p.start < before and p.latitude is not None]
        if not seen:
            seen = [p for p in self.places if p.latitude is not None][:1]
        if not seen:
            return None
        counts = Counter(p.name for p in seen)
        best = min(seen, key=lambda p: (p.geo_precision, -counts[p.name], -p.start))
        return best

    # --- main loop
    def run(self) -> list[Draft]:
        drafts: list[Draft] = []
        self._drafts = drafts
        previous: Draft | None = None
        # each sentence is attributed by its own words (a source's next sentence says "وأضاف"); a sentence
        # after an attributed one is often the outlet's own account again (attribution running on within a
        # paragraph lowered modality accuracy on the gold's train and validation parts alike)
        for i, sm in enumerate(self.mentions):
            frames = self.frames[i] if i < len(self.frames) else []
            if previous is not None and sm.index - previous.frame.sentence.index <= 2 \
                    and all(f.event_type == previous.frame.event_type and self._definite_noun(f) for f in frames) \
                    and self.w.list_intro.search(self.nt.norm[sm.sentence.start:sm.sentence.end]):
                for draft in self._expand(previous, sm):
                    if self._merge_into(drafts, draft) is None:
                        drafts.append(draft)
                continue
            fatality = self._fatalities(sm) if frames else None
            used_fatality = False
            # the deaths go to the violent frame whose trigger stands nearest their figure ("سيطرت على X، فيما
            # قتل 125 مدنيا بغارات ..." are the strike's)
            counted = [f for f in frames if f.event_type in o.VIOLENT | {o.PROTESTS, o.RIOTS}]
            dying = min(counted, key=lambda f: abs(f.trigger.start - fatality[1][0])) if fatality and counted else None
            for frame in frames:
                self._resolve_actors(frame, previous)
                if frame.elaboration and previous is not None and sm.index - previous.frame.sentence.index <= 2:
                    if fatality and not used_fatality and previous.frame.event_type in o.VIOLENT | {o.PROTESTS, o.RIOTS}:
                        # deaths are a violent event's (or a protest's): an arrest or a siege just told kills no one
                        previous.fatalities = max(previous.fatalities, fatality[0])
                        previous.fatality_span = previous.fatality_span or fatality[1]
                        used_fatality = True
                    previous.evidence.append((sm.sentence.start, sm.sentence.end))
                    if frame.modality == "claimed" and previous.frame.modality == "asserted":
                        previous.frame.modality = "claimed"  # "وأكد مصدر أن الضحايا ...": its account is attributed
                    continue
                split = self._means_split(frame)
                again = self._again(frame) if split is None else None
                places = self._places_for(frame, hi=again[0] if again else split[0] if split else None)
                if places[0][1] and previous is not None and previous.place is not None \
                        and previous.frame.event_type == frame.event_type \
                        and sm.index - previous.frame.sentence.index <= _PLACE_CARRIED:
                    # "... . وأشارت إلى أن الاشتباكات أسفرت عن ...": a sentence without a place of its own goes on
                    # about the event just reported (when it is of its type), not about the article's most named place
                    places = [(previous.place, True)]
                shares: list[int] = []
                if fatality and not used_fatality and frame is dying:
                    # one figure for the events of several places is split evenly, the first taking the rest
                    # ("قتل 11 في اشتباكات في X وY": 6 + 5)
                    n = len(places)
                    shares = [fatality[0] // n + (1 if k < fatality[0] % n else 0) for k in range(n)]
                    used_fatality = True
                jobs = [(frame, place, inherited) for place, inherited in places]
                if again is not None:
                    # "اعتقلت القوات شابا من مخيم جنين، كما نفذت اعتقالات في قرية عانين": the second clause's
                    # place is another event of the same kind (ACLED: one event per place)
                    second = dataclasses.replace(frame, trigger=again[1])
                    if frame.event_type == o.BATTLES and not again[1].kind_names & frame.trigger.kind_names:
                        second.sub_event_type = S.ARMED_CLASH if "clash" in again[1].kind_names else \
                            territory_subtype(bool(frame.actor1 and frame.actor1.actor.government_side))
                    # a village the gazetteer lacks, coded at the first clause's place, would be that place again
                    named = {k for p, _ in places if p is not None for k in (p.name, (p.latitude, p.longitude))}
                    jobs += [(second, p, False) for p, inh in self._places_for(second, lo=again[0])
                             if p is not None and not inh and p.name not in named
                             and (p.latitude, p.longitude) not in named]
                if split is not None:
                    # "قصف الطيران المروحي مدينة داريا ...، كما تعرضت المدينة إلى القصف بالمدفعية": the other means
                    # is another strike, at its clause's place or, naming none, at the first clause's
                    other = dataclasses.replace(frame, trigger=split[1], sub_event_type=split[2])
                    own = [(p, False) for p, inh in self._places_for(other, lo=split[0]) if p is not None and not inh]
                    jobs += [(other, p, inh) for p, inh in (own or places)]
                for k, (job, place, inherited) in enumerate(jobs):
                    date, precision, span = self._date_for(job)
                    draft = Draft(job, place, date, precision, span, 0, None, inherited)
                    if shares and fatality and k < len(shares):
                        draft.fatalities, draft.fatality_span = shares[k], fatality[1]
                    draft.evidence.append((job.trigger.start, job.trigger.end))
                    self._fill_actors(draft)
                    if self._background(job, date, span):
                        job.modality = "background"
                        if span is None or not (sm.sentence.start <= span[0] < sm.sentence.end):
                            draft.date, draft.precision, draft.date_span = None, None, None  # history's own
                    floor = _MIN_CONFIDENCE if job.modality in REPORTABLE else _MIN_CONFIDENCE_FLAGGED
                    if self._confidence(draft) < floor:
                        continue
                    merged = self._merge_into(drafts, draft)
                    if merged is None:
                        drafts.append(draft)
                        previous = draft
                    else:
                        previous = merged
        self._refine_places(drafts)
        self._sourced_next(drafts)
        return drafts

    def _refine_places(self, drafts: list[Draft]) -> None:
        """A lead that places an event at a town or an area ("انفجرت عبوة قرب مدينة إدلب") and a next sentence
        without an event of its own that names one village in or near it ("في قرية X بريف إدلب"): the
        village is where it happened (ACLED codes the most precise place the article gives)."""
        # background told beside a report ("... عمل في الفصائل قبل اتفاقية التسوية عام 2018") is no event of the
        # sentence's own: the sentence still says where the event just reported happened
        own = {d.frame.sentence.index for d in drafts if d.frame.modality in REPORTABLE}
        taken = {d.place.name for d in drafts if d.place is not None and d.frame.modality in REPORTABLE}
        for d in drafts:
            a = d.place
            if a is None or d.place_inherited or a.latitude is None or a.longitude is None \
                    or d.frame.modality not in REPORTABLE or a.unresolved \
                    or not (_broad(a) or a.qualifier or self._bare_capital(a)):
                continue
            # the sentence after the event's last report ("الحشد يعلن صد هجوم جنوب الموصل. أعلن الحشد عن صد
            # قواته لهجوم ... جنوب الموصل. وقال الحشد: ... في قضاء الحضر"): the reports merged into it say no more
            i = max([d.frame.sentence.index] + [k for k in range(d.frame.sentence.index + 1, len(self.mentions))
                                                 if any(self.mentions[k].sentence.start <= a0 < self.mentions[k].sentence.end
                                                        for a0, _ in d.evidence)])
            for j in range(i + 1, min(i + 1 + _REFINE_REACH, len(self.mentions))):
                if j in own:
                    break
                near = [q for q in self.places_in[j] if q.name != a.name and q.name not in taken
                        and q.latitude is not None and q.longitude is not None and not _broad(q)
                        and q.geo_precision <= a.geo_precision and id(q) not in self.stray
                        and haversine_km(a.latitude, a.longitude, q.latitude, q.longitude) <= _REFINE_KM]
                if not near:
                    continue
                if len({q.name for q in near}) == 1:
                    d.place = near[0]
                    d.evidence.append((self.mentions[j].sentence.start, self.mentions[j].sentence.end))
                    taken.add(near[0].name)
                break

    def _bare_capital(self, p: PlaceMention) -> bool:
        """"بدرعا", "في إدلب": a governorate's capital named without "مدينة" may mean the governorate."""
        return p.admin1 is not None and p.name == p.admin1 and "مدين" not in self.nt.norm[p.start:p.end]

    def _sourced_next(self, drafts: list[Draft]) -> None:
        """An event told in the outlet's own voice is `claimed` when the next sentence opens with a verb of
        saying and tells the same event again, an event of its type or its casualties ("قتل 6 مدنيين في قصف
        على تعز. وأفادت مصادر محلية أن القصف ..."): the sentence before summarises the source's account
        (docs/annotation.md: claimed when the event's account, anywhere in the article, carries a source).
        The other way round, a sentence after an attributed one, stays the outlet's (see `run`)."""
        negated = self.doc.resources.derived(compile_frame_words).negated
        mentions, frames, norm = self.mentions, self.frames, self.nt.norm
        for d in drafts:
            if d.frame.modality != "asserted":
                continue
            i = d.frame.sentence.index
            if i + 1 >= len(mentions):
                continue
            nxt = mentions[i + 1]
            s0 = nxt.sentence.start
            if not any(c.cue == "claim" and c.start - s0 <= _OPENING and not negated.search(norm[s0:c.start])
                       for c in nxt.cues):
                continue  # "ولم تعلن أي جهة مسؤوليتها" tells no one's account
            same = any(f.event_type == d.frame.event_type for f in (frames[i + 1] if i + 1 < len(frames) else []))
            if same or self._fatalities(nxt) is not None:
                d.frame.modality = "claimed"

    def _definite_noun(self, frame: Frame) -> bool:
        """"القصف", "الاشتباكات": a definite masdar points back to the event just reported."""
        t = frame.trigger
        definite = "ال" in t.prefix or self.nt.norm.startswith("ال", t.start)
        return definite and all(k.pos != "verb" for k in t.kinds)

    def _expand(self, previous: Draft, sm: SentenceMentions) -> list[Draft]:
        """"فإن القرى هي X وY وZ": the places listed after an event are more events of the same kind."""
        s = sm.sentence
        anchor = TriggerMention(s.start, s.start, previous.frame.trigger.kinds, "", "")
        frame = dataclasses.replace(previous.frame, sentence=sm, trigger=anchor)
        out = []
        for place, inherited in self._places_for(frame):
            if inherited or place is None:
                continue
            draft = dataclasses.replace(previous, frame=frame, place=place, place_inherited=False, fatalities=0,
                                        fatality_span=None, evidence=[(place.start, place.end)])
            out.append(draft)
        return out

    def _fatalities(self, sm: SentenceMentions) -> tuple[int, tuple[int, int]] | None:
        s = sm.sentence
        end = s.end
        if sm.has_cue("aggregate"):
            # "ارتفع عدد القتلى إلى 240": a running toll, not this event's deaths; the figure before it is
            # ("قتل 19 شخصا ...، ليرتفع عدد قتلى اليوم إلى 50")
            end = min(c.start for c in sm.cues if c.cue == "aggregate")
            if end - s.start < 10:
                return None
        if period_toll(self.claim_text, self.fw, (s.start, s.end)):
            return None  # "قتل 100 في ثلاثة أيام", "منذ السابع من أكتوبر": a total over days, not one event's
        found = self._killed(s.start, end)
        if found is None:
            found = self._executed(sm)
        return found

    def _executed(self, sm: SentenceMentions) -> tuple[int, tuple[int, int]] | None:
        """An execution or beheading kills its victims: "أعدم التنظيم خمسة مدنيين" is 5 deaths."""
        for t in sm.triggers:
            if "execution" in t.kind_names and {k.pos for k in t.kinds} & {"verb", "noun"}:
                i = bisect_left(self.count_starts, t.end)
                if i < len(self.count_starts) and self.count_starts[i] - t.end <= 70 and self.count_starts[i] < sm.sentence.end:
                    n = next(n for n in self.numbers if n.start == self.count_starts[i] and n.kind == "count")
                    if n.value >= 1 and not n.vague:
                        return int(n.value), (t.start, n.end)
                # "أعدم التنظيم العنصرين ذبحا": the two named before, a dual with the article
                hi = min(t.end + 70, sm.sentence.end)
                for w in re.finditer(r"\S+", self.nt.norm[t.end:hi]):
                    word = w.group()
                    entry = self.units.of(word) if word.startswith(("ال", "وال")) else None
                    if entry is not None and entry.number == "dual" and entry.unit in PEOPLE_UNITS:
                        return 2, (t.start, t.end + w.end())
        return None

    def _killed(self, start: int, end: int) -> tuple[int, tuple[int, int]] | None:
        return sentence_deaths(self.claim_text, self.fw, (start, end))

    def _resolve_actors(self, frame: Frame, previous: Draft | None) -> None:
        sm = frame.sentence
        if sm.has_cue("both_sides") and previous is not None and previous.frame.event_type == frame.event_type:
            if frame.actor1 is None:
                frame.actor1 = previous.frame.actor1
                frame.actor2 = previous.frame.actor2

    def _again(self, frame: Frame) -> tuple[int, TriggerMention] | None:
        """A later trigger of the frame's kind that opens a clause of its own ("، كما نفذت اعتقالات في ..."):
        where that clause starts, and the trigger."""
        t = frame.trigger
        # a battle goes on as fighting or as a takeover ("استعادت السيطرة على X، في حين لا تزال الاشتباكات
        # مستمرة في Y"): either kind of the other clause is another battle
        kinds = t.kind_names | _BATTLE_KINDS if frame.event_type == o.BATTLES and t.kind_names & _BATTLE_KINDS \
            else t.kind_names
        for t2 in frame.sentence.triggers:
            if t2.start <= t.end or not t2.kind_names & kinds:
                continue
            m = self.w.again_clause.search(self.nt.norm, t.end, t2.start - len(t2.prefix))
            if m is not None:
                return m.start(), t2
        return None

    def _places_for(self, frame: Frame, lo: int = 0, hi: int | None = None) -> list[tuple[PlaceMention | None, bool]]:
        s = frame.sentence.sentence
        inside = self.places_in[frame.sentence.index]
        if lo or hi is not None:
            bounded = [p for p in inside if lo <= p.start and (hi is None or p.start < hi)]
            if lo and not bounded:
                return []
            inside = bounded or inside
        if any(p.feature != "country" for p in inside):
            inside = [p for p in inside if p.feature != "country"]
        if any(p.country in _FOCUS_COUNTRIES for p in inside):
            inside = [p for p in inside if p.country in _FOCUS_COUNTRIES or p.country is None]  # "من اسطنبول"
        focus = self._focus_place(s.start) if not inside or all(p.feature == "country" for p in inside) else None
        if focus is not None or not inside:
            return [(focus, True)]  # "شمالي العراق" in a headline: the article's place says more
        groups: list[list[PlaceMention]] = []
        joined: list[bool] = []  # the group is coordinated with the one before ("قرب عامودا، ومحيط قرى ...")
        last_end = 0  # end of the last mention read, a skipped container included
        for p in inside:
            glue = self.nt.norm[last_end:p.start] if groups else ""
            if self.nt.norm.startswith("و", p.start) and not self.nt.norm.startswith(("وادي", "واد "), p.start):
                glue += "و"  # the conjunction is a clitic inside the place mention ("والشعفة")
            last_end = p.end
            if groups and "و" not in glue and self.w.compass_led.match(self.nt.norm, p.start) \
                    and self.w.list_glue.match(glue):
                continue  # "شمال قضاء سامراء، شمال بغداد": after a comma, a direction from a place says where
            if groups and (self.w.list_glue.match(glue) or _UNKNOWN_LIST_GLUE.match(glue)):
                groups[-1].append(p)  # "سرمدا وقورقانيا وباسقبا وجسر الشغور": unknown villages keep the list
            elif groups and self.w.nesting_glue.match(glue):
                continue  # "X في ريف Y", "X بدير الزور": Y only says where X is
            else:
                groups.append([p])
                joined.append(bool(self.w.coordinated.match(glue)))
        t = frame.trigger
        # "قذائف مصدرها X على Y", "هجوم قادم من X": X is where the attack came from, not where it happened
        origin = [bool(self.w.origin.search(self.nt.norm[max(s.start, g[0].start - 60):g[0].start])) for g in groups]
        # "الرحيبة وجيرود والناصرية", "شهدت شهبا وقفة ... لمقتل محمود الكفري": a place far from every other of the
        # article is a namesake the gazetteer lacks, or a surname, not where this event happened
        if all(origin):
            return [(self._focus_place(s.start), True)]  # "عدوانا جويا من اتجاه الجولان": it says only whence
        stray = [all(id(p) in self.stray for p in g) for g in groups]
        skip = [o or st for o, st in zip(origin, stray, strict=True)]
        # "هاجم مقاتلون نقاط قسد في قرية X، بينما سحبت قسد عناصرها من قرية Y": Y is the other clause's place
        clause = [i for i in range(len(groups)) if self._in_clause(t, groups[i][0].start)]
        if clause and len(clause) < len(groups):
            skip = [sk or i not in clause for i, sk in enumerate(skip)]
        first_after = next((i for i, g in enumerate(groups) if g[0].start >= t.start and not skip[i]), None)
        candidates = [i for i in (range(first_after, len(groups)) if first_after is not None else range(len(groups)))
                      if not skip[i]] or [i for i in range(len(groups)) if not origin[i]] or list(range(len(groups)))
        i = min(candidates, key=lambda i: (min(p.geo_precision for p in groups[i]), i))
        best = list(groups[i])
        while i + 1 < len(groups) and joined[i + 1]:
            i += 1
            best.extend(groups[i])  # the same strike on the places joined to it
        # a village the gazetteer lacks, listed beside known ones ("قرى X وY وZ بريف W"), is a place of its own,
        # coded at its anchor (precision 2), not a vaguer mention of the same place
        listed = len(best) > 1 and self.w.listed_places.match(self.nt.norm, best[0].start) is not None
        # "... على قريتي X وY، مشيرة إلى أن القصف امتد ليشمل قرى Z وW": the places the event went on to cover
        named_end = best[-1].end
        for j in range(i + 1, len(groups)):
            if not skip[j] and self.w.list_intro.search(self.nt.norm, named_end, groups[j][0].start):
                listed = listed or len(groups[j]) > 1 and self.w.listed_places.match(
                    self.nt.norm, groups[j][0].start) is not None
                best.extend(groups[j])
        best = [p for p in best if id(p) not in self.stray] or best
        top = min(p.geo_precision for p in best)
        chosen = [p for p in best if p.geo_precision == top or (listed and p.unresolved and p.latitude is not None)]
        seen: set[str] = set()
        out: list[tuple[PlaceMention | None, bool]] = []
        for p in chosen:
            if p.name not in seen:
                seen.add(p.name)
                out.append((p, False))
        return out

    def _in_clause(self, t: TriggerMention, at: int) -> bool:
        """No word that opens another clause ("بينما", "في حين", "بالتزامن") between the trigger and `at`."""
        gap = self.nt.norm[t.end:at] if at >= t.end else self.nt.norm[at:t.start]
        return not self.w.other_clause.search(gap)

    def _date_for(self, frame: Frame) -> tuple[dt.date | None, int | None, tuple[int, int] | None]:
        s = frame.sentence.sentence
        inside = [d for d in self._dates_in(s.start, s.end) if d.date is not None]
        if inside:
            # the most precise date nearest the trigger, passing over the day of a report
            # ("أفادت الخلية، اليوم، بمقتل ... ليل أمس": today is when it was said, not when it happened)
            claims = [c.start for c in frame.sentence.cues if c.cue in ("claim", "source")]
            t = frame.trigger.start
            d = min(inside, key=lambda d: (d.precision, any(0 <= d.start - c <= 60 for c in claims),
                                           abs(d.start - t)))
            return d.date, d.precision, (d.start, d.end)
        if self.story_date:
            return self.story_date
        if self.published:
            return self.published, 2, None
        return None, None, None

    def _background(self, frame: Frame, date: dt.date | None, date_span: tuple[int, int] | None = None) -> bool:
        sm = frame.sentence
        s = sm.sentence
        if sm.has_cue("earlier") or self.w.years_since.search(self.nt.norm[s.start:s.end]):
            return True  # "وقبل أسبوع ...", "منذ نحو ثلاثة أعوام": earlier news, told as context
        t = frame.trigger
        if any(0 <= t.start - len(t.prefix) - c.end <= 2 for c in sm.cues_of("earlier_of")):
            return True  # "عثر على جثته بعد أسبوعين من خطفه": the event named as the time of another is weeks older
        if date and date_span and s.start <= date_span[0] < s.end and self.published \
                and 0 <= (self.published - date).days <= 60:
            return False  # the sentence dates this event to the article's days; older years are context
        # "سيطرت على قرية X، حيث اختطف التنظيم في عام 2014 ...": a side clause after the trigger tells the
        # place's history; its year and its words of history do not make the event background
        side = self.w.context_clause.search(self.nt.norm, frame.trigger.end, s.end)
        own_end = side.start() if side else s.end
        years = [d.year_only for d in self._dates_in(s.start, own_end) if d.year_only]
        if self.ref_year and any(y < self.ref_year for y in years):
            return True
        if date and self.published and (self.published - date).days > 60:
            return True
        text = self.nt.norm[s.start:s.end]
        # the substring tests first: C scans that rule out most sentences before the regex tries every position
        if "كان" in text and "قد" in text and _PLUPERFECT.search(text) and not sm.has_cue("anchor"):
            return True  # "وكان التنظيم قد سيطر": earlier news, unless "أمس" says otherwise
        if any(c.cue == "background" and c.start < own_end for c in sm.cues) \
                and re.search(r"\b(?:19|20)\d\d\b", self.nt.norm[s.start:own_end]):
            return True
        return False

    def _actor(self, mention: ActorMention | None) -> Actor | None:
        return mention.actor if mention else None

    def _fill_actors(self, draft: Draft) -> None:
        f = draft.frame
        draft.actor1 = self._actor(f.actor1)
        draft.actor2 = self._actor(f.actor2)
        draft.assoc1 = [a.actor for a in f.assoc1]
        draft.assoc2 = [a.actor for a in f.assoc2]
        for side in (1, 2):
            actor = draft.actor1 if side == 1 else draft.actor2
            if actor and actor.parent and actor.parent in self.lexicon.actors:
                parent = self.lexicon.actors[actor.parent]
                if parent.inter == actor.inter:
                    (draft.assoc1 if side == 1 else draft.assoc2).insert(0, actor)
                    if side == 1:
                        draft.actor1 = parent
                    else:
                        draft.actor2 = parent
        if f.event_type == o.EXPLOSIONS and f.sub_event_type in _UNCLAIMED_EXPLOSIONS and draft.actor1 is not None \
                and draft.actor1.inter == 1 and not f.perpetrator_named:
            # state forces do not plant roadside bombs or blow themselves up: named beside an IED, a suicide
            # bomb or a grenade that no one is said to be behind, they are its target ("انفجار عبوة استهدف
            # دورية للشرطة"); the bomber is unidentified
            draft.actor2, draft.assoc2 = draft.actor1, draft.assoc1
            draft.actor1, draft.assoc1 = None, []
        if draft.actor1 is None and f.event_type == o.EXPLOSIONS and f.sub_event_type in _UNCLAIMED_EXPLOSIONS:
            draft.actor1 = self.lexicon.actors.get("unidentified")
        if draft.actor1 is None and (draft.actor2 is None or draft.actor2.inter == 7) and f.sub_event_type == S.SHELLING:
            # rockets or shells from no named side ("سقط صاروخ كاتيوشا على المنطقة الخضراء"): as the gold codes
            # an attack whose article names no attacker, the country's unidentified armed group
            draft.actor1 = self.lexicon.actors.get("unidentified")
        if draft.actor1 is None and f.event_type in (o.PROTESTS, o.RIOTS):
            draft.actor1 = self.lexicon.actors.get("protesters" if f.event_type == o.PROTESTS else "rioters")
        if f.event_type == o.RIOTS and draft.actor1 is not None and draft.actor1.focus == "protesters":
            # "رشق المتظاهرون المبنى بالحجارة": a crowd that turns violent is coded as rioters (ACLED inter 5),
            # whatever word the sentence calls it by
            draft.actor1 = self.lexicon.actors.get("rioters") or draft.actor1
        if draft.actor1 is None and f.event_type == o.VAC:
            draft.actor1 = self.lexicon.actors.get("unidentified")
        if draft.actor1 is None and draft.actor2 is not None and f.event_type == o.EXPLOSIONS and f.actor2_target:
            # "استهدف القصف مواقع لحزب الله", "قتل عناصر من الهيئة في انفجار": the side named is what was hit, not
            # who struck; the strike is that of the article's last strike with a named author, else unidentified
            draft.actor1 = next((d.actor1 for d in reversed(self._drafts) if d.frame.event_type == o.EXPLOSIONS
                                 and d.actor1 is not None and d.actor1 != draft.actor2 and d.actor1.focus != "unknown"
                                 and d.actor1.inter != 7), None) or self.lexicon.actors.get("unidentified")
        if draft.actor1 is None and draft.actor2 is not None and f.event_type != o.VAC \
                and f.sub_event_type != S.ARRESTS and draft.actor2.inter not in (6, 7):
            draft.actor1, draft.actor2 = draft.actor2, None
            draft.assoc1, draft.assoc2 = draft.assoc2, []
        if draft.actor1 is not None and draft.actor1.inter == 7 and f.event_type not in (o.PROTESTS, o.RIOTS):
            draft.actor1, draft.actor2 = None, draft.actor2 or draft.actor1  # civilians are victims, not agents
        if draft.actor2 is None and (f.sub_event_type == S.ARRESTS or f.event_type == o.VAC):
            draft.actor2 = self.lexicon.actors.get("civilians")
            draft.victim_guessed = True
        if draft.actor1 is None and f.sub_event_type == S.ARRESTS:
            draft.actor1 = self.lexicon.actors.get("state_generic")  # arrests are made by the authorities
        if draft.actor1 is not None and draft.actor2 is not None and draft.actor1 == draft.actor2:
            draft.actor2 = None

    def _confidence(self, d: Draft) -> float:
        """How sure we are that the sentence reports this event (not talk about violence, trials, history)."""
        f = d.frame
        sm = f.sentence
        counted = bool(d.fatalities or self._has_count(sm))
        happened = self._happened(f)
        support = sum((
            sm.has_cue("anchor"),
            sm.has_cue("occur"),
            counted,
            happened,
            bool(f.actor1 and (f.actor1.actor.inter in (1, 2, 3, 4, 8) or f.event_type in (o.PROTESTS, o.RIOTS))),
            bool(d.place and not d.place_inherited and d.place.feature != "country"),
        ))
        score = f.weight + 0.1 * support + (0.05 if f.actor2 else 0.0)
        score -= 0.35 if sm.has_cue("legal") and f.event_type not in (o.PROTESTS, o.RIOTS) else 0.0
        # a word of judging that opens a clause of its own after the trigger comments on what was told ("قصفت
        # الطائرات القرية، واعتبرت الحكومة القصف جريمة"); it does not make the report talk
        score -= 0.25 if any(not (self.w.opinion.fullmatch(self.nt.norm, c.start, c.end)
                                  and new_clause_after(self.nt.norm, c, f.trigger))
                             for c in sm.cues_of("generic")) else 0.0
        score -= 0.3 if sm.has_cue("aggregate") else 0.0
        needed = 2 if f.sub_event_type in _WEAK_SUBTYPES or f.elaboration else 1
        if support < needed or self._commentary(sm) or sm.has_cue("was"):
            # thin support, or an argument rather than a report ("لو أنك سمعت الانفجارات"), or a sentence told with
            # كانت: a past state or earlier news ("الأراضي التي كانت تحت سيطرة", "وكانت أكدت مصادر")
            score *= 0.5
        if (d.place_inherited or d.place is None) and f.event_type not in (o.PROTESTS, o.RIOTS):
            score -= _NO_OWN_PLACE  # the sentence does not say where: a restatement or talk, unless well supported
        if d.place is not None and d.place.feature == "country":
            score -= _COUNTRY_PLACE  # "في سوريا والعراق": talk about a whole country, rarely one event
        elif d.place is not None and not d.place_inherited and d.place.geo_precision >= 3:
            score -= _BROAD_PLACE  # a governorate or region: a summary of events told more precisely, or talk
        pos = {k.pos for k in f.trigger.kinds}
        if pos == {"instrument"} and (self._weapon_held(f) or not (counted or self._weapon_used(f))):
            score *= 0.4  # "صواريخ", "متفجرات": a weapon named, nothing done with it (today's date does not help)
        elif "verb" not in pos and not (sm.has_cue("anchor") or sm.has_cue("occur") or counted or happened):
            score *= 0.6  # "التفجير" named, nothing happening
        if f.sub_event_type in _TERRITORY and not (d.actor1 and (d.actor1.kind == "armed" or d.actor1.focus == "rebel")):
            score *= 0.5  # a takeover by no named force; the opposition's factions ("فصائل المعارضة") are one
        return round(max(0.0, min(score, 1.0)), 3)

    def _happened(self, f: Frame) -> bool:
        """Another word of the frame's kind says it took place: a verb ("انفجرت" beside "سيارة مفخخة"), or the
        weapon of the frame's own verb; an attack verb ("استهدفت") also tells of the strike it describes."""
        own_verb = any(k.pos == "verb" for k in f.trigger.kinds)
        for t in f.sentence.triggers:
            if t is f.trigger:
                continue
            for k in t.kinds:
                same_event = k.kind in f.trigger.kind_names or (k.kind == "attack" and f.event_type == o.EXPLOSIONS) \
                    or (k.kind in _CROWD_KINDS and f.event_type in (o.PROTESTS, o.RIOTS))  # "أضرموا ... ورددوا"
                if k.kind in _HAPPENING_KINDS and same_event and (k.pos == "verb" or own_verb):
                    return True
        return False

    def _weapon_used(self, f: Frame, reach: int = 60) -> bool:
        """A verb of violence, of happening or of firing close to the weapon ("سقطت الصواريخ", "أطلقت صواريخ")."""
        t = f.trigger
        near = range(t.start - reach, t.end + reach)
        return any(k.pos == "verb" and k.kind in _HAPPENING_KINDS and u.start in near
                   for u in f.sentence.triggers for k in u.kinds) \
            or any(c.cue in ("occur", "fire") and c.start in near for c in f.sentence.cues)

    def _weapon_held(self, f: Frame) -> bool:
        """"يحملون قاذفات صواريخ", "العثور على متفجرات": weapons carried, found or seized, not used."""
        t = f.trigger
        return bool(self.w.held.search(self.nt.norm[max(f.sentence.sentence.start, t.start - len(t.prefix) - 30):t.start]))

    def _commentary(self, sm: SentenceMentions) -> bool:
        """Argument, not report: first or second person, a question, a counterfactual ("لو")."""
        s = sm.sentence
        return sm.has_cue("commentary") or "؟" in self.nt.norm[s.start:s.end]

    def _has_count(self, sm: SentenceMentions) -> bool:
        s = sm.sentence
        i = bisect_left(self.count_starts, s.start)
        return i < len(self.count_starts) and self.count_starts[i] < s.end

    def _merge_into(self, drafts: list[Draft], new: Draft) -> Draft | None:
        """An earlier draft that reports the same event (same type family, place, day, actors), updated."""
        for old in drafts:
            if old.frame.event_type != new.frame.event_type:
                continue
            if (old.frame.modality in REPORTABLE) != (new.frame.modality in REPORTABLE):
                continue  # a call to protest on Friday is not the protest held today
            if not _same_place(old, new, self.gazetteer):
                continue
            if old.frame.sentence is not new.frame.sentence and self._another(new.frame) \
                    and not self._another(old.frame):
                continue  # "بعد ساعة من هجوم مماثل بطائرة مسيرة": another attack, not the one told before (two
                #           mentions that both call it "another", a headline and its body, are that other one)
            if old.frame.event_type == o.EXPLOSIONS and old.frame.sentence is new.frame.sentence \
                    and old.frame.sub_event_type != new.frame.sub_event_type:
                continue  # two explosions of one sentence told apart by their sub-types (`_means_split`'s clauses)
            if old.frame.event_type == o.EXPLOSIONS and self._other_means(old.frame, new.frame):
                continue  # "قصف بقذائف المدفعية ... . إلى ذلك، شن الطيران الحربي غارة": two strikes, two means
            if old.date and new.date and abs((old.date - new.date).days) > 0:
                continue
            old2 = None if old.victim_guessed else old.actor2  # a guessed victim neither blocks nor wins
            new2 = None if new.victim_guessed else new.actor2
            cc = self._country_of(old)
            same = self._same_side
            if not same(old.actor1, new.actor1, cc) or not same(old2, new2, cc):
                if not (same(old.actor1, new2, cc) and same(old2, new.actor1, cc)) and not _shares_actor(old, new):
                    continue  # a named party in common: the same event told with another second party
            old.evidence.extend(new.evidence)
            if new.place and (old.place is None or old.place_inherited or not new.place_inherited and (
                    new.place.geo_precision < old.place.geo_precision
                    or _broad(old.place) and not _broad(new.place)  # "قرب القيارة" over "جنوب الموصل"
                    or _district_of_city(old.place, new.place, self.gazetteer, smaller=new.place))):
                old.place, old.place_inherited = new.place, new.place_inherited
            old.actor1 = _better(old.actor1, new.actor1)
            if old.victim_guessed and new2 is not None:
                old.actor2, old.victim_guessed = new2, False
            else:
                old.actor2 = _better(old.actor2, new2)
            if new.fatalities and not old.fatalities:
                # the first figure told for the event stays: a later mention's figure is most often a total over
                # more events or days ("مقتل ما لا يقل عن 250 شخصا" in a week of strikes) or a rival report
                old.fatalities, old.fatality_span = new.fatalities, new.fatality_span
            if old.date is None or (new.precision or 9) < (old.precision or 9) or (
                new.precision == old.precision and _own_date(new) and not _own_date(old)
            ):
                old.date, old.precision, old.date_span = new.date, new.precision, new.date_span
            if new.frame.modality == "claimed" and old.frame.modality == "asserted":
                old.frame.modality = "claimed"  # attributed anywhere in the article's account: claimed
            if old.frame.event_type == o.BATTLES and new.frame.sub_event_type in _TERRITORY and \
                    old.frame.sub_event_type == S.ARMED_CLASH and is_headline(self.nt.norm, old.frame.sentence):
                old.frame.sub_event_type = new.frame.sub_event_type
            if old.frame.sub_event_type == S.SHELLING and new.frame.sub_event_type == S.AIR_DRONE_STRIKE:
                old.frame.sub_event_type = S.AIR_DRONE_STRIKE
            return old
        return None

    def _another(self, frame: Frame) -> bool:
        """The frame's trigger, or a trigger word a few words before it, is said to be another event of its
        kind ("هجوم مماثل بطائرة مسيرة", "غارة أخرى")."""
        t = frame.trigger
        return any(t2.start <= t.start and t.start - t2.end <= _ANOTHER_REACH
                   and self.w.another.match(self.nt.norm, t2.end) for t2 in frame.sentence.triggers)

    def _clause_means(self, sm: SentenceMentions, start: int, end: int) -> set[str]:
        """`_means` of the words between `start` and `end` of a sentence."""
        means: set[str] = set()
        if any(start <= c.start < end for c in sm.cues_of("air")) or any(
                "strike_air" in t.kind_names and start <= t.start < end for t in sm.triggers):
            means.add("air")
        if any("shelling" in t.kind_names and start <= t.start < end and self.w.ground_fire.search(
                self.nt.norm, t.start, t.end) for t in sm.triggers):
            means.add("ground")
        return means

    def _means_split(self, frame: Frame) -> tuple[int, TriggerMention, S] | None:
        """An explosion sentence whose first clause names one means and a clause opened by an again_clause
        word the other ("استهدفت القوات بالقذائف الصاروخية بلدة X، في حين استهدفت طائرة مسيرة برج الاتصالات"):
        where that clause starts, its trigger and its sub-type."""
        if frame.event_type != o.EXPLOSIONS or frame.sub_event_type not in (S.SHELLING, S.AIR_DRONE_STRIKE):
            return None
        t, sm = frame.trigger, frame.sentence
        for t2 in sm.triggers:
            if t2.start <= t.end or not t2.kind_names & {"shelling", "strike_air"}:
                continue
            m = self.w.again_clause.search(self.nt.norm, t.end, t2.start - len(t2.prefix))
            if m is None:
                continue
            first = self._clause_means(sm, sm.sentence.start, m.start())
            second = self._clause_means(sm, m.start(), sm.sentence.end)
            own = {"air"} if frame.sub_event_type == S.AIR_DRONE_STRIKE else {"ground"}
            if first != own or len(second) != 1 or second == own:
                return None
            return m.start(), t2, S.AIR_DRONE_STRIKE if second == {"air"} else S.SHELLING
        return None

    def _means(self, frame: Frame) -> set[str]:
        """How the explosions of a frame's sentence were delivered, by the words that name it: "air" (an
        aircraft, a raid from the air), "ground" (artillery, mortars, rockets). A bare "قصف" names neither."""
        sm = frame.sentence
        return self._clause_means(sm, sm.sentence.start, sm.sentence.end)

    def _other_means(self, a: Frame, b: Frame) -> bool:
        """Two explosion reports in two sentences, one naming only artillery or rockets and the other only
        aircraft: two strikes (the regime's artillery and the Russian jets over one town are two ACLED events),
        not a shorter and a fuller account of one."""
        if a.sentence is b.sentence or {a.sub_event_type, b.sub_event_type} != {S.SHELLING, S.AIR_DRONE_STRIKE}:
            return False
        return {frozenset(self._means(a)), frozenset(self._means(b))} == {frozenset({"air"}), frozenset({"ground"})}

    # --- output
    def _name(self, actor: Actor | None, country: str | None) -> str | None:
        if actor is None:
            return None
        if actor.canonical in PLACEHOLDERS:
            state = self.lexicon.concrete(actor, country)
            if state:
                return state.canonical
            return f"Military Forces of {COUNTRY_NAMES[country]}" if country in COUNTRY_NAMES else "State forces"
        if "{country}" in actor.canonical:
            return actor.canonical.replace("{country}", COUNTRY_NAMES.get(country or "", "International"))
        return actor.canonical

    def _coded(self, actor: Actor | None, protest: bool) -> Actor | None:
        """The actor as the event codes it: in a protest or riot, the generic words for the state's forces
        ('@state': "قوات الأمن"، "رجال الأمن") mean its police, as the gold codes the forces facing protesters.
        A force named as such ("الجيش العراقي") stays itself."""
        if protest and actor is not None and actor.canonical == "@state" and self._police is not None:
            return self._police
        return actor

    def _security_police(self, d: Draft, actor: Actor | None, iso2: str | None) -> Actor | None:
        """In a protest or riot, a country's army named by words for its security forces ("قوات الأمن العراقية",
        "القوات الأمنية") rather than as its army is its police, as ACLED codes the forces that face protesters."""
        if actor is None or actor.inter != 1 or self._police is None or actor != self.lexicon.state_actor(iso2):
            return actor
        police = self.lexicon.police_actor(iso2)
        if police is None or police == actor:
            return actor
        norm = self.nt.norm
        for m in d.frame.sentence.actors:
            if m.actor == actor and "امن" in norm[m.start:m.end]:
                return police
        return actor

    def _country_of(self, d: Draft) -> str | None:
        """The event's country: its place's, else the article's."""
        p = d.place
        return ISO2_BY_NAME.get(p.country) if p and p.country else self.country

    def _concrete(self, actor: Actor | None, country: str | None) -> Actor | None:
        """'@state' / '@police' as the forces they stand for in `country` (kept as they are where unknown)."""
        if actor is None or actor.canonical not in PLACEHOLDERS:
            return actor
        return self.lexicon.concrete(actor, country) or actor

    def _same_side(self, a: Actor | None, b: Actor | None, country: str | None) -> bool:
        """Compatible actors, a placeholder also as the forces it stands for (Israel's in Palestine)."""
        return _compatible(a, b) or _compatible(self._concrete(a, country), self._concrete(b, country))

    def _inter(self, actor: Actor | None, country: str | None) -> int | None:
        if actor is None:
            return None
        return (self._concrete(actor, country) or actor).inter

    def to_event(self, d: Draft) -> Event:
        f = d.frame
        p = d.place
        iso2 = self._country_of(d)
        kinds: dict[tuple[int, int], str] = dict.fromkeys(d.evidence, "trigger")
        if d.fatality_span:
            kinds[d.fatality_span] = "fatalities"
        if d.date_span:
            kinds[d.date_span] = "date"
        if p and not d.place_inherited:
            kinds[(p.start, p.end)] = "place"
        evidence = []
        for start, end in sorted(kinds):
            a, b = self.nt.span(start, end)
            evidence.append(trusted(Evidence, start=a, end=b, text=self.nt.original[a:b], kind=kinds[(start, end)]))
        # the sentence itself is the first evidence span: the words that say so
        s = f.sentence.sentence
        a, b = self.nt.span(s.start, s.end)
        evidence.insert(0, trusted(Evidence, start=a, end=b, text=self.nt.original[a:b], kind="sentence"))
        protest = f.event_type in (o.PROTESTS, o.RIOTS)
        a1, a2 = self._coded(d.actor1, protest), self._coded(d.actor2, protest)  # the police facing protesters
        if protest:
            a1, a2 = self._security_police(d, a1, iso2), self._security_police(d, a2, iso2)
        actor1, actor2 = self._name(a1, iso2), self._name(a2, iso2)
        inter1, inter2 = self._inter(a1, iso2), self._inter(a2, iso2)
        if actor2 is not None and actor2 == actor1:
            actor2, inter2 = None, None  # "الجيش والشرطة": two words for one side
        event = trusted(
            Event,
            event_date=d.date.isoformat() if d.date else None,
            time_precision=d.precision if d.date else None,
            event_type=f.event_type.value,
            sub_event_type=f.sub_event_type.value,
            actor1=actor1,
            assoc_actor_1="; ".join(dict.fromkeys(filter(None, (self._name(a, iso2) for a in d.assoc1)))) or None,
            actor2=actor2,
            assoc_actor_2="; ".join(dict.fromkeys(filter(None, (self._name(a, iso2) for a in d.assoc2)))) or None,
            inter1=inter1 or None,
            inter2=inter2 or None,
            interaction=o.interaction(inter1, inter2),
            location=p.name if p else None,
            admin1=p.admin1 if p else None,
            admin2=p.admin2 if p else None,
            country=p.country if p else (COUNTRY_NAMES.get(self.country) if self.country else None),
            iso=p.iso if p else None,
            latitude=p.latitude if p else None,
            longitude=p.longitude if p else None,
            # "جنوب مدينة X": the mention ranks as the town (precision 1), the event is near it (precision 2)
            geo_precision=(max(p.geo_precision, 2) if p.qualifier.endswith(" of it") else p.geo_precision)
            if p and p.latitude is not None else None,
            fatalities=d.fatalities,
            modality=f.modality,  # type: ignore[arg-type]
            confidence=self._confidence(d),
            evidence=evidence,
        )
        event.notes = write_notes(event)
        return event


#: A place farther than this from every other place of its article is a stray (see `_strays`).
_STRAY_KM = 200.0
#: Degrees of latitude surely farther than `_STRAY_KM` (1.80 degrees is 200 km; the margin is for rounding).
_STRAY_LAT = 1.9
#: How far before a frame's trigger a trigger word said to be another event still speaks of it ("هجوم مماثل بطائرة").
_ANOTHER_REACH = 30


def _strays(places: list[PlaceMention]) -> set[int]:
    """ids of the located places that lie over `_STRAY_KM` from every other located place of the article
    (two places or more elsewhere, none near): a namesake read in the wrong governorate, not a second front.
    Countries and governorates are not strays (they locate nothing precisely)."""
    located = [p for p in places if p.latitude is not None and p.longitude is not None
               and p.feature not in ("country", "admin1")]
    if len({p.name for p in located}) < 3:
        return set()  # with three names or more, every place has two or more elsewhere
    # a stray is one of its spot's mentions: each distinct (name, latitude, longitude) is tested once, against
    # the other spots (an article names the same places again and again)
    spots: set[tuple[str, float, float]] = {(p.name, p.latitude, p.longitude) for p in located}  # type: ignore[misc]
    # two spots more than `_STRAY_LAT` degrees of latitude apart are farther than `_STRAY_KM` (a great circle is
    # never shorter than its difference of latitude): no distance worked out for them
    strays = {(name, lat, lon) for name, lat, lon in spots
              if not any(other != name and abs(lat - olat) <= _STRAY_LAT and haversine_km(lat, lon, olat, olon) <= _STRAY_KM
                         for other, olat, olon in spots)}
    return {id(p) for p in located if (p.name, p.latitude, p.longitude) in strays} if strays else set()


def _own_date(d: Draft) -> bool:
    """The date was written in the event's own sentence (not borrowed from the lead or the dateline)."""
    s = d.frame.sentence.sentence
    return d.date_span is not None and s.start <= d.date_span[0] < s.end


def _same_place(old: Draft, new: Draft, gazetteer: Gazetteer) -> bool:
    """Same place, or (across sentences) a place and its part or its surroundings: "Mosul" and
    "Mosul - Old City", "Khan Shaykhun" and "ريف إدلب", "Baghdad" and "Sadr City". Two villages are two
    places, however close."""
    a, b = old.place, new.place
    if a is None or b is None:
        return a is b or (new.place_inherited or old.place_inherited)
    if a.name == b.name:
        return True
    if old.frame.sentence is new.frame.sentence:
        return False
    if a.name.startswith(b.name + " - ") or b.name.startswith(a.name + " - "):
        return True  # a neighbourhood and its city
    if a.admin1 and a.admin1 == b.admin1 and (_broad(a) or _broad(b)):
        return True  # the broad mention restates the precise one
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    if km <= 12.0 and _district_of_city(a, b, gazetteer):
        return True  # "في العاصمة بغداد" in the headline, "بمدينة الصدر" in the body
    return km <= 10.0 and ("populated" not in (a.feature, b.feature) or a.feature != b.feature)


def _district_of_city(a: PlaceMention, b: PlaceMention, gazetteer: Gazetteer,
                      smaller: PlaceMention | None = None) -> bool:
    """One of two nearby places is a city of half a million or more and the other a large district of it
    (100,000 or more, three times smaller): a town of its own is not a district. `smaller`: and the
    district is this one."""
    pa = gazetteer.get(a.place_id) if a.place_id else None
    pb = gazetteer.get(b.place_id) if b.place_id else None
    if pa is None or pb is None or a.admin1 != b.admin1:
        return False
    big, small = sorted((pa.population, pb.population), reverse=True)
    if not (big >= 500_000 and small >= 100_000 and big >= 3 * small):
        return False
    return smaller is None or (smaller is a and pa.population == small) or (smaller is b and pb.population == small)


def _broad(p: PlaceMention) -> bool:
    """An area, not a spot: "ريف إدلب", "محافظة درعا", "جنوب الموصل" (the outskirts of a village, or what is
    near it, are still that village)."""
    return p.geo_precision >= 3 or p.feature not in ("populated", "neighbourhood", "camp") \
        or "countryside" in p.qualifier or p.qualifier.endswith(" of")


def _better(a: Actor | None, b: Actor | None) -> Actor | None:
    """The more informative of two compatible actors: a named group beats "unidentified", a named state force
    the generic words for the state's forces ("الجنود", the authorities of an arrest no one is said to make)."""
    if a is None or (a.focus == "unknown" and b is not None):
        return b
    if b is not None and a.canonical in PLACEHOLDERS and b.canonical not in PLACEHOLDERS and b.inter == 1:
        return b
    return a


def _shares_actor(a: Draft, b: Draft) -> bool:
    """The two events name a party in common (a named one, not civilians)."""
    named_a = {x for x in (a.actor1, a.actor2) if x is not None and x.inter != 7 and x.focus != "unknown"}
    named_b = {x for x in (b.actor1, b.actor2) if x is not None and x.inter != 7 and x.focus != "unknown"}
    return bool(named_a & named_b)


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or a == b:
        return True
    if a.focus == "unknown" or b.focus == "unknown":
        return True  # "مجهولون" in one report, the group named in another
    # "الجنود" (generic state forces) and "الجيش العراقي" are the same side
    return {a.canonical, b.canonical} & set(PLACEHOLDERS) != set() and a.inter == b.inter == 1


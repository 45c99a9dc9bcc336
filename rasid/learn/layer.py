"""Apply a trained event model to the rules' result: drop talk that is not an event, give each event a
calibrated confidence.

The model is plain JSON (feature weights of a logistic regression, a calibration and a threshold per
kind of input), read with nothing but the standard library, so no pickle, no scikit-learn and no
download at run time. `rasid train` writes it (rasid/learn/train.py); docs/learned.md says what it does
and how well.

Cross-fitting. The model file lists fingerprints of the articles and benchmark sentences it was trained
on; a companion file (`*.cv.json`) holds k fold models, each trained without one fold of them. The
evaluator passes `holdout_key`: an input the full model saw is read by the fold model that did not, so
figures on training data are out-of-fold, never in-sample. Normal extraction passes no key and always
uses the full model.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasid.learn.actors import (
    ActorHead,
    applies,
    candidates,
    marked_target,
    no_civilians_named,
    no_one_hurt,
    parent_names,
    second_side,
    set_actor2,
    unhurt_civilians,
)
from rasid.learn.features import FEATURES_VERSION, DocContext, event_features
from rasid.lexicon.loader import Lexicon
from rasid.models import REPORTABLE, DocResult, Document, Event
from rasid.text.matcher import Scan
from rasid.text.normalize import NormText

if TYPE_CHECKING:
    from rasid.extract.doc import Doc
    from rasid.resources import Resources

FORMAT = "rasid-event-model"
FORMAT_VERSION = 1
BUNDLED = Path(__file__).resolve().parent.parent / "data" / "models" / "event_layer.json"
#: Salt of the fold assignment of training keys (the same in training and in evaluation).
FOLD_SALT = "rasid-fold-v1:"
#: Sub-event types the sentence model cannot judge: the benchmark it learns from labels attacks, bombings,
#: killings and protests, not changes of territory. Of the rules' 11 takeovers in its dev sentences, 10 are in
#: sentences labelled no (a situation brought under control, power seized, hostages freed, history: "السيطرة
#: على الموقف", "الاستيلاء على السلطة"), so it read every lone takeover as talk, "وسيطرت النصرة على أريحا" too.
#: A lone sentence's takeover told as done is judged by the article model, trained on the gold's takeovers.
SENTENCE_UNJUDGED = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _told_as_done(ev: Event, features: dict[str, float]) -> bool:
    """The sentence tells the event as done by someone at a place: a past-tense verb of the lexicon as its
    trigger ("سيطرت", not "السيطرة على" nor "تسيطر"), a named actor1 and a town or village named in the sentence.
    (Not the `tense=` feature: it read "سيطرت" as a future, س + a present prefix, when the models learnt it.)"""
    return (ev.actor1 is not None and ev.geo_precision == 1 and "tpos=verb" in features
            and "tpos=present" not in features and "here=place" in features)


def judged_by(scorers: dict[str, Scorer], scorer: Scorer, ctx: DocContext, index: int) -> tuple[Scorer, dict[str, float]]:
    """(the scorer that judges event `index`, its features for it): the input's domain's `scorer`, except for a
    lone sentence's takeover told as done (SENTENCE_UNJUDGED), which the article model judges."""
    features = event_features(ctx, index, exclude=scorer.exclude)
    ev = ctx.result.events[index]
    if ctx.domain == "sentence" and ev.sub_event_type in SENTENCE_UNJUDGED and _told_as_done(ev, features):
        article = scorers.get("article")
        if article is not None:
            return article, event_features(ctx, index, exclude=article.exclude)
    return scorer, features


class ModelError(ValueError):
    """A model file that cannot be used (missing, unreadable, wrong format or version)."""


def gold_key(doc_id: str) -> str:
    """The training-set key of a gold article."""
    return f"doc:{doc_id}"


def fingerprint(key: str) -> str:
    """What a model file records of a training key (not the key itself: benchmark ids stay out of the repo)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def fold_of(key: str, folds: int) -> int:
    from rasid.eval.split import unit_hash

    return min(int(unit_hash(key, FOLD_SALT) * folds), folds - 1)


def domain_of(features: dict[str, float]) -> str:
    """The input's domain from an event's features (the same as `DocContext.domain`)."""
    return "sentence" if "doc_sents=<=2" in features else "article"


class Scorer:
    """One logistic model with its calibration and drop threshold (one per input domain)."""

    def __init__(self, data: dict[str, Any]) -> None:
        try:
            self.weights: dict[str, float] = {str(k): float(v) for k, v in data["weights"].items()}
            self.bias = float(data["bias"])
            self.calibration = (float(data["calibration"][0]), float(data["calibration"][1]))
            self.threshold = float(data["threshold"])
            self.exclude = tuple(str(x) for x in data.get("exclude", ()))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ModelError(f"malformed event model: {exc!r}") from None

    def logit(self, features: dict[str, float]) -> float:
        get = self.weights.get
        # a list, not a generator: the same terms added in the same order (the same float), faster
        return self.bias + sum([get(name, 0.0) * value for name, value in features.items()])

    def probability(self, features: dict[str, float]) -> float:
        """Calibrated probability that the event is right (Platt scaling of the model's logit)."""
        a, b = self.calibration
        z = a * self.logit(features) + b
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


class ModalityHead:
    """Multinomial logistic model of an article event's modality (shipped only when it beat the rules)."""

    def __init__(self, data: dict[str, Any]) -> None:
        import numpy as np

        try:
            self.classes = [str(c) for c in data["classes"]]
            names = [str(k) for k in data["weights"]]
            matrix = [[float(x) for x in data["weights"][k]] for k in data["weights"]]
            bias = [float(b) for b in data["bias"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"malformed modality model: {exc!r}") from None
        if len(bias) != len(self.classes) or any(len(row) != len(self.classes) for row in matrix):
            raise ModelError("malformed modality model: one weight per class expected")
        self._row = {name: i for i, name in enumerate(names)}
        self._weights = np.array(matrix, dtype=np.float64).reshape(len(names), len(self.classes))
        self._bias = np.array(bias, dtype=np.float64)

    def predict(self, features: dict[str, float]) -> str:
        row = self._row
        rows = [row[name] for name in features if name in row]
        scores = self._bias.copy()
        if rows:
            values = [features[name] for name in features if name in row]
            scores += self._weights[rows].T @ values
        return self.classes[int(scores.argmax())]


def _actor_head(data: Any) -> ActorHead | None:
    if not data:
        return None
    try:
        return ActorHead(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"malformed actor model: {exc!r}") from None


_CrossFit = tuple[frozenset[str], list[dict[str, "Scorer"]], list["ModalityHead | None"], list["ActorHead | None"]]


def _scorers(data: Any) -> dict[str, Scorer]:
    if not isinstance(data, dict) or not data:
        raise ModelError("malformed event model: no per-domain models")
    return {str(domain): Scorer(model) for domain, model in data.items()}


class EventLayer:
    """Takes a `Document` and the rules' `DocResult`, returns the result with the model's decisions."""

    def __init__(self, data: dict[str, Any], path: Path | None = None, lexicon: Lexicon | None = None) -> None:
        """`lexicon`: the one the rules read with, for the trigger and cue features (default: that of the
        shared `Resources`, as a plain `Pipeline()` uses)."""
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"{path or 'model'}: not a {FORMAT} v{FORMAT_VERSION} file")
        if data.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"{path or 'model'}: built for features v{data.get('features_version')}, this rasid "
                             f"computes v{FEATURES_VERSION}; retrain it with `rasid train`")
        self.data = data
        self.path = path
        self.lexicon = lexicon
        self.scorers = _scorers(data.get("model"))
        self.modality = ModalityHead(data["modality"]) if data.get("modality") else None
        self.actor = _actor_head(data.get("actor"))
        self._cv: _CrossFit | None = None

    @classmethod
    def load(cls, path: Path, lexicon: Lexicon | None = None) -> EventLayer:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelError(f"model file not found: {path}") from None
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"cannot read model {path}: {exc}") from None
        if not isinstance(data, dict):
            raise ModelError(f"{path}: not a {FORMAT} file")
        return cls(data, Path(path), lexicon)

    @classmethod
    def bundled(cls) -> EventLayer:
        """The model shipped in the package (rasid/data/models/event_layer.json), loaded once."""
        return _bundled()

    def describe(self) -> dict[str, Any]:
        return {"name": self.data.get("name"), "trained": self.data.get("trained"),
                "path": str(self.path) if self.path else None}

    # --- cross-fitting (evaluation only)
    def _cross_fit(self) -> _CrossFit:
        """(fingerprints of the training keys, fold models, their modality models, their actor2 heads), from
        the companion file named in the model."""
        if self._cv is None:
            name = (self.data.get("cv") or {}).get("file")
            if self.path is None or not name:
                raise ModelError("this model names no fold models: it cannot score the data it was trained on")
            cv_path = self.path.parent / name
            try:
                cv = json.loads(cv_path.read_text(encoding="utf-8"))
                heads = [ModalityHead(h) if h else None for h in cv.get("modality") or []]
                actors = [_actor_head(h) for h in cv.get("actor") or []]
                self._cv = frozenset(cv["seen"]), [_scorers(m) for m in cv["models"]], heads, actors
            except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ModelError(f"cannot read the fold models {cv_path}: {exc!r}") from None
        return self._cv

    def models_for(self, holdout_key: str | None) -> tuple[dict[str, Scorer], ModalityHead | None, ActorHead | None]:
        """(the scorers, the modality model, the actor2 head) to use: for an input the full model was trained
        on, the fold models that never saw it."""
        if holdout_key is None:
            return self.scorers, self.modality, self.actor
        seen, folds, heads, actors = self._cross_fit()
        if fingerprint(holdout_key) not in seen:
            return self.scorers, self.modality, self.actor
        j = fold_of(holdout_key, len(folds))
        return (folds[j], heads[j] if self.modality is not None and j < len(heads) else None,
                actors[j] if self.actor is not None and j < len(actors) else None)

    # --- the decisions
    def __call__(self, doc: Doc) -> None:
        """The layer as a pipeline component, after the rules' last one:
        the default `Pipeline()` ends with it (rasid.pipeline.LEARNED). It reads the `Doc`'s own
        normalised text and lexicon scan, so nothing is read twice."""
        if not doc.events:
            return
        result = doc.to_result()
        self.apply(doc.document, result, nt=doc.text, scan=doc.scan, resources=doc.resources)
        doc.events = result.events

    def apply(self, doc: Document, result: DocResult, *, holdout_key: str | None = None, nt: NormText | None = None,
              scan: Scan | None = None, lexicon: Lexicon | None = None, resources: Resources | None = None
              ) -> DocResult:
        """`result` without the reportable events the model judges not to be events, every event's
        `confidence` set to the model's calibrated probability that it is right and, when the model has a
        modality model, an article event's modality as it reads it. The result is updated in place (claims
        keep pointing at their events) and returned. `nt`, `scan`, `resources` (or only its `lexicon`): the
        pipeline's reading of the text and the tables it read with, if at hand (see `__call__`)."""
        if not result.events:
            return result
        scorers, head, actor_head = self.models_for(holdout_key)
        ctx = DocContext.of(doc, result, lexicon or (resources.lexicon if resources is not None else self.lexicon),
                           nt=nt, scan=scan, resources=resources)
        scorer = scorers.get(ctx.domain)
        if scorer is None:  # a model trained without this kind of input leaves its events alone
            return result
        modality = head if ctx.domain == "article" else None
        actors = ctx.actors() if actor_head is not None and ctx.domain == "article" else None
        parents = parent_names(ctx.lexicon) if actors is not None and ctx.lexicon is not None else {}
        index: dict[int, int] = {}
        events: list[Event] = []
        for i, ev in enumerate(result.events):
            judge, features = judged_by(scorers, scorer, ctx, i)
            p = judge.probability(features)
            mod = modality.predict(features) if modality is not None else ev.modality
            if mod in REPORTABLE and p < judge.threshold:
                continue  # talk about violence, a copy, or an event at a place the article does not give
            ev.confidence = round(p, 3)
            changed = False
            # the head learnt from events that gold reports: a planned or background event keeps the rules' actor2
            if actors is not None and actor_head is not None and mod in REPORTABLE and applies(ev):
                chosen = actor_head.choose(candidates(actors, ev, ctx.evidence(i)))
                if parents.get(chosen, ev.actor1) != ev.actor1:
                    chosen = parents[chosen]  # a sub-unit is coded under its parent, as the rules code it
                if unhurt_civilians(actors, ev, chosen) or no_one_hurt(actors, ev, chosen) \
                        or no_civilians_named(actors, ev, chosen):  # no civilian hurt
                    chosen = ev.actor2 or ""  # the rules' choice stands
                elif marked_target(actors, ev, chosen):
                    chosen = ev.actor2 or ""  # "استهدف القصف مواقع لحزب الله": the side hit, not civilians
                chosen = second_side(actors, ev, chosen)
                changed = set_actor2(ev, chosen, actors)
            if mod != ev.modality:
                ev.modality = mod  # type: ignore[assignment]
                changed = True
            if changed:
                from rasid.extract.notes import write_notes

                ev.notes = write_notes(ev)  # the notes name the actors and say "reported as a claim", "planned" ...
            index[i] = len(events)
            events.append(ev)
        if len(events) < len(result.events):
            for c in result.claims:
                if c.event_index is not None:
                    c.event_index = index.get(c.event_index)
            result.events = events
        return result


@lru_cache(maxsize=1)
def _bundled() -> EventLayer:
    return EventLayer.load(BUNDLED)

"""Evidence spans drawn by their kind: the extractor's label when stored, a guess from entities before it."""

from rasid.pipeline import extract_text
from rasid.web.highlight import mention_spans

TEXT = "قتل ثلاثة مدنيين أمس في قصف مدفعي على بلدة كفرنبل بريف إدلب."


def _mention_and_entities(strip_kinds: bool) -> tuple[dict, list[dict]]:
    result = extract_text(TEXT, published="2021-03-10", disable=["learned"])
    (event,) = result.events
    mention = event.model_dump()
    if strip_kinds:
        for e in mention["evidence"]:
            e.pop("kind", None)
    return mention, [e.model_dump() for e in result.entities]


def test_labelled_evidence_is_drawn_by_its_kind_and_old_evidence_by_its_entities() -> None:
    for strip in (False, True):
        mention, entities = _mention_and_entities(strip)
        spans = mention_spans(mention, entities)
        drawn = {s.kind: TEXT[s.start:s.end] for s in spans}
        assert drawn["sentence"] == TEXT, strip
        assert "كفرنبل" in drawn["place"] and "أمس" in drawn["date"] and "قصف" in drawn["trigger"], (strip, drawn)
        assert "ثلاثة" in drawn["casualty"], (strip, drawn)


def test_the_stored_label_decides_not_the_overlap() -> None:
    mention, entities = _mention_and_entities(False)
    place_words = [e for e in mention["evidence"] if e.get("kind") == "place"]
    assert place_words, mention["evidence"]
    # relabel the place span as the trigger: it is drawn as one, though it overlaps a place entity
    place_words[0]["kind"] = "trigger"
    kinds = {TEXT[s.start:s.end]: s.kind for s in mention_spans(mention, entities)}
    assert kinds[TEXT[place_words[0]["start"]:place_words[0]["end"]]] == "trigger"

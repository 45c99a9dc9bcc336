"""Builders of real `Document`/`DocResult` records for store tests (no mocks: they go through the real store)."""

from __future__ import annotations

from typing import Any

from rasid.models import Claim, DocResult, Document, Event, Evidence, Speaker

# Villages in Deir ez-Zor governorate (approximate coordinates) used across tests.
HAJIN = (34.6927, 40.8309)
SUSAH = (34.6089, 40.8884)  # ~10.7 km from Hajin
SHAFAH = (34.6450, 40.8642)  # ~6 km from Hajin
RAQQA = (35.9528, 39.0079)


def doc(doc_id: str, outlet: str, published: str = "2018-11-02", text: str | None = None) -> Document:
    body = text or f"نص تجريبي للمقال {doc_id} من {outlet} بتاريخ {published}"
    return Document(doc_id=doc_id, text=body, outlet=outlet, published=published, title=f"عنوان {doc_id}")


def event(**kw: Any) -> Event:
    base: dict[str, Any] = {
        "event_date": "2018-11-01", "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "SDF: Syrian Democratic Forces", "inter1": 2,
        "actor2": "IS: Islamic State", "inter2": 2, "interaction": 22, "location": "Hajin",
        "admin1": "Deir ez-Zor", "admin2": "Abu Kamal", "country": "Syria", "iso": 760,
        "latitude": HAJIN[0], "longitude": HAJIN[1], "geo_precision": 1, "fatalities": 0,
        "notes": "On 1 November 2018, SDF clashed with IS in Hajin (Deir ez-Zor).", "modality": "asserted",
        "evidence": [Evidence(start=0, end=10, text="اشتباكات في هجين")],
    }
    base.update(kw)
    return Event(**base)


def claim(subject: str, value: Any, **kw: Any) -> Claim:
    base: dict[str, Any] = {"subject": subject, "value": value, "unit": kw.pop("unit", None),
                            "speaker": Speaker(name=kw.pop("speaker", None)),
                            "evidence": [Evidence(start=0, end=5, text=str(value))]}
    base.update(kw)
    return Claim(**base)


def result(d: Document, events: list[Event] | None = None, claims: list[Claim] | None = None) -> DocResult:
    return DocResult(doc_id=d.doc_id, outlet=d.outlet, published=d.published, title=d.title,
                     events=events or [], claims=claims or [])


def five_outlets() -> list[tuple[Document, DocResult]]:
    """One clash in Hajin reported by five outlets with different figures and slightly different fields."""
    out = []
    figures = [12, 10, 0, 15, 10]
    for i, (outlet, fat) in enumerate(zip(["a.com", "b.net", "c.org", "d.sy", "e.iq"], figures, strict=True)):
        d = doc(f"hajin-{i}", outlet)
        lat = HAJIN[0] + 0.01 * (i % 2)  # ~1 km jitter from geocoding
        ev = event(fatalities=fat, latitude=lat, event_date="2018-11-01" if i != 3 else "2018-11-02",
                   actor2=None if i == 2 else "IS: Islamic State")
        out.append((d, result(d, [ev])))
    return out

"""One story, five articles, four outlets that disagree: the claims board must flag every contradiction.

`tests/data/claims/contested_story.jsonl` (our own text) tells the end of a siege in al-Baghuz:
- furat-agency (1 March): the SDF says IS is held in 4 km2, a spokesman says talks took place through local
  mediators, 12 IS fighters killed; an aggregator reposts it without a date (a copy: one voice, not two);
- east-news (2 March): the SDF denies any talks; an official says IS still holds about 14 km2; 30 killed;
- river-post (3 March): an SDF commander says they rejected an IS request to negotiate; the pocket is down
  to one square kilometre ("كيلومتر مربع واحد", number word after the unit);
- local-voice (undated): local sources report contacts between tribal elders and IS leaders.

The first tests store claim records as the extraction should produce them (written here by hand, with
evidence offsets into the articles), because today's extraction misses some of them (see
`test_through_extraction` and docs/claims.md); the last one runs the real pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from factories import event

from rasid.ingest.readers import read_paths
from rasid.models import Claim, DocResult, Document, Evidence, Speaker
from rasid.resolve.claims import group_claims
from rasid.store import Store

STORY = Path(__file__).resolve().parent.parent / "data" / "claims" / "contested_story.jsonl"
BAGHUZ = {"location": "Al-Baghuz", "latitude": 34.459, "longitude": 40.945, "admin1": "Deir ez-Zor",
          "admin2": "Abu Kamal", "actor1": "SDF: Syrian Democratic Forces", "actor2": "IS: Islamic State"}
SDF = Speaker(name="قوات سوريا الديمقراطية")


def _docs() -> dict[str, Document]:
    return {d.doc_id: d for d in read_paths([STORY]) if isinstance(d, Document)}


def _claim(d: Document, phrase: str, subject: str, value: Any, *, unit: str | None = None,
           stance: str = "affirm", speaker: Speaker = SDF, source_type: str = "official",
           qualifier: str = "exact", event_index: int | None = None) -> Claim:
    start = d.text.index(phrase)
    return Claim(subject=subject, value=value, unit=unit, qualifier=qualifier, stance=stance,  # type: ignore[arg-type]
                 speaker=speaker, source_type=source_type, claim_date=d.published,  # type: ignore[arg-type]
                 event_index=event_index,
                 evidence=[Evidence(start=start, end=start + len(phrase), text=phrase)])


def _records(published: bool = True) -> list[tuple[Document, DocResult]]:
    docs = _docs()
    if not published:
        docs = {k: d.model_copy(update={"published": None}) for k, d in docs.items()}
    spokesman = Speaker(role="المتحدث باسم الحملة العسكرية", affiliation="الحملة العسكرية")

    def dated(day: str) -> dict[str, Any]:
        return {"event_date": day if published else None, "time_precision": 1 if published else None}

    specs: dict[str, tuple[list[Any], list[Claim]]] = {}
    for key in ("baghuz-furat", "baghuz-furat-repost"):
        d = docs[key]
        specs[key] = ([event(**BAGHUZ, **(dated("2019-02-28") if key == "baghuz-furat" else dated("")))], [
            _claim(d, "مساحة لا تتجاوز 4 كيلومترات مربعة", "area", 4, unit="km2", qualifier="up_to"),
            _claim(d, "مفاوضات جرت مع التنظيم", "negotiations", "مفاوضات جرت مع التنظيم", speaker=spokesman,
                   source_type="spokesperson"),
            _claim(d, "12 عنصرا من التنظيم قتلوا", "killed", 12, unit="fighter", speaker=spokesman,
                   source_type="spokesperson", event_index=0),
        ])
    d = docs["baghuz-denial"]
    official = Speaker(role="مسؤول في المكتب الإعلامي للقوات")
    specs["baghuz-denial"] = ([event(**BAGHUZ, **dated("2019-03-01"))], [
        _claim(d, "نفت قوات سوريا الديمقراطية وجود أي مفاوضات", "negotiations", "مفاوضات", stance="deny"),
        _claim(d, "نحو 14 كيلومترا مربعا", "area", 14, unit="km2", qualifier="about", speaker=official),
        _claim(d, "مقتل 30 عنصرا من التنظيم", "killed", 30, unit="fighter", speaker=official, event_index=0),
    ])
    d = docs["baghuz-rejected"]
    commander = Speaker(role="قيادي في قوات سوريا الديمقراطية")
    specs["baghuz-rejected"] = ([event(**BAGHUZ, **dated("2019-03-03"))], [
        _claim(d, "رفضت طلبا تقدم به تنظيم الدولة للتفاوض", "negotiations", "طلب للتفاوض", stance="reject",
               speaker=commander),
        _claim(d, "كيلومتر مربع واحد", "area", 1, unit="km2", speaker=commander),
    ])
    d = docs["baghuz-contacts"]
    specs["baghuz-contacts"] = ([event(**BAGHUZ, **dated(""))], [
        _claim(d, "اتصالات تجري بين وجهاء من العشائر وقادة في تنظيم الدولة", "negotiations", "اتصالات",
               speaker=Speaker(name="مصادر محلية"), source_type="local_sources"),
    ])
    out = []
    for key, (events, claims) in specs.items():
        d = docs[key]
        for ev in events:
            if not ev.event_date:
                ev.event_date, ev.time_precision = None, None
        out.append((d, DocResult(doc_id=d.doc_id, outlet=d.outlet, published=d.published, title=d.title,
                                 events=events, claims=claims)))
    return out


def _by_subject(groups: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for g in groups:
        assert g["subject"] not in out, f"{g['subject']} split into several groups: {groups}"
        out[g["subject"]] = g
    return out


def test_every_contradiction_is_flagged_with_its_reason(store: Store) -> None:
    store.add_results(_records())
    (story,) = store.copies()
    assert {c["doc_id"] for c in story["copies"]} == {"baghuz-furat", "baghuz-furat-repost"}
    groups = _by_subject(store.claim_groups())
    assert set(groups) == {"area", "negotiations", "killed"}

    area = groups["area"]
    assert area["conflict"] and area["conflict_kinds"] == ["values_differ"] and not area["undated"]
    assert area["about"]["admin1"] == "Deir ez-Zor"
    assert [c["value"] for c in area["claims"]] == [4, 14, 1]  # the repost's 4 is listed once, as a copy
    assert area["claims"][0]["copies"] == [{"doc_id": "baghuz-furat-repost", "outlet": "news-aggregator.example"}]
    assert (area["n_articles"], area["n_stories"]) == (4, 3)
    pairs = {tuple(sorted(area["claims"][i]["value"] for i in r["claims"])): r["gap_days"]
             for r in area["reasons"] if r["kind"] == "values_differ"}
    assert pairs == {(4, 14): 1, (1, 14): 1}  # within the 3-day window; "no more than 4" allows 1
    assert any("different values on close dates" in t for t in area["conflict_reasons"])

    talks = groups["negotiations"]
    assert talks["conflict"] and talks["conflict_kinds"] == ["stances_oppose"]
    assert sorted(c["stance"] for c in talks["claims"]) == ["affirm", "affirm", "deny", "reject"]
    assert talks["n_stories"] == 4 and talks["n_articles"] == 5
    (reason,) = talks["conflict_reasons"]
    assert reason.startswith("stances oppose: affirmed by furat-agency.example, local-voice.example")
    assert "denied by east-news.example" in reason and "rejected by river-post.example" in reason
    assert talks["undated"] is False  # the local sources are undated, but dated claims oppose too
    assert {c["speaker"] for c in talks["claims"]} >= {"مصادر محلية", "قوات سوريا الديمقراطية"}

    killed = groups["killed"]  # one resolved event (the reports of 28 Feb and 1 Mar merge, the copy too)
    assert killed["about"]["kind"] == "event" and killed["conflict"]
    assert [c["value"] for c in killed["claims"]] == [12, 30]
    event_row = store.event(killed["about"]["event_id"])
    assert event_row is not None and event_row.n_sources == 3


def test_the_repost_is_dated_by_its_original(store: Store) -> None:
    store.add_results(_records())
    area = _by_subject(store.claim_groups())["area"]
    repost = [r for r in _rows(store) if r["doc_id"] == "baghuz-furat-repost"]
    assert repost and all(r["published"] is None and r["story_published"] == "2019-03-01" for r in repost)
    assert area["claims"][0]["date_source"] == "claim"  # the original's own date leads


def _rows(store: Store) -> list[dict[str, Any]]:
    from rasid.store.claims_board import claim_rows

    with store.engine.connect() as conn:
        return claim_rows(conn)


def test_the_window_is_a_setting(store: Store) -> None:
    store.add_results(_records())
    groups = store.claim_groups(window_days=0)  # only reports of the same day describe the same moment
    (area,) = [g for g in groups if g["subject"] == "area"]
    assert not area["conflict"]
    (trend,) = area["reasons"]
    assert trend["kind"] == "changes_over_time" and not trend["conflict"]
    assert [area["claims"][i]["value"] for i in trend["claims"]] == [4, 14, 1]
    talks = [g for g in groups if g["subject"] == "negotiations"]
    assert len(talks) == 4 and not any(g["conflict"] for g in talks)  # one episode per day, the undated apart
    assert not any(g["conflict"] for g in groups)


def test_undated_reports_are_grouped_and_said_to_be_undated(store: Store) -> None:
    store.add_results(_records(published=False))
    groups = _by_subject(store.claim_groups())
    area = groups["area"]
    assert area["conflict"] and area["undated"] and area["conflict_kinds"] == ["values_differ_undated"]
    assert all(c["claim_date"] is None for c in area["claims"])
    assert "undated" in area["conflict_reasons"][0]
    talks = groups["negotiations"]
    assert talks["conflict"] and talks["undated"] and talks["n_stories"] == 4
    killed = groups["killed"]  # undated events at one place with the same actors meet too
    assert killed["about"]["kind"] == "place" and killed["conflict"] and killed["undated"]


def test_figures_weeks_apart_change_over_time() -> None:
    rows = [
        {"subject": "area", "subject_key": "area", "unit": "km2", "value": v, "qualifier": "exact",
         "stance": "affirm", "doc_id": f"d{i}", "idx": 0, "outlet": f"o{i}", "claim_date": day, "published": day,
         "evidence": [], "doc_admin1": "Deir ez-Zor", "story": f"doc:d{i}"}
        for i, (v, day) in enumerate([(14, "2019-02-01"), (4, "2019-02-20"), (4, "2019-02-21"), (1, "2019-03-10")])
    ]
    (group,) = group_claims(rows)
    assert not group["conflict"]
    (trend,) = group["reasons"]
    assert trend["kind"] == "changes_over_time"
    assert trend["text"].startswith("value changes over time: 14 (o0, 2019-02-01) -> 4 (o1, 2019-02-20) -> 1")
    rows.append({**rows[1], "doc_id": "d9", "outlet": "o9", "value": 9, "story": "doc:d9",
                 "claim_date": "2019-02-22", "published": "2019-02-22"})
    (group,) = group_claims(rows)
    assert group["conflict_kinds"] == ["values_differ"] and len(group["conflict_reasons"]) == 2  # 9 vs 4, 4


def test_speculation_and_agreeing_denials_are_no_conflict() -> None:
    base = {"subject": "negotiations", "subject_key": "negotiations", "unit": None, "value": "مفاوضات",
            "qualifier": "exact", "idx": 0, "published": "2019-03-01", "evidence": [], "doc_admin1": "Deir ez-Zor"}
    rows = [{**base, "doc_id": "a", "outlet": "a", "stance": "deny", "story": "doc:a"},
            {**base, "doc_id": "b", "outlet": "b", "stance": "reject", "story": "doc:b"},
            {**base, "doc_id": "c", "outlet": "c", "stance": "speculate", "story": "doc:c"}]
    (group,) = group_claims(rows)
    assert not group["conflict"]
    rows.append({**base, "doc_id": "e", "outlet": "e", "stance": "affirm", "story": "doc:a"})  # a copy of a
    (group,) = group_claims(rows)
    assert group["conflict"] and "affirmed by e; denied by a; rejected by b" in group["conflict_reasons"][0]
    far = {**base, "doc_id": "f", "outlet": "f", "stance": "affirm", "story": "doc:f", "published": "2019-06-01"}
    groups = group_claims(rows[:3] + [far])
    assert len(groups) == 2 and not any(g["conflict"] for g in groups)  # months apart: another episode


def test_propositions_about_other_actors_stay_apart() -> None:
    base = {"subject": "negotiations", "subject_key": "negotiations", "unit": None, "value": "مفاوضات",
            "qualifier": "exact", "idx": 0, "published": "2019-03-01", "evidence": [], "doc_admin1": "Deir ez-Zor"}
    rows = [{**base, "doc_id": "a", "outlet": "a", "stance": "affirm", "doc_actors": ["SDF", "IS"]},
            {**base, "doc_id": "b", "outlet": "b", "stance": "deny", "doc_actors": ["Military Forces of Syria"]},
            {**base, "doc_id": "c", "outlet": "c", "stance": "deny", "doc_actors": []}]
    groups = group_claims(rows)
    assert sorted(len(g["claims"]) for g in groups) == [1, 2]  # c (no actors known) joins the first
    assert [g["conflict"] for g in groups] == [True, False]


@pytest.mark.skipif(not STORY.is_file(), reason="test story missing")
def test_through_extraction(tmp_path: Path) -> None:
    """The real pipeline on the same articles: what today's extraction already gets flagged. The claims it
    still misses (the rejection, the local sources' contacts, "كيلومتر مربع واحد", the killed fighters of
    the first article) are listed in docs/claims.md; this test asserts only what must not regress."""
    with Store(f"sqlite:///{tmp_path / 'story.db'}") as store:
        store.ingest(read_paths([STORY]))
        assert [len(s["copies"]) for s in store.copies()] == [2]
        groups = store.claim_groups()
        area = next(g for g in groups if g["subject"] == "area")
        assert area["conflict"] and "values_differ" in area["conflict_kinds"]
        assert {4, 14} <= {c["value"] for c in area["claims"]}
        talks = next(g for g in groups if g["subject"] == "negotiations")
        assert talks["conflict"] and talks["conflict_kinds"] == ["stances_oppose"]
        assert {"affirm", "deny"} <= {c["stance"] for c in talks["claims"]}
        assert all(not c["copies"] or c["doc_id"] == "baghuz-furat" for g in groups for c in g["claims"])

"""Same story, many copies: near-duplicate articles are linked at ingest and their events merge undated.

The texts are our own: one agency text about clashes near Hajin (WIRE), an outlet's lightly edited
republication of it (EDITED: new headline, words changed, last sentence cut) and another outlet's own
report of the same night (OWN), which is not a copy.
"""

from __future__ import annotations

from factories import HAJIN, SUSAH, doc, event, result

from rasid.resolve import copies as sim
from rasid.resolve.events import link
from rasid.store import Store

WIRE = (
    "أفادت مصادر محلية بأن اشتباكات عنيفة اندلعت مساء الأحد بين قوات سوريا الديمقراطية وعناصر من تنظيم "
    "الدولة في محيط بلدة هجين بريف دير الزور الشرقي. وأضافت المصادر أن طيران التحالف الدولي شن عدة غارات "
    "على مواقع التنظيم في أطراف البلدة، ما أدى إلى تدمير آليات ومقرات. وذكرت المصادر أن عددا من العائلات "
    "نزحت من الأحياء الشرقية نحو المخيمات القريبة خوفا من توسع المعارك. وتحاول قوات سوريا الديمقراطية منذ "
    "أسابيع التقدم نحو آخر الجيوب التي يتحصن فيها التنظيم على الضفة الشرقية لنهر الفرات."
)
EDITED = (
    "اشتباكات في محيط هجين وغارات للتحالف\n\nقالت مصادر محلية إن اشتباكات عنيفة اندلعت مساء الأحد بين قوات "
    "سوريا الديمقراطية (قسد) وعناصر تنظيم داعش في محيط بلدة هجين بريف دير الزور الشرقي. وأضافت المصادر أن "
    "طائرات التحالف الدولي شنت غارات عدة على مواقع التنظيم في أطراف البلدة، ما أدى إلى تدمير آليات ومقرات "
    "له. وذكرت المصادر أن عشرات العائلات نزحت من الأحياء الشرقية باتجاه المخيمات القريبة خوفا من توسع المعارك."
)
OWN = (
    "شهد ريف دير الزور الشرقي ليلة الأحد مواجهات بين مقاتلي قسد والتنظيم قرب هجين، بحسب ناشطين تحدثوا عن "
    "قصف جوي مكثف استهدف تحصينات التنظيم. ولم تعلن أي جهة حصيلة للخسائر حتى الآن، فيما تواصل القوات حشد "
    "تعزيزات عسكرية على خطوط التماس في محيط بلدة هجين بريف دير الزور الشرقي."
)
# two halves of one longer report, published on their own first, then whole by a third outlet
PART_1 = (
    "أعلنت قيادة العمليات المشتركة أن قواتها أحبطت فجر الاثنين هجوما لخلايا التنظيم على نقطة عسكرية قرب "
    "قرية الباغوز، وأن الاشتباكات استمرت ساعتين قبل أن ينسحب المهاجمون نحو البادية تاركين أسلحتهم الخفيفة. "
    "وأوضحت القيادة أن وحدات الهندسة بدأت تمشيط الطرق الفرعية المحيطة بالقرية بحثا عن عبوات ناسفة."
)
PART_2 = (
    "وفي سياق متصل قال مسؤول في المجلس المحلي إن الأهالي طالبوا بإعادة فتح المعبر النهري أمام حركة البضائع "
    "بعد إغلاقه منذ أسبوع، مشيرا إلى أن أسعار الخبز والوقود ارتفعت بشكل ملحوظ في الأسواق. وأضاف أن لجنة "
    "من وجهاء العشائر تتواصل مع الجهات العسكرية لإيجاد حل يضمن سلامة المدنيين على الطريق."
)


def _undated(**kw: object) -> object:
    return event(event_date=None, time_precision=None, **kw)


def test_copy_rule_on_own_texts() -> None:
    wire, edited, own = (sim.shingle_hashes(t) for t in (WIRE, EDITED, OWN))
    jac, con = sim.similarity(wire, edited)
    assert sim.is_copy(jac, con, (wire.size, edited.size)) and jac < 0.5  # edited, still a copy
    jac, con = sim.similarity(wire, own)
    assert not sim.is_copy(jac, con, (wire.size, own.size))  # same night, same place, own words
    assert set(sim.band_keys(wire)) & set(sim.band_keys(edited))  # the index finds the pair
    short = sim.shingle_hashes("اشتباكات في محيط هجين")
    assert not sim.is_copy(1.0, 1.0, (short.size, short.size))  # a headline alone is no story
    assert sim.is_copy(0.9, 0.9, (50, 50), ("2019-03-01", "2019-03-04"))
    assert not sim.is_copy(0.9, 0.9, (50, 50), ("2019-03-01", "2019-03-05"))  # a week later: another story


def _corpus() -> list:
    out = []
    for doc_id, outlet, text in (("wire", "agency.example", WIRE), ("edited", "repost.example", EDITED),
                                 ("own", "local.example", OWN)):
        d = doc(doc_id, outlet, published=None, text=text)  # type: ignore[arg-type]
        out.append((d, result(d, [_undated()])))
    return out


def test_copies_merge_undated_events(store: Store) -> None:
    store.add_results(_corpus())
    (story,) = store.copies()
    assert sorted(c["doc_id"] for c in story["copies"]) == ["edited", "wire"]
    assert story["links"][0]["jaccard"] >= sim.MIN_JACCARD
    events = store.events()
    assert len(events) == 2  # the copies are one event; the outlet's own report stays apart (no date)
    merged = next(e for e in events if e.n_sources == 2)
    assert {s.doc_id for s in merged.sources} == {"wire", "edited"}
    assert "1 independent" in merged.notes
    why = store.explain(merged.event_id)
    assert why is not None and why["links"][0]["copies"] is True
    assert why["links"][0]["place"].startswith("copies of one story")
    assert store.stats()["copies"] == 1 and store.stats()["merged_mentions"] == 1


def test_copies_keep_their_own_events_apart(store: Store) -> None:
    """Two villages in each copy: each village merges with its twin, never across."""
    pairs = []
    for doc_id, text in (("wire", WIRE), ("edited", EDITED)):
        d = doc(doc_id, f"{doc_id}.example", published=None, text=text)  # type: ignore[arg-type]
        pairs.append((d, result(d, [_undated(), _undated(location="Susah", latitude=SUSAH[0], longitude=SUSAH[1])])))
    store.add_results(pairs)
    events = store.events()
    assert sorted((e.location, e.n_sources) for e in events) == [("Hajin", 2), ("Susah", 2)]


def test_copies_found_across_batches_in_any_order(store_url: str, tmp_path: object) -> None:
    corpus = _corpus()
    with Store(store_url) as store:
        for pair in reversed(corpus):  # one batch each, copy first
            store.add_results([pair])
        incremental = sorted((e.event_id, e.n_sources) for e in store.events())
        store.rebuild_resolution()
        assert sorted((e.event_id, e.n_sources) for e in store.events()) == incremental
        assert [len(s["copies"]) for s in store.copies()] == [2]


def test_a_bridging_copy_joins_two_stories(store: Store) -> None:
    """PART_1 and PART_2 share nothing; the whole report copies both, so all three become one story and
    the stories' undated events are re-resolved together."""
    pairs = []
    for doc_id, text in (("p1", PART_1), ("p2", PART_2)):
        d = doc(doc_id, f"{doc_id}.example", published=None, text=text)  # type: ignore[arg-type]
        pairs.append((d, result(d, [_undated(location="Al-Baghuz", latitude=34.459, longitude=40.945)])))
    store.add_results(pairs)
    assert store.copies() == [] and len(store.events()) == 2
    d = doc("whole", "whole.example", published=None, text=PART_1 + "\n" + PART_2)  # type: ignore[arg-type]
    store.add_results([(d, result(d, [_undated(location="Al-Baghuz", latitude=34.459, longitude=40.945)]))])
    (story,) = store.copies()
    assert sorted(c["doc_id"] for c in story["copies"]) == ["p1", "p2", "whole"]
    assert len(story["links"]) == 2
    (one,) = store.events()  # one event with three sources, as a rebuild from scratch gives
    assert one.n_sources == 3
    store.rebuild_resolution()
    assert [e.n_sources for e in store.events()] == [3]


def test_copy_links_need_a_story_in_common() -> None:
    base = {"event_type": "Battles", "modality": "asserted", "location": "Hajin", "latitude": HAJIN[0],
            "longitude": HAJIN[1], "geo_precision": 1, "admin1": "Deir ez-Zor", "admin2": "Abu Kamal",
            "country": "Syria", "actor1": "SDF", "actor2": "IS", "day": None}
    a = {**base, "document_id": 1, "story": "st-1"}
    b = {**base, "document_id": 2, "story": "st-1"}
    c = {**base, "document_id": 3, "story": "st-2"}
    assert link(a, b) is not None and link(a, c) is None  # undated: only copies of one story link
    far = {**base, "document_id": 2, "story": "st-1", "location": "Raqqa", "latitude": 35.95, "longitude": 39.01, "admin2": "Raqqa", "admin1": "Raqqa"}
    assert link(a, far) is None  # copies still must not name two different places
    other_type = {**base, "document_id": 2, "story": "st-1", "event_type": "Protests"}
    assert link(a, other_type) is None


def test_a_daily_template_is_many_stories(store: Store) -> None:
    """One outlet's bulletin, the same words every day but the date: copies day to day, yet no story spans
    more than MAX_COPY_DAYS of publication dates (no chaining into one corpus-wide story)."""
    pairs = []
    for day in range(1, 11):
        text = WIRE.replace("مساء الأحد", f"مساء يوم {day} آذار")
        d = doc(f"day-{day:02d}", "bulletin.example", published=f"2019-03-{day:02d}", text=text)
        pairs.append((d, result(d, [event(event_date=f"2019-03-{day:02d}")])))
    store.add_results(pairs[:5])
    store.add_results(pairs[5:])
    stories = store.copies(min_size=1)
    assert len(stories) >= 3
    for s in stories:
        days = [int(c["published"][-2:]) for c in s["copies"]]
        assert max(days) - min(days) <= sim.MAX_COPY_DAYS
    assert sum(len(s["copies"]) for s in stories) == 10
    for e in store.events():  # consecutive days may pair up (as without copies), never chain over 3 days
        days = [int(x.published[-2:]) for x in e.sources]
        assert max(days) - min(days) <= 1
    store.rebuild_resolution()  # rebuilds the stories too, strongest links first
    assert all(max(int(c["published"][-2:]) for c in s["copies"]) - min(int(c["published"][-2:]) for c in s["copies"])
               <= sim.MAX_COPY_DAYS for s in store.copies(min_size=1))


def test_articles_stored_before_copies_get_sketched_when_read_again(store: Store) -> None:
    """A store upgraded to copies has articles without sketches: re-ingesting them (unchanged) links them."""
    import sqlalchemy as sa

    from rasid.store.schema import copy_links, doc_sketches, sketch_bands

    store.add_results(_corpus())
    with store.engine.begin() as conn:  # as if stored by a version without copy detection
        for table in (copy_links, sketch_bands, doc_sketches):
            conn.execute(table.delete())
    store.rebuild_resolution()
    assert store.copies() == [] and len(store.events()) == 3
    again = store.add_results(_corpus())
    assert again.unchanged == 3
    assert [len(s["copies"]) for s in store.copies()] == [2] and len(store.events()) == 2
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(doc_sketches)).scalar_one() == 3

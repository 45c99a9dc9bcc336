"""The typed resolved-event record: one ACLED column list, the store's queries return `ResolvedEvent`."""

from __future__ import annotations

import io
import json

from factories import five_outlets

from rasid.export.writers import write_jsonl
from rasid.models import ACLED_COLUMNS, EventSource, ResolvedEvent, SourceFatalities
from rasid.store import Store


def test_record_declares_acled_columns_in_acled_order() -> None:
    names = list(ResolvedEvent.model_fields)
    assert names[0] == "event_id"
    assert tuple(names[1:1 + len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31


def test_store_returns_typed_records(store: Store) -> None:
    store.add_results(five_outlets())
    (ev,) = store.events()
    assert isinstance(ev, ResolvedEvent)
    assert all(isinstance(s, EventSource) for s in ev.sources)
    assert all(isinstance(p, SourceFatalities) for p in ev.fatalities_by_source)
    assert ev.acled_row()[ACLED_COLUMNS.index("fatalities")] == ev.fatalities == 10
    one = store.event(ev.event_id_cnty)
    assert one == ev
    buf = io.StringIO()
    write_jsonl([ev], buf)
    line = json.loads(buf.getvalue())
    assert list(line)[:3] == ["event_id", "event_id_cnty", "event_date"]
    assert line["sources"][0]["mention"] == ev.sources[0].mention

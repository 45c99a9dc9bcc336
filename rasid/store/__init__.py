"""Corpus store: articles, event mentions, resolved events and claims in SQLite or PostgreSQL.

`from rasid.store import Store` is lazy so that `rasid --help` never imports SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasid.store.api import EventFilter, IngestSummary, Store, content_hash
    from rasid.store.db import StoreError

__all__ = ["Store", "EventFilter", "IngestSummary", "StoreError", "content_hash"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "EventFilter", "IngestSummary", "content_hash"):
        from rasid.store import api

        return getattr(api, name)
    if name == "StoreError":
        from rasid.store.db import StoreError

        return StoreError
    raise AttributeError(name)

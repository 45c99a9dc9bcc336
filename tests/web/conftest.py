"""Web app fixtures (see webtools.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).parent))  # webtools

from webtools import PASSWORD, make_client, seeded_pairs  # noqa: E402

from rasid.store import Store, users  # noqa: E402


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def seeded(store_url: str) -> Iterator[Store]:
    from rasid.web.security import hash_password

    store = Store(store_url)
    store.add_results(seeded_pairs())
    users.add(store.engine, "amal", hash_password(PASSWORD))
    yield store
    store.close()


@pytest.fixture
def client(seeded: Store):  # type: ignore[no-untyped-def]
    with make_client(seeded) as c:
        yield c



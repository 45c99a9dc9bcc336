"""Helpers of the web tests: a real SQLite store with real records, the real app, the browser's launch
options (Playwright on Debian's chromium; skipped, loudly, when /usr/bin/chromium is missing outside CI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).parents[1] / "store"))  # factories

from factories import doc, event, five_outlets, result  # noqa: E402

from rasid.models import Entity, Evidence  # noqa: E402
from rasid.store import Store  # noqa: E402

PASSWORD = "correct horse battery"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def seeded_pairs() -> list:
    """The Hajin clash from five outlets, plus an article whose text, title and outlet carry HTML payloads."""
    pairs = five_outlets()
    text = f"اشتباكات عنيفة في هجين {XSS} بين الطرفين"
    d = doc("xss-article", f"evil{XSS}.com", published="2018-11-05", text=text)
    d.title = f"عنوان {XSS}"
    r = result(d, [event(event_date="2018-11-05", location=f"Hajin{XSS}",
                         evidence=[Evidence(start=0, end=len(text), text=text), Evidence(start=0, end=8, text=text[:8])])])
    r.entities = [Entity(kind="place", text="هجين", start=14, end=18, canonical="Hajin", latitude=34.69, longitude=40.83)]
    pairs.append((d, r))
    return pairs


def make_client(store: Store, host: str = "127.0.0.1", **settings):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from rasid.web.app import Settings, create_app

    app = create_app(Settings(db=store.url, host=host, secret_key="test-secret", **settings), store=store)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def login(client, name: str = "amal", password: str = PASSWORD) -> str:  # type: ignore[no-untyped-def]
    """Log in through the form; returns the session's CSRF token."""
    token = client.get("/api/session").json()["csrf_token"]
    r = client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/events"})
    assert r.status_code == 303, r.text
    return client.get("/api/session").json()["csrf_token"]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_or_skip() -> str:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true but {CHROMIUM} is missing (.ci/run installs Debian's chromium)")
        pytest.skip(f"browser tests SKIPPED: {CHROMIUM} missing (apt-get install chromium)")
    return CHROMIUM

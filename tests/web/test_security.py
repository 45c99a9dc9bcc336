"""Users and safety: login rules, CSRF, escaping of hostile text, SQL injection in filters, uploads."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from webtools import PASSWORD, XSS, login, make_client

from rasid.store import Store

PAGES = ["/events", "/claims", "/audit"]


def _xss_event(store: Store) -> str:
    return next(e.event_id for e in store.events() if e.location and "<script>" in e.location)


def test_loopback_reads_without_login_but_review_upload_export_need_an_account(client, seeded) -> None:
    for path in PAGES + ["/api/events", f"/events/{_xss_event(seeded)}"]:
        assert client.get(path).status_code == 200, path
    assert client.get("/export").status_code == 303 and "/login" in client.get("/export").headers["location"]
    assert client.get("/api/export").status_code == 401
    assert client.get("/upload").status_code == 303
    token = client.get("/api/session").json()["csrf_token"]
    r = client.post(f"/api/events/{_xss_event(seeded)}/review", json={"action": "confirm"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 401


def test_any_other_address_needs_login_for_everything(seeded) -> None:
    with make_client(seeded, host="0.0.0.0") as c:
        r = c.get("/events?admin1=Raqqa")
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=%2Fevents%3Fadmin1%3DRaqqa")
        assert c.get("/api/events").status_code == 401
        assert c.get("/openapi.json").status_code == 200  # the API's description is public
        token = c.get("/api/session").json()["csrf_token"]
        bad = c.post("/login", data={"name": "amal", "password": "wrong", "csrf_token": token})
        assert bad.status_code == 401
        login(c)
        assert c.get("/events").status_code == 200 and c.get("/api/events").status_code == 200
        cookie = next(x for x in c.cookies.jar if x.name == "rasid_session")
        assert cookie.secure  # bound to a public address: the session cookie goes over HTTPS only


def test_session_cookie_flags_and_headers(client) -> None:
    r = client.get("/events")
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"


def test_state_changes_without_csrf_token_are_refused(client, seeded) -> None:
    token = login(client)
    ev = _xss_event(seeded)
    assert client.post(f"/events/{ev}/review", data={"action": "confirm"}).status_code == 403
    assert client.post(f"/events/{ev}/review", data={"action": "confirm", "csrf_token": "forged"}).status_code == 403
    assert client.post(f"/api/events/{ev}/review", json={"action": "confirm"}).status_code == 403
    assert client.post(f"/api/events/{ev}/review", json={"action": "confirm"},
                       headers={"X-CSRF-Token": token + "x"}).status_code == 403
    assert client.post("/logout").status_code == 403
    assert client.post("/upload", files={"files": ("a.txt", b"x")}).status_code == 403
    assert seeded.event(ev).status == "auto"  # type: ignore[union-attr]
    ok = client.post(f"/events/{ev}/review", data={"action": "confirm", "csrf_token": token})
    assert ok.status_code == 303 and seeded.event(ev).status == "confirmed"  # type: ignore[union-attr]
    fresh = make_client(seeded)
    with fresh:  # a token from another session is no good either
        assert fresh.post("/login", data={"name": "amal", "password": PASSWORD, "csrf_token": token}).status_code == 403


def test_hostile_text_is_escaped_everywhere(client, seeded) -> None:
    token = login(client)
    ev = _xss_event(seeded)
    r = client.post(f"/api/events/{ev}/review", json={"action": "edit", "field": "notes", "value": XSS},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200
    client.post(f"/api/events/{ev}/review", json={"action": "edit", "field": "actors", "value": {"actor1": XSS}},
                headers={"X-CSRF-Token": token})
    key = seeded.event(ev).sources[0].mention.split(":")[0]  # type: ignore[union-attr]
    for path in [f"/events/{ev}", f"/articles/{key}", "/events", "/audit", "/claims",
                 f"/events?actor={XSS}", f"/places?event_id={ev}&q={XSS}", f"/claims?subject={XSS}"]:
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        if path.startswith(("/events/", "/articles/")):
            assert "&lt;script&gt;" in html, path


@pytest.mark.parametrize("param", ["from", "to", "type", "sub", "actor", "inter", "admin1", "admin2", "location",
                                   "modality", "status", "outlet", "fatal", "geo", "time", "sort", "page", "per"])
def test_sql_injection_in_every_filter(client, seeded, param: str) -> None:
    before = seeded.stats()
    for payload in ["x' OR '1'='1", "1; DROP TABLE resolved_events; --", "%", "_", "\\", "' UNION SELECT * FROM users --"]:
        api = client.get("/api/events", params={param: payload})
        assert api.status_code in (200, 422), (param, payload)
        if api.status_code == 200:
            # a text filter matches nothing (or, for % and _, only names that really contain them)
            assert api.json()["total"] in (0, before["events"]) if param in ("fatal", "page", "per") else api.json()["total"] == 0
        page = client.get("/events", params={param: payload})
        assert page.status_code == 200
        assert client.get("/api/map", params={param: payload, "bbox": "30,30,50,40"}).status_code in (200, 422)
    assert seeded.stats() == before
    with seeded.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from users")).scalar_one() == 1


def _wait(client, job_id: str, api: bool = True) -> dict:
    for _ in range(600):
        job = client.get(f"/api/upload/{job_id}").json()
        if job["done"]:
            return job
        time.sleep(0.1)
    raise AssertionError("upload did not finish")


def test_upload_names_never_reach_a_path_and_bad_files_are_reported_alone(client, seeded, tmp_path: Path,
                                                                          monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    token = login(client)
    text = "قتل ثلاثة مدنيين في قصف مدفعي على بلدة هجين بريف دير الزور يوم الخميس.".encode()
    files = [
        ("files", ("../../evil.txt", text, "text/plain")),
        ("files", ("..\\..\\win.txt", text + b" 2", "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("binary.txt", bytes(range(256)) * 40, "application/octet-stream")),
        ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
        ("files", ("lines.jsonl", b'{"id": "ok-1", "text": "' + text + b' 3"}\n{broken\n', "application/json")),
    ]
    r = client.post("/api/upload", files=files, headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    job = _wait(client, r.json()["id"])
    states = {f["name"]: (f["state"], f["message"]) for f in job["files"]}
    assert states["evil.txt"][0] == "stored" and states["win.txt"][0] == "stored"
    assert states["empty.txt"] == ("failed", "empty: empty file")
    assert states["binary.txt"][0] == "failed" and states["notes.pdf"][0] == "failed"
    assert states["lines.jsonl"][0] == "stored" and "1 bad line" in states["lines.jsonl"][1]
    assert not list(tmp_path.rglob("*evil*")) and not (Path("/tmp") / "evil.txt").exists()
    with seeded.engine.connect() as conn:
        ids = {d for (d,) in conn.execute(sa.text("select doc_id from documents"))}
        paths = [p for (p,) in conn.execute(sa.text("select source_path from documents")) if p]
    assert {"evil", "win", "ok-1"} <= ids and not any(".." in i or "/" in i for i in ids)
    assert all("rasid-upload" not in p for p in paths)


def test_upload_size_limit(seeded) -> None:
    with make_client(seeded, max_upload_mb=1) as c:
        token = login(c)
        big = io.BytesIO(b"a" * (2 * 1024 * 1024))
        r = c.post("/api/upload", files={"files": ("big.txt", big, "text/plain")}, headers={"X-CSRF-Token": token})
        assert r.status_code == 413


def test_missing_front_end_packages_fail_with_a_clear_message(seeded, monkeypatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rasid.cli import app
    from rasid.web import assets

    monkeypatch.setattr(assets, "candidates", lambda: [tmp_path / "node_modules", tmp_path / "node_modules"])
    with pytest.raises(assets.AssetsMissing, match="npm ci"):
        assets.locate()
    out = CliRunner().invoke(app, ["serve", "--db", seeded.url])
    assert out.exit_code == 2 and "npm ci" in out.output and "Traceback" not in out.output

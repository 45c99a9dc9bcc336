"""HTML pages (server-rendered; htmx swaps the events view's results and the upload status)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from rasid.store import review as review_mod
from rasid.store import users
from rasid.store.review import GROUPS, ReviewError
from rasid.web import filters, places, security, views
from rasid.web.app import account, csrf, render, store_of, user_of, viewer

router = APIRouter(include_in_schema=False)


def _local(target: str | None) -> str:
    """A redirect target inside this site only."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/events"


@router.get("/")
def home() -> Response:
    return RedirectResponse("/events", status_code=303)


@router.get("/events")
def events(request: Request, user: str | None = Depends(viewer)) -> Response:
    """The events view: the table comes with the page; the governorate and timeline panels load right
    after it (their own requests, in parallel), so the page is usable before every aggregate is counted."""
    parsed = filters.parse(request.query_params)
    store = store_of(request)
    ctx: dict[str, Any] = {
        "p": parsed, "listing": views.event_list(store, parsed), "colours": views.TYPE_COLOURS, "lazy": True,
        "query": parsed.query(page=None, per=None, sort=None),
    }
    if request.headers.get("hx-target") == "results":
        return render(request, "events.html", ctx, block="results")
    ctx["facets"] = views.facets(store)
    return render(request, "events.html", ctx)


@router.get("/events/panels/governorates")
def governorates_panel(request: Request, user: str | None = Depends(viewer)) -> Response:
    parsed = filters.parse(request.query_params)
    return render(request, "events.html", {"p": parsed, "govs": views.governorates(store_of(request), parsed.filter)},
                  block="govs_panel")


@router.get("/events/panels/timeline")
def timeline_panel(request: Request, user: str | None = Depends(viewer)) -> Response:
    parsed = filters.parse(request.query_params)
    return render(request, "events.html", {"p": parsed, "timeline": views.timeline(store_of(request), parsed.filter)},
                  block="timeline_panel")


@router.get("/events/{event_id}")
def event(request: Request, event_id: str, user: str | None = Depends(viewer)) -> Response:
    data = views.event_page(store_of(request), event_id)
    if data is None:
        return render(request, "error.html", {"message": "No such event."}, status_code=404)
    return render(request, "event.html", {**data, "groups": GROUPS, "facets": views.facets(store_of(request))})


def _value_from_form(form: Any, group: str) -> Any:
    cols = GROUPS[group]
    if cols == (group,):
        return form.get(f"v_{group}")
    return {c: form.get(f"v_{c}") for c in cols if f"v_{c}" in form}


@router.post("/events/{event_id}/review", dependencies=[Depends(csrf)])
async def review(request: Request, event_id: str, user: str = Depends(account)) -> Response:
    form = await request.form()
    action = str(form.get("action") or "")
    group = str(form.get("field") or "")
    try:
        out = store_of(request).review(
            event_id, action, reviewer=user, note=str(form.get("note") or "") or None,
            field=group if action == "edit" else None,
            new_value=_value_from_form(form, group) if action == "edit" and group in GROUPS else None,
            other=str(form.get("other") or "") or None, mention=str(form.get("mention") or "") or None)
    except ReviewError as exc:
        request.session["flash"] = str(exc)
        return RedirectResponse(f"/events/{quote(event_id, safe='')}", status_code=303)
    views.forget_facets(store_of(request))
    return RedirectResponse(f"/events/{out['event_id']}", status_code=303)


@router.post("/reviews/{review_id}/undo", dependencies=[Depends(csrf)])
async def undo(request: Request, review_id: int, user: str = Depends(account)) -> Response:
    form = await request.form()
    back = _local(str(form.get("back") or ""))
    try:
        out = store_of(request).undo(review_id, reviewer=user)
    except ReviewError as exc:
        request.session["flash"] = str(exc)
        return RedirectResponse(back, status_code=303)
    views.forget_facets(store_of(request))
    if back.startswith("/events/"):
        back = f"/events/{out['event_id']}"
    return RedirectResponse(back, status_code=303)


@router.get("/places")
def place_search(request: Request, event_id: str, q: str = "", user: str | None = Depends(viewer)) -> Response:
    return render(request, "places.html", {"places": places.search(q), "q": q, "event_id": event_id})


@router.get("/articles/{key}")
def article(request: Request, key: str, user: str | None = Depends(viewer)) -> Response:
    data = views.article_page(store_of(request), key)
    if data is None:
        return render(request, "error.html", {"message": "No such article."}, status_code=404)
    return render(request, "article.html", {"a": data})


@router.get("/claims")
def claims(request: Request, conflicts: int = 0, subject: str = "", page: int = 1,
           user: str | None = Depends(viewer)) -> Response:
    page = max(1, min(page, 10**6))
    board = views.claims_board(store_of(request), conflicts_only=bool(conflicts), subject=subject[:200],
                               limit=50, offset=(page - 1) * 50)
    return render(request, "claims.html", {"board": board, "conflicts": bool(conflicts), "subject": subject[:200],
                                           "page": page})


@router.get("/audit")
def audit(request: Request, page: int = 1, user: str | None = Depends(viewer)) -> Response:
    page = max(1, min(page, 10**6))
    with store_of(request).engine.connect() as conn:
        rows = review_mod.recent(conn, 100, (page - 1) * 100)
    return render(request, "audit.html", {"rows": rows, "page": page})


@router.get("/export")
def export(request: Request, format: str = "acled-csv", user: str = Depends(account)) -> Response:
    if format not in views.EXPORTS:
        return render(request, "error.html", {"message": "Unknown export format."}, status_code=400)
    return views.export_response(store_of(request), filters.parse(request.query_params).filter, format)


@router.get("/upload")
def upload_form(request: Request, user: str = Depends(account)) -> Response:
    return render(request, "upload.html", {"job": None})


@router.post("/upload", dependencies=[Depends(csrf)])
async def upload(request: Request, user: str = Depends(account)) -> Response:
    from rasid.web.upload import MAX_FILES

    form = await request.form(max_files=MAX_FILES + 1)
    files = [f for f in form.getlist("files") if hasattr(f, "read")]
    if not files or len(files) > MAX_FILES:
        return render(request, "upload.html", {"job": None, "error": f"choose 1 to {MAX_FILES} files"},
                      block="job", status_code=400)
    loaded = [(str(getattr(f, "filename", "") or ""), await f.read()) for f in files]  # type: ignore[union-attr]
    job = request.app.state.uploads.submit(user, loaded)
    return render(request, "upload.html", {"job": job}, block="job")


@router.get("/upload/jobs/{job_id}")
def upload_status(request: Request, job_id: str, user: str = Depends(account)) -> Response:
    job = request.app.state.uploads.get(job_id, user)
    if job is None:
        return render(request, "error.html", {"message": "No such upload."}, status_code=404)
    return render(request, "upload.html", {"job": job}, block="job")


@router.get("/login")
def login_form(request: Request, next: str = "/events") -> Response:
    return render(request, "login.html", {"next": _local(next), "error": None})


@router.post("/login", dependencies=[Depends(csrf)])
def login(request: Request, name: str = Form(..., max_length=64), password: str = Form(..., max_length=1024),
          next: str = Form("/events")) -> Response:
    store = store_of(request)
    if not security.check_password(users.password_hash(store.engine, name), password):
        return render(request, "login.html", {"next": _local(next), "error": "Wrong name or password."},
                      status_code=401)
    request.session.clear()  # a new session (and CSRF token) at login
    request.session["user"] = name
    security.csrf_token(request)
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(csrf)])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/events" if request.app.state.public_read else "/login", status_code=303)


__all__ = ["router", "user_of"]

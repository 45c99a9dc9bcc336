"""The JSON API (OpenAPI at /openapi.json): events (filters, pagination), one event, one article, claim
groups, the map and timeline data, review actions, undo, export and upload.

Filters are the events page's query parameters (`rasid.web.filters`). State-changing calls need a
logged-in session and its CSRF token in `X-CSRF-Token` (GET /api/session gives it).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from rasid.models import ResolvedEvent
from rasid.store import review as review_mod
from rasid.store.review import ReviewError
from rasid.web import filters, places, security, views
from rasid.web.app import account, csrf, store_of, user_of, viewer

router = APIRouter(prefix="/api", tags=["api"])
FILTER_HELP = ("Filters: from, to (YYYY-MM-DD), type, sub, actor, inter, admin1, admin2, location, "
               "modality (repeat), status (repeat), outlet, fatal=1, geo (repeat), time (repeat), sort, page, per.")


def _parsed(request: Request) -> filters.Parsed:
    parsed = filters.parse(request.query_params)
    if parsed.errors:
        raise HTTPException(status_code=422, detail=parsed.errors)
    return parsed


class EventsPage(BaseModel):
    total: int
    page: int
    pages: int
    per: int
    events: list[ResolvedEvent]


class ReviewRequest(BaseModel):
    action: Literal["confirm", "reject", "edit", "merge", "split"]
    field: str | None = Field(None, description="edit: type, actors, place, date, fatalities, notes or one column")
    value: Any = Field(None, description="edit: the new value (an object of the group's columns for a group)")
    other: str | None = Field(None, description="merge: the other event's id")
    mention: str | None = Field(None, description="split: the mention key to take out")
    note: str | None = None


class ReviewResult(BaseModel):
    review_id: int
    event_id: str


class Session(BaseModel):
    user: str | None
    csrf_token: str
    public_read: bool


@router.get("/session", response_model=Session)
def session(request: Request) -> dict[str, Any]:
    """Who is logged in, and the CSRF token that state-changing calls must send."""
    return {"user": user_of(request), "csrf_token": security.csrf_token(request),
            "public_read": request.app.state.public_read}


@router.get("/events", response_model=EventsPage, description=FILTER_HELP)
def events(request: Request, user: str | None = Depends(viewer)) -> dict[str, Any]:
    listing = views.event_list(store_of(request), _parsed(request))
    return listing


@router.get("/events/{event_id}")
def event(request: Request, event_id: str, user: str | None = Depends(viewer)) -> dict[str, Any]:
    """One event with its sources (evidence words and the highlighted spans' kinds), claims, merge
    explanation and audit trail."""
    data = views.event_page(store_of(request), event_id)
    if data is None:
        raise HTTPException(status_code=404, detail="no such event")
    for s in data["sources"]:
        s.pop("segments", None)
    return {**data, "event": data["event"].model_dump()}


@router.get("/articles/{key}")
def article(request: Request, key: str, user: str | None = Depends(viewer)) -> dict[str, Any]:
    """One article (by the 16-hex prefix of its content hash): text, entities, mentions, claims, the places
    that could not be resolved."""
    data = views.article_page(store_of(request), key)
    if data is None:
        raise HTTPException(status_code=404, detail="no such article")
    data.pop("segments", None)
    data.pop("id", None)
    return data


@router.get("/claims")
def claims(request: Request, conflicts: bool = False, subject: str = Query("", max_length=200),
           limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
           user: str | None = Depends(viewer)) -> dict[str, Any]:
    """Claim groups, conflicts first."""
    return views.claims_board(store_of(request), conflicts_only=conflicts, subject=subject, limit=limit, offset=offset)


@router.get("/map", description=FILTER_HELP + " bbox=min_lon,min_lat,max_lon,max_lat and zoom choose the view;"
            " bounds=true adds the box a new filter's view fits (the bulk of its located events, in view or not;"
            " a few far strays left out), `located` (the filter's located events) and `beyond` (those the box"
            " leaves out).")
def map_data(request: Request, bbox: str | None = None, zoom: int = Query(6, ge=0, le=20), bounds: bool = False,
             user: str | None = Depends(viewer)) -> dict[str, Any]:
    """Located events in view: points, or counts per grid cell when there are too many."""
    return views.map_data(store_of(request), _parsed(request).filter, filters.parse_bbox(bbox), zoom, bounds)


@router.get("/timeline", description=FILTER_HELP)
def timeline(request: Request, user: str | None = Depends(viewer)) -> dict[str, Any]:
    return views.timeline(store_of(request), _parsed(request).filter)


@router.get("/governorates", description=FILTER_HELP)
def governorates(request: Request, user: str | None = Depends(viewer)) -> dict[str, Any]:
    """Events and fatalities by admin1 and week, and the change against the previous period."""
    return views.governorates(store_of(request), _parsed(request).filter)


@router.get("/places")
def place_search(q: str = Query(..., max_length=100), user: str | None = Depends(viewer)) -> list[dict[str, Any]]:
    """Gazetteer search (Arabic or English) for correcting a place."""
    return places.search(q)


@router.get("/audit")
def audit(request: Request, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
          user: str | None = Depends(viewer)) -> list[dict[str, Any]]:
    """Every review action, newest first (who, when, action, before, after, undone)."""
    with store_of(request).engine.connect() as conn:
        return review_mod.recent(conn, limit, offset)


@router.post("/events/{event_id}/review", response_model=ReviewResult, dependencies=[Depends(csrf)])
def review(request: Request, event_id: str, body: ReviewRequest, user: str = Depends(account)) -> dict[str, Any]:
    try:
        out = store_of(request).review(event_id, body.action, reviewer=user, note=body.note, field=body.field,
                                       new_value=body.value, other=body.other, mention=body.mention)
    except ReviewError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    views.forget_facets(store_of(request))
    return out


@router.post("/reviews/{review_id}/undo", response_model=ReviewResult, dependencies=[Depends(csrf)])
def undo(request: Request, review_id: int, user: str = Depends(account)) -> dict[str, Any]:
    try:
        out = store_of(request).undo(review_id, reviewer=user)
    except ReviewError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    views.forget_facets(store_of(request))
    return out


@router.get("/export", description=FILTER_HELP + " format: acled-csv, geojson or jsonl.")
def export(request: Request, format: Literal["acled-csv", "geojson", "jsonl"] = "acled-csv",
           user: str = Depends(account)) -> Response:
    """Exactly the filtered set, every page of it."""
    return views.export_response(store_of(request), _parsed(request).filter, format)


@router.post("/upload", dependencies=[Depends(csrf)])
async def upload(request: Request, files: list[UploadFile] = File(...), user: str = Depends(account)) -> dict[str, Any]:
    """Upload .txt, .html and .jsonl files; returns the job to poll (GET /api/upload/{id})."""
    from rasid.web.upload import MAX_FILES

    if len(files) > MAX_FILES:
        raise HTTPException(status_code=400, detail=f"at most {MAX_FILES} files at once")
    loaded = [(f.filename or "", await f.read()) for f in files]
    return request.app.state.uploads.submit(user, loaded).as_dict()  # type: ignore[no-any-return]


@router.get("/upload/{job_id}")
def upload_status(request: Request, job_id: str, user: str = Depends(account)) -> dict[str, Any]:
    job = request.app.state.uploads.get(job_id, user)
    if job is None:
        raise HTTPException(status_code=404, detail="no such upload")
    return job.as_dict()  # type: ignore[no-any-return]

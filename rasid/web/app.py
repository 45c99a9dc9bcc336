"""The FastAPI application: settings, middleware, access rules, and the shared pieces of both routers.

Access: bound to a loopback address, reading works without an account; bound to any other address,
everything needs one. Review, upload and export always need an account (`rasid user add NAME`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.middleware.sessions import SessionMiddleware

from rasid.models import ACLED_COLUMNS
from rasid.store import users
from rasid.store.api import Store
from rasid.web import assets, security
from rasid.web.upload import Uploads

HERE = Path(__file__).parent


@dataclass
class Settings:
    db: str
    host: str = "127.0.0.1"
    tiles: bool = False  # add OpenStreetMap tiles under the offline outlines (needs internet)
    max_upload_mb: int = 50
    cookie_secure: bool | None = None  # default: secure unless bound to loopback
    secret_key: str | None = None  # default: a random secret kept in the store


class LoginRequired(Exception):
    pass


def user_of(request: Request) -> str | None:
    name = request.session.get("user")
    return str(name) if name else None


def viewer(request: Request) -> str | None:
    """Dependency of every read: the user, or None when anonymous reading is allowed (loopback)."""
    user = user_of(request)
    if user is None and not request.app.state.public_read:
        raise LoginRequired()
    return user


def account(request: Request) -> str:
    """Dependency of review, upload and export: a logged-in user."""
    user = user_of(request)
    if user is None:
        raise LoginRequired()
    return user


async def csrf(request: Request) -> None:
    """Dependency of every state-changing route."""
    if request.method in security.UNSAFE and not await security.csrf_ok(request):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token (reload the page)")


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


templates = Jinja2Blocks(directory=str(HERE / "templates"))


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200,
           block: str | None = None) -> Response:
    ctx = {"user": user_of(request), "csrf": security.csrf_token(request), "public_read": request.app.state.public_read,
           "tiles": request.app.state.settings.tiles, "flash": request.session.pop("flash", None), **context}
    if block:
        return templates.TemplateResponse(request, name, ctx, status_code=status_code, block_name=block)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def _fmt_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "–".join(_fmt_number(v) for v in value)
    return "" if value is None else str(value)


_TYPE_CLASS = {"Battles": "t-battles", "Explosions/Remote violence": "t-explosions", "Violence against civilians": "t-vac",
               "Protests": "t-protests", "Riots": "t-riots", "Strategic developments": "t-strategic"}
def _changes(old: Any, new: Any) -> list[tuple[str, str, str]]:
    """(what, before, after) of a review, for people: only the columns that changed."""
    def text(v: Any) -> str:
        return "—" if v is None or v == "" else _fmt_number(v) if not isinstance(v, dict) else ", ".join(
            f"{k} {_fmt_number(x)}" for k, x in v.items())

    if isinstance(old, dict) or isinstance(new, dict):
        o, n = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        keys = [k for k in dict.fromkeys([*o, *n]) if o.get(k) != n.get(k)]
        return [(k, text(o.get(k)), text(n.get(k))) for k in keys]
    return [("", text(old), text(new))]


templates.env.filters["num"] = _fmt_number
templates.env.filters["changes"] = _changes
templates.env.filters["tclass"] = lambda t: _TYPE_CLASS.get(t, "t-other")
templates.env.globals["quote"] = lambda s: quote(str(s), safe="")
templates.env.globals["acled_columns"] = ACLED_COLUMNS


def _tune_sqlite(store: Store) -> None:
    """A long-running reader of a SQLite store: a larger page cache and memory-mapped reads (the panels
    read many rows of one table), and statistics for the planner (which index a bbox or a date range
    should use): gathered once for a store that has none, else refreshed by SQLite when stale (cheap)."""
    if store.engine.dialect.name != "sqlite":
        return  # PostgreSQL has its shared buffers, and autovacuum keeps its statistics

    @sa.event.listens_for(store.engine, "connect")
    def _reader(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA cache_size = -131072")  # 128 MB
        cur.execute("PRAGMA mmap_size = 1073741824")
        cur.close()

    store.engine.dispose()  # connections opened before (migrations) get the settings too
    with store.engine.connect() as conn:
        has_stats = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").first() is not None
        conn.exec_driver_sql("PRAGMA optimize" if has_stats else "ANALYZE")


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The app over one store. Raises `assets.AssetsMissing` when the npm packages are not installed."""
    vendor = assets.locate()
    store = store or Store(settings.db)
    _tune_sqlite(store)
    app = FastAPI(title="rasid", summary="Review Arabic conflict events against their evidence",
                  version="1", docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.public_read = security.is_loopback(settings.host)
    app.state.uploads = Uploads(store)
    secure = settings.cookie_secure if settings.cookie_secure is not None else not app.state.public_read
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key or users.secret(store.engine),
                       session_cookie="rasid_session", max_age=12 * 3600, same_site="lax", https_only=secure)
    app.middleware("http")(security.security_headers(settings.tiles))
    app.add_middleware(security.BodyLimit, limit=settings.max_upload_mb * 1024 * 1024)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/vendor/{name:path}", include_in_schema=False)
    def vendor_file(name: str) -> Response:
        path = vendor.get(name)  # a fixed table: the request's name never becomes a path
        if path is None:
            raise HTTPException(status_code=404)
        return FileResponse(path, media_type=assets.MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.exception_handler(LoginRequired)
    def login_required(request: Request, _exc: LoginRequired) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "login required"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        url = f"/login?next={quote(target, safe='')}"
        if request.headers.get("hx-request"):
            return Response(status_code=200, headers={"HX-Redirect": url})
        return RedirectResponse(url, status_code=303)

    from rasid.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app

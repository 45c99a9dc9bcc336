"""`rasid serve` and `rasid user`: the web app's commands (registered by rasid.cli; imports stay inside)."""

from __future__ import annotations

import sys

import typer

from rasid.cli_errors import fail
from rasid.store.cli import DB_HELP, _open

user_app = typer.Typer(help="Accounts of the web app (review, upload and export need one).", no_args_is_help=True)


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="User name: letters, digits, . _ @ -"),
    db: str = typer.Option(..., "--db", help=DB_HELP),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    reset: bool = typer.Option(False, "--reset", help="Set a new password for an existing user."),
) -> None:
    """Create an account (the password is asked twice, or read from stdin)."""
    from rasid.store import users
    from rasid.web.security import hash_password

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("a password needs at least 8 characters")
    with _open(db) as store:
        try:
            users.add(store.engine, name, hash_password(password), replace=reset)
        except users.UserError as exc:
            fail(str(exc))
    typer.echo(f"user {name} {'updated' if reset else 'added'}")


@user_app.command("list")
def user_list(db: str = typer.Option(..., "--db", help=DB_HELP)) -> None:
    """The accounts of this store."""
    from rasid.store import users

    with _open(db, must_exist=True) as store:
        for name in users.names(store.engine):
            typer.echo(name)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")

    @app.command()
    def serve(
        db: str = typer.Option(..., "--db", help=DB_HELP),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback: reading needs no login)."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        tiles: bool = typer.Option(False, "--tiles/--no-tiles", help="Add OpenStreetMap tiles under the map (needs internet)."),
        max_upload_mb: int = typer.Option(50, "--max-upload-mb", help="Largest request body (uploads), in MB."),
        cookie_secure: bool = typer.Option(None, "--secure-cookies/--no-secure-cookies",
                                           help="Send the session cookie over HTTPS only (default: unless on loopback)."),
    ) -> None:
        """The analyst's workbench: events on a map, evidence, review, contradictions, upload, export."""
        from rasid.web.assets import AssetsMissing, locate

        if not 0 < port < 65536:
            fail("--port must be 1-65535")
        if max_upload_mb < 1:
            fail("--max-upload-mb must be at least 1")
        try:
            locate()
        except AssetsMissing as exc:
            fail(str(exc))
        import uvicorn

        from rasid.store import users
        from rasid.web.app import Settings, create_app
        from rasid.web.security import is_loopback

        with _open(db) as store:
            settings = Settings(db=db, host=host, tiles=tiles, max_upload_mb=max_upload_mb, cookie_secure=cookie_secure)
            web = create_app(settings, store=store)
            if not users.names(store.engine):
                typer.echo(f"rasid: no accounts yet: add one with `rasid user add NAME --db {db}` to review, upload "
                           "and export" + ("" if is_loopback(host) else " (on this address every page needs one)"),
                           err=True)
            typer.echo(f"rasid: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
            uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)

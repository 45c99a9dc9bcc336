"""The one way a command reports a user mistake: one line on stderr, a non-zero exit, no traceback."""

from __future__ import annotations

from typing import NoReturn

import typer


def fail(message: str, code: int = 2) -> NoReturn:
    """A user mistake (bad option, missing file, broken lexicon): `rasid: message` on stderr, exit `code`."""
    typer.echo(f"rasid: {message}", err=True)
    raise typer.Exit(code)

"""CLI commands of the store stage (registered by rasid.cli)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this stage's commands to the main app; keep imports inside the commands."""
    return None

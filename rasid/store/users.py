"""Accounts of the web app and its settings, in the store (so a team sharing a PostgreSQL store shares them).

Only password hashes are stored; hashing and checking live in `rasid.web.security` (argon2).
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from rasid.store import db
from rasid.store.schema import settings, users

NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


class UserError(ValueError):
    """A bad user name, or a name already taken: the message is for the person typing it."""


def add(engine: Engine, name: str, password_hash: str, *, replace: bool = False) -> None:
    """Create an account (or set its password with `replace`)."""
    if not NAME.match(name):
        raise UserError("a user name is 1-64 letters, digits or . _ @ -")

    def run(conn: Connection) -> None:
        exists = conn.execute(sa.select(users.c.id).where(users.c.name == name)).first() is not None
        if exists and not replace:
            raise UserError(f"user {name!r} exists (use --reset to set a new password)")
        if exists:
            conn.execute(users.update().where(users.c.name == name).values(password_hash=password_hash))
        else:
            conn.execute(users.insert().values(name=name, password_hash=password_hash,
                                               created_at=datetime.now(UTC).isoformat(timespec="seconds")))

    db.write(engine, run)


def password_hash(engine: Engine, name: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(sa.select(users.c.password_hash).where(users.c.name == name)).scalar()


def names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [n for (n,) in conn.execute(sa.select(users.c.name).order_by(users.c.name))]


def secret(engine: Engine, key: str = "session_secret") -> str:
    """A random secret kept in the store (made on first use): signs the web app's session cookies."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
    if value:
        return str(value)

    def run(conn: Connection) -> str:
        found = conn.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()
        if found:
            return str(found)
        made = secrets.token_urlsafe(48)
        conn.execute(settings.insert().values(key=key, value=made))
        return made

    return db.write(engine, run)

"""Web UI logins: a pasted API key traded for a session token (kept only as its sha256), and when a key
was last used.

A session ends at its expiry, at logout, or when its key is revoked. The token itself is never
stored or logged; the browser holds it in an HttpOnly cookie.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from models.service_tables import ApiKey, UiSession
from service.access import hash_secret

TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is refreshed this often at most: reads stay reads


def _aware(t: datetime) -> datetime:
    # SQLite gives back naive datetimes (stored in UTC); PostgreSQL aware ones
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def open_session(session: Session, key: ApiKey, hours: float) -> str:
    """A new session for `key`: the token to hand the browser (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=hours)
    session.add(UiSession(token_hash=hash_secret(token), key_id=key.id, expires_at=expires))
    return token


def key_of_session(session: Session, token: str) -> ApiKey | None:
    """The live key a live session was opened with, or None."""
    row = session.execute(
        select(UiSession, ApiKey)
        .join(ApiKey, ApiKey.id == UiSession.key_id)
        .where(UiSession.token_hash == hash_secret(token))
    ).first()
    if row is None:
        return None
    ui, key = row
    if key.revoked_at is not None or _aware(ui.expires_at) < datetime.now(UTC):
        return None
    return key


def close_session(session: Session, token: str) -> ApiKey | None:
    """End the session; the key it was opened with (None for an unknown token)."""
    ui = session.get(UiSession, hash_secret(token))
    if ui is None:
        return None
    key = session.get(ApiKey, ui.key_id)
    session.delete(ui)
    return key


def touch(factory: sessionmaker[Session], key: ApiKey) -> None:
    """Note that `key` was used now, at most every TOUCH_EVERY (in its own short transaction)."""
    now = datetime.now(UTC)
    if key.last_used_at is not None and _aware(key.last_used_at) > now - TOUCH_EVERY:
        return
    try:
        with factory() as s, s.begin():
            s.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
    except Exception:  # noqa: BLE001 - a busy database must not fail the request over a timestamp
        pass

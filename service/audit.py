"""The audit log: every write (upload, correction, key made or revoked, login) as one row, in the same
transaction as the write itself, so a write without its entry cannot happen.

`detail` holds what identifies the change (a path and value, a file name and hash, a key's id and
role); never a secret: keys and session tokens are not passed here at all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.service_tables import AuditEntry
from service.access import Principal


def record(
    session: Session,
    who: Principal | None,
    action: str,
    target: str | None = None,
    client: str | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        key_id=who.key_id if who else None,
        actor=who.label if who else "vanban CLI",
        action=action,
        target=target,
        detail=detail,
        client=client,
    )
    session.add(entry)
    return entry

"""Who may do what: API keys, roles, a clerk's jurisdiction.

    clerk    upload documents, correct them; read documents and jobs (to check what was read)
    analyst  read documents and jobs; query lineage, duties, gaps; search
    admin    everything, and manage keys and read the audit log

A key is "vb_" + 32 random bytes (url-safe base64). Only its sha256 is stored; the key is shown once,
when it is made. A clerk may be limited to a province, or to a district of one: their uploads and
corrections must concern a document of that jurisdiction. A province named after the 2025
reorganisation covers the legacy provinces merged into it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor import places
from extractor.bodies import describe
from extractor.places import find_districts, successor_province
from graph.errors import UnknownJurisdiction
from graph.units import find_place, successor
from models.service_tables import ROLES, ApiKey
from service.errors import Invalid

KEY_PREFIX = "vb_"

PERMISSIONS: dict[str, frozenset[str]] = {
    "upload": frozenset({"clerk", "admin"}),
    "correct": frozenset({"clerk", "admin"}),
    "read": frozenset({"clerk", "analyst", "admin"}),
    "query": frozenset({"analyst", "admin"}),
    "admin": frozenset({"admin"}),
}


class UnknownPlace(UnknownJurisdiction):
    """A key's province or district that names no place (or a district outside the province named)."""


@dataclass(frozen=True)
class Principal:
    """The caller of one request, as the key says (a snapshot: nothing here touches the database)."""

    key_id: int
    name: str
    role: str
    province: str | None = None
    district: str | None = None

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    @property
    def label(self) -> str:
        """How the audit log and corrections name this caller."""
        return f"{self.name} ({self.role} #{self.key_id})"

    def covers(self, province: str | None, district: str | None) -> bool:
        """Whether a document of this jurisdiction is within the caller's limits."""
        return in_scope(self.province, self.district, province, district)

    def outside(self, header: dict[str, Any]) -> str | None:
        """None when a document with this header (a record's "document") is within the caller's limits by
        every field that decides its jurisdiction; else the first field that takes it out of them."""
        return outside_scope(self.province, self.district, header)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret(prefix: str = KEY_PREFIX) -> str:
    return prefix + secrets.token_urlsafe(32)


def scope_of(province: str | None, district: str | None) -> tuple[str | None, str | None]:
    """The canonical (province, district) for names a person typed; raises UnknownPlace."""
    if district:
        place = find_place(f"{district}, {province}" if province else district)
        place = place if place is not None and place.district else find_place(district)
        if place is None or not place.district:
            raise UnknownPlace(district)
        if province:
            outer = find_place(province)
            if outer is None:
                raise UnknownPlace(province)
            if _key(outer.province) != _key(place.province):
                raise UnknownPlace(f"{district} ({province})")
        return place.province, place.district
    if province:
        place = find_place(province)
        if place is None or place.district:
            raise UnknownPlace(province)
        return place.province, None
    return None, None


def _key(name: str | None) -> str:
    return places.key(name) if name else ""


def in_scope(
    limit_province: str | None, limit_district: str | None, province: str | None, district: str | None
) -> bool:
    if not limit_province and not limit_district:
        return True
    if not province:
        return False  # a national or ministry document is nobody's local business
    if limit_province and _key(limit_province) not in (_key(province), _key(successor(province))):
        return False
    return not limit_district or _key(limit_district) == _key(district)


LOCAL_LEVELS = ("province", "district", "commune")


def outside_scope(limit_province: str | None, limit_district: str | None, header: dict[str, Any]) -> str | None:
    """Which of level, province, district, issuer puts a document with this header outside the limits.

    A correction is judged on the record it leaves: "document.level" set to "national" on a Quảng Bình
    letter, "document.district" set to Quận 1 (Hồ Chí Minh), "document.issuer" set to "Bộ Tài chính" or to
    another province's people's committee each take it out of a Quảng Bình clerk's reach."""
    if not limit_province and not limit_district:
        return None
    level, province, district = header.get("level"), header.get("province"), header.get("district")
    if level is not None and (level not in LOCAL_LEVELS or (limit_district and level == "province")):
        return "level"
    if not in_scope(limit_province, limit_district, province, district):
        return "province" if not in_scope(limit_province, None, province, None) else "district"
    if district and not _district_of(district, province):
        return "district"
    issuer = header.get("issuer")
    if issuer and _issuer_outside(limit_province, limit_district, issuer):
        return "issuer"
    return None


def _district_of(district: str, province: str | None) -> bool:
    """Whether `district` is a district of `province` (or of a province merged into it in 2025)."""
    options = [d.province for d in find_districts(district)]
    place = find_place(district)  # numbered urban districts: "Quận 1"
    if place is not None and place.district:
        options.append(place.province)
    target = _key(province)
    return any(target in (_key(p), _key(successor_province(p))) for p in options)


def _issuer_outside(limit_province: str | None, limit_district: str | None, issuer: str) -> bool:
    body = describe(issuer)
    if body.level in ("national", "ministry"):
        return True
    if body.district:
        # a district name repeats across provinces ("Châu Thành"): in reach if one of them is
        named: list[tuple[str | None, str]] = [(d.province, d.name) for d in find_districts(body.district)]
        named = named or [(body.province, body.district)]
        return not any(in_scope(limit_province, limit_district, p, d) for p, d in named)
    if body.province:
        return not in_scope(limit_province, limit_district, body.province, None)
    return False  # a body named without its place ("Sở Tài chính") is the document's own


def create_key(
    session: Session, *, role: str, name: str, province: str | None = None, district: str | None = None
) -> tuple[ApiKey, str]:
    """A new key row and the key itself (shown once, stored only as a hash)."""
    if role not in ROLES:
        raise Invalid(
            f"role {role!r}: expected one of {', '.join(ROLES)}",
            f"vai trò {role!r} không hợp lệ: chỉ có {', '.join(ROLES)}",
        )
    if role != "clerk" and (province or district):
        raise Invalid(
            "only a clerk is limited to a province or district",
            "chỉ cán bộ văn thư (clerk) mới được giới hạn theo tỉnh hoặc huyện",
        )
    province, district = scope_of(province, district)
    secret = new_secret()
    row = ApiKey(
        name=name,
        role=role,
        province=province,
        district=district,
        prefix=secret[:10],
        key_hash=hash_secret(secret),
    )
    session.add(row)
    session.flush()
    return row, secret


def principal(row: ApiKey) -> Principal:
    return Principal(row.id, row.name, row.role, row.province, row.district)


def authenticate(session: Session, secret: str) -> ApiKey | None:
    """The live key with this text, or None. Comparison is by hash lookup: no secret is compared in Python."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > 200:
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_secret(secret)))
    if row is None or row.revoked_at is not None:
        return None
    return row


def revoke(session: Session, key_id: int) -> ApiKey | None:
    row = session.get(ApiKey, key_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    return row

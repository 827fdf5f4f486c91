"""Who issued a document, read from its symbol code and its jurisdiction.

"TTg" -> Thủ tướng Chính phủ;  "BGDĐT" -> Bộ Giáo dục và Đào tạo (kind letter B + field GDĐT);
"STC" in a Bắc Giang document -> Sở Tài chính tỉnh Bắc Giang;  "UBND" needs a locality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import places, vocab


@dataclass(frozen=True)
class Jurisdiction:
    level: str | None = None
    province: str | None = None
    district: str | None = None


@cache
def _field_codes() -> dict[str, str]:
    out = {}
    for f in vocab.fields():
        for c in f.codes:
            out[c.upper().replace("&", "")] = f.name
    return out


def for_code(code: str) -> tuple[str | None, bool]:
    """(body name, needs a locality) for an issuer code; (None, False) when unknown."""
    codes = vocab.issuer_codes()
    if code in codes:
        c = codes[code]
        return c.name, c.local
    bare = re.sub(r"\d+$", "", code)  # "UBTVQH13" -> "UBTVQH", "QH11" -> "QH"
    if bare in codes and codes[bare].prefix:
        return codes[bare].name, False
    kinds = vocab.kinds_with_field()
    head, rest = code[:1], code[1:].upper().replace("&", "")
    if head in kinds and rest in _field_codes():
        kind = kinds[head]
        return f"{kind} {_field_codes()[rest]}", kind in ("Sở", "Phòng")
    return None, False


def localize(name: str, where: Jurisdiction, *, any_body: bool = False) -> str:
    """Add the jurisdiction to a local body named without one: "Sở Tài chính" -> "Sở Tài chính tỉnh Bắc Giang"."""
    from extractor.agencies import canonical  # agencies imports nothing of this module

    low = name.lower()
    has_place = bool(
        re.search(r"\b(tỉnh|huyện|quận|thị xã|xã(?! hội)|phường|thị trấn|thành phố)\s+\S", name)
    ) or re.search(r"\b(tỉnh|thành) ủy\s+[A-ZĐÀ-Ỹ]", name, re.I)
    if has_place:
        return name
    province = places.find_province(where.province) if where.province else None
    prov_phrase = (
        (f"thành phố {province.name}" if province.is_city else f"tỉnh {province.name}") if province else None
    )
    dist_phrase = f"huyện {where.district}" if where.district else None
    if low.endswith(" tỉnh") and prov_phrase:
        return canonical(name[: -len(" tỉnh")] + " " + prov_phrase)
    if low.endswith(" thành phố") and province and province.is_city:
        return canonical(name[: -len(" thành phố")] + " " + prov_phrase)
    if low.endswith(" huyện") and dist_phrase:
        return canonical(name[: -len(" huyện")] + " " + dist_phrase)
    if low.startswith(("sở ", "ban thường vụ tỉnh ủy")) and prov_phrase:
        return f"{name} {prov_phrase}"
    if low.startswith("tỉnh ủy") and province:
        return f"{name} {province.name}"
    if low.startswith(("phòng ", "huyện ủy")) and dist_phrase:
        return f"{name} {dist_phrase}"
    if any_body:  # a body printed under its local government ("UBND TỈNH QUẢNG NAM / BAN CHỈ ĐẠO ...")
        if where.level == "district" and dist_phrase:
            return f"{name} {dist_phrase}"
        if where.level == "province" and prov_phrase:
            return f"{name} {prov_phrase}"
    return name

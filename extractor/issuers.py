"""Who issued a document, read from its symbol code and its jurisdiction.

"TTg" -> Thủ tướng Chính phủ;  "BGDĐT" -> Bộ Giáo dục và Đào tạo (kind letter B + field GDĐT);
"STC" in a Bắc Giang document -> Sở Tài chính tỉnh Bắc Giang;  "UBND" needs a locality.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor import places, vocab
from extractor.folding import fold
from extractor.patterns import CODE_TERM, ISSUER_HAS_PLACE, ISSUER_PARTY_PLACE


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
    bare = CODE_TERM.sub("", code)  # "UBTVQH13" -> "UBTVQH", "QH11" -> "QH"
    if bare in codes and codes[bare].prefix:
        return codes[bare].name, False
    kinds = vocab.kinds_with_field()
    head, rest = code[:1], code[1:].upper().replace("&", "")
    if head in kinds and rest in _field_codes():
        kind = kinds[head]
        return f"{kind} {_field_codes()[rest]}", kind in _rules()["local_field_kinds"]
    return None, False


@cache
def _rules() -> dict:
    return dict(vocab.agency_lexicon()["localize"])


def localize(name: str, where: Jurisdiction, *, any_body: bool = False) -> str:
    """Add the jurisdiction to a local body named without one: "Sở Tài chính" -> "Sở Tài chính tỉnh Bắc Giang"."""
    if ISSUER_HAS_PLACE.search(name) or ISSUER_PARTY_PLACE.search(name):
        return name
    province = places.find_province(where.province) if where.province else None
    prov_phrase = (f"thành phố {province.name}" if province.is_city else f"tỉnh {province.name}") if province else None
    dist_phrase = f"huyện {where.district}" if where.district else None
    if ending := _ending_unit(name, province, prov_phrase, dist_phrase):
        return ending
    low = fold(name)
    rules = _rules()
    if low.startswith(tuple(rules["province"])) and prov_phrase:
        return f"{name} {prov_phrase}"
    if low.startswith(tuple(rules["province_bare"])) and province:
        return f"{name} {province.name}"
    if low.startswith(tuple(rules["district"])) and dist_phrase:
        return f"{name} {dist_phrase}"
    if any_body:  # a body printed under its local government ("UBND TỈNH QUẢNG NAM / BAN CHỈ ĐẠO ...")
        if where.level == "district" and dist_phrase:
            return f"{name} {dist_phrase}"
        if where.level == "province" and prov_phrase:
            return f"{name} {prov_phrase}"
    return name


def _ending_unit(
    name: str, province: places.Province | None, prov_phrase: str | None, dist_phrase: str | None
) -> str | None:
    """ "Ủy ban nhân dân tỉnh" -> "Ủy ban nhân dân tỉnh Quảng Bình": a bare unit word at the end takes the place."""
    from extractor.agencies import canonical  # agencies imports nothing of this module

    low = fold(name)
    for unit, scope in _rules()["ending_units"].items():
        if not low.endswith(" " + unit):
            continue
        stem = name[: -len(unit) - 1]
        if scope == "province" and prov_phrase:
            return canonical(f"{stem} {prov_phrase}")
        if scope == "city" and province and province.is_city and prov_phrase:
            return canonical(f"{stem} {prov_phrase}")
        if scope == "district" and dist_phrase:
            return canonical(f"{stem} {dist_phrase}")
    return None

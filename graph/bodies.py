"""Agencies as the graph keeps them: a body kind ("sở giáo dục và đào tạo"), a level and a place.

A task's agency is written relative to its document: "Sở Giáo dục và Đào tạo" in Quảng Bình's letter
is Quảng Bình's Sở; "Ủy ban nhân dân các huyện, thị xã, thành phố" in a provincial plan is the district
people's committees of that province. `describe()` turns a name and the document's jurisdiction into
the canonical, localised name, the body key (the body without its place, for --agency matching across
provinces), the administrative level it acts at, and its province and district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor import agencies, issuers, places
from extractor.clean import fold
from extractor.tokens import tokenize

# The unit a name is qualified with -> the level the body acts at.
_UNIT_LEVEL = {
    "tỉnh": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "thôn": "commune",
    "ấp": "commune",
    "tổ dân phố": "commune",
    "thôn ấp": "commune",
    "khu phố": "commune",
}
# Kinds whose level is in the word itself.
_KIND_LEVEL = {
    "sở": "province",
    "phòng": "district",
    "bộ": "ministry",
    "tổng cục": "ministry",
    "cục": "ministry",
}
# Groups addressed to local government in general ("các địa phương"): local, level unspecified.
_LOCAL_GROUPS = ("địa phương", "các tỉnh", "tỉnh, thành phố")


@dataclass(frozen=True)
class Body:
    canonical: str  # "Sở Giáo dục và Đào tạo tỉnh Quảng Bình"
    key: str  # "sở giáo dục và đào tạo"
    level: str | None  # national | ministry | province | district | commune | local (unspecified)
    province: str | None
    district: str | None


@dataclass(frozen=True)
class Where:
    """The jurisdiction of the document that names the body."""

    level: str | None = None
    province: str | None = None
    district: str | None = None


def _parse(name: str) -> agencies.Agency | None:
    toks = tokenize(name)
    a = agencies.match_at(toks, 0, name)
    return a if a and a.tok_end == len(toks) else None


def _core(a: agencies.Agency) -> str:
    """The body without its qualifiers: "Ủy ban nhân dân các tỉnh, thành phố ..." -> "Ủy ban nhân dân"."""
    name = a.name
    for part in reversed(a.parts):
        if name.endswith(" " + part):
            name = name[: -len(part) - 1]
    return name


def _level(a: agencies.Agency | None, canonical: str, where: Where) -> str | None:
    key = fold(canonical)
    if a is not None and a.unit:
        if a.unit == "thành phố":
            p = places.find_province(a.place) if a.place else None
            if a.place:
                return "province" if p and p.is_city else "district"
            city = places.find_province(where.province) if where.province else None
            # "UBND Thành phố" in a city's own plan is the city; elsewhere, a provincial town
            return "province" if city and city.is_city and where.level == "province" else "district"
        if a.unit in _UNIT_LEVEL:
            return _UNIT_LEVEL[a.unit]
    for kind, level in _KIND_LEVEL.items():
        if key.startswith(kind + " "):
            return level
    if any(g in key for g in _LOCAL_GROUPS):
        return "province" if "tỉnh" in key else "local"
    if a is not None and a.is_group:
        return None  # "các tổ chức kinh tế, tổ chức xã hội": no level unless a unit or group says so
    # extractor.agencies.level_of reads the "xã" of "xã hội" as a commune ("Ngân hàng Chính sách xã hội")
    return agencies.level_of(re.sub(r"(?i)\bxã hội\b", "", canonical))


@lru_cache(maxsize=65536)
def describe(name: str, where: Where = Where()) -> Body:
    canonical = agencies.canonical(name)
    if where.province:
        canonical = issuers.localize(canonical, issuers.Jurisdiction(where.level, where.province, where.district))
    a = _parse(canonical)
    core = _core(a) if a and not a.is_group else canonical
    level = _level(a, canonical, where)
    province = district = None
    if a is not None and a.place:
        if a.unit in ("tỉnh", "thành phố") and (p := places.find_province(a.place)):
            province = p.name
        elif ds := places.find_districts(a.place, where.province):
            province, district = ds[0].province, ds[0].name
    if province is None and level not in ("national", "ministry"):
        # a local body named without its place belongs to the document's jurisdiction
        province = where.province
        if level in ("district", "commune") or (level is None and where.level in ("district", "commune")):
            district = where.district
    return Body(canonical=canonical, key=fold(core), level=level, province=province, district=district)

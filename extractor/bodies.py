"""Agencies as the store keeps them for the graph: a body kind ("sở giáo dục và đào tạo"), a level and a place.

A task's agency is written relative to its document: "Sở Giáo dục và Đào tạo" in Quảng Bình's letter
is Quảng Bình's Sở; "Ủy ban nhân dân các huyện, thị xã, thành phố" in a provincial plan is the district
people's committees of that province. `describe()` turns a name and the document's jurisdiction into
the canonical, localised name, the body key (the body without its place, for --agency matching across
provinces), the administrative level it acts at, and its province and district.
"""

from __future__ import annotations

from functools import lru_cache

from extractor import agencies, issuers, places, vocab
from extractor import patterns as P
from extractor.folding import fold
from extractor.tokens import tokenize
from models.bodies import Body, Where


def _unit_level() -> dict[str, str]:
    return vocab.mapping("unit_levels")


def _kind_level() -> dict[str, str]:
    return vocab.mapping("kind_levels")


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
        if a.unit in _unit_level():
            return _unit_level()[a.unit]
    for kind, level in _kind_level().items():
        if key.startswith(kind + " "):
            return level
    if any(g in key for g in vocab.words("local_groups")):
        return "province" if "tỉnh" in key else "local"
    if a is not None and a.is_group:
        return None  # "các tổ chức kinh tế, tổ chức xã hội": no level unless a unit or group says so
    # extractor.agencies.level_of reads the "xã" of "xã hội" as a commune ("Ngân hàng Chính sách xã hội")
    return agencies.level_of(P.SOCIETY.sub("", canonical))


_NOWHERE = Where()


@lru_cache(maxsize=65536)
def describe(name: str, where: Where = _NOWHERE) -> Body:
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

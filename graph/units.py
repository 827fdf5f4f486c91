"""Administrative units below a document: the provinces of the country, the districts of a province.

Which units exist depends on the date: until 30 June 2025 there were 63 provinces and ~700 districts;
from 1 July 2025, 34 provinces and no districts (Nghị quyết 202/2025/QH15). The lists come from the
`vietnamadminunits` package, the same data extractor.places reads names from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import vietnamadminunits

from extractor import vocab as places  # administrative units, read through the vocabulary loader

REORGANISED = "2025-07-01"  # districts abolished, provinces merged 63 -> 34

_DATA = Path(vietnamadminunits.__file__).parent / "data"


@dataclass(frozen=True)
class Unit:
    name: str  # "Quảng Bình", "Kbang"
    full: str  # "Tỉnh Quảng Bình", "Huyện KBang"
    level: str  # province | district
    code: str
    province: str  # the province itself, or the district's province
    successor: str  # the province it belongs to since 1 July 2025

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "full": self.full,
            "level": self.level,
            "code": self.code,
            "province": self.province,
            "successor": self.successor,
        }


@dataclass(frozen=True)
class Place:
    """A jurisdiction a user named: a province (legacy or 2025) or a district."""

    province: str
    district: str | None = None
    current: bool = False  # a province of the 2025 map (may hold several legacy provinces)


@cache
def _load(name: str) -> dict:
    with open(_DATA / name, encoding="utf-8") as f:
        return json.load(f)


def _is_reorganised(date: str | None) -> bool:
    return date is not None and date >= REORGANISED


@cache
def _legacy_provinces() -> tuple[Unit, ...]:
    out = []
    for p in _load("parser_legacy.json")["DICT_PROVINCE"].values():
        name = p["provinceShort"]
        out.append(Unit(name, p["province"], "province", p["provinceCode"], name, places.successor_province(name)))
    return tuple(sorted(out, key=lambda u: u.code))


@cache
def _current_provinces() -> tuple[Unit, ...]:
    out = []
    for p in _load("parser_from_2025.json")["DICT_PROVINCE"].values():
        name = p["provinceShort"]
        out.append(Unit(name, p["province"], "province", p["provinceCode"], name, name))
    return tuple(sorted(out, key=lambda u: u.code))


def provinces_at(date: str | None) -> list[Unit]:
    """The provinces that existed on `date` (ISO); today's 34 when the date is unknown."""
    if date is None or _is_reorganised(date):
        return list(_current_provinces())
    return list(_legacy_provinces())


def districts_at(province: str, date: str | None) -> list[Unit]:
    """The districts of `province` on `date`; none after 1 July 2025 (districts were abolished)."""
    if date is None or _is_reorganised(date):
        return []
    legacy = _load("parser_legacy.json")
    pk = places.key(province)
    out = []
    for key, p in legacy["DICT_PROVINCE"].items():
        if places.key(p["provinceShort"]) != pk:
            continue
        for d in legacy["DICT_PROVINCE_DISTRICT"][key].values():
            name = places.find_districts(d["district"], p["provinceShort"])
            short = name[0].name if name else d["districtShort"]
            out.append(
                Unit(
                    short,
                    d["district"],
                    "district",
                    d["districtCode"],
                    p["provinceShort"],
                    places.successor_province(p["provinceShort"]),
                )
            )
    return sorted(out, key=lambda u: u.code)


def find_place(name: str) -> Place | None:
    """A province or district by name, before or after the 2025 reorganisation ("Quảng Bình", "Kbang")."""
    p = places.find_province(name)
    if p is not None:
        current = any(places.key(u.name) == places.key(p.name) for u in _current_provinces())
        return Place(province=p.name, current=current)
    ds = places.find_districts(name)
    if ds:
        return Place(province=ds[0].province, district=ds[0].name)
    # numbered urban districts ("Quận 12") lose their name when the unit word is stripped
    key = places.key(name)
    for u in _all_districts():
        if key in (places.key(u.full), places.key(u.name)):
            return Place(province=u.province, district=u.name)
    return None


@cache
def _all_districts() -> tuple[Unit, ...]:
    return tuple(d for p in _legacy_provinces() for d in districts_at(p.name, "2000-01-01"))


def legacy_members(province: str) -> list[str]:
    """The legacy provinces that make up a 2025 province (itself included when it kept its name)."""
    key = places.key(province)
    return [u.name for u in _legacy_provinces() if places.key(u.successor) == key]


def successor(province: str | None) -> str | None:
    return places.successor_province(province) if province else None

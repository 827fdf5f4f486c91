"""Administrative units: provinces and districts before the 2025 reorganisation, and what became of them.

Data comes from the `vietnamadminunits` package (63-province legacy dataset with districts, the
34-province dataset of 2025, and its legacy -> 2025 province mapping), not from a hand-typed list.
Districts were abolished on 1 July 2025; their successor for reporting is the (merged) province.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import vietnamadminunits

from extractor import patterns as P

_DATA = Path(vietnamadminunits.__file__).parent / "data"


def key(text: str) -> str:
    """Accent-free, lower-case, letters and digits only: "Thành phố Hồ Chí Minh" -> "thanhphohochiminh"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return P.NOT_KEY.sub("", text.lower())


@dataclass(frozen=True)
class Province:
    name: str  # "Quảng Bình" (no "tỉnh")
    full: str  # "Tỉnh Quảng Bình"
    code: str
    is_city: bool  # thành phố trực thuộc trung ương
    successor: str | None  # the province it belongs to since 2025 ("Quảng Trị"), None if unchanged


@dataclass(frozen=True)
class District:
    name: str  # "Kbang"
    full: str  # "Huyện KBang"
    kind: str  # "Huyện", "Quận", "Thị xã", "Thành phố"
    code: str
    province: str  # province name


@cache
def _legacy() -> dict:
    with open(_DATA / "parser_legacy.json", encoding="utf-8") as f:
        return json.load(f)


@cache
def _new_provinces() -> dict:
    with open(_DATA / "parser_from_2025.json", encoding="utf-8") as f:
        return json.load(f)["DICT_PROVINCE"]


@cache
def _successor_of() -> dict[str, str]:
    with open(_DATA / "converter_2025.json", encoding="utf-8") as f:
        merged = json.load(f)["DICT_PROVINCE"]
    new = _new_provinces()
    out = {}
    for new_key, old_keys in merged.items():
        for old in old_keys:
            if old != new_key:
                out[old] = new[new_key]["provinceShort"]
    return out


@cache
def provinces() -> dict[str, Province]:
    """Every province, legacy and 2025, by key of its short name."""
    out: dict[str, Province] = {}
    successor = _successor_of()
    for pkey, p in _legacy()["DICT_PROVINCE"].items():
        out[key(p["provinceShort"])] = Province(
            p["provinceShort"],
            p["province"],
            p["provinceCode"],
            p["province"].startswith("Thành phố"),
            successor.get(pkey),
        )
    for p in _new_provinces().values():
        out.setdefault(
            key(p["provinceShort"]),
            Province(
                p["provinceShort"],
                p["province"],
                p["provinceCode"],
                p["province"].startswith("Thành phố"),
                None,
            ),
        )
    return out


@cache
def _districts_by_key() -> dict[str, list[District]]:
    out: dict[str, list[District]] = {}
    legacy = _legacy()
    for pkey, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        pname = legacy["DICT_PROVINCE"][pkey]["provinceShort"]
        for d in districts.values():
            name = _district_name(d["districtShort"])
            out.setdefault(key(name), []).append(
                District(name, d["district"], d["districtType"], d["districtCode"], pname)
            )
    return out


def _district_name(short: str) -> str:
    # The dataset writes some names with inner capitals ("KBang"); official names write "Kbang".
    return " ".join(w[:1] + w[1:].lower() if len(w) > 1 and w[1:].isalpha() else w for w in short.split())


def find_province(name: str) -> Province | None:
    """A province by name, with or without "tỉnh"/"thành phố": "Tỉnh Gia Lai", "TP. Hồ Chí Minh"."""
    k = key(P.PROVINCE_PREFIX.sub("", name))
    return provinces().get(k)


def find_districts(name: str, province: str | None = None) -> list[District]:
    """Districts by name ("huyện Kbang", "Lạng Giang"); several when the name repeats across provinces."""
    bare = P.DISTRICT_PREFIX.sub("", name)
    # numbered districts keep their kind: "Quận 12" is named "Quận 12", not "12"
    k = key(name if bare.strip().isdigit() else bare)
    found = _districts_by_key().get(k, [])
    if province:
        pk = key(province)
        found = [d for d in found if key(d.province) == pk]
    return found


def successor_province(province: str) -> str:
    """The province a (possibly merged) province belongs to since the 2025 reorganisation."""
    p = find_province(province)
    return (p.successor or p.name) if p else province

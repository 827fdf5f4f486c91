"""The vocabularies the extractor reads: data files in corpus/lexicons/ and administrative units,
loaded once, cached, typed.

Vocabulary is data, not code: a new document type, agency kind, field, office title or verb is a
line in a JSON or text file, never a literal in a module. This module is also the one part of the
extractor that `graph/` may import (with text folding), so both read the same names.

    >>> type_name("QĐ")
    'Quyết định'
    >>> words("signature_titles")[:2]
    ('Phó Chủ tịch Thường trực', 'Phó Chủ tịch')
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from extractor.places import (
    District,
    Province,
    find_districts,
    find_province,
    key,
    provinces,
    successor_province,
)

place_key = key  # "Thành phố Hồ Chí Minh" -> "thanhphohochiminh"

LEXICON_DIR = Path(os.environ.get("VANBAN_LEXICONS", Path(__file__).resolve().parents[1] / "corpus" / "lexicons"))


@cache
def load(name: str) -> Any:
    """A JSON lexicon by file name ("agencies.json"), parsed once."""
    with open(LEXICON_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def lines(name: str) -> tuple[str, ...]:
    """A one-entry-per-line lexicon ("verbs.txt"), without blank lines and # comments."""
    return _lines(name)


@cache
def _lines(name: str) -> tuple[str, ...]:
    with open(LEXICON_DIR / name, encoding="utf-8") as f:
        return tuple(ln.strip() for ln in f if ln.strip() and not ln.startswith("#"))


# --- document types (Nghị định 30/2020/NĐ-CP, Phụ lục III) ----------------------------------------


@dataclass(frozen=True)
class DocType:
    name: str  # "Quyết định"
    codes: tuple[str, ...]  # ("QĐ",)
    aliases: tuple[str, ...]  # other names of the same type: ("Nghị quyết liên tịch",)
    legal: bool  # a legal normative type (Luật, Nghị định, Thông tư, ...)
    promulgates: bool = False  # may issue another document with it ("Ban hành kèm theo Quyết định ...")
    issuer: str | None = None  # who always issues this type (a Luật: the Quốc hội)


@cache
def doc_types() -> tuple[DocType, ...]:
    return tuple(
        DocType(
            t["name"],
            tuple(t["codes"]),
            tuple(t.get("aliases", ())),
            bool(t.get("legal")),
            bool(t.get("promulgates")),
            t.get("issuer"),
        )
        for t in load("doc_types.json")["types"]
    )


@cache
def doc_type(name: str | None) -> DocType | None:
    """The type named `name` ("Quyết định"), or None."""
    return next((t for t in doc_types() if t.name == name), None)


@cache
def _type_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in doc_types():
        for c in t.codes:
            out[c.upper()] = t.name
    for canon, aliases in load("doc_types.json")["code_aliases"].items():
        for a in aliases:
            out[a.upper()] = out[canon.upper()]
    return out


def type_name(code: str | None) -> str | None:
    """ "QĐ" -> "Quyết định"; None for codes that are not document types."""
    if not code:
        return None
    return _type_codes().get(code.upper().replace("Ð", "Đ"))


@cache
def mention_types() -> tuple[tuple[str, str | None], ...]:
    """Words that name a cited document's type, with the type they mean ("QĐ" -> Quyết định;
    "Văn bản" -> None, a document of unstated type), longest first."""
    pairs = [(w, t) for w, t in load("doc_types.json")["mention_words"].items() if not w.startswith("_")]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


# --- agencies, fields, issuer codes ------------------------------------------------------------------


@cache
def agency_lexicon() -> dict[str, Any]:
    """corpus/lexicons/agencies.json: kinds, named bodies, groups, office holders, aliases."""
    return dict(load("agencies.json"))


@dataclass(frozen=True)
class Field:
    name: str  # "Giáo dục và Đào tạo"
    codes: tuple[str, ...]  # ("GDĐT", "GD&ĐT")
    aliases: tuple[str, ...]
    since: str | None = None
    until: str | None = None


@cache
def fields() -> tuple[Field, ...]:
    return tuple(
        Field(f["name"], tuple(f["codes"]), tuple(f["aliases"]), f.get("since"), f.get("until"))
        for f in load("fields.json")["fields"]
    )


def kinds_with_field() -> dict[str, str]:
    """Kind letters of symbol codes: "B" + field code -> Bộ, "S" -> Sở, "P" -> Phòng."""
    return dict(load("fields.json")["kinds_with_field"])


@dataclass(frozen=True)
class IssuerCode:
    code: str
    name: str | None
    level: str | None
    local: bool  # needs the citing document's locality ("UBND" of which province?)
    prefix: bool  # matches with a term number after it ("QH13")
    party: bool


@cache
def issuer_codes() -> dict[str, IssuerCode]:
    return {
        code: IssuerCode(
            code, c["name"], c.get("level"), bool(c.get("local")), bool(c.get("prefix")), bool(c.get("party"))
        )
        for code, c in load("issuers.json")["codes"].items()
    }


# --- word lists and small maps (corpus/lexicons/words.json) -----------------------------------------


def words(name: str) -> tuple[str, ...]:
    """A named word list of corpus/lexicons/words.json ("signature_titles", "predicates", ...)."""
    return _words(name)


@cache
def _words(name: str) -> tuple[str, ...]:
    entry = load("words.json")[name]
    return tuple(entry["words"])


def mapping(name: str) -> dict[str, str]:
    """A named map of corpus/lexicons/words.json ("holder_kind": office holder -> kind of body)."""
    return dict(load("words.json")[name]["map"])


def verbs() -> frozenset[str]:
    """Verbs that open a duty ("rà soát", "tổ chức", ...), lower case, new-style tones."""
    return _verbs()


@cache
def _verbs() -> frozenset[str]:
    return frozenset(lines("verbs.txt"))


# --- Vietnamese syllables and words ------------------------------------------------------------------


@cache
def _viet74k() -> tuple[str, ...]:
    import underthesea  # the dictionary file ships with the package; importing it costs ~0.3 s

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    return tuple(path.read_text(encoding="utf-8").split("\n"))


@cache
def syllables() -> frozenset[str]:
    """Lower-case Vietnamese syllables (new-style tones): underthesea's 74K-word dictionary plus
    names and terms it lacks (syllables_extra.txt)."""
    from extractor.folding import fold_tones

    out = set()
    for w in _viet74k() + lines("syllables_extra.txt"):
        w = unicodedata.normalize("NFC", w).lower().replace("-", " ")
        for s in w.split():
            if s.isalpha():
                out.add(fold_tones(s))
    return frozenset(out)


@cache
def dictionary_words() -> frozenset[tuple[str, ...]]:
    """Multi-syllable words of underthesea's dictionary, as tuples of folded syllables."""
    from extractor.folding import fold

    out = set()
    for line in _viet74k():
        parts = tuple(fold(line).replace("-", " ").split())
        if len(parts) > 1:
            out.add(parts)
    return frozenset(out)


__all__ = [
    "DocType",
    "Field",
    "IssuerCode",
    "Province",
    "District",
    "LEXICON_DIR",
    "load",
    "lines",
    "doc_types",
    "type_name",
    "mention_types",
    "agency_lexicon",
    "fields",
    "kinds_with_field",
    "issuer_codes",
    "words",
    "mapping",
    "verbs",
    "syllables",
    "dictionary_words",
    "provinces",
    "find_province",
    "find_districts",
    "successor_province",
    "place_key",
    "key",
]

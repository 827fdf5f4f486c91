"""Vocabularies the extractor reads: data files in corpus/lexicons/, loaded once and cached.

Kept as data (not code) so a new document type, agency or field is a line in a JSON file.
"""

from __future__ import annotations

import json
import os
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_DIR = Path(
    os.environ.get("VANBAN_LEXICONS", Path(__file__).resolve().parents[1] / "corpus" / "lexicons")
)


@cache
def load(name: str) -> Any:
    with open(LEXICON_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def doc_types() -> list[dict[str, Any]]:
    return list(load("doc_types.json")["types"])


def fields() -> list[dict[str, Any]]:
    return list(load("fields.json")["fields"])


def issuer_codes() -> dict[str, dict[str, Any]]:
    return dict(load("issuers.json")["codes"])


def agencies() -> dict[str, Any]:
    return dict(load("agencies.json"))


def verbs() -> frozenset[str]:
    return frozenset(_lines("verbs.txt"))


def _lines(name: str) -> list[str]:
    with open(LEXICON_DIR / name, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]


@cache
def syllables() -> frozenset[str]:
    """Lower-case Vietnamese syllables (new-style tones): underthesea's 74K-word dictionary plus
    names and terms it lacks (corpus/lexicons/syllables_extra.txt)."""
    import underthesea

    from extractor.clean import fold_tones  # local: clean imports this module

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    words = path.read_text(encoding="utf-8").split("\n") + _lines("syllables_extra.txt")
    out = set()
    for w in words:
        w = unicodedata.normalize("NFC", w).lower().replace("-", " ")
        for s in w.split():
            if s.isalpha():
                out.add(fold_tones(s))
    return frozenset(out)

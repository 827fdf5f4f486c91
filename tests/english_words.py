"""English words that must not reach a person: the check behind the "no English for people" tests.

Only words that are not also Vietnamese syllables ("to", "do", "an", "in", "bay" are), so a
Vietnamese page never trips it. Identifiers, numbers and ký hiệu are not words here.
"""

from __future__ import annotations

import re

ENGLISH_WORDS = frozenset(
    """
    the and of with from into without error errors failed failure found check match weak strong
    document documents province provinces district national ministry implements cites amends
    replaces based promulgated status done pending queued running lead support target targets
    task tasks duty duties search upload uploaded login logout settings page next previous none
    null true false unknown invalid required field value must should please level issuer subject
    title relation number date deadline overdue confidence note notes carried missing item items
    jurisdiction agency agencies role report export download filter filters sort view save saved
    job jobs batch file files only whole words delete edit submit cancel close open reference
    references lineage gaps gap record records extraction extract warning warnings message
    """.split()  # noqa: SIM905 - a list of words reads best as words
)

# A word: letters only, so "89/QĐ-TTg", "E111" and "2025" are not words.
_WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> list[str]:
    """The English words in `text`, in order, lower-cased ("Weak match: check" → weak, match, check)."""
    return [w.lower() for w in _WORD.findall(text) if w.lower() in ENGLISH_WORDS]

"""A text shortened for people: cut between words, never inside a syllable ("giai đ…"), with "…"."""

from __future__ import annotations


def short(text: str | None, n: int) -> str:
    """`text` in at most n characters, spaces collapsed, cut between words with "…" when something is left out."""
    text = " ".join((text or "").split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    if " " in cut and not text[n - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"

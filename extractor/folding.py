"""Text folding: keys for comparing Vietnamese strings however they are typed.

Old and new tone placement ("Uỷ"/"Ủy", "hoà"/"hòa"), look-alike letters typed for Đ (Icelandic Ð,
African Ɖ), case and spacing. `fold_tones` keeps the length of its input, so offsets found in a
folded text hold in the original. With `extractor.vocab`, this is the one part of the extractor
that `graph/` reads.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from extractor.patterns import OLD_TONE

# Letters typed for Đ/đ that look the same: Icelandic eth, African D.
LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})


def _tone_fold(m: re.Match[str]) -> str:
    glide, toned = m.group(1)[0], m.group(1)[1]
    decomposed = unicodedata.normalize("NFD", toned)
    base, tone = decomposed[0], decomposed[1:]
    return unicodedata.normalize("NFC", glide + tone) + base


def fold_tones(text: str) -> str:
    """New-style tone placement ("hoà" -> "hòa", "Uỷ" -> "Ủy"); the result has the length of the input."""
    return OLD_TONE.sub(_tone_fold, text)


def fold(text: str) -> str:
    """A key for comparing Vietnamese strings: NFC, lower case, new-style tones, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(LOOKALIKES)
    text = fold_tones(text).lower()
    return " ".join(text.split())


def strip_marks(text: str) -> str:
    """Without diacritics, lower case ("QUYÉT ĐỊNH" -> "quyet dinh"): how OCR-damaged header words
    still compare with the words they stand for."""
    text = unicodedata.normalize("NFD", text.translate(LOOKALIKES).replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _ascii_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0]
    return base.lower() if len(base.lower()) == 1 else c


# Vietnamese letters (Latin-1 Supplement to Latin Extended Additional) to their bare lower-case letter.
_ASCII = str.maketrans(
    {chr(i): _ascii_char(chr(i)) for i in range(0xC0, 0x1EFF + 1)} | {chr(i): chr(i + 32) for i in range(65, 91)}
)


# The same table as an array indexed by code point, for whole documents: str.translate looks every
# character up in a dict (9 ms for 120,000 characters), the array maps them all at once (2 ms).
_ASCII_ARRAY = np.arange(0x1F00, dtype=np.uint32)
_ASCII_ARRAY[list(_ASCII)] = [ord(v) if isinstance(v, str) else v for v in _ASCII.values()]
_LONG = 4_000  # below this many characters the array's set-up costs more than translate


def ascii_fold(text: str) -> str:
    """Bare lower-case letters, one character for one ("QUYÉT ĐỊNH" -> "quyet dinh"), so a match found in
    the folded text has the same offsets in the original: how OCR-damaged header words are read."""
    if len(text) < _LONG:
        return text.translate(_ASCII)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    inside = codes < len(_ASCII_ARRAY)
    folded = codes.copy()
    folded[inside] = _ASCII_ARRAY[codes[inside]]
    return folded.tobytes().decode("utf-32-le")

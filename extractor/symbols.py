"""Số ký hiệu: the number and symbol of a document, and what its parts say.

State documents (Nghị định 30/2020, Phụ lục I):   số/năm/TYPE-ISSUER or số/ISSUER-UNIT (công văn)
    "98/2013/TT-BTC", "674/UBND-VX", "445/TTr-SGDĐT-GDCN-GDTX", "3210/QĐ - UBND" (spaces from conversion)
Party documents:                                  số-TYPE/ISSUER
    "259-KH/TU", "49-KL/TW", "01-NQ/TV"
Drafts keep the blank number: "/KH-UBND".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from extractor import patterns as P
from extractor import vocab

STATE_NUMBER = P.STATE_NUMBER
PARTY_NUMBER = P.PARTY_NUMBER


@dataclass(frozen=True)
class Symbol:
    number: str  # as printed, spaces removed, en dash -> hyphen: "98/2013/TT-BTC"
    type_code: str | None  # "TT", "KH", None for a công văn
    issuer_codes: tuple[str, ...]  # ("BTC",), ("UBND",), ("TU",)
    unit_code: str | None  # the drafting unit of a công văn: "VX" in 674/UBND-VX
    year: int | None
    party: bool


def type_name(code: str | None) -> str | None:
    """ "QĐ" -> "Quyết định"; None for codes that are not document types."""
    return vocab.type_name(code)


def _tidy(number: str) -> str:
    number = unicodedata.normalize("NFC", number).replace("–", "-").replace("Ð", "Đ")
    number = "".join(number.split())
    # all-caps titles print "QĐ-TTG": restore the lower case of known codes
    return P.TTG_CAPS.sub("TTg", number)


def parse(text: str) -> Symbol | None:
    """The symbol in `text` (which should hold just the number, e.g. after "Số:")."""
    text = text.strip()
    m = PARTY_NUMBER.fullmatch(text) or PARTY_NUMBER.match(text)
    if m and type_name(m["type"]):
        return Symbol(_tidy(m.group(0)), m["type"], (m["issuer"],), None, None, True)
    m = STATE_NUMBER.fullmatch(text) or STATE_NUMBER.match(text)
    if not m:
        return None
    codes = P.CODE_SPLIT.split(_tidy(m["codes"]))
    type_code = codes[0] if type_name(codes[0]) and len(codes) > 1 else None
    rest = codes[1:] if type_code else codes
    # a công văn: ISSUER-UNIT; other types: TYPE-ISSUER[-UNIT...]
    issuers = tuple(rest[:1]) if rest else ()
    unit = rest[1] if len(rest) > 1 else None
    if type_code in ("TTLT", "NQLT"):
        issuers, unit = tuple(rest), None
    return Symbol(_tidy(m.group(0)), type_code, issuers, unit, int(m["year"]) if m["year"] else None, False)


def key(number: str | None) -> str:
    """Identity key of a number: "3210/QĐ - U B ND" and "3210/QĐ-UBND" are the same."""
    if not number:
        return ""
    n = unicodedata.normalize("NFC", number).replace("Ð", "Đ").replace("Ɖ", "Đ").lower()
    n = P.NUMBER_PREFIX.sub("", n)
    return P.NUMBER_NOISE.sub("", n)

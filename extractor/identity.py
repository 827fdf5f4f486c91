"""Who a document is: the identity of a held document and of a citation, as comparable keys.

A numbered document is its normalised số ký hiệu + issuer + year: "98/2013/TT-BTC" of Bộ Tài chính
issued in 2013. Variant spellings are one key ("3210/QĐ - UBND", "Số 3210/QÐ-UBND", "QĐ-TTG" vs
"QĐ-TTg", old and new tone marks in the issuer). An unnumbered document (a Luật cited by name and
date) is its type + date + title. Resolution (service/store/resolve.py) compares these keys field by
field: a citation that omits the issuer or the year is compatible with any document that has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor import agencies, issuers, symbols
from extractor import patterns as P
from extractor.folding import fold

# A real number has digits before the first slash ("98/...", "259-KH/TU"); a draft's "/KH-UBND" has none.
_NUMBERED = P.NUMBERED
_LEADING = P.LEADING_NUMBER


@dataclass(frozen=True)
class Ident:
    number_key: str | None = None
    loose_key: str | None = None
    issuer_key: str | None = None
    year: int | None = None
    type_key: str | None = None
    issued_date: str | None = None
    title_key: str | None = None

    @property
    def numbered(self) -> bool:
        return self.number_key is not None

    def identity(self) -> str | None:
        """The unique key of the node, or None when the document can't be told apart (no number, no date)."""
        if self.number_key:
            return f"n:{self.number_key}|{self.issuer_key or ''}|{self.year or ''}"
        if self.type_key and (self.issued_date or self.title_key):
            return f"t:{self.type_key}|{self.issued_date or ''}|{self.title_key or ''}"
        return None


@lru_cache(maxsize=65536)
def issuer_key(issuer: str | None) -> str | None:
    """ "UBND tỉnh Gia Lai" and "Uỷ ban nhân dân tỉnh Gia Lai" are one key."""
    if not issuer or not issuer.strip():
        return None
    return fold(agencies.canonical(issuer))


def number_key(number: str | None) -> str | None:
    if not number:
        return None
    k = symbols.key(number).replace("ð", "đ")
    return k if _NUMBERED.match(k) else None


def loose_key(number: str | None) -> str | None:
    """The leading number, year and type code: "98/2013/tt" of "98/2013/TT-BTC" and of its typo
    "98/2013/TT-BXD"; None when the symbol has no year or type."""
    sym = symbols.parse(number) if number else None
    lead = _LEADING.match(number or "")
    if sym is None or sym.party or not sym.year or not sym.type_code or not lead:
        return None
    return f"{lead.group(0)}/{sym.year}/{fold(sym.type_code)}"


def title_key(title: str | None) -> str | None:
    if not title:
        return None
    t = fold(title)
    t = P.TITLE_KEY_LEAD.sub("", t)
    t = P.NOT_WORD.sub(" ", t)
    t = " ".join(t.split())
    return t[:500] or None


def year_of(issued_date: str | None, nkey: str | None) -> int | None:
    if issued_date and P.YEAR_START.match(issued_date):
        return int(issued_date[:4])
    m = P.NUMBER_YEAR.search(nkey or "")
    return int(m[1]) if m else None


# A body named by a district or commune without its province: "Ủy ban nhân dân huyện Châu Thành" is a
# different body in Tiền Giang, Bến Tre, An Giang, Long An, Đồng Tháp, Trà Vinh, Sóc Trăng, Hậu Giang.
_LOCAL_UNIT = P.LOCAL_UNIT_NAMED
_PROVINCE_UNIT = P.PROVINCE_UNIT_NAMED


def located_issuer_key(issuer: str | None, province: str | None) -> str | None:
    """The issuer key, with the province added when the name leaves it out and it is ambiguous:
    "ủy ban nhân dân huyện châu thành|tiền giang"."""
    key = issuer_key(issuer)
    if key and province and _LOCAL_UNIT.search(key) and not _PROVINCE_UNIT.search(key):
        return f"{key}|{fold(province)}"
    return key


def ident(
    number: str | None,
    issuer: str | None,
    issued_date: str | None,
    doc_type: str | None,
    title: str | None,
    province: str | None = None,
) -> Ident:
    """`province`: the document's own, or for a citation the citing document's (the extractor already
    localises "UBND huyện" with it; a district named without its province is in the same province)."""
    nkey = number_key(number)
    if nkey and not (issuer and issuer.strip()):
        issuer = issuer_from_symbol(number)
    return Ident(
        number_key=nkey,
        loose_key=loose_key(number) if nkey else None,
        issuer_key=located_issuer_key(issuer, province),
        year=year_of(issued_date, nkey),
        type_key=fold(doc_type) if doc_type else None,
        issued_date=issued_date,
        title_key=None if nkey else title_key(title),
    )


def issuer_from_symbol(number: str | None) -> str | None:
    """The issuer a symbol names by itself: "QĐ-TTg" -> Thủ tướng Chính phủ, "TT-BTC" -> Bộ Tài chính.
    None for codes that need a locality ("UBND", "SGDĐT"): which province's, the symbol does not say."""
    sym = symbols.parse(number) if number else None
    if sym is None or not sym.issuer_codes:
        return None
    name, local = issuers.for_code(sym.issuer_codes[0])
    return name if name and not local else None


def compatible(a: Ident, b: Ident) -> bool:
    """Could these be the same document? Fields known on both sides must agree."""
    if a.number_key or b.number_key:
        if a.number_key != b.number_key:
            return False
        if a.issuer_key and b.issuer_key and a.issuer_key != b.issuer_key:
            return False
        return not (a.year and b.year and a.year != b.year)
    if a.type_key != b.type_key:
        return False
    if a.issued_date and b.issued_date:
        return a.issued_date == b.issued_date
    return bool(a.title_key and a.title_key == b.title_key)

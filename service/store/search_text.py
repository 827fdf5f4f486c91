"""What full-text search reads of a document, and how a query is read: pure text, no database.

`content(text)`: the text without the lines every document carries (quốc hiệu, tiêu ngữ, the "Nơi nhận"
block, the signature block), so "xã hội học tập" does not find "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in every
letter. `folded(text)`: bare lower-case letters ("Quyết định" -> "quyet dinh", "Đ" -> "d"), one character
for one, what the index holds, so a query typed with or without diacritics matches. `terms(q)`: the
query as groups of folded words; a group is a phrase (words next to each other), "89/QĐ-TTg" being one
group of three words and "qđ ttg" two groups of one.
"""

from __future__ import annotations

import re
import unicodedata

from extractor import patterns as P
from extractor.folding import ascii_fold


def _variants() -> dict[str, str]:
    """Every character that folds to a letter or digit ("a": a à á ả ã ạ ă … Ậ)."""
    out: dict[str, str] = {}
    for code in range(0x20, 0x1EFF + 1):
        c = chr(code)
        base = ascii_fold(c)
        if c.isalnum() and len(base) == 1 and base.isascii() and base.isalnum():
            out[base] = out.get(base, "") + c
    return out


# So a pattern written without diacritics finds the words however they are typed, in the text itself
# (folding a whole text costs more than a regex over it).
_VARIANTS = _variants()


def loose(word: str, extra: dict[str, str] | None = None) -> str:
    """A regex for `word` (folded: lower case, no diacritics) matching it with any diacritics and case:
    loose("xa") matches "xã", "XÃ", "xa". `extra`: more characters a letter may be ({"o": "0"}: OCR)."""
    extra = extra or {}
    return "".join(f"[{re.escape(_VARIANTS[c] + extra.get(c, ''))}]" if c in _VARIANTS else re.escape(c) for c in word)


def _phrase(words: str, joiner: str = r"\s*", extra: dict[str, str] | None = None) -> str:
    return joiner.join(loose(w, extra) for w in words.split())


# Quốc hiệu and tiêu ngữ wherever they stand, often beside the issuer in one table row ("0" for "o" as
# OCR reads it too), and the rules drawn under them ("--------").
_FIXED = re.compile(
    "|".join(
        (
            _phrase("cong hoa xa hoi chu nghia viet nam", extra={"o": "0"}),
            _phrase("doc lap tu do hanh phuc", r"\s*[-–—_]?\s*", extra={"o": "0"}),
            r"-{3,}",
            r"_{3,}",
        )
    )
)
# A line of the signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL. BỘ TRƯỞNG", "(Đã ký)".
_SIGNATURE = re.compile(r"^[\W_]*(?:(?:tm|kt|tl|tuq|q)\.\s|\(?(?:da ky|ky ten|ky, ghi ro ho ten)\)?[\W_]*$)")
# Where an appendix begins after the closing: its title, or "(Ban hành kèm theo ...)".
_APPENDIX = re.compile(
    r"^[\W_]*(?:quy dinh|phu luc|ke hoach|de an|chuong trinh|quy che|huong dan|dieu le|noi dung|danh muc|"
    r"bieu mau|mau so|chuong [ivxlc\d]+|dieu \d+|\(?(?:ban hanh )?kem theo)\b"
)
_WORD = re.compile(r"\w+")
_LEADING = re.compile(r"^[\W_]+")  # "*Nơi nhận:*", "| Nơi nhận:": the marks before a line's first word
# A run of words joined by "/", "-", "." or "_" without spaces: a number as printed ("89/QĐ-TTg").
_JOINED = re.compile(r"\w+(?:[/\-._]\w+)*")


def folded(text: str) -> str:
    """Bare lower-case letters and digits, one character for one ("Đề án" -> "de an")."""
    return ascii_fold(unicodedata.normalize("NFC", text)).lower()


def _closing_line(line: str, f: str) -> bool:
    """A line (and its folded form) that still belongs to the Nơi nhận or signature block: a bullet, a
    table cell, a short line."""
    s = line.strip()
    if not s:
        return True
    if _APPENDIX.match(f.strip()):
        return False
    return s[0] in "-–+•|*(" or len(_WORD.findall(s)) <= 8


def content(text: str) -> str:
    """The text without quốc hiệu, tiêu ngữ, the "Nơi nhận" block and the signature block. What follows
    the closing (an appendix: "QUY ĐỊNH …", "Phụ lục") stays."""
    text = _FIXED.sub(" ", unicodedata.normalize("NFC", text))
    kept: list[str] = []
    closing = False
    for line in text.splitlines():
        head = folded(line[:80])  # what the line starts with is what tells a closing line
        if P.NOI_NHAN.match(_LEADING.sub("", head) or head):
            closing = True
            continue
        if closing:
            if _closing_line(line, head):
                continue
            closing = False
        if _SIGNATURE.match(head):
            closing = True  # the signer's title and name follow, as short lines
            continue
        kept.append(line)
    return "\n".join(kept)


def terms(q: str, *, fold: bool = True) -> list[list[str]]:
    """The query's word groups, folded: "89/QĐ-TTg xã hội" -> [["89", "qd", "ttg"], ["xa"], ["hoi"]];
    with fold=False as typed, lower case: [["89", "qđ", "ttg"], ["xã"], ["hội"]]."""
    groups = []
    for m in _JOINED.finditer(unicodedata.normalize("NFC", q)):
        found = _WORD.findall(folded(m.group()) if fold else m.group().lower())
        if found:
            groups.append(found)
    return groups


def words(text: str | None) -> str:
    """The text's words, lower case, one space apart (punctuation and line breaks gone)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text or "").lower()))


def index_row(number: str | None, title: str | None, text: str | None) -> dict[str, str]:
    """The columns of a document's search_docs row: number, trích yếu and body (content() of the text),
    as written and folded."""
    body = content(text or "")
    return {
        "number_f": words(folded(number or "")),
        "title_w": words(title),
        "title_f": words(folded(title or "")),
        "body_w": words(body),
        "body_f": words(folded(body)),
    }

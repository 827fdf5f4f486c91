"""Layout variants of the documents with gold records: the same header and body, laid out the way
Word, PDF text layers, OCR and legal websites lay them out.

`header_parts(text, gold)` finds the elements of a document's header (issuer block, quốc hiệu,
tiêu ngữ, số, địa danh and date, type line, trích yếu, Kính gửi) by the gold record's values, in
the text as clean() leaves it; `VARIANTS` re-render those elements (and the body) in each layout.
Every variant must give the header and references the original gives (tests/test_layouts.py): this
multiplies the gold instead of tuning to it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractor.clean import clean
from extractor.folding import fold, strip_marks

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Parts:
    issuer: tuple[str, ...]  # the issuer block as printed, one line each ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH")
    number: str | None  # "Số: 674/UBND-VX"
    place_date: str | None  # "Quảng Bình, ngày 24 tháng 4 năm 2017"
    type_line: str | None  # "QUYẾT ĐỊNH"; None for a công văn
    subject: tuple[str, ...]  # the trích yếu as printed (a công văn's "V/v ..." sits under the number)
    authority: str | None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" under a decision's title
    recipients: tuple[str, ...]  # "Kính gửi:" and its lines
    body: str

    @property
    def letter(self) -> bool:
        """A công văn: its trích yếu sits under the number, in the left column."""
        return self.type_line is None


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


def header_parts(text: str, gold: dict) -> Parts | None:
    """The header elements of `text`, located by the gold record's values; None when the gold gives
    too little to find them (a document without a printed header)."""
    doc = gold["document"]
    lines = [ln.strip() for ln in clean(text).text.split("\n")]
    number_key = re.sub(r"\W", "", fold(doc.get("number") or "")) or None
    idx_number = next(
        (
            i
            for i, s in enumerate(lines[:40])
            if number_key and s.startswith("Số") and number_key in re.sub(r"\W", "", fold(s))
        ),
        None,
    )
    idx_date = next((i for i, s in enumerate(lines[:40]) if re.match(r"^[^\d,]{2,50},\s*ngày\b", s)), None)
    idx_qh = next((i for i, s in enumerate(lines[:40]) if strip_marks(s).startswith("cong hoa xa hoi")), None)
    if idx_number is None or idx_date is None or idx_qh is None:
        return None
    subject_words = set(re.findall(r"\w+", fold(doc.get("subject") or ""))) | {"v", "về", "việc"}

    def in_subject(line: str) -> bool:
        words = re.findall(r"\w+", fold(line))
        return bool(words) and sum(w in subject_words for w in words) / len(words) >= 0.8

    type_name = fold(doc.get("doc_type") or "")
    idx_type = next((i for i, s in enumerate(lines[:60]) if i > idx_qh and _is_upper(s) and fold(s) == type_name), None)
    subject: list[str] = []
    authority = None
    if idx_type is None:  # a công văn: the trích yếu sits in the left column, under the number
        first = next(
            (i for i, s in enumerate(lines[:40]) if re.match(r"^[“\"]?(?:V/v|Về)\b", s) and in_subject(s)), None
        )
        k = first if first is not None else len(lines)
        while k < len(lines) and (
            in_subject(lines[k]) or not lines[k] and k + 1 < len(lines) and in_subject(lines[k + 1])
        ):
            if lines[k]:
                subject.append(lines[k])
            k += 1
        start = max(idx_number + 1, idx_date + 1, idx_qh + 2, k)
    else:
        k = idx_type + 1
        while (
            k < len(lines)
            and (not lines[k] or in_subject(lines[k]))
            and not lines[k].startswith(("Căn cứ", "Thực hiện"))
        ):
            if lines[k]:
                subject.append(lines[k])
            k += 1
        if k < len(lines) and _is_upper(lines[k]) and len(lines[k]) < 90:
            authority = lines[k]
            k += 1
        start = k
    header_end = min(i for i in (idx_number, idx_type if idx_type is not None else idx_number) if i is not None)
    fixed = {idx_qh, idx_date, idx_number}
    issuer = tuple(
        s
        for i, s in enumerate(lines[:header_end])
        if s and _is_upper(s) and i not in fixed and not strip_marks(s).startswith("doc lap")
    )
    if not subject:
        return None
    recipients: list[str] = []
    k = start
    while k < len(lines) and not lines[k]:
        k += 1
    if k < len(lines) and lines[k].startswith("Kính gửi"):
        recipients.append(lines[k])
        k += 1
        while k < len(lines) and (not lines[k] or lines[k][0] in "-–+•"):
            if lines[k]:
                recipients.append(lines[k])
            k += 1
    body = "\n".join(lines[k:])
    return Parts(
        issuer,
        lines[idx_number],
        lines[idx_date],
        lines[idx_type] if idx_type is not None else None,
        tuple(subject),
        authority,
        tuple(recipients),
        body,
    )


# --- the two header columns --------------------------------------------------------------------------


def _columns(p: Parts) -> tuple[list[str], list[str]]:
    left = list(p.issuer) + ["-------"] + ([p.number] if p.number else []) + (list(p.subject) if p.letter else [])
    right = [QUOC_HIEU, TIEU_NGU, "---------------", p.place_date or ""]
    return left, right


def _below(p: Parts) -> list[str]:
    """What follows the two columns: the type line and title of a non-letter, the addressees, the body."""
    out: list[str] = []
    if not p.letter:
        out += ["", p.type_line or ""] + list(p.subject) + ([p.authority] if p.authority else [])
    out += [""] + list(p.recipients) + ["", p.body]
    return out


def stacked(p: Parts) -> str:
    """Word without its table: the left column's lines, then the right column's."""
    left, right = _columns(p)
    return "\n".join(left + right + _below(p))


def side_by_side(p: Parts, gap: str) -> str:
    """A PDF text layer or a text export: both columns on the same lines, `gap` between them."""
    left, right = _columns(p)
    rows = [f"{a}{gap}{b}".strip() for a, b in _zip_columns(left, right)]
    return "\n".join(rows + _below(p))


def _zip_columns(left: list[str], right: list[str]) -> list[tuple[str, str]]:
    n = max(len(left), len(right))
    return [(left[i] if i < len(left) else "", right[i] if i < len(right) else "") for i in range(n)]


def markdown_table(p: Parts) -> str:
    """A converter's markdown: "| issuer ------- | quốc hiệu tiêu ngữ ---- |", "|---|---|", "| Số ... | date |"."""
    top_left = " ".join(p.issuer) + " -------"
    low_left = " ".join(([p.number] if p.number else []) + (list(p.subject) if p.letter else []))
    rows = [f"| {top_left} | {QUOC_HIEU} {TIEU_NGU} --------------- |", "|---|---|", f"| {low_left} | {p.place_date} |"]
    return "\n".join(rows + _below(p))


def web_cells(p: Parts) -> str:
    """A legal website as Markdown: one table cell per block between lone "|" lines, bold and italics,
    every line wrapped at 80 columns."""
    cell_left = ["|", "**" + p.issuer[0] + "**", *p.issuer[1:], "--------", "|"] if p.issuer else ["|"]
    cell_right = ["**" + QUOC_HIEU + "**", TIEU_NGU, "---------------", "|", "|"]
    low = [p.number or ""] + (["*" + " ".join(p.subject) + "*"] if p.letter else []) + ["|", f"*{p.place_date}*", "|"]
    head = "\n".join(cell_left + cell_right + low)
    rest = _below(p)
    if not p.letter:
        rest = ["", f"**{p.type_line}**", "", *p.subject, "", f"**{p.authority}**" if p.authority else ""] + [
            "",
            *p.recipients,
            "",
            p.body,
        ]
    return wrap(head, 40) + "\n" + wrap("\n".join(rest), 80)


def one_line(p: Parts) -> str:
    """A copy that lost every line break of the header."""
    left, right = _columns(p)
    head = " ".join(x for x in left[: len(p.issuer)] + right[:2] + left[len(p.issuer) + 1 :] + right[3:] if x)
    return head + "\n" + "\n".join(_below(p))


def wrap(text: str, width: int) -> str:
    """Hard-wrap every line at `width` columns, as web crawls and PDF text do."""
    out: list[str] = []
    for line in text.split("\n"):
        cur = ""
        for word in line.split(" "):
            if cur and len(cur) + 1 + len(word) > width:
                out.append(cur)
                cur = word
            else:
                cur = f"{cur} {word}" if cur else word
        out.append(cur)
    return "\n".join(out)


# --- damage ------------------------------------------------------------------------------------------


def broken_issuer(p: Parts) -> Parts:
    """The issuer's last line broken mid-word ("TỈNH QUẢNG N\\nAM"), as a narrow PDF column does."""
    if not p.issuer or len(p.issuer[-1]) < 8:
        return p
    last = p.issuer[-1]
    cut = len(last) - 2
    return replace(p, issuer=p.issuer[:-1] + (last[:cut], last[cut:]))


def glued(p: Parts) -> Parts:
    """Words glued by a converter: "ngày22/5/2013", "04tháng", "VỀVIỆC"."""
    date = p.place_date or ""
    date = re.sub(r"ngày\s+", "ngày", date, count=1)
    date = re.sub(r"(\d)\s+tháng", r"\1tháng", date, count=1)
    subject = tuple(re.sub(r"^VỀ VIỆC ", "VỀVIỆC ", s) for s in p.subject)
    return replace(p, place_date=date, subject=subject)


def nbsp(p: Parts) -> Parts:
    """Non-breaking spaces and tabs where spaces were."""

    def spaced(s: str) -> str:
        return s.replace(" ", "\u00a0", 3)

    return replace(
        p,
        number=spaced(p.number or ""),
        place_date=spaced(p.place_date or ""),
        body=p.body.replace(", ", ",\u00a0").replace("; ", ";\t"),
    )


def decomposed(p: Parts) -> Parts:
    """Tone marks as combining characters (NFD), as some PDF and macOS exports give them."""
    return replace(
        p,
        issuer=tuple(unicodedata.normalize("NFD", s) for s in p.issuer),
        place_date=unicodedata.normalize("NFD", p.place_date or ""),
        body=unicodedata.normalize("NFD", p.body),
    )


def wrapped_body(p: Parts) -> Parts:
    return replace(p, body=wrap(p.body, 78))


Variant = Callable[[Parts], str]

VARIANTS: dict[str, Variant] = {
    "stacked": stacked,
    "side by side, wide spaces": lambda p: side_by_side(p, " " * 12),
    "side by side, tab": lambda p: side_by_side(p, "\t"),
    "markdown table": markdown_table,
    "web page cells, wrapped at 80": web_cells,
    "header on one line": one_line,
    "issuer broken mid-word": lambda p: stacked(broken_issuer(p)),
    "glued words": lambda p: stacked(glued(p)),
    "NBSP and tabs": lambda p: side_by_side(nbsp(p), "\t"),
    "decomposed tone marks": lambda p: stacked(decomposed(p)),
    "body hard-wrapped at 78": lambda p: side_by_side(wrapped_body(p), " " * 8),
}


def without_type_line(p: Parts) -> str:
    """A website copy that dropped the type line ("QUYẾT ĐỊNH"): the type comes from the ký hiệu."""
    return stacked(replace(p, type_line="")) if not p.letter else stacked(p)


VARIANTS["type line dropped"] = without_type_line

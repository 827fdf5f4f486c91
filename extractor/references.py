"""Cited documents: every other document the text mentions, once per document.

The forms writers use, most common first:
    "Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ phê duyệt Đề án ..."
    "Thông tư số 44/2014/TT-BGDĐT ngày 12 tháng 12 năm 2014 của Bộ Giáo dục và Đào tạo"
    "Văn bản hợp nhất 10/VBHN-BGDĐT ngày 14/3/2014"            (no "số")
    "Kế hoạch số 259-KH/TU ngày 27/9/2019 của Tỉnh Ủy Gia Lai"    (Party numbering)
    "Quyết định số số 489/QĐ-TTg"                                (a doubled "số")
    "(Thông báo số 12/TB-VPCP ...)", "theo QĐ số 22/2013/QĐ-TTg", "công văn số 1983/BXD-QLN"
    "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001"          (a law cited by name and date)

Relation: the nearest cue before the mention in its sentence decides — "Căn cứ" -> based_on;
"Thực hiện", "triển khai (thực hiện)", "tiếp tục thực hiện" -> implements; "Ban hành kèm theo"
a decree/decision -> promulgated_by; "theo" between cue and mention, or no cue -> cites.
A document named inside another citation's title ("Quyết định 558 ... về việc ban hành Kế hoạch
thực hiện Quyết định số 489 ...") is cited by that document, not by this one: it gets "cites".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor import agencies, symbols
from extractor.doc import Doc
from extractor.folding import fold
from extractor.dates import find_dates
from extractor.issuers import Jurisdiction, for_code, localize
from models.record import RELATION_STRENGTH, Reference

_TYPE_WORDS = [
    ("Thông tư liên tịch", "Thông tư liên tịch"),
    ("Nghị quyết liên tịch", "Nghị quyết"),
    ("Văn bản hợp nhất", "Văn bản hợp nhất"),
    ("Thông báo kết luận", "Thông báo"),
    ("Quyết định", "Quyết định"),
    ("Chỉ thị", "Chỉ thị"),
    ("Nghị quyết", "Nghị quyết"),
    ("Nghị định", "Nghị định"),
    ("Thông tư", "Thông tư"),
    ("Kế hoạch", "Kế hoạch"),
    ("Thông báo", "Thông báo"),
    ("Công văn", "Công văn"),
    ("Văn bản", None),
    ("Kết luận", "Kết luận"),
    ("Hướng dẫn", "Hướng dẫn"),
    ("Chương trình", "Chương trình"),
    ("Đề án", "Đề án"),
    ("Tờ trình", "Tờ trình"),
    ("Báo cáo", "Báo cáo"),
    ("Pháp lệnh", "Pháp lệnh"),
    ("Bộ luật", "Bộ luật"),
    ("Luật", "Luật"),
    ("Công điện", "Công điện"),
    ("Quy chế", "Quy chế"),
    ("Quy định", "Quy định"),
    ("Thông cáo", "Thông cáo"),
    ("Phương án", "Phương án"),
    ("Hiến pháp", "Hiến pháp"),
    ("QĐ", "Quyết định"),
    ("CV", "Công văn"),
    ("NĐ", "Nghị định"),
    ("NQ", "Nghị quyết"),
    ("TT", "Thông tư"),
    ("KH", "Kế hoạch"),
    ("CT", "Chỉ thị"),
]
_TYPE_ALT = "|".join(re.escape(w) for w, _ in sorted(_TYPE_WORDS, key=lambda x: -len(x[0])))
# A type word, then optional "số" (possibly doubled, possibly "số:"), then the symbol.
_MENTION = re.compile(
    rf"(?P<type>(?<![\w])(?:{_TYPE_ALT}))(?![\w])\s*(?P<so>(?:số|so)\s*:?\s*)*(?P<sym>"
    rf"\d{{1,6}}\s?-\s?[A-ZĐ][A-Za-zĐđ]*\s?/\s?[A-ZĐ][A-Za-zĐđ0-9&]*"
    rf"|\d{{0,6}}[a-z]?\s?/\s?(?:(?:19|20)\d\d\s?/\s?)?[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?[-–]\s?[A-ZĐ][A-Za-zĐđ0-9&]*){{0,4}})",
    re.IGNORECASE,
)
# A symbol standing alone, in brackets or after a comma: "(12/TB-VPCP)".
_BARE = re.compile(
    symbols.STATE_NUMBER.pattern
    + "|"
    + symbols.PARTY_NUMBER.pattern.replace("(?P<num>", "(?P<pnum>")
    .replace("(?P<type>", "(?P<ptype>")
    .replace("(?P<issuer>", "(?P<pissuer>")
)
# A law by name and date: "Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26/11/2003".
_LAW = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<title>[A-ZĐÀ-Ỹ][^;:\n()]{2,120}?)\s*,?\s*(?=ngày\s*\d)"
)

# Cue words, nearest first wins. "thực hiện" alone counts only at clause level (see _relation).
_CUES = re.compile(
    r"(?i)(?P<based>căn cứ(?: vào)?)|(?P<promul>(?:ban hành )?kèm theo)|"
    r"(?P<impl>(?:tiếp tục )?(?:triển khai|tổ chức)?\s*thực hiện|triển khai|để cụ thể hóa|cụ thể hóa)|"
    r"(?P<theo>\btheo\b|\bxét\b|theo đề nghị)"
)
# Where a title begins after number/date/issuer.
_TITLE_OPEN = re.compile(
    r"(?i)^\s*,?\s*(?:về việc|v/v|về|phê duyệt|ban hành|hướng dẫn|quy định|sửa đổi|thành lập|triển khai|hỗ trợ|"
    r"“|\")"
)
# Where a title ends: a sentence or clause boundary, or a new cue.
_TITLE_END = re.compile(
    rf"(?i);|\n|\.\s|\.$|\)|\s\(|,\s*(?=(?:ủy ban|uỷ ban|ubnd|sở|bộ|phòng|hội đồng|ban|các|chủ tịch|"
    rf"giám đốc|bộ trưởng|thủ tướng|trưởng ban)\s[^,]{{0,60}}"
    rf"(?:yêu cầu|đề nghị|ban hành|xây dựng|hướng dẫn|thông báo)\b)|\s+và (?=thực hiện|căn cứ)"
    rf"|,\s*(?=căn cứ|thực hiện)|\s+và\s+(?=(?:{_TYPE_ALT})\s+(?:số\s*)?\d)"
)
# Issuer phrase after "của"/"do".
_OF = re.compile(r"(?i)^\s*,?\s*(?:của|do)\s+")
_ISSUER_END = re.compile(
    r"(?i)\s+(?:về việc|về|v/v|phê duyệt|ban hành|hướng dẫn|quy định|sửa đổi|thành lập|tại|đã|theo|để|trong|"
    r"đối với|nhằm|trên)\s|[;,.()“\"\n:]"
)


@dataclass
class Mention:
    start: int
    end: int  # end of the whole citation (number, date, issuer, title)
    sym_end: int
    doc_type: str | None
    number: str | None
    issued_date: str | None
    issuer: str | None
    title: str | None
    title_span: tuple[int, int] | None
    relation: str = "cites"
    nested: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


def _type_for(word: str) -> str | None:
    k = fold(word)
    for w, t in _TYPE_WORDS:
        if fold(w) == k:
            return t
    return None


def _after_symbol(doc: Doc, m_end: int, where: Jurisdiction, sym: symbols.Symbol | None) -> tuple:
    """Date, issuer and title that follow a symbol; returns (date, issuer, title, title_span, end)."""
    text = doc.text
    pos = m_end
    date = None
    dm = [d for d in find_dates(text[pos : pos + 60]) if d.start <= 14]
    if dm and re.fullmatch(r"[\s,]*(?:ban hành\s*)?(?:ngày\s*)?", text[pos : pos + dm[0].start], re.I):
        date = dm[0].iso
        pos += dm[0].end
    issuer = None
    om = _OF.match(text[pos : pos + 200])
    if om:
        seg_start = pos + om.end()
        seg = text[seg_start : seg_start + 160]
        em = _ISSUER_END.search(seg)
        raw = seg[: em.start()] if em else seg
        found = agencies.split_list(raw)
        if found:
            issuer = found[0].name
            pos = seg_start + found[0].end
        elif raw.strip():
            issuer = agencies.canonical(raw)
            pos = seg_start + len(raw)
    title = title_span = None
    tm = _TITLE_OPEN.match(text[pos : pos + 40])
    if tm:
        t_start = pos + (tm.start() if tm.group(0).strip().startswith(("“", '"')) else tm.end())
        if not tm.group(0).strip().lower().startswith(("về", "v/v", "“", '"')):
            t_start = pos + len(tm.group(0)) - len(tm.group(0).lstrip(" ,"))
            t_start = pos + (len(text[pos : pos + 40]) - len(text[pos : pos + 40].lstrip(" ,")))
        end_m = _TITLE_END.search(text, t_start)
        t_end = end_m.start() if end_m else min(len(text), t_start + 400)
        # a quotation that is still open runs to its closing mark
        q_open = text.count("“", t_start, t_end) - text.count("”", t_start, t_end)
        if q_open > 0:
            close = text.find("”", t_end)
            if 0 < close < t_end + 200:
                t_end = close + 1
                end_m2 = _TITLE_END.search(text, t_end)
                t_end = end_m2.start() if end_m2 else t_end
        raw_title = text[t_start:t_end].strip(" ,")
        raw_title = re.sub(r"(?i)^(?:về việc|v/v)\s+", "", raw_title).strip()
        if len(raw_title.split()) >= 2:
            title, title_span = " ".join(raw_title.split()), (t_start, t_end)
            pos = t_end
    return date, issuer, title, title_span, pos


def _issuer_from_code(sym: symbols.Symbol | None, where: Jurisdiction, title: str | None) -> str | None:
    if not sym or not sym.issuer_codes:
        return None
    name, local = for_code(sym.issuer_codes[0])
    if not name:
        return None
    if not local:
        return name
    # a local body cited without "của ...": the title tells which level ("trên địa bàn tỉnh")
    t = fold(title or "")
    if name in ("Tỉnh ủy",) or re.search(r"\btỉnh\b", t):
        return (
            localize(name + " tỉnh" if name == "Ủy ban nhân dân" else name, where) if where.province else None
        )
    if name.startswith("Sở") and where.province:
        return localize(name, where)
    if where.level == "province" and name in ("Ủy ban nhân dân", "Hội đồng nhân dân") and where.province:
        return localize(name + " tỉnh", where)
    return None


def _localize_issuer(issuer: str, where: Jurisdiction) -> str:
    """ "UBND tỉnh" in a Gia Lai district letter is Ủy ban nhân dân tỉnh Gia Lai."""
    return localize(issuer, where)


def find_mentions(doc: Doc, where: Jurisdiction, own_number: str | None) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    own = symbols.key(own_number)

    def add(start: int, sym_start: int, sym_end: int, type_word: str | None, sym_text: str) -> None:
        sym = symbols.parse(sym_text)
        if not sym or not sym.number or sym.number.startswith("/"):
            return
        if sym.type_code is None and not sym.party and not sym.issuer_codes:
            return
        if any(a <= sym_start < b for a, b in taken):
            return
        doc_type = _type_for(type_word) if type_word else None
        if doc_type is None or type_word and fold(type_word) in ("văn bản",):
            doc_type = symbols.type_name(sym.type_code) or ("Công văn" if not sym.party else None)
        date, issuer, title, title_span, end = _after_symbol(doc, sym_end, where, sym)
        issuer = _localize_issuer(issuer, where) if issuer else _issuer_from_code(sym, where, title)
        taken.append((start, sym_end))
        if symbols.key(sym.number) == own:
            return
        out.append(
            Mention(
                start,
                end,
                sym_end,
                doc_type,
                sym.number,
                date,
                issuer,
                title,
                title_span,
                spans=[(start, sym_end)],
            )
        )

    for m in _MENTION.finditer(doc.match):
        add(m.start(), m.start("sym"), m.end("sym"), m["type"], text[m.start("sym") : m.end("sym")])
    for m in _BARE.finditer(doc.match):
        if m.group(0).startswith("/"):
            continue
        add(m.start(), m.start(), m.end(), None, text[m.start() : m.end()])
    for m in _LAW.finditer(text):
        dates = find_dates(text[m.end() : m.end() + 40])
        if not dates or dates[0].start > 6 or not dates[0].iso:
            continue
        # a numbered law or ordinance was read above from its number
        if any(m.start() <= a < m.end() + dates[0].end or a <= m.start() < b for a, b in taken):
            continue
        taken.append((m.start(), m.end()))
        out.append(
            Mention(
                m.start(),
                m.end() + dates[0].end,
                m.end(),
                m["type"],
                None,
                dates[0].iso,
                "Quốc hội" if m["type"] in ("Luật", "Bộ luật", "Hiến pháp") else None,
                " ".join(m["title"].split()),
                None,
                spans=[(m.start(), m.end() + dates[0].end)],
            )
        )
    out.sort(key=lambda x: x.start)
    _mark_nested(out)
    for men in out:
        men.relation = "cites" if men.nested else _relation(doc, men)
    return out


def _mark_nested(mentions: list[Mention]) -> None:
    for outer in mentions:
        if not outer.title_span or outer.nested:
            continue
        a, b = outer.title_span
        for inner in mentions:
            if inner is not outer and a <= inner.start < b:
                inner.nested = True


def _relation(doc: Doc, men: Mention) -> str:
    """The nearest cue before the mention within its sentence (a sentence ends at ". " or a new line)."""
    text = doc.match
    line_start = text.rfind("\n", 0, men.start) + 1
    sent_start = max(line_start, text.rfind(". ", line_start, men.start) + 1)
    window = text[sent_start : men.start]
    best = None
    for m in _CUES.finditer(window):
        best = m
    if best is None:
        return "cites"
    if best["theo"]:
        return "cites"
    if best["based"]:
        return "based_on"
    if best["promul"]:
        return (
            "promulgated_by"
            if men.doc_type in ("Quyết định", "Nghị định", "Thông tư", "Nghị quyết")
            else "cites"
        )
    if best["impl"]:
        # "Kế hoạch thực hiện Quyết định ..." inside a title was handled by nesting; here the cue governs.
        return "implements"
    return "cites"


def merge(mentions: list[Mention]) -> list[Reference]:
    """One reference per document: first non-empty value of each field, strongest relation."""
    by_key: dict[str, Reference] = {}
    order: list[str] = []
    for men in mentions:
        k = symbols.key(men.number) if men.number else f"{fold(men.doc_type or '')}|{men.issued_date}"
        ref = by_key.get(k)
        if ref is None:
            by_key[k] = Reference(
                doc_type=men.doc_type,
                number=men.number,
                issued_date=men.issued_date,
                issuer=men.issuer,
                title=men.title,
                relation=men.relation,
            )  # type: ignore[arg-type]
            order.append(k)
            continue
        ref.doc_type = ref.doc_type or men.doc_type
        ref.issued_date = ref.issued_date or men.issued_date
        ref.issuer = ref.issuer or men.issuer
        if men.title and (not ref.title or (ref.title.isupper() and not men.title.isupper())):
            ref.title = men.title
        if RELATION_STRENGTH[men.relation] > RELATION_STRENGTH[ref.relation]:
            ref.relation = men.relation  # type: ignore[assignment]
    return [by_key[k] for k in order]


def find_references(
    text: str, where: Jurisdiction | None = None, own_number: str | None = None
) -> list[Reference]:
    """The references of a piece of text: `clean`, find, merge (what the pipeline does, for one call)."""
    from extractor.clean import clean

    return merge(find_mentions(clean(text), where or Jurisdiction(), own_number))


__all__ = ["find_mentions", "find_references", "merge", "Mention"]

"""Cited documents: every other document the text mentions, once per document.

The forms writers use, most common first:
    "Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ phê duyệt Đề án ..."
    "Thông tư số 44/2014/TT-BGDĐT ngày 12 tháng 12 năm 2014 của Bộ Giáo dục và Đào tạo"
    "Văn bản hợp nhất 10/VBHN-BGDĐT ngày 14/3/2014"            (no "số")
    "Kế hoạch số 259-KH/TU ngày 27/9/2019 của Tỉnh Ủy Gia Lai"    (Party numbering)
    "(Thông báo số 12/TB-VPCP ...)", "theo QĐ số 22/2013/QĐ-TTg", "công văn số 1983/BXD-QLN"
    "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001"          (a law by name and date; later by name alone)
    "Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”"     (a programme by name, no number)

Relation: each citation by the words that introduce it, not by the document's first cue —
a cue right before it ("Căn cứ", "Thực hiện", "triển khai thi hành", "Ban hành kèm theo", "theo");
else the citation before it in the same enumeration ("Căn cứ A; B; và C"); else a cue whose object
it belongs to ("thực hiện các nhiệm vụ đề ra tại Quyết định ..."); else the cue that opens its
sentence, if the citation sits in that opening clause ("Thực hiện kết luận ... (Thông báo số ...),
Ủy ban nhân dân tỉnh yêu cầu"); else `cites`. A document named inside another citation's title
("Quyết định 558 ... về việc ban hành Kế hoạch thực hiện Quyết định số 489 ...") is cited by that
document, not by this one: it gets `cites`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor import agencies, symbols, vocab
from extractor import patterns as P
from extractor.dates import find_dates
from extractor.doc import Doc
from extractor.folding import fold
from extractor.issuers import Jurisdiction, for_code, localize
from models.record import RELATION_STRENGTH, Reference, Relation


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
    symbol: symbols.Symbol | None = None  # the number's parts, parsed once
    relation: Relation = "cites"
    nested: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Tail:
    """What follows a number: its date, issuer and title, and where the citation ends."""

    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    end: int = 0


def _type_for(word: str) -> str | None:
    k = fold(word)
    for w, t in vocab.mention_types():
        if fold(w) == k:
            return t
    return None


# --- what follows a number ----------------------------------------------------------------------------


def _date_after(text: str, pos: int, tail: _Tail) -> None:
    dm = [d for d in find_dates(text[pos : pos + 60]) if d.start <= 14]
    if dm and P.DATE_LEAD.fullmatch(text[pos : pos + dm[0].start]):
        tail.date, tail.end = dm[0].iso, pos + dm[0].end


def _issuer_after(text: str, tail: _Tail) -> None:
    om = P.ISSUER_OPEN.match(text[tail.end : tail.end + 200])
    if not om:
        return
    seg_start = tail.end + om.end()
    seg = text[seg_start : seg_start + 160]
    em = P.ISSUER_END.search(seg)
    while em and em.group(0) == "\n" and _wrapped(seg, em.start()):
        em = P.ISSUER_END.search(seg, em.end())
    raw = seg[: em.start()] if em else seg
    found = agencies.split_list(raw)
    if not found and em and em.group(0) == "," and P.MINISTER_ONLY.fullmatch(raw.strip()):
        # "của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc": one minister's two titles, the body named after the second
        rest = seg[em.end() :]
        second = P.ISSUER_END.search(rest)
        found = [a for a in agencies.split_list(rest[: second.start()] if second else rest) if not a.is_group][:1]
        seg_start += em.end() if found else 0
    if found:
        # "của Bộ Công an và Bộ Nông nghiệp và Môi trường": a joint document keeps all its bodies
        bodies = [a for a in found if not a.is_group]
        tail.issuer = " - ".join(a.name for a in bodies) if len(bodies) > 1 else found[0].name
        tail.end = seg_start + found[-1].end if len(bodies) > 1 else seg_start + found[0].end
    elif raw.strip() and not P.MINISTER_ONLY.fullmatch(raw.strip()):  # a bare "Bộ trưởng": the symbol says whose
        tail.issuer, tail.end = agencies.canonical(raw), seg_start + len(raw)


def _wrapped(seg: str, newline: int) -> bool:
    """Does the issuer phrase go on past this hard line break? "của Bộ trưởng" / "Bộ Tài chính", "của Bộ Kế
    hoạch" / "và Đầu tư": the line ends on a title or kind that needs its body, or the next opens in lower case."""
    nxt = seg[newline + 1 :].lstrip(" \t")
    return bool(P.ISSUER_WRAPPED.search(seg, 0, newline)) or (nxt[:1].islower())


def _title_after(text: str, tail: _Tail) -> None:
    pos = tail.end
    tm = P.TITLE_OPEN.match(text[pos : pos + 40])
    if not tm:
        return
    opener = tm.group(0).strip(" ,").lower()
    head = text[pos : pos + 40]
    t_start = pos + len(head) - len(head.lstrip(" ,"))
    end_m = P.title_end().search(text, t_start)
    t_end = end_m.start() if end_m else min(len(text), t_start + 400)
    # a quotation that is still open runs to its closing mark
    if text.count("“", t_start, t_end) > text.count("”", t_start, t_end):
        close = text.find("”", t_end)
        if 0 < close < t_end + 200:
            end_m2 = P.title_end().search(text, close + 1)
            t_end = end_m2.start() if end_m2 else close + 1
    raw = text[t_start:t_end].strip(" ,")
    if opener.startswith(("về", "v/v")):
        raw = P.TITLE_LEAD.sub("", raw).strip()
    if len(raw.split()) >= 2:
        tail.title, tail.title_span, tail.end = " ".join(raw.split()), (t_start, t_end), t_end


def _after_symbol(doc: Doc, sym_end: int) -> _Tail:
    tail = _Tail(end=sym_end)
    _date_after(doc.text, sym_end, tail)
    _issuer_after(doc.text, tail)
    _title_after(doc.text, tail)
    return tail


def _told_before(doc: Doc, start: int, tail: _Tail) -> None:
    """Date and issuer told before the citation, when none follow it: "Ngày 28 tháng 10 năm 2025, Chủ tịch
    Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX", "đề nghị của Công an tỉnh tại Tờ trình số ..."."""
    window = doc.match[max(doc.match.rfind("\n", 0, start) + 1, start - 300) : start]
    told = P.TOLD_BEFORE.search(window)
    if told and not tail.date and (dates := find_dates(told["date"])) and dates[0].iso:
        tail.date = dates[0].iso
    before = P.ISSUER_BEFORE.search(window)
    who = told["who"] if told else (before["who"] if before else None)
    if who and not tail.issuer and (found := agencies.split_list(who)):
        tail.issuer = found[0].name


# --- issuers -----------------------------------------------------------------------------------------


def _joint_issuer(sym: symbols.Symbol | None) -> str | None:
    """The bodies of a joint document ("06/2007/TTLT-BLĐTBXH-BTC-BYT"), as its symbol names them:
    "Bộ Lao động - Thương binh và Xã hội - Bộ Tài chính - Bộ Y tế"."""
    if not sym or len(sym.issuer_codes) < 2:
        return None
    names = [for_code(c)[0] for c in sym.issuer_codes]
    return " - ".join(n for n in names if n) if all(names) else None


def _issuer_from_code(sym: symbols.Symbol | None, where: Jurisdiction, title: str | None) -> str | None:
    if not sym or not sym.issuer_codes:
        return None
    if joint := _joint_issuer(sym):
        return joint
    name, local = for_code(sym.issuer_codes[0])
    if not name:
        return None
    if not local:
        return name
    # a local body cited without "của ...": the title tells which level ("trên địa bàn tỉnh")
    t = fold(title or "")
    if name == "Tỉnh ủy" or P.PROVINCE_WORD.search(t):
        return localize(name + " tỉnh" if name == "Ủy ban nhân dân" else name, where) if where.province else None
    if name.startswith("Sở") and where.province:
        return localize(name, where)
    if where.level == "province" and name in ("Ủy ban nhân dân", "Hội đồng nhân dân") and where.province:
        return localize(name + " tỉnh", where)
    return None


# --- finding mentions --------------------------------------------------------------------------------


class _Finder:
    """Collects mentions left to right, never two over the same characters."""

    def __init__(self, doc: Doc, where: Jurisdiction, own_number: str | None) -> None:
        self.doc, self.where, self.own = doc, where, symbols.key(own_number)
        self.out: list[Mention] = []
        self.taken: list[tuple[int, int]] = []  # sorted, never overlapping

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.taken, (start, float("inf")))
        before = self.taken[i - 1] if i else None
        after = self.taken[i] if i < len(self.taken) else None
        return bool(before and before[1] > start) or bool(after and after[0] < end)

    def take(self, start: int, end: int) -> None:
        bisect.insort(self.taken, (start, end))

    def numbered(
        self, start: int, sym_start: int, sym_end: int, type_word: str | None, name: str | None = None
    ) -> None:
        sym = symbols.parse(self.doc.text[sym_start:sym_end])
        if not sym or not sym.number or sym.number.startswith("/"):
            return
        if sym.type_code is None and not sym.party and not sym.issuer_codes:
            return
        if self.overlaps(sym_start, sym_start + 1):
            return
        doc_type = _type_for(type_word) if type_word else None
        if doc_type is None:
            doc_type = symbols.type_name(sym.type_code) or ("Công văn" if not sym.party else None)
        tail = _after_symbol(self.doc, sym_end)
        _told_before(self.doc, start, tail)
        if name and not tail.title:
            tail.title = " ".join(name.split())  # "Luật Bảo hiểm y tế số 25/2008/QH12": named before its number
        # a joint document's symbol names all its bodies, where the text says "liên Bộ"
        issuer = _joint_issuer(sym) or (
            localize(tail.issuer, self.where) if tail.issuer else _issuer_from_code(sym, self.where, tail.title)
        )
        self.take(start, sym_end)
        if symbols.key(sym.number) == self.own:
            return
        self.out.append(
            Mention(
                start,
                tail.end,
                sym_end,
                doc_type,
                sym.number,
                tail.date,
                issuer,
                tail.title,
                tail.title_span,
                sym,
                spans=[(start, sym_end)],
            )
        )

    def unnumbered(self, start: int, end: int, doc_type: str, date: str | None, title: str) -> None:
        self.take(start, end)
        issuer = t.issuer if (t := vocab.doc_type(doc_type)) else None
        self.out.append(
            Mention(start, end, end, doc_type, None, date, issuer, " ".join(title.split()), None, spans=[(start, end)])
        )


# A symbol starts at most this many characters before its first "/" ("12345.678a /", "259-KHABCD/"), and a
# stretch of text after a "/" is read up to the next safe cut past this many characters.
_BEFORE_SLASH = 40
_AFTER_SLASH = 120


def symbols_in(text: str) -> Iterator[re.Match[str]]:
    """`P.BARE_SYMBOL.finditer(text)`, looked for only around the "/" every symbol holds: the pattern may
    start anywhere (its number is optional), so a scan of the whole text tried it at every character; this
    reads a fifth as much (the same matches on all 554 texts of the corpus and shared/)."""
    last_end = 0
    slash = text.find("/")
    while slash >= 0:
        lo = max(last_end, slash - _BEFORE_SLASH)
        cut = P.SYMBOL_SAFE_CUT.search(text, slash + _AFTER_SLASH)
        hi = cut.end() - 1 if cut else len(text)
        for m in P.BARE_SYMBOL.finditer(text, lo, hi):
            if m.start() >= last_end:
                last_end = m.end()
                yield m
        slash = text.find("/", hi)


def _numbered(f: _Finder) -> None:
    """Every number in the text, with the type word before it when there is one ("Quyết định số 89/QĐ-TTg",
    "QĐ số 22/2013/QĐ-TTg"), or standing alone ("(12/TB-VPCP)"): numbers are found first, types looked back
    for, which is much faster than looking for every type word."""
    text = f.doc.match
    for m in symbols_in(text):
        if m.group(0).startswith("/"):
            continue
        window = max(0, m.start() - 60)
        typed = P.type_before().search(text, window, m.start())
        named = None if typed else _law_named_before(text, m)
        if typed:
            f.numbered(typed.start(), m.start(), m.end(), typed["type"])
        elif named:
            title = named["title"] if named["title"] and named["title"][:1].isupper() else None
            f.numbered(named.start(), m.start(), m.end(), named["type"], title)
        else:
            f.numbered(m.start(), m.start(), m.end(), None)


def _law_named_before(text: str, m: re.Match[str]) -> re.Match[str] | None:
    """ "Luật Bảo hiểm y tế số 25/2008/QH12": a symbol of the Quốc hội has no type code, and its type word
    opens the law's name before "số" (in the line's sentence, up to 160 characters back)."""
    if not P.LEGISLATIVE_SYMBOL.search(m.group(0).rstrip(" .,;")):
        return None
    return P.LAW_NAMED_BEFORE.search(text, max(0, m.start() - 160), m.start())


def _laws(f: _Finder) -> None:
    """Laws by name and date; then the same laws named again without a date ("Kế hoạch triển khai thi
    hành Luật Bảo vệ dữ liệu cá nhân"), which carry their own cues."""
    text, titles = f.doc.text, {}
    for m in P.LAW.finditer(text):
        dates = find_dates(text[m.end() : m.end() + 40])
        if not dates or dates[0].start > 6 or not dates[0].iso:
            continue
        end = m.end() + dates[0].end
        if f.overlaps(m.start(), end):
            continue  # a numbered law or ordinance was read from its number
        f.unnumbered(m.start(), end, m["type"], dates[0].iso, m["title"])
        titles[(m["type"], fold(m["title"]))] = (dates[0].iso, m["title"])
    for (doc_type, key), (date, title) in titles.items():
        for m in P.law_by_title(doc_type, title).finditer(f.doc.match):
            if not f.overlaps(m.start(), m.end()) and fold(m.group(0)[len(doc_type) :]) == key:
                f.unnumbered(m.start(), m.end(), doc_type, date, title)


def _programmes(f: _Finder) -> None:
    """Programmes cited by name ("Đề án “...”"), unless a numbered citation's title holds them (the
    decision that approved them is cited there) or the name is the document's own."""
    titles = [fold(m.title or "") for m in f.out if m.number]
    for m in P.PROGRAMME.finditer(f.doc.text):
        name = m["title"].strip('“”" ')
        if f.overlaps(m.start(), m.end()) or any(fold(name) in t for t in titles):
            continue
        doc_type = "Chương trình" if m["type"].startswith("Chương trình") else m["type"]
        f.unnumbered(m.start(), m.end(), doc_type, None, name)


def _mark_nested(mentions: list[Mention]) -> None:
    for outer in mentions:
        if not outer.title_span or outer.nested:
            continue
        a, b = outer.title_span
        for inner in mentions:
            if inner is not outer and a <= inner.start < b:
                inner.nested = True


# --- relations ---------------------------------------------------------------------------------------


def _cue_relation(m: re.Match[str], doc_type: str | None) -> Relation:
    if m["based"]:
        return "based_on"
    if m["impl"]:
        return "implements"
    if m["promul"]:
        # a plan "kèm theo" a decision does not promulgate it
        t = vocab.doc_type(doc_type)
        return "promulgated_by" if t and t.promulgates else "cites"
    return "cites"


def _sentence_start(text: str, pos: int) -> int:
    line_start = text.rfind("\n", 0, pos) + 1
    dot = text.rfind(". ", line_start, pos)
    return dot + 2 if dot >= 0 else line_start


def _object_cue(window: str) -> bool:
    """ "thực hiện ... các nhiệm vụ và giải pháp đề ra tại": the citation is what is carried out."""
    m = P.CUE_OBJECT.search(window)
    return m is not None and not P.OBJECT_BREAK.search(m["obj"])


def _opening_cue(text: str, men: Mention, spans: list[tuple[int, int]]) -> Relation | None:
    """The relation of the cue that opens the citation's sentence, if the citation lies in that
    opening clause (before ", <main clause>" outside any citation)."""
    start = _sentence_start(text, men.start)
    m = P.OPENING_CUE.match(text, start)
    between = text[m.end() if m else start : men.start]
    if not m or men.start - start > 400 or ";" in between or ":" in between or P.PROPOSAL.search(between):
        return None
    for c in P.MAIN_CLAUSE.finditer(text, start, men.start):
        if not any(a <= c.start() < b for a, b in spans):
            return None  # the opening clause ended before the citation
    return _cue_relation(m, men.doc_type)


def _relation(doc: Doc, men: Mention, prev: Mention | None, spans: list[tuple[int, int]]) -> Relation:
    text = doc.match
    start = _sentence_start(text, men.start)
    window = text[max(start, men.start - 250) : men.start]
    cue = P.CUE_BEFORE.search(window)
    if cue:
        return _cue_relation(cue, men.doc_type)
    if prev is not None and prev.end <= men.start and P.CHAIN_GLUE.match(text[prev.end : men.start]):
        return prev.relation
    if _object_cue(window):
        return "implements"
    return _opening_cue(text, men, spans) or "cites"


def _relations(doc: Doc, mentions: list[Mention]) -> None:
    spans = [(m.start, m.end) for m in mentions]
    prev: Mention | None = None
    for men in mentions:
        if men.nested:
            continue  # cited by the document whose title names it
        men.relation = _relation(doc, men, prev, spans)
        prev = men


def find_mentions(doc: Doc, where: Jurisdiction, own_number: str | None) -> list[Mention]:
    f = _Finder(doc, where, own_number)
    _numbered(f)
    _laws(f)
    _programmes(f)
    out = sorted(f.out, key=lambda x: x.start)
    _mark_nested(out)
    _relations(doc, out)
    # a programme named in passing ("mục tiêu của Đề án “...”") is not cited; one carried out or relied on is
    return [m for m in out if m.number or m.issued_date or m.relation in ("implements", "based_on")]


# --- one reference per document ------------------------------------------------------------------------


def mention_key(men: Mention) -> str:
    if men.number:
        return symbols.key(men.number)
    return f"{fold(men.doc_type or '')}|{men.issued_date or fold(men.title or '')}"


def merge(mentions: list[Mention]) -> list[Reference]:
    """One reference per document: first non-empty value of each field, strongest relation."""
    by_key: dict[str, Reference] = {}
    for men in mentions:
        k = mention_key(men)
        ref = by_key.get(k)
        if ref is None:
            by_key[k] = Reference(
                doc_type=men.doc_type,
                number=men.number,
                issued_date=men.issued_date,
                issuer=men.issuer,
                title=men.title,
                relation=men.relation,
            )
            continue
        ref.doc_type = ref.doc_type or men.doc_type
        ref.issued_date = ref.issued_date or men.issued_date
        ref.issuer = ref.issuer or men.issuer
        if men.title and (not ref.title or (ref.title.isupper() and not men.title.isupper())):
            ref.title = men.title
        if RELATION_STRENGTH[men.relation] > RELATION_STRENGTH[ref.relation]:
            ref.relation = men.relation
    return list(by_key.values())


def find_references(text: str, where: Jurisdiction | None = None, own_number: str | None = None) -> list[Reference]:
    """The references of a piece of text: `clean`, find, merge (what the pipeline does, for one call)."""
    from extractor.clean import clean

    return merge(find_mentions(clean(text), where or Jurisdiction(), own_number))


__all__ = ["find_mentions", "find_references", "merge", "mention_key", "Mention"]

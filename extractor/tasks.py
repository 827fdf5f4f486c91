"""Duties a document assigns: at the finest enumerated level that carries an action.

Where duties live: the items of a letter's body and of a plan's "Nhiệm vụ", "Tổ chức thực hiện"
sections; the Điều of a decision, directive or resolution that charge a body ("Giao Bộ ...", "X có
trách nhiệm ...", "Đề nghị X ..."); plans attached to a decision (labels are the plan's own); fields
("Cơ quan chủ trì: ..."); tables of duties in any column order (`extractor.tables`). Not duties: goals,
context, closing formulas, and in documents that state rules (a Luật, Thông tư, or the Quy định /
Quy chế a decision issues) everything but the sections that charge bodies and the execution clause.

Who leads an item, first rule that applies:
  1. fields: "Cơ quan chủ trì: Sở Thông tin và Truyền thông";
  2. an explicit "X chủ trì", the sentence's subject ("UBND các huyện, thị xã, thành phố tổ chức rà soát ..."),
     or "(Giao X chủ trì / tham mưu)" inside the item;
  3. a heading that names an agency: "1. Phòng Giáo dục và Đào tạo" / "a) Sở Giáo dục và Đào tạo:";
  4. the nearest item above that has a lead: a task ("2. Sở GD&ĐT chủ trì ... / - Chủ trì phối hợp ..."),
     a heading, or a lead-in ("Sở Y tế chủ trì, phối hợp với Sở NN&MT thực hiện các chương trình như:");
  5. the addressees of the document's lead-in: "UBND tỉnh yêu cầu Thủ trưởng các đơn vị, Chủ tịch UBND các
     huyện ... triển khai thực hiện một số nội dung sau:", "Thủ tướng Chính phủ yêu cầu Chủ tịch UBND các tỉnh:".
Support: the agencies after "phối hợp (với)", "cùng (với)", "tham gia với"; the items under a lead-in take
its partners. Office holders name their bodies: "Giám đốc Sở Y tế" -> "Sở Y tế".

Everything is read on passages of the document (`extractor.passage`): the document's own tokens, no window
tokenised twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from extractor import agencies, vocab
from extractor.agencies import Agency, read_list, verb_end
from extractor.dates import find_dates
from extractor.doc import Doc, Line, Tok
from extractor.folding import fold
from extractor.outline import Node, Outline
from extractor.passage import Passage
from extractor.patterns import (
    FIELD_CONTENT,
    FIELD_DATE_VALUE,
    FIELD_LEAD,
    FIELD_OTHER,
    FIELD_PARTS,
    FIELD_SUPPORT,
    FIELD_TIME,
    TASK_ACTOR,
    TASK_ANNUAL,
    TASK_ANNUAL_ACTION,
    TASK_BODY_END,
    TASK_CLOSING,
    TASK_COMMA,
    TASK_DEADLINE_DATE,
    TASK_DEADLINE_PERIOD,
    TASK_DIFFICULTY,
    TASK_DIRECTED,
    TASK_DIRECTED_LEAD,
    TASK_EFFECT_ARTICLE,
    TASK_EXECUTION_CLAUSE,
    TASK_GENERIC_OPENER,
    TASK_INSTITUTION,
    TASK_INTRODUCES,
    TASK_LAST_CLAUSE,
    TASK_LEAD_IN_CUE,
    TASK_LEAD_IN_END,
    TASK_LEADING_CLAUSE,
    TASK_PAREN_ASSIGN,
    TASK_PERSON_NAME,
    TASK_REQUEST,
    TASK_SENTENCE_BREAK,
    TASK_SUPPORT_CUE,
    TASK_TIME_LIMIT,
    TASK_TITLE_PREFIX,
)
from extractor.sections import kind_of
from extractor.tables import Table
from extractor.tokens import Trie, tokenize

# --- findings ------------------------------------------------------------------------------------------


@dataclass
class TaskFinding:
    """A duty: its label and text as printed, who leads and who supports (parsed agencies), by when."""

    label: str | None
    text: str
    leads: list[Agency]
    supports: list[Agency]
    deadline: str | None
    start: int  # offsets in the cleaned text
    end: int

    @property
    def lead(self) -> list[str]:
        return _names(self.leads)

    @property
    def support(self) -> list[str]:
        lead = set(self.lead)
        return [n for n in _names(self.supports) if n not in lead]

    @property
    def agency_spans(self) -> list[tuple[int, int, str]]:
        return [(a.start, a.end, a.name) for a in self.leads + self.supports if a.end > a.start]


def _names(found: list[Agency]) -> list[str]:
    out: list[str] = []
    for a in found:
        if a.name and a.name not in out:
            out.append(a.name)
    return out


def _as_written(text: str, start: int = 0, end: int = 0) -> Agency:
    """A body named in a way the reader does not parse, kept as written (abbreviations expanded)."""
    return Agency(start, end, text, agencies.canonical(text), is_group=True)


# --- vocabulary ---------------------------------------------------------------------------------------------


def _words(name: str) -> tuple[str, ...]:
    return tuple(vocab.load("duties.json")[name]["words"])


@cache
def _trie(name: str) -> Trie[str]:
    return Trie[str]((w, w) for w in _words(name))


@cache
def _folded(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _words(name))


@cache
def _rule_types() -> frozenset[str]:
    return frozenset(_words("rule_types"))


# --- reading a passage: openers, subjects, predicates ---------------------------------------------------------


def _skip_openers(p: Passage, i: int) -> int:
    """Past "Đề nghị"/"Giao"/"Các ông (bà):" and a leading clause ("Căn cứ ..., ", "Hàng năm, ").

    A leading clause may itself hold commas ("Căn cứ số vốn được phân bổ từ ngân sách trung ương, vốn ngân sách
    địa phương ..., Ủy ban nhân dân cấp tỉnh phân bổ ..."): it ends at the first comma after which an agency begins.
    """
    toks = p.toks
    for _ in range(4):
        if i >= len(toks):
            return i
        pos = p.text_pos(toks[i].start)
        if c := TASK_LEADING_CLAUSE.match(p.match[pos:]):
            i = p.tok_at(_clause_end(p, pos, pos + c.end()))
        elif m := _trie("openers").longest(toks, i):
            i = m[0] + (m[0] < len(toks) and toks[m[0]].key == ":")
        else:
            return i
    return i


def _clause_end(p: Passage, pos: int, end: int) -> int:
    """Where a leading clause ends: at the first comma from `end` on after which a body or an opener begins."""
    for comma in TASK_COMMA.finditer(p.text, pos, pos + 260):
        k = p.tok_at(comma.end())
        if comma.end() >= end and (_trie("openers").longest(p.toks, k) or read_list(p.toks, k, p.doc.text)):
            return comma.end()
    return end


def _subject(p: Passage, i: int = 0) -> list[Agency]:
    """The agencies that open the passage (after openers) as its grammatical subject, if a predicate follows."""
    i = _skip_openers(p, i)
    found = read_list(p.toks, i, p.doc.text)
    if found:
        j = _after_parenthetical(p.toks, found[-1].tok_end)
        if _predicate_at(p.toks, j) or _predicate_at(p.toks, _after_time_limit(p, j)):
            return found
    return _generic_subject(p, i)


def _after_time_limit(p: Passage, j: int) -> int:
    """Past "trong thời gian 03 ngày làm việc kể từ ngày nhận đủ giấy tờ," between a subject and its predicate."""
    if j >= len(p.toks):
        return j
    pos = p.text_pos(p.toks[j].start)
    m = TASK_TIME_LIMIT.match(p.match[pos:])
    return p.tok_at(pos + m.end()) if m else j


def _after_parenthetical(toks: list[Tok], j: int) -> int:
    """Past "(sau đây gọi là Ủy ban nhân dân cấp xã)" after a subject."""
    if j < len(toks) and toks[j].key == "(":
        for k in range(j + 1, min(len(toks), j + 30)):
            if toks[k].key == ")":
                return k + 1
    return j


def _predicate_at(toks: list[Tok], j: int) -> bool:
    """Does a predicate start at toks[j]: a verb of the lexicon, "có trách nhiệm", a colon, or (for words the
    lexicon does not know) a verb by underthesea's tagger?"""
    while j < len(toks) and (toks[j].key in {",", "…"} or toks[j].key == "." and _ellipsis(toks, j)):
        j += 1  # "Hội Cựu chiến binh Thành phố, Thành Đoàn... phát động": the list trails off, the verb follows
    if j >= len(toks):
        return False
    t = toks[j]
    if t.key == ":" or verb_end(toks, j) > j or _trie("predicates").longest(toks, j):
        return True
    if not t.is_word or t.is_cap or t.key in _folded("not_predicates"):
        return False
    return _pos_says_verb(" ".join(x.text for x in toks[j : j + 6]))


def _ellipsis(toks: list[Tok], j: int) -> bool:
    return any(k < len(toks) and toks[k].key == "." for k in (j - 1, j + 1))


@lru_cache(maxsize=8192)
def _pos_says_verb(opening: str) -> bool:
    from underthesea import pos_tag  # only for openings the lexicon does not know

    tags = pos_tag(opening)
    return bool(tags) and tags[0][1] == "V"


def starts_with_action(text: str, guess: bool = True) -> bool:
    """Does `text` open with a verb ("Rà soát lại kế hoạch ...", "Là cơ quan thường trực ...")?

    The verb lexicon decides; with `guess`, underthesea's POS tagger decides openings it lacks."""
    return _opens_with_action(tokenize(text[:80]), 0, guess)


def _opens_with_action(toks: list[Tok], i: int, guess: bool) -> bool:
    while i < len(toks) and not toks[i].is_word:
        i += 1
    if i >= len(toks):
        return False
    if verb_end(toks, i) > i:
        return True
    return guess and _pos_says_verb(" ".join(t.text for t in toks[i : i + 6]))


def _generic_subject(p: Passage, i: int) -> list[Agency]:
    """A collective subject the agency vocabulary does not list: "Các phương tiện thông tin đại chúng thực hiện",
    "Mỗi địa phương cần ...", "Tất cả các sở, ngành đều có trách nhiệm" (up to the verb, adverbs left out)."""
    toks = p.toks
    if i >= len(toks) or not TASK_GENERIC_OPENER.match(p.doc.text[toks[i].start : toks[i].start + 12]):
        return []
    idx = [k for k in range(i, min(len(toks), i + 16)) if toks[k].is_word or toks[k].key == ","]
    keys = [toks[k].key for k in idx]
    for n in range(1, min(len(idx), 10)):
        k = idx[n]
        if keys[n] == "," or not (verb_end(toks, k) > k or _trie("predicates").longest(toks, k)):
            continue
        if any(w in _folded("clause_words") for w in keys[:n]):
            return []
        end = n
        while end > 1 and keys[end - 1] in _folded("subject_adverbs"):
            end -= 1  # "Tất cả các sở, ngành đều có trách nhiệm": "đều" belongs to the predicate
        s, e = toks[idx[0]].start, toks[idx[end - 1]].end
        phrase = " ".join(p.doc.text[s:e].split()).strip(" ,")
        if TASK_ACTOR.search(fold(phrase)):
            return [Agency(s, e, phrase, agencies.canonical(phrase), kind="group", is_group=True)]
    return []


def _explicit_leads(p: Passage) -> list[Agency]:
    """Agencies right before "chủ trì", read from the clause's start: "Sở Tài chính, Sở Kế hoạch và Đầu tư chủ trì
    ...", "(Giao Công an tỉnh chủ trì, phối hợp với ...)"."""
    toks = p.toks
    cues = _trie("lead_cues")
    for c in range(1, len(toks)):
        if not cues.longest(toks, c):
            continue
        start = max((k + 1 for k in range(c) if toks[k].key in {".", ";", ":", "("}), default=0)
        found = read_list(toks, _skip_openers(p, start), p.doc.text)
        if found and (found[-1].tok_end == c or found[-1].tok_end == c - 1 and toks[c - 1].key == ","):
            return found
    return []


def _assigned(p: Passage) -> list[Agency]:
    """ "(Giao Công an tỉnh tham mưu)": an assignment inside the item names its lead."""
    for m in TASK_PAREN_ASSIGN.finditer(p.match):
        if found := _subject(p, p.tok_at(m.end())):
            return found
    return []


def _more_subjects(p: Passage, found: list[Agency]) -> list[Agency]:
    """Bodies charged in later sentences of an item that has a subject: "Ban Chỉ đạo ... tổ chức kiểm tra ... . Sau
    khi kiểm tra, Ủy ban nhân dân xã, phường, thị trấn lập danh sách ..." (not after a semicolon, which may part the
    bodies of one list: "phối hợp với Văn phòng UBND tỉnh; Sở Tư pháp và ...")."""
    out = list(found)
    for m in TASK_SENTENCE_BREAK.finditer(p.text):
        for a in _subject(p, p.tok_at(m.end())):
            if all(a.name != b.name for b in out):
                out.append(a)
    return out


def _later_subject(p: Passage) -> list[Agency]:
    """A subject in a later sentence of an item whose first sentence has none:
    "Đổi mới phương pháp dạy học ... Các cơ sở giáo dục đại học tổ chức nghiên cứu ..."."""
    for m in TASK_SENTENCE_BREAK.finditer(p.text):
        if found := _subject(p, p.tok_at(m.end())):
            return found
    return []


def _support(p: Passage, leads: list[Agency]) -> list[Agency]:
    """Agencies after "phối hợp (với)", "cùng (với)", "tham gia với", unless the lead directs someone else to
    partner with them ("chỉ đạo các cơ quan liên quan phối hợp với Hội khuyến học")."""
    lead_names = {a.name for a in leads}
    out: list[Agency] = []
    for m in TASK_SUPPORT_CUE.finditer(p.match):
        if _directed(p, m.start()):
            continue
        for a in read_list(p.toks, p.tok_at(m.end()), p.doc.text, bare=True):
            if a.name not in lead_names and all(a.name != b.name for b in out):
                out.append(a)
    return out


def _directed(p: Passage, cue: int) -> bool:
    """Is the partnering at `cue` asked of a body the lead directs ("chỉ đạo các cơ quan liên quan phối hợp với Hội
    khuyến học")? The directing verb and its body lie in the cue's clause, which does not read "X chủ trì, ..."."""
    start = max(p.text.rfind(";", 0, cue), p.text.rfind(".", 0, cue)) + 1
    clause = p.text[start:cue]
    if TASK_DIRECTED_LEAD.search(clause):
        return False
    verbs = list(TASK_DIRECTED.finditer(p.match, start, cue))
    if not verbs:
        return False
    directed = read_list(p.toks, p.tok_at(verbs[-1].end()), p.doc.text, bare=True)
    return bool(directed) and directed[-1].tok_end == p.tok_at(cue)


# --- deadlines -------------------------------------------------------------------------------------------------


def deadline_of(text: str, body: list[Line]) -> str | None:
    for ln in body:
        if m := FIELD_TIME.match(ln.text.strip()):
            return _deadline_value(m["v"])
    if m := TASK_DEADLINE_DATE.search(text):
        dates = find_dates(text[m.end() - 5 : m.end() + 40])
        if dates and dates[0].iso:
            return dates[0].iso
    if m := TASK_DEADLINE_PERIOD.search(text):
        return " ".join(m.group(0).split())
    if m := TASK_ANNUAL.search(text):
        return m["w"].lower()
    # "thực hiện hàng năm", "theo quy định hàng năm": an annual action
    m = TASK_ANNUAL_ACTION.search(text)
    if m and verb_end(tokenize(m["v"].split()[-1]), 0) > 0:
        return m["w"].lower()
    return None


def _deadline_value(v: str) -> str | None:
    v = v.strip().rstrip(".;")
    if not v:
        return None
    dates = find_dates(v)
    if dates and dates[0].iso and FIELD_DATE_VALUE.match(v):
        return dates[0].iso
    return v


# --- fields -----------------------------------------------------------------------------------------------------


@dataclass
class _Fields:
    leads: list[Agency] = field(default_factory=list)
    supports: list[Agency] = field(default_factory=list)
    deadline: str | None = None
    content: Passage | None = None  # "Nội dung: ...": the task's text
    nodes: list[Node] = field(default_factory=list)  # field children: not tasks of their own
    lines: list[Line] = field(default_factory=list)  # field lines of the item's body

    def __bool__(self) -> bool:
        return bool(self.leads or self.supports or self.content)  # a date alone ("Thời gian: ...") is no plan


def _field_agencies(value: Passage) -> list[Agency]:
    """ "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố." -> each body; "Bộ Công an tiến hành rà soát ...;
    các bộ, ..." -> the list that opens each part; a part the reader does not parse is kept as written."""
    out: list[Agency] = []
    pos = 0
    text = value.text.rstrip(" .;")
    for m in list(FIELD_PARTS.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        part = value.cut(pos, end)
        pos = m.end() if m else end
        if not part:
            continue
        found = read_list(part.toks, 0, part.doc.text, bare=True)
        if not found and len(part.text.split()) <= 12:
            found = [_as_written(part.text, part.start, part.end)]
        out.extend(a for a in found if all(a.name != b.name for b in out))
    return out


def _read_field(f: _Fields, p: Passage, children: list[Node], doc: Doc) -> bool:
    """Reads one field line into `f`; False when the line is not a field."""
    text = p.text
    if m := FIELD_LEAD.match(text):
        f.leads += [a for a in _field_agencies(p.cut(m.start("v"))) if all(a.name != b.name for b in f.leads)]
    elif m := FIELD_SUPPORT.match(text):
        f.supports += [a for a in _field_agencies(p.cut(m.start("v"))) if all(a.name != b.name for b in f.supports)]
    elif m := FIELD_TIME.match(text):
        value = m["v"] or (" ".join(c.text for c in children[-1:]) if children else "")
        f.deadline = _deadline_value(value) if m["v"] else deadline_of(value, [])
    elif m := FIELD_CONTENT.match(text):
        f.content = p.cut(m.start("v"))
    elif not FIELD_OTHER.match(text):
        return False
    return True


def _fields(node: Node, ctx: _Ctx) -> _Fields:
    """Fields given as the item's children ("- Cơ quan chủ trì: ...") or as lines of its body (read once)."""
    if id(node) not in ctx.fields:
        ctx.fields[id(node)] = _read_fields(node, ctx.doc)
    return ctx.fields[id(node)]


def _read_fields(node: Node, doc: Doc) -> _Fields:
    f = _Fields()
    for c in node.children:
        if _read_field(f, _node_passage(doc, c), c.children, doc):
            f.nodes.append(c)
    for b in node.body:
        if _read_field(f, Passage.of(doc, [(b.start, b.end)]), [], doc):
            f.lines.append(b)
    return f


def _shared_fields(node: Node, ctx: _Ctx) -> _Fields:
    """Fields printed once after a run of sibling items apply to each item of the run ("- Tăng cường ... / - Nâng
    cao ... / Đơn vị thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.")."""
    siblings = node.parent.children if node.parent else []
    after = siblings[siblings.index(node) + 1 :] if node in siblings else []
    for s in after:
        if s.style != node.style or s.children:
            break
        f = _fields(s, ctx)
        if f.lines:
            return _Fields(f.leads, f.supports, f.deadline)
        if f:
            break
    return _Fields()


# --- the passage of an item -------------------------------------------------------------------------------------


def _node_passage(doc: Doc, node: Node, extra: Sequence[Line] = (), body: bool = True) -> Passage:
    head = [(node.head_start, node.head_start + len(node.head))] if node.head else []
    lines = (node.body if body else []) + list(extra)
    return Passage.of(doc, head + [(b.start, b.end) for b in lines])


def _body_passage(doc: Doc, lines: list[Line]) -> Passage:
    return Passage.of(doc, [(b.start, b.end) for b in lines])


def _heading_colon(p: Passage) -> int:
    """Position of the colon that ends an inline heading ("Sở Tư pháp: Phối hợp ..."), or -1 when the colon
    introduces a list inside a sentence ("Phát huy ..., kết hợp khai thác các cơ sở hiện có: Hội trường, ...")."""
    colon = p.text.find(":")
    if colon <= 0:
        return -1
    found = read_list(p.toks, _skip_openers(p, 0), p.doc.text)
    if found and found[-1].end > p.doc_pos(colon):
        return -1  # "Giám đốc các Sở: Lao động ..., Tài chính; ...": the colon is inside a list of bodies
    if colon == len(p.text) - 1:
        return colon
    before = p.cut(0, colon)
    if len(before.text.split()) > 10 or _opens_with_action(before.toks, 0, guess=False):
        return -1
    return colon


# --- the walk ----------------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    doc: Doc
    outline: Outline
    lead_in: list[Agency]
    rules: bool  # the document itself states rules
    leads: dict[int, list[Agency]] = field(default_factory=dict)  # node -> the lead its items take
    heads: set[int] = field(default_factory=set)  # nodes whose items are the lead's duties however they open
    own_leads: set[int] = field(default_factory=set)  # tasks whose lead their own sentence names
    supports: dict[int, list[Agency]] = field(default_factory=dict)  # lead-in node -> partners of its items
    field_nodes: set[int] = field(default_factory=set)
    fields: dict[int, _Fields] = field(default_factory=dict)
    kinds: dict[int, str | None] = field(default_factory=dict)
    headings: dict[int, list[Agency]] = field(default_factory=dict)

    def kind(self, node: Node) -> str:
        return kind_of(node, self.kinds)

    def is_rules(self, node: Node) -> bool:
        return self.rules or self.outline.kind_of_attachment(node.attachment) in _rule_types()

    def is_appendix(self, node: Node) -> bool:
        kind = self.outline.kind_of_attachment(node.attachment)
        return kind is not None and fold(kind) in _folded("appendix_words")

    def lead_above(self, node: Node) -> list[Agency]:
        return next((self.leads[id(a)] for a in node.ancestors if self.leads.get(id(a))), [])

    def under_heading(self, node: Node) -> bool:
        return any(id(a) in self.heads for a in node.ancestors)

    def support_above(self, node: Node) -> list[Agency]:
        return next((self.supports[id(a)] for a in node.ancestors if id(a) in self.supports), [])


def find_tasks(doc: Doc, outline: Outline, preamble: list[Line], doc_type: str | None = None) -> list[TaskFinding]:
    ctx = _Ctx(doc, outline, _lead_in(doc, preamble), rules=doc_type in _rule_types())
    appended, loose = _sort_loose(ctx)
    out: list[TaskFinding] = []
    for node in outline.root.walk():
        if node.style == "root":
            continue
        t = _node_task(node, ctx, appended.get(id(node), []))
        if t:
            out.append(t)
        for ln in loose.get(id(node), []):
            if (lt := _loose_task(ln, node, ctx)) is None:
                continue
            if t and id(node) in ctx.own_leads and lt.lead == t.lead:
                # the item's own subject goes on: "2. Bộ trưởng, ... chịu trách nhiệm ... / Căn cứ ..., các bộ, ..."
                t.text, t.end = f"{t.text} {lt.text}", max(t.end, lt.end)
            else:
                out.append(lt)
    if not any(n.attachment == 0 for n in outline.root.children):
        out.extend(t for ln in preamble if (t := _request_task(ln, ctx)))
    out.extend(t for table in outline.tables for t in _table_tasks(table, ctx))
    return sorted(out, key=lambda t: t.start)


# Characters of a paragraph's opening: room for a leading clause ("Căn cứ ..., ", up to 260), a list of a dozen
# bodies and the verb after them.
_OPENING = 800


def _sort_loose(ctx: _Ctx) -> tuple[dict[int, list[Line]], dict[int, list[Line]]]:
    """Unlabelled paragraphs after an item: with a subject of their own they are duties of their own; opening with a
    verb they continue the item ("2. Sở ... chủ trì ... / Tiếp tục duy trì mô hình ..."); closing formulas, lead-ins,
    signatures and the document's last paragraph ("... Chỉ thị này./.") are neither."""
    appended: dict[int, list[Line]] = {}
    loose: dict[int, list[Line]] = {}
    effect_bodies = [(n, b) for n in ctx.outline.root.walk() if _effect_article(n) for b in n.body]
    for item, ln in ctx.outline.loose + effect_bodies:
        s = ln.text.strip()
        if _is_closing(s) or TASK_DIFFICULTY.match(s) or _is_signature(s) or TASK_INTRODUCES.search(s):
            continue
        # only its opening decides (a subject and its verb, or a verb): a law's long paragraphs are not read whole
        p = Passage.of(ctx.doc, [(ln.start, min(ln.end, ln.start + _OPENING))])
        if _subject(p):
            loose.setdefault(id(item), []).append(ln)
        elif not loose.get(id(item)) and not TASK_BODY_END.search(s) and _opens_with_action(p.toks, 0, guess=False):
            appended.setdefault(id(item), []).append(ln)
    return appended, loose


def _is_closing(s: str) -> bool:
    return bool(TASK_CLOSING.match(s))


def _is_signature(s: str) -> bool:
    if len(s) > 80:
        return False
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.85 and len(s) < 60:
        return True
    return bool(TASK_PERSON_NAME.match(s))


def _lead_in(doc: Doc, preamble: list[Line]) -> list[Agency]:
    """The addressees of the body's lead-in: "... yêu cầu Thủ trưởng các đơn vị, Chủ tịch UBND các huyện ... triển
    khai thực hiện một số nội dung sau:", "Thủ tướng Chính phủ yêu cầu Chủ tịch UBND các tỉnh, thành phố ...:"."""
    for ln in reversed(preamble):
        if not TASK_LEAD_IN_END.search(ln.text.strip()):
            continue
        p = Passage.of(doc, [(ln.start, ln.end)])
        for m in reversed(list(TASK_LEAD_IN_CUE.finditer(p.match))):
            if found := read_list(p.toks, p.tok_at(m.end()), doc.text):
                return found
    return []


def _agency_heading(node: Node, ctx: _Ctx) -> list[Agency]:
    """Agencies named by a heading: "1. Phòng Giáo dục và Đào tạo", "a) Sở GD&ĐT:", "Trách nhiệm của các sở, ngành
    tỉnh:", "7. Đề nghị Ủy ban MTTQ huyện, Hội Nông dân ...", "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, ...",
    "1. Giao người đứng đầu các cơ quan chuyên môn ...; Chủ tịch UBND các xã, phường và đặc khu"."""
    if id(node) in ctx.headings:
        return ctx.headings[id(node)]
    ctx.headings[id(node)] = found = _read_heading(node, ctx)
    return found


def _read_heading(node: Node, ctx: _Ctx) -> list[Agency]:
    p = _node_passage(ctx.doc, node, body=False)
    i = _skip_openers(p, 0)
    found = read_list(p.toks, i, ctx.doc.text)
    if not found:
        return []
    j = found[-1].tok_end
    rest = p.toks[j:]
    colon = next((k for k, t in enumerate(rest) if t.key == ":"), None)
    if any(t.is_word for t in rest[: colon if colon is not None else len(rest)]):
        return []  # more than names before the colon: a sentence, not a heading
    if colon is not None and all(a.is_class or a.is_group and TASK_INSTITUTION.search(fold(a.name)) for a in found):
        # "Trung tâm học tập cộng đồng: Củng cố, phát triển ... các trung tâm học tập cộng đồng": a topic
        after = fold(p.doc.text[rest[colon].end : p.end] + " " + " ".join(b.text for b in node.body))
        if any(_head_noun(a.name) in after for a in found):
            return []
    return found


def _head_noun(name: str) -> str:
    """ "Các cơ sở giáo dục khác" -> "cơ sở"; "Trung tâm học tập cộng đồng" -> "trung tâm"."""
    words = fold(name).split()
    if words and words[0] in _group_openers():
        words = words[1:]
    return " ".join(words[:2])


@cache
def _group_openers() -> frozenset[str]:
    return frozenset(fold(o).split()[0] for o in vocab.agency_lexicon()["groups"]["openers"])


# --- one item ----------------------------------------------------------------------------------------------------


def _node_task(node: Node, ctx: _Ctx, extra: list[Line]) -> TaskFinding | None:
    kind = ctx.kind(node)
    if kind in ("target", "context") or id(node) in ctx.field_nodes:
        return None
    if ctx.is_rules(node) and kind != "duty" and not TASK_EXECUTION_CLAUSE.search(node.text):
        return None  # a rule, an entitlement, a procedure
    if _effect_article(node):
        return None  # "Điều 1. Ban hành kèm theo ...", "Điều 2. Quyết định này có hiệu lực ..."
    fields = _fields(node, ctx)
    ctx.field_nodes.update(id(n) for c in fields.nodes for n in c.walk())
    if not fields and not node.children:
        fields = _shared_fields(node, ctx)
    if fields:
        t = _field_task(node, fields, ctx)
        return t if t.leads or not _charged_only(node, kind, ctx) else None
    return _item_task(node, kind, ctx, extra)


def _effect_article(node: Node) -> bool:
    return node.style == "article" and bool(TASK_EFFECT_ARTICLE.match(node.head))


def _charged_only(node: Node, kind: str, ctx: _Ctx) -> bool:
    """Is an item here a duty only when someone is charged with it? In rules, in appendices (criteria, lists), and
    in a decision's articles outside a duty section ("Điều 1. Thực hiện chế độ điều dưỡng ...")."""
    if ctx.is_rules(node) or ctx.is_appendix(node):
        return True
    return kind != "duty" and any(n.style == "article" for n in [node] + node.ancestors)


@dataclass
class _Own:
    """An item's text as the task reports it, and the part of it that is the item's own sentence."""

    text: Passage  # "Sở Tư pháp: Phối hợp với ..."
    own: Passage  # "Phối hợp với ..." (after an inline heading)


def _own(node: Node, heading: list[Agency], ctx: _Ctx, extra: list[Line]) -> _Own | None:
    doc = ctx.doc
    if heading and not doc.text[heading[-1].end : node.head_start + len(node.head)].strip(" .:;"):
        # "1. Phòng Giáo dục và Đào tạo", "a) Sở GD&ĐT:", "6. Đề nghị: Hiệp hội ..." and their paragraphs
        body = _body_passage(doc, node.body + extra)
        return _Own(body, body) if body else None
    full = _node_passage(doc, node, extra)
    head = _node_passage(doc, node, body=False)
    colon = _heading_colon(head)
    if colon < 0 or colon == len(head.text) - 1 and not (node.body or extra):
        return _Own(full, full)
    return _Own(full, full.cut(colon + 1))


def _item_task(node: Node, kind: str, ctx: _Ctx, extra: list[Line]) -> TaskFinding | None:
    heading = _agency_heading(node, ctx)
    if heading:
        ctx.leads[id(node)] = heading
        ctx.heads.add(id(node))
    texts = _own(node, heading, ctx, extra)
    if texts is None or not texts.own.text or _is_closing(texts.own.text):
        return None
    own = texts.own
    found = _explicit_leads(own) or _subject(own) or _assigned(own)
    if not found and not heading:
        found = _later_subject(own)
    if found:
        found = _more_subjects(own, found)
    if heading and found and all(a.is_group for a in found):
        found = []  # "Trách nhiệm của các sở, ngành tỉnh: Tất cả các sở, ngành ...": the heading names them
    own_lead = found or heading
    lead = own_lead or ctx.lead_above(node) or ctx.lead_in
    if node.children and TASK_INTRODUCES.search(own.text):
        # "Sở Y tế chủ trì, phối hợp với Sở NN&MT thực hiện các chương trình như:": its items take lead and partners
        ctx.leads[id(node)], ctx.supports[id(node)] = lead, _support(own, lead)
        if own_lead:
            ctx.heads.add(id(node))
        if not TASK_LAST_CLAUSE.search(own.text):
            return None  # only a lead-in; "...; tổ chức thực hiện các nhiệm vụ sau:" is a duty besides
    elif node.children and not own_lead and not ctx.under_heading(node):
        return None  # a topic heading ("1. Hoàn thiện cơ chế, chính sách ..."): its items are the duties
    if TASK_DIFFICULTY.match(own.text) and not own_lead:
        return None  # "Quá trình thực hiện nếu có khó khăn, vướng mắc ...": a closing unless it charges someone
    if not _is_duty(node, kind, ctx, own, bool(own_lead), lead):
        return None
    ctx.leads[id(node)] = lead
    if found:
        ctx.own_leads.add(id(node))
    support = _support(own, lead) or ctx.support_above(node)
    end = max([node.end] + [b.end for b in extra])
    text = " ".join(texts.text.text.split())
    return TaskFinding(node.label, text, lead, support, deadline_of(own.text, node.body), node.start, end)


def _is_duty(node: Node, kind: str, ctx: _Ctx, own: Passage, named: bool, lead: list[Agency]) -> bool:
    """Does the item carry an action? It names who acts, sits under a heading that does, or opens with a verb
    (underthesea's tagger decides openings the lexicon lacks, except in rules, whose wording is fixed). In rules,
    and in a decision's articles outside a duty section, someone must be charged."""
    rules = ctx.is_rules(node)
    if _charged_only(node, kind, ctx) and not lead:
        return False
    under = ctx.under_heading(node)
    if kind == "descriptive" and not (named or under):
        return False
    return named or under or _opens_with_action(own.toks, _skip_openers(own, 0), guess=not rules)


def _field_task(node: Node, f: _Fields, ctx: _Ctx) -> TaskFinding:
    """An item whose lead, support and deadline are given as fields ("Cơ quan chủ trì: ..."); its text is the
    "Nội dung" field when there is one."""
    doc = ctx.doc
    body = [b for b in node.body if b not in f.lines]
    text = f.content or _node_passage(doc, node, body=False)
    if f.content is None and body:
        text = Passage.of(doc, list(text.pieces) + [(b.start, b.end) for b in body])
    leads = f.leads
    if not leads:
        title = TASK_TITLE_PREFIX.match(text.text)  # "Bước 3: ..."
        own = text.cut(title.end()) if title else text
        leads = _explicit_leads(own) or _subject(own) or _later_subject(own)
    lead = leads or ctx.lead_above(node) or ctx.lead_in
    ctx.leads[id(node)] = lead
    supports = f.supports or _support(text, lead)
    end = max([node.end] + [n.end for n in f.nodes] + [b.end for b in node.body])
    return TaskFinding(node.label, " ".join(text.text.split()), lead, supports, f.deadline, node.start, end)


def _loose_task(ln: Line, item: Node, ctx: _Ctx) -> TaskFinding | None:
    """An unlabelled paragraph with its own subject: "Phòng GD&ĐT cần tham mưu cho UBND các huyện ...", "Các ông
    (bà): Chánh Văn phòng ..., Giám đốc Sở Tài chính ... chịu trách nhiệm thi hành Quyết định này./."."""
    if ctx.is_rules(item) and ctx.kind(item) != "duty" and not TASK_EXECUTION_CLAUSE.search(ln.text):
        return None
    p = Passage.of(ctx.doc, [(ln.start, ln.end)])
    lead = _subject(p)
    return _paragraph_task(p, lead, ctx) if lead else None


def _request_task(ln: Line, ctx: _Ctx) -> TaskFinding | None:
    """A request in a letter whose body has no items: "Bộ Xây dựng đề nghị Bộ Tài chính, Bộ Kế hoạch và Đầu tư bố
    trí vốn ...", "Đề nghị Ủy ban nhân dân phường, xã và đặc khu thực hiện đánh giá ..."."""
    s = ln.text.strip()
    if _is_closing(s) or TASK_DIFFICULTY.match(s) or _is_signature(s):
        return None
    p = Passage.of(ctx.doc, [(ln.start, ln.end)])
    m = TASK_REQUEST.search(p.match)
    lead = read_list(p.toks, p.tok_at(m.end()), ctx.doc.text) if m else []
    return _paragraph_task(p, lead, ctx) if lead else None


def _paragraph_task(p: Passage, lead: list[Agency], ctx: _Ctx) -> TaskFinding:
    text = " ".join(p.text.split())
    return TaskFinding(None, text, lead, _support(p, lead), deadline_of(text, []), p.start, p.end)


# --- tables ------------------------------------------------------------------------------------------------------


def _table_tasks(table: Table, ctx: _Ctx) -> list[TaskFinding]:
    """Rows of a table of duties: one task each; rows of an appendix are labelled "Phụ lục.<row label>"."""
    doc = ctx.doc
    prefix = "Phụ lục." if _in_appendix(table, ctx.outline) else ""
    out = []
    for row in table.rows:
        cells = {role: Passage.of(doc, [(c.start, c.end)]) for role, c in row.cells.items()}
        lead = _field_agencies(cells["lead"]) if "lead" in cells else []
        support = _field_agencies(cells["support"]) if "support" in cells else []
        deadline = _deadline_value(cells["deadline"].text) if "deadline" in cells else None
        label = prefix + row.label if row.label else None
        text = " ".join(cells["text"].text.split())
        out.append(TaskFinding(label, text, lead, support, deadline, row.start, row.end))
    return out


def _in_appendix(table: Table, outline: Outline) -> bool:
    kinds = [a.kind for a in outline.attachments if a.line <= table.lines.start]
    return bool(kinds) and fold(kinds[-1]) in _folded("appendix_words")

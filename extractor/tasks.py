"""Duties a document assigns: at the finest enumerated level that carries an action.

Who leads an item, first rule that applies:
  1. an explicit "X chủ trì" or the sentence's subject: "Sở Tài chính chủ trì, phối hợp với ...",
     "UBND các huyện, thị xã, thành phố tổ chức rà soát ...", "Các phương tiện thông tin đại chúng thực hiện ...";
  2. the agency named by a heading above it: "1. Phòng Giáo dục và Đào tạo" / "a) Sở Giáo dục và Đào tạo:";
  3. the lead of the task it sits under ("2. Sở GD&ĐT chủ trì ... / - Chủ trì phối hợp ...");
  4. the addressees of the lead-in sentence: "UBND tỉnh yêu cầu Thủ trưởng các đơn vị, Chủ tịch UBND các huyện
     ... triển khai thực hiện một số nội dung sau:".
Support: the agencies after "phối hợp (chặt chẽ) (với)", "cùng (với)", "tham gia với".
Office holders name their bodies: "Giám đốc Sở Y tế" -> "Sở Y tế".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from extractor import agencies, vocab
from extractor.doc import Doc, Line
from extractor.folding import fold
from extractor.dates import find_dates
from extractor.outline import Node, Outline
from extractor.sections import is_heading, kind_of
from extractor.tokens import tokenize

# Words that open an item before its subject: "Đề nghị Ủy ban MTTQ ...", "Giao Sở Xây dựng ...".
_OPENERS = re.compile(r"(?i)^(?:đề nghị|giao cho|giao|yêu cầu|trách nhiệm của|đối với)\s+")
# A leading clause before the subject: "Căn cứ vào văn bản chỉ đạo này, ...", "Hàng năm, ...", "Trong năm 2013, ...".
_LEADING_CLAUSE = re.compile(
    r"(?i)^(?:(?:căn cứ[^,]{0,120}|trên cơ sở[^,]{0,160}|định kỳ[^,]{0,30}|trong (?:năm|quý|tháng)[^,]{0,20}|"
    r"sau khi[^,]{0,120}|để[^,]{0,160}|ngoài[^,]{0,160}),\s*|(?:hàng|hằng) (?:năm|quý|tháng),?\s*)"
)
# "X chủ trì": the agency list right before it leads.
_LEADS_WORD = re.compile(r"(?i)\bchủ trì\b")
# Cues of support.
_SUPPORT_CUE = re.compile(
    r"(?i)\b(?:phối hợp(?:\s+(?:chặt chẽ|tốt|thường xuyên))?(?:\s+với)?|cùng với|cùng|tham gia với)\s+"
    r"(?:(?:các |những )?hoạt động của\s+)?"
)
# Modal and predicate words that follow a subject: "cần", "có trách nhiệm", "phải", "chịu trách nhiệm".
_PREDICATE = (
    "cần",
    "phải",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "được",
    "là",
    "thực hiện",
    "đã",
    "sẽ",
    "tiếp tục",
    "chủ động",
    "khẩn trương",
    "căn cứ",
    "hướng dẫn",
    "đề xuất",
)
# Words after an agency that show it is not a subject ("của", "tại", "về" ...).
_NOT_PREDICATE = {"của", "tại", "về", "với", "và", "cho", "trong", "theo", "để", "từ", "đến", "thuộc", "là"}
# Closing formulas: not duties.
_CLOSING = re.compile(
    r"(?i)^(?:yêu cầu (?:các|thủ trưởng|giám đốc|chủ tịch)[^.]{0,100}(?:nghiêm túc|triển khai|thực hiện|tổ chức)|"
    r"đề nghị (?:các|thủ trưởng)[^.]{0,80}(?:nghiêm túc|thực hiện các nội dung|thực hiện tốt)|trên đây là|"
    r"trong quá trình (?:thực hiện|triển khai|tổ chức)|quyết định (?:này )?có hiệu lực|thông tư này có hiệu lực|"
    r"kế hoạch này|văn bản này|nơi nhận|lưu\s*:|./.$)"
)
# A lead-in: "... yêu cầu <agencies> ... (nội dung|nhiệm vụ) sau (đây)?:"
_LEAD_IN = re.compile(
    r"(?i)(?:yêu cầu|đề nghị|giao)\s+(?P<who>.+?)\s*(?:quan tâm|triển khai|thực hiện|tổ chức|khẩn trương|"
    r"nghiêm túc|chỉ đạo)[^.:]*(?:sau|dưới đây|như sau)\s*(?:đây)?\s*:?\s*$"
)
# Deadlines, most specific first.
_DEADLINE_DATE = re.compile(r"(?i)(?:trước|chậm nhất(?: là)?|hoàn thành trước|hoàn thành trong)\s+ngày\s+")
_DEADLINE_PERIOD = re.compile(
    r"(?i)\b(?:(?:trước|trong|cuối|đầu|giữa|từ)\s+(?:năm\s+\d{4}|quý\s+[IVX1-4]+(?:\s+năm\s+\d{4})?|tháng\s+\d{1,2}(?:\s*/\s*|\s+năm\s+)\d{4})"
    r"|trước ngày \d{1,2} hàng (?:tháng|quý)|định kỳ[^.;:]{0,12}?(?:hàng|hằng) (?:năm|quý|tháng)|"
    r"quý\s+[IVX]+\s+năm\s+\d{4})"
)
_ANNUAL = re.compile(r"(?i)(?:^|[.;:,]\s*)(?P<w>(?:hàng|hằng) (?:năm|quý|tháng))\b")
# A plan laid out as fields under an item: "- Cơ quan chủ trì: Sở Thông tin và Truyền thông."
_FIELD_LEAD = re.compile(
    r"(?i)^(?:cơ quan|đơn vị|bộ phận)\s+(?:chủ trì|thực hiện|chịu trách nhiệm|đầu mối)(?:\s+thực hiện)?"
    r"\s*:\s*(?P<v>.+)$|^chủ trì(?:\s+thực hiện)?\s*:\s*(?P<v2>.+)$"
)
_FIELD_SUPPORT = re.compile(r"(?i)^(?:(?:cơ quan|đơn vị)\s+)?phối hợp(?:\s+thực hiện)?\s*:\s*(?P<v>.+)$")
_FIELD_TIME = re.compile(
    r"(?i)^(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành|hoàn tất))?\s*:\s*(?P<v>.+)$"
)
_FIELD_OTHER = re.compile(r"(?i)^(?:sản phẩm|kết quả)(?:\s+(?:đầu ra|dự kiến))?\s*:")


@dataclass
class TaskFinding:
    label: str | None
    text: str
    lead: list[str]
    support: list[str]
    deadline: str | None
    start: int
    end: int
    agency_spans: list[tuple[int, int, str]] = field(default_factory=list)


@cache
def _verbs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Lexicon verbs by first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for v in vocab.verbs():
        words = tuple(v.split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(vs, key=len, reverse=True)) for k, vs in out.items()}


def _verb_at(keys: list[str], i: int) -> int:
    """Length in words of a lexicon verb starting at keys[i], or 0."""
    if i >= len(keys):
        return 0
    for v in _verbs().get(keys[i], ()):
        if tuple(keys[i : i + len(v)]) == v:
            return len(v)
    return 0


def starts_with_action(text: str, guess: bool = True) -> bool:
    """Does `text` open with a verb ("Rà soát lại kế hoạch ...", "Là cơ quan thường trực ...")?

    The verb lexicon decides; with `guess`, underthesea's POS tagger decides openings it lacks.
    """
    toks = [t.key for t in tokenize(text[:80]) if t.is_word]
    if not toks:
        return False
    if _verb_at(toks, 0):
        return True
    return guess and _pos_says_verb(" ".join(text.split()[:6]))


@lru_cache(maxsize=4096)
def _pos_says_verb(opening: str) -> bool:
    from underthesea import pos_tag  # only for openings the lexicon does not know

    tags = pos_tag(opening)
    return bool(tags) and tags[0][1] == "V"


def _strip_openers(text: str) -> tuple[str, int]:
    """Remove "Đề nghị"/"Giao" and a leading adverbial clause; returns (rest, chars removed).

    An adverbial clause may itself hold commas ("Căn cứ số vốn được phân bổ từ ngân sách trung ương,
    vốn ngân sách địa phương ..., Ủy ban nhân dân cấp tỉnh phân bổ ..."): the clause ends at the
    first comma after which an agency begins.
    """
    removed = 0
    for _ in range(3):
        m = _OPENERS.match(text) or _LEADING_CLAUSE.match(text)
        if not m:
            break
        if _LEADING_CLAUSE.match(text) and not _OPENERS.match(text):
            end = m.end()
            for c in re.finditer(r",\s*", text[:260]):
                if c.end() >= m.end() and agencies.split_list(text[c.end() : c.end() + 120]):
                    end = c.end()
                    break
            text, removed = text[end:], removed + end
            continue
        text = text[m.end() :]
        removed += m.end()
    return text, removed


def subject(text: str, base: int = 0) -> list[agencies.Agency]:
    """The agencies that open `text` as its grammatical subject, if a predicate follows them."""
    rest, cut = _strip_openers(text[:300])
    found = agencies.split_list(rest, base + cut)
    if found:
        after = text[found[-1].end - base :].lstrip(" ,")
        # "Ủy ban nhân dân phường, xã, thị trấn (sau đây gọi là Ủy ban nhân dân cấp xã) đối chiếu, ..."
        after = re.sub(r"^\([^()]{0,120}\)\s*", "", after)
        keys = [t.key for t in tokenize(after[:60]) if t.is_word]
        if keys and (_verb_at(keys, 0) or any(" ".join(keys[: len(p.split())]) == p for p in _PREDICATE)):
            return found
        if (
            keys
            and after[:1].islower()
            and keys[0] not in _NOT_PREDICATE
            and _pos_says_verb(" ".join(after.split()[:6]))
        ):
            return found
        if after.startswith(":"):
            return found
    return _generic_subject(rest, base + cut)


# Quantifiers that open a collective subject not in the agency vocabulary: "Các phương tiện ...", "Mỗi địa phương".
# Nouns that name actors (bodies, collectives), as opposed to things ("Các nội dung chi, mức chi ...").
_ACTOR = re.compile(
    r"\b(?:phương tiện thông tin|địa phương|ngành|cơ quan|đơn vị|tổ chức|doanh nghiệp|cơ sở giáo dục|"
    r"trường|hội|đoàn thể|cấp ủy|chính quyền|lực lượng|cá nhân|hộ gia đình|nhà trường|báo chí)\b"
)
_ADVERBS = {"đều", "cũng", "luôn", "đã", "sẽ", "cần", "phải", "vẫn", "thì"}
_GENERIC_OPENER = re.compile(r"^(?:Các|Mỗi|Từng|Tất cả các|Ngành|Cấp ủy|Cấp uỷ)(?=[\s,])")


def _generic_subject(text: str, base: int) -> list[agencies.Agency]:
    if not _GENERIC_OPENER.match(text):
        return []
    toks = [t for t in tokenize(text[:160], base) if t.is_word or t.key == ","]
    keys = [t.key for t in toks]
    for i in range(1, min(len(toks), 10)):
        if keys[i] == "," or not _verb_at(keys, i) and keys[i] not in ("cần", "phải", "có"):
            continue
        if keys[i] == "có" and not (i + 1 < len(keys) and keys[i + 1] == "trách"):
            continue
        if any(k in ("khi", "thì", "nếu", "sau", "của") for k in keys[:i]):
            return []
        end = i
        while end > 1 and keys[end - 1] in _ADVERBS:
            end -= 1  # "Tất cả các sở, ngành đều có trách nhiệm": "đều" belongs to the predicate
        phrase = text[: toks[end - 1].end - base].strip(" ,")
        if not _ACTOR.search(fold(phrase)):
            continue  # "Các phương tiện | thông tin ...": a noun that looks like a verb, read on
        name = agencies.canonical(phrase)
        return [agencies.Agency(base, toks[i - 1].end, phrase, name, is_group=True)]
    return []


_HEADING_CACHE: dict[int, tuple[Node, list[agencies.Agency]]] = {}


def agency_heading(node: Node) -> list[agencies.Agency]:
    """Memoised per node: every item below a heading asks about it."""
    hit = _HEADING_CACHE.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    found = _agency_heading(node)
    if len(_HEADING_CACHE) > 4096:
        _HEADING_CACHE.clear()
    _HEADING_CACHE[id(node)] = (node, found)
    return found


def _agency_heading(node: Node) -> list[agencies.Agency]:
    """Agencies named by a heading: "1. Phòng Giáo dục và Đào tạo", "a) Sở GD&ĐT:", "Trách nhiệm của các sở, ngành
    tỉnh:", "7. Đề nghị Ủy ban MTTQ huyện, Hội Nông dân ...", "Uỷ ban Mặt trận Tổ quốc Việt Nam: Chỉ đạo ..."."""
    head = node.head.strip()
    colon = head.find(":")
    part = head[:colon] if colon > 0 else head
    rest, cut = _strip_openers(part)
    found = agencies.split_list(rest, node.head_start + cut)
    if not found:
        return []
    tail = rest[found[-1].end - node.head_start - cut :].strip(" .;:")
    if tail:
        return []
    if colon > 0 and all(a.is_class or a.is_group and _INSTITUTION.search(fold(a.name)) for a in found):
        # "Trung tâm học tập cộng đồng: Củng cố, phát triển ... các trung tâm học tập cộng đồng": a topic
        after = fold(head[colon + 1 :] + " " + " ".join(b.text for b in node.body))
        if any(_head_noun(a.name) in after for a in found):
            return []
    return found


# Groups of institutions, which a heading names as a topic rather than as actors.
_INSTITUTION = re.compile(r"\b(?:cơ sở giáo dục|trung tâm|trường|cơ sở học tập)\b")


def _head_noun(name: str) -> str:
    """ "Các cơ sở giáo dục khác" -> "cơ sở"; "Trung tâm học tập cộng đồng" -> "trung tâm"."""
    words = fold(name).split()
    if words and words[0] in ("các", "mỗi", "những", "tất"):
        words = words[1:]
    return " ".join(words[:2])


def _names(found: list[agencies.Agency]) -> list[str]:
    out: list[str] = []
    for a in found:
        if a.name and a.name not in out:
            out.append(a.name)
    return out


def _explicit_leads(text: str, base: int) -> list[agencies.Agency]:
    """Agencies right before "chủ trì": "Sở Tài chính, Sở Kế hoạch và Đầu tư chủ trì ..."."""
    m = _LEADS_WORD.search(text)
    if not m or m.start() == 0:
        return []
    before = text[max(0, m.start() - 300) : m.start()].rstrip(" ,")
    base += max(0, m.start() - 300)
    # the list that ends right before "chủ trì" begins after the last clause boundary
    start = max(before.rfind(". "), before.rfind("; "), before.rfind(": ")) + 2
    start = max(start, 0) if start > 1 else 0
    seg, cut = _strip_openers(before[start:])
    found = agencies.split_list(seg, base + start + cut)
    if found and found[-1].end - base >= len(before) - 1:
        return found
    return []


def support_of(text: str, base: int, leads: list[str]) -> list[agencies.Agency]:
    out: list[agencies.Agency] = []
    for m in _SUPPORT_CUE.finditer(text):
        clause = re.split(r"[;.]", text[: m.start()])[-1]
        if re.search(
            r"(?i)\b(?:chỉ đạo|hướng dẫn|đề nghị|yêu cầu|giao|vận động)\s+(?:các|những)?\s*[^;]{0,90}$",
            clause,
        ) and not re.search(r"(?i)(?:chủ trì|^)\s*,?\s*$", clause):
            continue  # "chỉ đạo các cơ quan liên quan phối hợp với Hội khuyến học": they partner, not the lead
        found = agencies.split_list(text[m.end() : m.end() + 240], base + m.end())
        for a in found:
            if a.name not in leads and all(a.name != b.name for b in out):
                out.append(a)
    return out


def deadline_of(text: str, body: list[Line]) -> str | None:
    for ln in body:
        m = _FIELD_TIME.match(ln.text.strip())
        if m:
            return _deadline_value(m["v"])
    m = _DEADLINE_DATE.search(text)
    if m:
        dates = find_dates(text[m.end() - 5 : m.end() + 40])
        if dates and dates[0].iso:
            return dates[0].iso
    m = _DEADLINE_PERIOD.search(text)
    if m:
        return " ".join(m.group(0).split())
    m = _ANNUAL.search(text)
    if m:
        return m["w"].lower()
    # "thực hiện hàng năm", "theo quy định hàng năm": an annual action
    m = re.search(r"(?i)\b(?P<v>[^\s,.;]+(?:\s[^\s,.;]+)?)\s+(?P<w>(?:hàng|hằng) năm)\b", text)
    if m and _verb_at([fold(w) for w in m["v"].split()][-1:], 0):
        return m["w"].lower()
    return None


def _deadline_value(v: str) -> str:
    v = v.strip().rstrip(".;")
    dates = find_dates(v)
    if dates and dates[0].iso and re.match(r"(?i)^(?:trước|chậm nhất|trong|hoàn thành)?\s*(?:ngày)?", v):
        return dates[0].iso
    return v


@dataclass
class _Fields:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    nodes: list[Node] = field(default_factory=list)  # field children: not tasks of their own
    lines: list[Line] = field(default_factory=list)  # field lines of the item's body


def _field_agencies(value: str) -> list[str]:
    """ "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố." -> each body, as written when not recognised."""
    out: list[str] = []
    for part in re.split(r"\s*;\s*", value.strip().rstrip(".;")):
        found = agencies.split_list(part)
        names = _names(found) if found else ([agencies.canonical(part)] if part else [])
        out.extend(n for n in names if n not in out)
    return out


def _fields(node: Node) -> _Fields:
    f = _Fields()
    candidates = [(c.head, c) for c in node.children if not c.children] + [
        (b.text.strip(), b) for b in node.body
    ]
    for text, where in candidates:
        m_lead, m_sup, m_time = _FIELD_LEAD.match(text), _FIELD_SUPPORT.match(text), _FIELD_TIME.match(text)
        if m_lead:
            f.lead += [a for a in _field_agencies(m_lead["v"] or m_lead["v2"]) if a not in f.lead]
        elif m_sup:
            f.support += [a for a in _field_agencies(m_sup["v"]) if a not in f.support]
        elif m_time:
            f.deadline = _deadline_value(m_time["v"])
        elif not _FIELD_OTHER.match(text):
            continue
        (f.nodes if isinstance(where, Node) else f.lines).append(where)  # type: ignore[arg-type]
    return f


# Columns of a table of duties, by what their header says.
_COLUMNS = [
    ("label", re.compile(r"^(?:s?tt|số tt|số thứ tự)$")),
    ("support", re.compile(r"phối hợp")),
    ("lead", re.compile(r"chủ trì|thực hiện|trách nhiệm|đầu mối|cơ quan|đơn vị")),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành")),
    ("text", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động|giải pháp|tên")),
]


# Cells of a row kept by clean() ("1 | Tuyên truyền ... | Sở Thông tin và Truyền thông |  | Hằng năm").
_CELL_SPLIT = re.compile(r"\s*\|\s*")


def _table_columns(cells: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = fold(cell)
        for name, pat in _COLUMNS:
            if name not in cols and pat.search(key):
                cols[name] = i
                break
    return cols if "text" in cols and "lead" in cols else None


def _table_tasks(doc: Doc) -> list[TaskFinding]:
    """Rows of a table of duties ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành")."""
    out: list[TaskFinding] = []
    lines = doc.lines()
    i = 0
    while i < len(lines):
        cells = _CELL_SPLIT.split(lines[i].text.strip())
        cols = _table_columns(cells) if len(cells) >= 3 else None
        if cols is None:
            i += 1
            continue
        section = None
        j = i + 1
        while j < len(lines) and (" | " in lines[j].text or not lines[j].text.strip()):
            ln = lines[j]
            j += 1
            row = _CELL_SPLIT.split(ln.text.strip())
            if len(row) < 2:
                continue
            cell = {name: (row[k] if k < len(row) else "") for name, k in cols.items()}
            text, tt = cell["text"], cell.get("label", "")
            if not text:
                continue
            if not cell["lead"] and (re.fullmatch(r"[IVXLC]+|[A-ZĐ]", tt) or text.isupper()):
                section = tt or None  # a group of rows: "II | NHIỆM VỤ CỤ THỂ | | |"
                continue
            label = f"{section}.{tt}" if section and tt else (tt or None)
            lead = _field_agencies(cell["lead"]) if cell["lead"] else []
            support = [a for a in _field_agencies(cell.get("support", "")) if a not in lead]
            deadline = _deadline_value(cell["deadline"]) if cell.get("deadline") else None
            out.append(TaskFinding(label, text, lead, support, deadline, ln.start, ln.end, []))
        i = j
    return out


@dataclass
class _Ctx:
    doc: Doc
    lead_in: list[str]
    normative: bool = False
    task_leads: dict[int, list[str]] = field(default_factory=dict)
    field_nodes: set[int] = field(default_factory=set)


# Normative documents (Luật, Nghị định, Thông tư, ...) state rules; their duties sit only under duty
# headings ("Điều 8. Tổ chức thực hiện", "Trách nhiệm của ...") and in the execution clause.
NORMATIVE_TYPES = {
    "Luật",
    "Bộ luật",
    "Pháp lệnh",
    "Nghị định",
    "Thông tư",
    "Thông tư liên tịch",
    "Văn bản hợp nhất",
    "Hiến pháp",
}
_EXECUTION_CLAUSE = re.compile(r"(?i)chịu trách nhiệm (?:thi hành|tổ chức thực hiện|hướng dẫn thi hành)")


def find_tasks(
    doc: Doc, outline: Outline, preamble: list[Line], doc_type: str | None = None
) -> list[TaskFinding]:
    ctx = _Ctx(doc, _lead_in(preamble), normative=doc_type in NORMATIVE_TYPES)
    out: list[TaskFinding] = []
    loose_by_item: dict[int, list[Line]] = {}
    loose_tasks: dict[int, list[Line]] = {}
    for item, ln in outline.loose:
        s = ln.text.strip()
        if _CLOSING.match(s) or _is_signature(s):
            continue
        if subject(s, ln.start):
            loose_tasks.setdefault(id(item), []).append(ln)
        elif not loose_tasks.get(id(item)) and starts_with_action(s, guess=False):
            loose_by_item.setdefault(id(item), []).append(ln)
    for node in outline.root.walk():
        if node.style == "root":
            continue
        extra = loose_by_item.get(id(node), [])
        t = _task(node, ctx, extra)
        if t:
            out.append(t)
        for ln in loose_tasks.get(id(node), []):
            lt = _loose_task(ln, ctx)
            if lt:
                out.append(lt)
    if not any(n.style != "root" for n in outline.root.walk()):
        out.extend(t for ln in preamble if (t := _loose_task(ln, ctx, require_request=True)))
    out.extend(_table_tasks(doc))
    return sorted(out, key=lambda t: t.start)


def _lead_in(preamble: list[Line]) -> list[str]:
    for ln in reversed(preamble):
        m = _LEAD_IN.search(ln.text)
        if m:
            who = m["who"]
            found = agencies.split_list(who)
            if found:
                return _names(found)
    return []


def _is_signature(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.85 and len(s) < 60:
        return True
    return bool(re.match(r"^[A-ZĐ][a-zđà-ỹ]*(?:\s[A-ZĐ][a-zđà-ỹ]*){1,4}$", s))


def _task(node: Node, ctx: _Ctx, extra: list[Line]) -> TaskFinding | None:
    kind = kind_of(node)
    if kind == "neutral" and ctx.normative and not _EXECUTION_CLAUSE.search(node.head):
        return None
    if kind in ("target", "context"):
        return None
    if node.style == "article" and re.match(
        r"(?i)^(?:phê duyệt|ban hành|quyết định này có hiệu lực|.{0,40}có hiệu lực)", node.head
    ):
        return None
    if id(node) in ctx.field_nodes:
        return None
    fields = _fields(node)
    ctx.field_nodes.update(id(n) for n in fields.nodes)
    if fields.lead or fields.support or fields.deadline:
        return _field_task(node, fields, ctx)
    heading_agencies = agency_heading(node)
    head = node.head.strip()
    if (is_heading(node) or heading_agencies) and not node.body and node.children:
        if heading_agencies:
            ctx.task_leads[id(node)] = _names(heading_agencies)
        return None
    if heading_agencies and not node.body and not node.children and ":" not in head:
        return None  # an agency heading with nothing under it
    body_lines = node.body + extra
    if heading_agencies and ":" not in head:
        text = " ".join(" ".join(b.text for b in body_lines).split())
        text_start = body_lines[0].start if body_lines else node.head_start
    else:
        text = " ".join(" ".join([head] + [b.text for b in body_lines]).split())
        text_start = node.head_start
    if not text or _CLOSING.match(text):
        return None
    own_text = text
    colon = head.find(":")
    trailing = colon == len(head) - 1 and bool(body_lines)
    if (
        colon > 0
        and not trailing
        and (len(head[:colon].split()) > 10 or starts_with_action(head[:colon], guess=False))
    ):
        colon = (
            -1
        )  # "Phát huy ..., kết hợp khai thác các cơ sở hiện có: Hội trường, ...": a list, not a heading
    if 0 < colon < len(head) - 1 or (colon == len(head) - 1 and body_lines):
        # "X: text": the heading before the colon is not part of the sentence
        own_text = head[colon + 1 :].strip() + " " + " ".join(b.text for b in body_lines)
        text_start = node.head_start + colon + 1 if colon < len(head) - 1 else body_lines[0].start
    own_text = own_text.strip()
    explicit = _explicit_leads(own_text, text_start)
    subj = subject(own_text, text_start)
    if not subj and not explicit and not heading_agencies:
        subj = _later_subject(own_text, text_start)
    inherited = _inherited(node, ctx)
    # the POS tagger costs ~2 ms an item: only administrative documents, whose duties are worded freely, use it
    # an item under a heading that names an agency is that agency's duty, however it opens
    # ("1.1. Ủy ban nhân dân Thành phố: / - Căn cứ Quyết định số 22/2013/QĐ-TTg ... tổ chức lập ...")
    action = bool(subj or explicit or heading_agencies or _heading_lead(node, ctx)) or starts_with_action(
        _strip_openers(own_text)[0], guess=not ctx.normative
    )
    if not action:
        return None
    if kind == "descriptive" and not (subj or explicit or heading_agencies or _heading_lead(node, ctx)):
        return None
    if subj and heading_agencies and all(a.is_group for a in subj):
        subj = []  # "Trách nhiệm của các sở, ngành tỉnh: Tất cả các sở, ngành ...": the heading names them
    lead_found = explicit or subj or heading_agencies
    lead = _names(lead_found) if lead_found else (_heading_lead(node, ctx) or inherited or ctx.lead_in)
    ctx.task_leads[id(node)] = lead
    sup = support_of(own_text, text_start, lead)
    spans = [(a.start, a.end, a.name) for a in lead_found + sup]
    return TaskFinding(
        node.label,
        text,
        list(lead),
        _names(sup),
        deadline_of(own_text, node.body),
        node.start,
        max([node.end] + [b.end for b in extra]),
        spans,
    )


def _field_task(node: Node, fields: _Fields, ctx: _Ctx) -> TaskFinding:
    """An item whose lead, support and deadline are given as fields ("Cơ quan chủ trì: ...")."""
    body = [b for b in node.body if b not in fields.lines]
    text = " ".join(" ".join([node.head] + [b.text for b in body]).split())
    found = []
    if not fields.lead:
        own = re.sub(r"^[^:]{1,30}:\s*", "", text)  # "Bước 3: ..." titles
        base = node.head_start
        found = _explicit_leads(own, base) or subject(own, base) or _later_subject(own, base)
    lead = fields.lead or _names(found) or _heading_lead(node, ctx) or _inherited(node, ctx) or ctx.lead_in
    ctx.task_leads[id(node)] = lead
    support = [
        a for a in (fields.support or _names(support_of(text, node.head_start, lead))) if a not in lead
    ]
    end = max([node.end] + [n.end for n in fields.nodes] + [b.end for b in node.body])
    return TaskFinding(node.label, text, lead, support, fields.deadline, node.start, end, [])


def _later_subject(text: str, base: int) -> list[agencies.Agency]:
    """A subject in a later sentence of an item whose first sentence has none:
    "Đổi mới phương pháp dạy học ... Các cơ sở giáo dục đại học tổ chức nghiên cứu ..."."""
    for m in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text):
        found = subject(text[m.end() :], base + m.end())
        if found:
            return found
    return []


def _heading_lead(node: Node, ctx: _Ctx) -> list[str]:
    for anc in node.ancestors:
        found = agency_heading(anc)
        if found:
            return _names(found)
    return []


def _inherited(node: Node, ctx: _Ctx) -> list[str]:
    for anc in node.ancestors:
        if id(anc) in ctx.task_leads and ctx.task_leads[id(anc)]:
            return ctx.task_leads[id(anc)]
    return []


def _loose_task(ln: Line, ctx: _Ctx, require_request: bool = False) -> TaskFinding | None:
    s = ln.text.strip()
    if _CLOSING.match(s) or _is_signature(s):
        return None
    if require_request:
        m = re.search(r"(?i)\b(?:đề nghị|yêu cầu|giao)\s+", s)
        if not m:
            return None
        found = agencies.split_list(s[m.end() :], ln.start + m.end())
        if not found:
            return None
        lead = _names(found)
    else:
        found = subject(s, ln.start)
        if not found:
            return None
        lead = _names(found)
    sup = support_of(s, ln.start, lead)
    return TaskFinding(
        None,
        " ".join(s.split()),
        lead,
        _names(sup),
        deadline_of(s, []),
        ln.start,
        ln.end,
        [(a.start, a.end, a.name) for a in found + sup],
    )

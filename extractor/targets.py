"""Quantified goals: a number with what it measures, and the year it is due.

    "- 96% người trong độ tuổi từ 15 - 60; 98% người trong độ tuổi từ 15 - 35 biết chữ."   two targets
    "phấn đấu 30% học sinh, sinh viên được học kỹ năng sống"                              one target
    "Phấn đấu có 50 trung tâm học tập cộng đồng đạt chuẩn"                                counted noun
    "30% - 40% số xã ..."                                                                 a range: 30 to 40
    "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95% vào năm 2025"                           the measure before the figure
    "hoàn thành 100% việc cập nhật lý lịch ... trước ngày 06 tháng 12 năm 2025"           a goal inside a duty
    "| Tỷ lệ xã đạt chuẩn | % | 50 | 70 |" under "Chỉ tiêu | Đơn vị | Năm 2025 | Năm 2030"  a table of indicators
Where: every figure under a "Mục tiêu"/"Chỉ tiêu" heading; elsewhere only after "phấn đấu", "đạt", "hoàn thành".
Not targets: frequencies ("ít nhất 01 lần/năm"), levels ("bậc 2"), ages ("từ 15 - 60"), periods, years.
Year: the figure's own clause ("năm 2025 đạt 70%"), else its sentence ("đến năm 2020"), else the nearest heading
or lead-in ("Mục tiêu đến năm 2015", "Đến hết năm 2030, phấn đấu đạt được những mục tiêu sau:"), else the plan's
end ("giai đoạn 2023-2025" in the title, "đến hết ngày 31 tháng 12 năm 2025").
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor import patterns as P
from extractor import vocab
from extractor.doc import Doc, Line
from extractor.outline import Node, Outline
from extractor.sections import kind_of
from extractor.tokens import tokenize, word_end


@dataclass
class TargetFinding:
    label: str | None
    text: str
    value: int | float
    value_max: int | float | None
    unit: str
    subject: str | None
    year: int | None
    start: int
    end: int


@dataclass
class _Figure:
    start: int  # in the item's text
    end: int  # where the subject may begin
    value: int | float
    value_max: int | float | None
    unit: str


def _number(s: str) -> int | float:
    s = s.replace(".", "") if P.THOUSANDS.fullmatch(s) else s.replace(",", ".")
    f = float(s)
    return int(f) if f.is_integer() else f


def plan_year(doc: Doc, subject: str | None) -> int | None:
    """The end year of the plan: its title's period, or its stated time frame."""
    if subject and (m := P.PERIOD.search(subject)):
        return int(m["y"])
    m = P.TIME_FRAME.search(doc.text)
    return int(m["y"]) if m else None


def _label(node: Node) -> str | None:
    """Targets take the label of the enumerated item, not of its bullets (the contract's "III.1.a")."""
    n: Node | None = node
    while n is not None and n.style in ("dash", "plus", "bullet"):
        n = n.parent
    return n.label if n is not None and n.style != "root" else None


def _year_in(text: str) -> int | None:
    """The year a piece of text sets: a period's end ("giai đoạn 2026 - 2030") or "đến năm 2020"."""
    if m := P.PERIOD.search(text):
        return int(m["y"])
    m = P.YEAR_DUE.search(text)
    return int(m["y"]) if m else None


def _heading_year(node: Node, lead_ins: dict[int, list[str]]) -> int | None:
    """A year set by a heading above, or by a short lead-in paragraph under it ("Đến hết năm 2030, phấn đấu
    đạt được những mục tiêu sau:")."""
    for anc in node.ancestors:
        if len(anc.head.split()) < 25 and (ys := P.ANY_YEAR.findall(anc.head)):
            return int(ys[-1])
        for text in [b.text for b in anc.body] + lead_ins.get(id(anc), []):
            if len(text.split()) < 40 and text.rstrip().endswith(":") and (y := _year_in(text)):
                return y
    return None


def _clause_subject(text: str, start: int, end_limit: int) -> str | None:
    seg = P.SUBJECT_END.split(text[start:end_limit])[0]
    seg = P.SUBJECT_TAIL.sub("", seg.strip(" ,:;."))  # "... bậc 2 và | 20% ..."
    return " ".join(seg.split()) or None


def _for_group(node: Node) -> str | None:
    for anc in [node] + node.ancestors:
        if m := P.FOR_GROUP.match(anc.head.strip()):
            return m["g"].strip()
    return None


def _percents(text: str, in_goals: bool) -> list[_Figure]:
    out = []
    for m in P.PERCENT.finditer(text):
        if not in_goals and not P.GOAL_CUE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        out.append(_Figure(m.start(), m.end(), _number(m["v"]), _number(m["v2"]) if m["v2"] else None, "%"))
    return out


def _counts(text: str, taken: list[_Figure]) -> list[_Figure]:
    """Counts of a counted noun ("50 trung tâm", "100 xã"); not frequencies, levels, ages, money, years."""
    out = []
    skip = set(vocab.words("not_counted"))
    for m in P.COUNT.finditer(text):
        if any(f.start <= m.start("v") < f.end for f in taken):
            continue
        value = _number(m["v"])
        if isinstance(value, int) and 1900 <= value <= 2100:
            continue  # a year ("2030 phấn đấu ...") counts nothing
        toks = tokenize(text[m.start("noun") : m.start("noun") + 40])
        noun = " ".join(t.text for t in toks[: word_end(toks, 0)]).lower()
        if noun.split()[0] in skip or "/" in text[m.end("noun") : m.end("noun") + 2]:
            continue
        out.append(_Figure(m.start("v"), m.start("v") + len(m["v"]), value, None, noun))
    return out


def _subjects(text: str, figures: list[_Figure], group: str | None) -> list[str | None]:
    out: list[str | None] = []
    for k, f in enumerate(figures):
        prev_end = figures[k - 1].end if k else 0
        nxt = figures[k + 1].start if k + 1 < len(figures) else len(text)
        measured_before = P.NOTHING_AFTER.match(text[f.end : nxt])
        before = P.MEASURE_BEFORE.search(text[max(prev_end, f.start - 200) : f.start])
        if measured_before and before:  # "Tỷ lệ ... đạt 95%": the measure stood before the figure
            out.append(" ".join(before["subject"].split()))
            continue
        if measured_before and out and P.GOAL_CUE.search(text[prev_end : f.start]):
            out.append(out[-1])  # "..., năm 2025 đạt 70%": the same measure, another year
            continue
        subject = _clause_subject(text, f.end, nxt)
        if subject and group and P.GROUP_VERB.match(subject):
            subject = f"{group} {subject}"
        out.append(subject)
    return out


def _figure_year(text: str, figures: list[_Figure], k: int) -> int | None:
    """Among several figures, a year in the figure's own stretch of text: "năm 2024 đạt 50%, năm 2025 đạt 70%"."""
    if len(figures) < 2:
        return None
    prev_end = figures[k - 1].end if k else 0
    nxt = figures[k + 1].start if k + 1 < len(figures) else len(text)
    return _year_in(text[prev_end:nxt])


def _node_targets(
    node: Node, default_year: int | None, lead_ins: dict[int, list[str]], kinds: dict[int, str | None]
) -> list[TargetFinding]:
    kind = kind_of(node, kinds)
    in_goals = kind == "target"
    text = node.text
    if not text or kind == "context":  # "I. KẾT QUẢ THỰC HIỆN ... đạt 98,5%": what was achieved is not a goal
        return []
    if not in_goals and not P.GOAL_CUE.search(text):
        return []
    figures = _percents(text, in_goals)
    if in_goals:
        figures += _counts(text, figures)
    figures.sort(key=lambda f: f.start)
    subjects = _subjects(text, figures, _for_group(node))
    sentence_year = _year_in(text) or _heading_year(node, lead_ins) or default_year
    return [
        TargetFinding(
            _label(node),
            text,
            f.value,
            f.value_max,
            f.unit,
            subjects[k],
            _figure_year(text, figures, k) or sentence_year,
            node.start,
            node.end,
        )
        for k, f in enumerate(figures)
    ]


def find_targets(doc: Doc, outline: Outline, default_year: int | None) -> list[TargetFinding]:
    out: list[TargetFinding] = []
    lead_ins: dict[int, list[str]] = {}
    for item, line in outline.loose:  # paragraphs after an item, such as a lead-in to the items under it
        lead_ins.setdefault(id(item), []).append(line.text)
    kinds: dict[int, str | None] = {}  # each heading read once, not again for every item under it
    for node in outline.root.walk():
        if node.style != "root":
            out.extend(_node_targets(node, default_year, lead_ins, kinds))
    out.extend(_table_targets(doc, default_year))
    return out


def _table_targets(doc: Doc, default_year: int | None) -> list[TargetFinding]:
    """Rows of a table of indicators: "STT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030"."""
    out: list[TargetFinding] = []
    lines = doc.lines()
    i = 0
    while i < len(lines):
        if " | " not in lines[i].text:  # not a table row: most lines
            i += 1
            continue
        cells = [c.strip() for c in lines[i].text.split(" | ")]
        years = {k: int(m["y"]) for k, c in enumerate(cells) if (m := P.YEAR_COLUMN.match(c))}
        what = next((k for k, c in enumerate(cells) if P.INDICATOR_COLUMN.search(c)), None)
        if len(cells) < 3 or not years or what is None:
            i += 1
            continue
        unit_col = next((k for k, c in enumerate(cells) if P.UNIT_COLUMN.search(c)), None)
        i += 1
        while i < len(lines) and " | " in lines[i].text:
            out.extend(_row_targets(lines[i], what, unit_col, years))
            i += 1
    return out


def _row_targets(line: Line, what: int, unit_col: int | None, years: dict[int, int]) -> list[TargetFinding]:
    row = [c.strip() for c in line.text.split(" | ")]
    if what >= len(row) or not row[what]:
        return []
    unit = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
    out = []
    for k, year in years.items():
        m = P.CELL_NUMBER.match(row[k]) if k < len(row) else None
        if m:
            u = "%" if m["pct"] or unit.strip() == "%" else unit.lower()
            out.append(TargetFinding(None, line.text, _number(m["v"]), None, u, row[what], year, line.start, line.end))
    return out

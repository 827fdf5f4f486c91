"""Quantified goals: a number with what it measures, and the year it is due.

    "- 96% người trong độ tuổi từ 15 - 60; 98% người trong độ tuổi từ 15 - 35 biết chữ."   two targets
    "phấn đấu 30% học sinh, sinh viên được học kỹ năng sống"                              one target
    "Phấn đấu có 50 trung tâm học tập cộng đồng đạt chuẩn"                                counted noun
    "30% - 40% số xã ..."                                                                 a range: 30 to 40
Where: every figure under a "Mục tiêu"/"Chỉ tiêu" heading; elsewhere only after "phấn đấu" or "đạt".
Not targets: frequencies ("ít nhất 01 lần/năm"), levels ("bậc 2"), ages ("từ 15 - 60"), periods.
Year: the sentence's ("đến năm 2020"), else the nearest heading's ("Mục tiêu đến năm 2015"),
else the plan's end ("giai đoạn 2023-2025" in the title, "đến hết ngày 31 tháng 12 năm 2025").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.doc import Doc
from extractor.outline import Node, Outline
from extractor.sections import kind_of
from extractor.tokens import tokenize, word_end

# "96%", "30% - 40%", "0,5 %", "100 %"
_PERCENT = re.compile(r"(?<![\d,.])(?P<v>\d{1,3}(?:[,.]\d+)?)\s*%(?:\s*[-–]\s*(?P<v2>\d{1,3}(?:[,.]\d+)?)\s*%)?")
# A count opening a clause: "- 100 xã ...", "phấn đấu có 50 trung tâm", "đạt 1.500 học viên".
_COUNT = re.compile(
    r"(?:^|[:;]\s*|(?:phấn đấu|đạt|có|thêm|tối thiểu|ít nhất)\s+)(?P<v>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P<noun>[^\W\d_]+)",
    re.IGNORECASE,
)
_GOAL_CUE = re.compile(r"(?i)\b(?:phấn đấu|đạt(?: tỷ lệ)?|chỉ tiêu)\b")
_NOT_COUNTED = {
    "lần",
    "bậc",
    "năm",
    "tháng",
    "ngày",
    "giờ",
    "tuổi",
    "không",
    "sạch",
    "khóa",
    "điều",
    "khoản",
    "giai",
    "quý",
    "tuần",
    "buổi",
    "đợt",
    "triệu",
    "tỷ",
    "nghìn",
    "đồng",
    "m2",
    "mẫu",
}
_YEAR_IN = re.compile(
    r"(?i)(?:đến|trong|vào|cuối|hết)\s+(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+)?năm\s+(?P<y>(?:19|20)\d\d)"
)
_PERIOD = re.compile(r"(?i)giai đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?P<y>(?:19|20)\d\d)")
_HEADING_YEAR = re.compile(r"(?:19|20)\d\d")
_FOR_GROUP = re.compile(r"(?i)^đối với\s+(?P<g>[^:]+):")


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


def _number(s: str) -> int | float:
    s = s.replace(".", "") if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s) else s.replace(",", ".")
    f = float(s)
    return int(f) if f.is_integer() else f


def plan_year(doc: Doc, subject: str | None) -> int | None:
    """The end year of the plan: its title's period, or its stated time frame."""
    for source in (subject or "", doc.text[:20000]):
        m = _PERIOD.search(source)
        if m and source is subject:
            return int(m["y"])
    m = re.search(r"(?i)thời gian thực hiện[^\n]*\n?[^\n]*?(?:đến|hết)[^\n]*?năm\s+(?P<y>(?:19|20)\d\d)", doc.text)
    if m:
        return int(m["y"])
    return None


def _label(node: Node) -> str | None:
    """Targets take the label of the enumerated item, not of its bullets (the contract's "III.1.a")."""
    n: Node | None = node
    while n is not None and n.style in ("dash", "plus", "bullet"):
        n = n.parent
    return n.label if n is not None and n.style != "root" else None


def _year(text: str, node: Node, default: int | None) -> int | None:
    m = _YEAR_IN.search(text)
    if m:
        return int(m["y"])
    for anc in [node] + node.ancestors:
        if anc is node:
            continue
        ys = _HEADING_YEAR.findall(anc.head)
        if ys and len(anc.head.split()) < 25:
            return int(ys[-1])
    return default


def _clause_subject(text: str, start: int, end_limit: int) -> str | None:
    seg = text[start:end_limit]
    seg = re.split(r";|\.\s|\.$|,\s*(?:trong đó|phấn đấu)|\s+và\s+(?=\d)|,\s*(?=\d+\s*%)", seg)[0]
    seg = re.sub(r"(?:\s+(?:và|hoặc|trong đó(?: có)?))+\s*$", "", seg.strip(" ,:;."))  # "... bậc 2 và | 20% ..."
    return " ".join(seg.split()) or None


def _for_group(node: Node) -> str | None:
    for anc in [node] + node.ancestors:
        m = _FOR_GROUP.match(anc.head.strip())
        if m:
            return m["g"].strip()
    return None


def find_targets(doc: Doc, outline: Outline, default_year: int | None) -> list[TargetFinding]:
    out: list[TargetFinding] = []
    for node in outline.root.walk():
        if node.style == "root":
            continue
        kind = kind_of(node)
        in_goals = kind == "target"
        text = node.text
        if not text or kind == "context":
            continue  # "I. KẾT QUẢ THỰC HIỆN ... đạt 98,5%": what was achieved is not a goal
        if not in_goals and not _GOAL_CUE.search(text):
            continue
        figures: list[tuple[int, int, int | float, int | float | None, str]] = []
        for m in _PERCENT.finditer(text):
            if not in_goals and not _GOAL_CUE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            figures.append((m.start(), m.end(), _number(m["v"]), _number(m["v2"]) if m["v2"] else None, "%"))
        if in_goals:
            for m in _COUNT.finditer(text):
                if any(a <= m.start("v") < b for a, b, *_ in figures):
                    continue
                toks = tokenize(text[m.start("noun") : m.start("noun") + 40])
                noun = " ".join(t.text for t in toks[: word_end(toks, 0)]).lower()
                if noun.split()[0] in _NOT_COUNTED or "/" in text[m.end("noun") : m.end("noun") + 2]:
                    continue
                figures.append((m.start("v"), m.start("noun"), _number(m["v"]), None, noun))
        figures.sort()
        group = _for_group(node)
        for k, (s, e, v, v2, unit) in enumerate(figures):
            nxt = figures[k + 1][0] if k + 1 < len(figures) else len(text)
            subj_start = e if unit == "%" else s + len(str(v))
            subj = _clause_subject(text, subj_start, nxt)
            if subj and group and re.match(r"(?i)^(được|có|thực hiện|tham gia)\b", subj):
                subj = f"{group} {subj}"
            out.append(
                TargetFinding(
                    _label(node),
                    text,
                    v,
                    v2,
                    unit,
                    subj,
                    _year(text, node, default_year),
                    node.start,
                    node.end,
                )
            )
    return out

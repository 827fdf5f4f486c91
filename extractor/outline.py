"""The enumerated structure of a document's body, as a tree with labels as printed.

Markers, in the order writers nest them (but each document chooses its own):
    "Phần I", "Chương II", "Mục 1", "Điều 3."          parts, chapters, sections, articles
    "I.", "II -", "IV)"                                 roman numerals
    "1.", "2)", "1.1.", "2.1.a."                          arabic, and dotted paths
    "a)", "đ)", "b."                                    letters (Vietnamese alphabet: đ follows d)
    "-", "+", "•", "–"                                  bullets

The tree is built with a stack of marker styles: a style seen before closes everything opened
after it (a sibling); a new style opens a child. So "1., 2., 3., 3., 5." (duplicated and
skipped numbers) are five siblings, and a document may put letters under roman numerals.

Labels join the path: "IV.1.b", "VI.1.a.-2" (the second dash under a lettered item), "Điều 2";
a dotted marker that repeats its parent ("2.1" under "2") replaces it rather than repeating it.
An attached document (a KẾ HOẠCH after a QUYẾT ĐỊNH's signature) starts a new tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.doc import Doc, Line

# Each pattern captures the marker and must leave the item's text after it.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?P<m>(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d+|thứ \w+))\b[.:\-–]?\s*")),
    ("chapter", re.compile(r"^(?P<m>(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+))\b[.:\-–]?\s*")),
    ("section", re.compile(r"^(?P<m>(?:MỤC|Mục)\s+(?:[IVXLC]+|\d+))\b[.:\-–]?\s*(?=\S)")),
    ("article", re.compile(r"^(?P<m>Điều\s+\d+[a-z]?)\s*[.:]\s*")),
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5})\s*[.)\-–]\s*(?=\S)")),
    ("dotted", re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+(?:\.[a-zđ])?)\.?\s*[.)]?\s+(?=\S)")),
    ("arabic", re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s*(?=\S)")),
    ("letter", re.compile(r"^(?P<m>[a-zđ])\s*[).]\s*(?=\S)")),
    ("dash", re.compile(r"^(?P<m>[-–—−])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<m>\+)\s*(?=\S)")),
    ("bullet", re.compile(r"^(?P<m>[•·●▪◦*])\s*(?=\S)")),
]
# A paragraph that introduces the items after it.
_LEAD_IN_END = re.compile(r"(?i)(?:như sau|sau đây|dưới đây|cụ thể như sau|sau)\s*:\s*$")
# A lone type line in capitals after the body: an attached document begins.
_ATTACHMENT = re.compile(
    r"^(KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH|ĐỀ ÁN|CHƯƠNG TRÌNH|HƯỚNG DẪN|PHƯƠNG ÁN|DANH MỤC|PHỤ LỤC)\b"
)


@dataclass
class Node:
    style: str
    marker: str  # as printed, without its punctuation: "IV", "1", "a", "-", "Điều 2"
    comp: str  # label component: "IV", "2.1", "-1", "+2", "Điều 2"
    head: str  # the item's first line, after the marker
    start: int  # offsets in the cleaned text
    end: int
    head_start: int = 0  # where `head` begins (after the marker)
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)  # unlabelled paragraphs that continue the item
    attachment: int = 0  # 0: the document itself; 1, 2: attached documents

    @property
    def label(self) -> str | None:
        if self.style == "root":
            return None
        anc = self.parent
        while anc is not None and anc.style != "root" and self.comp.startswith(anc.comp + "."):
            anc = anc.parent
        up = anc.label if anc is not None else None
        return f"{up}.{self.comp}" if up else self.comp

    @property
    def text(self) -> str:
        """The item's own text: its line and continuation paragraphs, not its children."""
        parts = [self.head] + [b.text for b in self.body]
        return " ".join(" ".join(parts).split())

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    @property
    def ancestors(self) -> list[Node]:
        out, n = [], self.parent
        while n is not None and n.style != "root":
            out.append(n)
            n = n.parent
        return out


@dataclass
class Outline:
    root: Node
    preamble: list[Line]  # body lines before the first marker
    loose: list[tuple[Node, Line]]  # unlabelled paragraphs after a finished item: (item before, line)


def _marker(s: str) -> tuple[str, str, str] | None:
    for style, pat in _MARKERS:
        m = pat.match(s)
        if m:
            marker = m["m"]
            if style == "roman" and marker in ("V", "X") and not re.match(r"^[VX]\s*[.)]", s):
                continue
            return style, marker, s[m.end() :]
    return None


def parse(doc: Doc, start: int, end: int, closing: int | None = None) -> Outline:
    """Build the outline of lines[start:end].

    From line `closing` (the "Nơi nhận" block and signature) nothing counts until an attached
    document begins ("KẾ HOẠCH ... (Ban hành kèm theo Quyết định số ...)").
    """
    lines = doc.lines()
    in_closing = False
    root = Node("root", "", "", "", 0, 0)
    stack: list[Node] = [root]
    preamble: list[Line] = []
    loose: list[tuple[Node, Line]] = []
    attachment = 0
    bullets: dict[tuple[int, str], int] = {}
    last: Node | None = None
    for idx in range(start, end):
        ln = lines[idx]
        s = ln.text.strip()
        if not s:
            continue
        if closing is not None and idx == closing:
            in_closing = True
        if _ATTACHMENT.match(s) and _mostly_upper(s) and len(s) < 600 and (last is not None or in_closing):
            attachment += 1
            stack = [root]
            last = None
            in_closing = False
            continue
        if in_closing or s.count(" | ") >= 2:
            continue  # the closing block; rows of a table (its duties are read by tasks)
        mk = _marker(s)
        if mk is None:
            if last is None:
                if attachment == 0:
                    preamble.append(ln)
                continue
            if _LEAD_IN_END.search(s):
                loose.append(
                    (last, ln)
                )  # "... một số nhiệm vụ cụ thể khác được giao như sau:" introduces, not continues
            elif _continues(last, s) or _titled(last):
                last.body.append(ln)
            else:
                loose.append((last, ln))
            continue
        style, marker, rest = mk
        marker_comp = marker
        # close to the level of this style, or open a child
        styles = [n.style for n in stack]
        if style in styles:
            while stack[-1].style != style:
                stack.pop()
            stack.pop()
        parent = stack[-1]
        comp = marker_comp
        if style in ("dash", "plus", "bullet"):
            key = (id(parent), style)
            bullets[key] = bullets.get(key, 0) + 1
            comp = f"{'+' if style == 'plus' else '-'}{bullets[key]}"
        head = rest.strip()
        node = Node(
            style,
            marker,
            comp,
            head,
            ln.start,
            ln.end,
            parent=parent,
            attachment=attachment,
            head_start=ln.start + len(s) - len(rest) + (len(rest) - len(rest.lstrip())),
        )
        parent.children.append(node)
        stack.append(node)
        last = node
    for n in root.walk():
        if n.children or n.body:
            n.end = max([n.end] + [b.end for b in n.body] + [c.end for c in n.children])
    return Outline(root, preamble, loose)


def _titled(item: Node) -> bool:
    """A short item title with its paragraphs below: "2.3. Bước 3: Tổng hợp và phê duyệt danh sách ...".

    The paragraphs are its body, even when they name their own actor."""
    return not item.children and len(item.head.split()) <= 30 and bool(re.match(r"^[^:]{1,30}:\s", item.head))


def _mostly_upper(s: str) -> bool:
    head = s.split("(")[0]
    letters = [c for c in head if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


# "Đơn vị chủ trì: Sở Giáo dục và Đào tạo": a short label, a colon, a value.
_KEY_VALUE = re.compile(r"^[^\W\d_][^:.;]{2,40}:\s*\S")


def _continues(item: Node, s: str) -> bool:
    """Does an unlabelled paragraph continue `item`? Yes after a heading ("... :"), a sentence left open,
    or as another line of a block of fields ("Đơn vị chủ trì: ...", "Thời gian hoàn thành: ...")."""
    if _KEY_VALUE.match(s) and all(_KEY_VALUE.match(b.text.strip()) for b in item.body):
        return True
    head = item.head.rstrip()
    if head.endswith(":") or not item.body and not re.search(r"[.;!?]$|\./\.$", head):
        return True
    return s[:1].islower()

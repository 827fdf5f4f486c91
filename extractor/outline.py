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
Articles, chapters and parts are numbered through the whole document, so their labels stand
alone ("Điều 7.3.c", not "Chương III.Điều 7.3.c"). A marker printed alone on its line ("Chương I",
"Điều 1.") takes the next line as its title.

An attached document (a KẾ HOẠCH, QUY ĐỊNH or PHỤ LỤC after the signature) starts a new tree whose
labels are its own ("IV.1.-2"); `Outline.attachments` says what each one is. Tables of duties
(`extractor.tables`) are set apart: their rows are read by the task finder, not as items.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from extractor.doc import Doc, Line
from extractor.patterns import (
    FIELD_CONTENT,
    FIELD_LEAD,
    FIELD_SUPPORT,
    FIELD_TIME,
    OUTLINE_END_PUNCT,
    OUTLINE_KEY_VALUE,
    OUTLINE_LEAD_IN_END,
    OUTLINE_MARKERS,
    OUTLINE_ROMAN_V_X,
    OUTLINE_TITLED,
    attachment_title,
)
from extractor.tables import Table, find_tables

# Styles numbered through the whole document: their labels take no prefix.
_ABSOLUTE = {"part", "chapter", "article"}
# Lines of a plan laid out as fields, which belong to the item above them.
OUTLINE_FIELDS = (FIELD_LEAD, FIELD_SUPPORT, FIELD_TIME, FIELD_CONTENT)
# Divisions of a legal text, highest first: a "Chương" closes the articles before it even when no chapter is open.
_RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3}


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
        if self.style in _ABSOLUTE:
            return self.comp
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

    def walk(self) -> Iterator[Node]:
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


@dataclass(frozen=True)
class Attachment:
    index: int  # Node.attachment of its items
    kind: str  # "Kế hoạch", "Quy định", "Phụ lục", ... (the type word of its title)
    line: int  # line index of its title


@dataclass
class Outline:
    root: Node
    preamble: list[Line]  # body lines before the first marker
    loose: list[tuple[Node, Line]]  # unlabelled paragraphs after a finished item: (item before, line)
    attachments: list[Attachment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def kind_of_attachment(self, index: int) -> str | None:
        """What the attached document `index` is ("Quy định"); None for the document itself."""
        return next((a.kind for a in self.attachments if a.index == index), None)


def _marker(s: str) -> tuple[str, str, str] | None:
    for style, pat in OUTLINE_MARKERS:
        m = pat.match(s)
        if m:
            marker = m["m"]
            if style == "roman" and marker in ("V", "X") and not OUTLINE_ROMAN_V_X.match(s):
                continue
            return style, marker, s[m.end() :]
    return None


def parse(doc: Doc, start: int, end: int, closing: int | None = None) -> Outline:
    """Build the outline of lines[start:end].

    From line `closing` (the "Nơi nhận" block and signature) nothing counts until an attached
    document begins ("KẾ HOẠCH ... (Ban hành kèm theo Quyết định số ...)").
    """
    tables = find_tables(doc, start, end)
    skip = {i for t in tables for i in t.lines}
    b = _Builder(doc, closing)
    for idx in range(start, end):
        if idx not in skip:
            b.line(idx)
    return b.finish(tables)


class _Builder:
    """The state of one pass over the lines: the stack of open items, the last item, the attachment."""

    def __init__(self, doc: Doc, closing: int | None) -> None:
        self.doc = doc
        self.closing = closing
        self.root = Node("root", "", "", "", 0, 0)
        self.stack: list[Node] = [self.root]
        self.preamble: list[Line] = []
        self.loose: list[tuple[Node, Line]] = []
        self.attachments: list[Attachment] = []
        self.bullets: dict[tuple[int, str], int] = {}
        self.last: Node | None = None
        self.in_closing = False
        self.untitled: Node | None = None  # a marker printed alone, waiting for its title line

    def line(self, idx: int) -> None:
        ln = self.doc.lines()[idx]
        s = ln.text.strip()
        if not s:
            return
        if self.closing is not None and idx == self.closing:
            self.in_closing = True
        if self._attachment(idx, s):
            return
        if self.in_closing or s.count(" | ") >= 2:
            return  # the closing block; rows of a table (its duties are read by tasks)
        mk = _marker(s)
        if mk is None:
            self._unmarked(ln, s)
        else:
            self._marked(ln, s, *mk)

    def _attachment(self, idx: int, s: str) -> bool:
        if self.untitled is not None:
            return False  # "Chương I" / "QUY ĐỊNH CHUNG": a chapter's title, not an attached Quy định
        m = attachment_title().match(s)
        if not (m and _mostly_upper(s) and len(s) < 600 and (self.last is not None or self.in_closing)):
            return False
        self.attachments.append(Attachment(len(self.attachments) + 1, m["kind"].capitalize(), idx))
        self.stack = [self.root]
        self.last = self.untitled = None
        self.in_closing = False
        return True

    def _unmarked(self, ln: Line, s: str) -> None:
        last = self.last
        if self.untitled is not None:
            self.untitled.head = s  # "Chương I" / "NHỮNG QUY ĐỊNH CHUNG"
            self.untitled.head_start = ln.start + len(ln.text) - len(ln.text.lstrip())
            self.untitled.end = ln.end
            self.untitled = None
        elif last is None:
            if not self.attachments:
                self.preamble.append(ln)
        elif _continues(last, s):
            last.body.append(ln)
        else:
            self.loose.append((last, ln))

    def _marked(self, ln: Line, s: str, style: str, marker: str, rest: str) -> None:
        if style in _RANK:  # a division closes every item below its rank
            while len(self.stack) > 1 and _RANK.get(self.stack[-1].style, 9) >= _RANK[style]:
                self.stack.pop()
        elif style in [n.style for n in self.stack]:  # close to the level of this style, or open a child
            while self.stack[-1].style != style:
                self.stack.pop()
            self.stack.pop()
        parent = self.stack[-1]
        comp = marker
        if style in ("dash", "plus", "bullet"):
            key = (id(parent), style)
            self.bullets[key] = self.bullets.get(key, 0) + 1
            comp = f"{'+' if style == 'plus' else '-'}{self.bullets[key]}"
        head = rest.strip()
        lead = len(ln.text) - len(ln.text.lstrip())
        node = Node(
            style,
            marker,
            comp,
            head,
            ln.start,
            ln.end,
            parent=parent,
            attachment=len(self.attachments),
            head_start=ln.start + lead + len(s) - len(rest) + (len(rest) - len(rest.lstrip())),
        )
        parent.children.append(node)
        self.stack.append(node)
        self.last = node
        self.untitled = node if not head else None

    def finish(self, tables: list[Table]) -> Outline:
        for n in self.root.walk():
            if n.children or n.body:
                n.end = max([n.end] + [b.end for b in n.body] + [c.end for c in n.children])
        return Outline(self.root, self.preamble, self.loose, self.attachments, tables)


def _titled(item: Node) -> bool:
    """A short item title with its paragraphs below: "2.3. Bước 3: Tổng hợp và phê duyệt danh sách ...".

    The paragraphs are its body, even when they name their own actor."""
    return not item.children and len(item.head.split()) <= 30 and bool(OUTLINE_TITLED.match(item.head))


def _mostly_upper(s: str) -> bool:
    head = s.split("(")[0]
    letters = [c for c in head if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _continues(item: Node, s: str) -> bool:
    """Does an unlabelled paragraph continue `item`? Yes as another line of a block of fields ("Đơn vị chủ trì:
    ...", "Thời gian hoàn thành: ..."), after a head left unfinished ("1. Giao Sở" / "Nông nghiệp và Môi trường
    ..."), after a heading ("... :"), in lower case, or under a short titled step. A paragraph that introduces
    what follows ("... một số nhiệm vụ cụ thể khác được giao như sau:") is not a continuation."""
    if OUTLINE_KEY_VALUE.match(s) and all(OUTLINE_KEY_VALUE.match(b.text.strip()) for b in item.body):
        return True
    if any(p.match(s) for p in OUTLINE_FIELDS):
        return True  # "Đơn vị thực hiện: ..." after a paragraph that continued the item
    head = item.head.rstrip()
    if not item.body and not OUTLINE_END_PUNCT.search(head):
        return True
    if OUTLINE_LEAD_IN_END.search(s):
        return False
    return head.endswith(":") or s[:1].islower() or _titled(item)

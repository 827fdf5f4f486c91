"""The headings above an item, read back from a stored document's normalised text.

The extraction record keeps each task's span but not the sections it sits in. Plans carry duties down
section by section and quote the upper document's headings ("Điều 6. Phương thức thực hiện" ->
"4. Phương thức thực hiện xây dựng, sửa chữa nhà ở"), and a circular's "Điều 16. Trách nhiệm của cơ quan
chuyên môn về lao động thuộc Ủy ban nhân dân cấp tỉnh" says who does the items under it. So alignment
reads the headings back: walking up from the item's line, each line opening with a marker of a higher
rank than any seen so far (Phần/Chương/Mục > I. > Điều > 1. > 1.1. > 1.1.1. > a) > - > +) is a heading
of the item. Conventional ranks, not the document's own: a plan that puts "a)" above "1." loses its
headings, it does not get wrong ones from a sibling.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# a marker at the start of a line, case-sensitive on purpose: "III." is a section, "c)" a point
_MARKER = re.compile(
    r"^\s*(?:"
    r"(?P<part>(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+[IVXLC\d]+\b)"
    r"|(?P<art>(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:])"
    r"|(?P<roman>[IVXLC]+\s*[.)])"
    # "1.", "2)", "1.1.", "1.1" (never a bare "15": a wrapped line starting with a count), "2.1.a."
    r"|(?P<num>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\s*[.)])(?P<sub>[a-zđ][.)])?(?=\s)"
    r"|(?P<alpha>[a-zđ]\s*[.)])"
    r"|(?P<dash>[-–—•])"
    r"|(?P<plus>\+)"
    r")"
)
_PARAGRAPH = 10  # a line without a marker
MAX_HEADING = 200  # characters of a heading kept


def marker_rank(line: str) -> int:
    """0 for Phần/Chương/Mục, 1 for I., 2 for Điều, 3-6 for 1., 1.1., 1.1.1., 1.1.1.1., 7 for a) and 1.a.,
    8 for -, 9 for +; _PARAGRAPH for a line without a marker."""
    m = _MARKER.match(line)
    if not m:
        return _PARAGRAPH
    if m["part"]:
        return 0
    if m["roman"]:
        return 1
    if m["art"]:
        return 2
    if m["num"]:
        return 7 if m["sub"] else 2 + min(m["num"].rstrip(".)").count(".") + 1, 4)
    if m["alpha"]:
        return 7
    return 8 if m["dash"] else 9


@dataclass
class Outline:
    """Line starts and marker ranks of one text, for many look-ups."""

    text: str
    starts: list[int]
    ranks: list[int]

    @classmethod
    def of(cls, text: str) -> Outline:
        starts, ranks, pos = [], [], 0
        for line in text.split("\n"):
            starts.append(pos)
            ranks.append(marker_rank(line) if line.strip() else _PARAGRAPH + 1)
            pos += len(line) + 1
        return cls(text, starts, ranks)

    def line(self, i: int) -> str:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end].strip()

    def headings(self, offset: int) -> list[str]:
        """The headings above the item starting at `offset`, outermost first."""
        if not self.starts:
            return []
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        current = self.ranks[i]
        out: list[str] = []
        for j in range(i - 1, -1, -1):
            r = self.ranks[j]
            if r < current:
                out.append(self.line(j)[:MAX_HEADING])
                current = r
                if r == 0:
                    break
        return out[::-1]


def headings_of(text: str, offsets: Sequence[int]) -> list[list[str]]:
    outline = Outline.of(text)
    return [outline.headings(o) for o in offsets]


def task_headings(session: Any, tasks: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """The headings above stored tasks, keyed by (document id, position in record.tasks): one query per 500
    documents for their normalised text and spans; a task whose span is not stored has none."""
    from sqlalchemy import select

    from models.tables import Extraction

    wanted: dict[int, list[int]] = {}
    for doc, pos in tasks:
        wanted.setdefault(doc, []).append(pos)
    out: dict[tuple[int, int], list[str]] = {}
    ids = sorted(wanted)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(Extraction.document_id, Extraction.text, Extraction.spans).where(
                Extraction.document_id.in_(ids[i : i + 500])
            )
        )
        for doc, text, spans in rows:
            starts = {s.get("field"): s["start"] for s in spans or [] if s.get("kind") == "task"}
            outline = Outline.of(text or "")
            for pos in wanted[doc]:
                start = starts.get(f"tasks[{pos}]")
                out[(doc, pos)] = outline.headings(start) if start is not None else []
    return out

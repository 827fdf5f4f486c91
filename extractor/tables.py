"""Tables of duties, in the two layouts a cleaned text keeps them:

    rows on one line, cells parted by " | "        (Word and PDF tables, markdown tables)
        TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
        1 | Tuyên truyền về học tập suốt đời | Sở Thông tin và Truyền thông | Sở GD&ĐT | Hằng năm
    one cell per block, blocks parted by blank lines  (legal websites: a table cell per block)
        STT / Tên nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian hoàn thành / I. / NÂNG CAO ... / 1 / ...

Columns are known by what their header says, in any order ("Cơ quan phối hợp" before "Nội dung" is
fine); a table is one of duties when it has a text column and a lead column. Group rows ("II | XÂY
DỰNG MÔ HÌNH", "II. HOÀN THIỆN CƠ CHẾ ...") label the rows under them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.doc import Doc, Line
from extractor.folding import fold
from extractor.patterns import (
    TABLE_CELL_SPLIT,
    TABLE_COLUMN_ROLES,
    TABLE_GROUP_LABEL,
    TABLE_ROW_LABEL,
    TABLE_SUPPORT_COLUMN,
)


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offsets in the cleaned text
    end: int


@dataclass
class Row:
    label: str | None  # "II.1": the group's label, then the row's own
    cells: dict[str, Cell]  # by role: text, lead, support, deadline
    start: int
    end: int


@dataclass
class Table:
    roles: dict[str, int]  # role -> column index
    rows: list[Row] = field(default_factory=list)
    lines: range = range(0)  # line indices the table covers (outline skips them)


def column_role(header: str) -> str | None:
    """ "Cơ quan phối hợp" -> support; "Thời gian hoàn thành" -> deadline; "Tên nhiệm vụ" -> text; the earliest
    cue in the header decides ("Nội dung thực hiện" is the text, "Cơ quan thực hiện" the lead)."""
    key = fold(header).strip(" *:")
    if TABLE_SUPPORT_COLUMN.search(key):
        return "support"
    found = [(m.start(), role) for role, pat in TABLE_COLUMN_ROLES for m in [pat.search(key)] if m]
    return min(found)[1] if found else None


def _roles(headers: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for i, h in enumerate(headers):
        role = column_role(h)
        if role and role not in roles:
            roles[role] = i
    return roles if "text" in roles and "lead" in roles else None


def find_tables(doc: Doc, start: int, end: int) -> list[Table]:
    """Tables of duties among lines[start:end]."""
    lines = doc.lines()
    out: list[Table] = []
    i = start
    while i < end:
        table = _pipe_table(lines, i, end) or _block_table(doc, i, end)
        if table is None:
            i += 1
            continue
        out.append(table)
        i = table.lines.stop
    return out


# --- rows on one line ------------------------------------------------------------------------------------


def _cells(ln: Line) -> list[Cell]:
    out, pos = [], 0
    for m in TABLE_CELL_SPLIT.finditer(ln.text):
        out.append(Cell(ln.text[pos : m.start()].strip(), ln.start + pos, ln.start + m.start()))
        pos = m.end()
    out.append(Cell(ln.text[pos:].strip(), ln.start + pos, ln.end))
    return out


def _pipe_table(lines: list[Line], i: int, end: int) -> Table | None:
    if lines[i].text.count(" | ") < 2:
        return None
    roles = _roles([c.text for c in _cells(lines[i])])
    if roles is None:
        return None
    table = Table(roles)
    group: str | None = None
    j = i + 1
    while j < end and (" | " in lines[j].text or not lines[j].text.strip()):
        cells = _cells(lines[j])
        j += 1
        if len(cells) >= 2:
            group = _add_row(table, cells, group)
    table.lines = range(i, j)
    return table


def _add_row(table: Table, cells: list[Cell], group: str | None) -> str | None:
    """Adds a row of cells in column order; returns the group label in force after it."""
    cell = {role: cells[k] for role, k in table.roles.items() if k < len(cells) and cells[k].text}
    label = cell.pop("label").text.rstrip(".") if "label" in cell else None
    if "text" not in cell:
        return group
    if "lead" not in cell and (label and TABLE_GROUP_LABEL.fullmatch(label) or cell["text"].text.isupper()):
        return label  # a group of rows: "II | XÂY DỰNG MÔ HÌNH | | |"
    full = f"{group}.{label}" if group and label else label
    table.rows.append(Row(full, cell, min(c.start for c in cells), max(c.end for c in cells)))
    return group


# --- one cell per block ------------------------------------------------------------------------------------


def _blocks(lines: list[Line], i: int, end: int, limit: int | None = None) -> list[list[Line]]:
    """Runs of non-blank lines from lines[i], parted by blank lines."""
    out: list[list[Line]] = []
    cur: list[Line] = []
    while i < end and (limit is None or len(out) < limit):
        if lines[i].text.strip():
            cur.append(lines[i])
        elif cur:
            out.append(cur)
            cur = []
        i += 1
    if cur and (limit is None or len(out) < limit):
        out.append(cur)
    return out


def _block_table(doc: Doc, i: int, end: int) -> Table | None:
    """A header of short blocks (the columns) followed by rows that each open with a label block."""
    lines = doc.lines()
    opening = lines[i].text.strip()
    if not opening or i > 0 and lines[i - 1].text.strip() or len(opening.split()) > 6 or column_role(opening) is None:
        return None  # a table's header opens with a short block that names a column
    head = _blocks(lines, i, end, limit=8)
    headers: list[str] = []
    for b in head:
        if len(b) > 1 or len(b[0].text.split()) > 6 or TABLE_ROW_LABEL.fullmatch(b[0].text.strip()):
            break
        headers.append(b[0].text.strip())
    roles = _roles(headers) if len(headers) >= 3 else None
    if roles is None:
        return None
    first = doc.line_index(head[len(headers) - 1][-1].start) + 1
    table = Table(roles)
    last = _block_rows(table, doc, first, end, len(headers))
    table.lines = range(i, last)
    return table if table.rows else None


def _block_rows(table: Table, doc: Doc, i: int, end: int, n_cols: int) -> int:
    """Reads rows until a block that cannot be one; returns the line index after the table."""
    lines = doc.lines()
    group: str | None = None
    row: list[Cell] = []
    last = i
    for b in _blocks(lines, i, end):
        text = " ".join(ln.text.strip() for ln in b)
        cell = Cell(text, b[0].start, b[-1].end)
        label = TABLE_ROW_LABEL.match(text)
        if label and (label.end() == len(text) or text[label.end() :].strip().isupper()):
            group = _close_row(table, row, group, n_cols)
            row = [cell]
        elif row and len(row) < n_cols:
            row.append(cell)
        else:
            break
        last = doc.line_index(b[-1].start) + 1
    _close_row(table, row, group, n_cols)
    return last


def _close_row(table: Table, row: list[Cell], group: str | None, n_cols: int) -> str | None:
    if not row:
        return group
    m = TABLE_ROW_LABEL.match(row[0].text)
    label = m["label"] if m else None
    title = row[0].text[m.end() :].strip() if m else ""
    if title or len(row) == 1 or len(row) == 2 and row[1].text.isupper():
        return label  # "II. HOÀN THIỆN CƠ CHẾ ...", "I." + "NÂNG CAO NHẬN THỨC ...": a group of rows
    label_cell = Cell(label or "", row[0].start, row[0].end)
    cells = [label_cell] + row[1:] if "label" in table.roles else row[1:]
    return _add_row(table, cells + [Cell("", row[-1].end, row[-1].end)] * (n_cols - len(cells)), group)

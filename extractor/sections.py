"""What kind of section an outline item sits in, read from the headings above it.

    "MỤC TIÊU", "Chỉ tiêu cụ thể"                        -> target      (goals, not duties)
    "MỤC ĐÍCH, YÊU CẦU", "Quan điểm", "Thuận lợi, khó khăn",
    "Đối tượng ...", "Nguyên tắc hỗ trợ", "Mức hỗ trợ"   -> context     (no duties here)
    "NHIỆM VỤ, GIẢI PHÁP", "Nội dung", "Tổ chức thực hiện",
    "Trách nhiệm của ...", "Phân công"                    -> duty
    "Thời gian", "Kinh phí", "Phương thức", "Tiến độ",
    "Cơ chế tài chính", "Nguồn vốn"                       -> descriptive (a duty only where an agency is named)
An item under no such heading inherits its parent's kind; the root is "neutral".
"""

from __future__ import annotations

from extractor.folding import fold
from extractor.outline import Node
from extractor.patterns import SECTION_KINDS


def is_heading(node: Node) -> bool:
    """A short line that introduces sub-items or a paragraph: "IV. NHIỆM VỤ VÀ GIẢI PHÁP:"."""
    head = node.head.strip()
    if not head:
        return True
    if head.endswith(":") and (node.children or node.body):
        return True
    if len(head.split()) > 25:
        return False
    if head.endswith(":") or head.isupper():
        return True
    # a sentence ("Sở Nội vụ chủ trì xây dựng kế hoạch.") is an item, even with sub-items
    return bool(node.children or node.body) and not head.endswith((".", ";", "./."))


def heading_kind(node: Node) -> str | None:
    if not is_heading(node):
        return None
    head = fold(node.head.strip().rstrip(":").strip())
    for kind, pat in SECTION_KINDS:
        if pat.match(head):
            return kind
    return None


def kind_of(node: Node, cache: dict[int, str | None] | None = None) -> str:
    """The section kind of `node`: its own heading's, else the nearest ancestor's. `cache` (node id -> heading
    kind) saves reading the same headings again for every item under them."""
    for n in [node] + node.ancestors:
        if cache is None:
            k = heading_kind(n)
        elif (k := cache.get(id(n), "")) == "":
            k = cache[id(n)] = heading_kind(n)
        if k:
            return k
    return "neutral"

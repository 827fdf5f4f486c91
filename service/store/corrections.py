"""Clerks' corrections: a value for one field path of a record, applied on read over the machine's output.

Paths name a field the way the contract does: "document.issuer", "document.signer.name",
"tasks[3].lead", "references[0].relation", "targets[2]" (a whole item). An index one past the end adds
an item (a task the machine missed); a whole item set to null removes it (a false finding). Removals
are applied last, highest index first, so the indexes of other corrections keep their meaning.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from service.errors import Invalid

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


class BadPath(Invalid, ValueError):
    """A correction whose path names no field of the record."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"correction path {path!r}: {why}", f"đường dẫn trường không hợp lệ: {path!r}")
        self.path = path


def parse_path(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        m = _STEP.fullmatch(part)
        if not m:
            raise BadPath(path, f"cannot read {part!r}")
        steps.append(m[1])
        if m[2] is not None:
            steps.append(int(m[2]))
    return steps


def _apply_one(record: dict[str, Any], path: str, value: Any) -> tuple[list[Any], int] | None:
    """Set the field; return (list, index) instead when the correction removes a list item."""
    steps = parse_path(path)
    node: Any = record
    for i, step in enumerate(steps[:-1]):
        nxt = steps[i + 1]
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                raise BadPath(path, f"no item {step}")
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                raise BadPath(path, f"no field {step!r}")
            if node[step] is None and isinstance(nxt, str):
                node[step] = {}
            node = node[step]
    last = steps[-1]
    if isinstance(last, int):
        if not isinstance(node, list) or last > len(node):
            raise BadPath(path, f"no item {last}")
        if value is None:
            return node, last
        if last == len(node):
            node.append(value)
        else:
            node[last] = value
        return None
    if not isinstance(node, dict) or last not in node and not _optional(steps):
        raise BadPath(path, f"no field {last!r}")
    node[last] = value
    return None


def _optional(steps: list[str | int]) -> bool:
    # value_max is left out of single-figure targets but may be set
    return steps[-1] == "value_max"


def apply(record: dict[str, Any], corrections: Iterable[tuple[str, Any]], *, strict: bool = False) -> dict[str, Any]:
    """The record with corrections applied in order. Inapplicable ones are skipped unless `strict`
    (after re-extraction a task may no longer exist; the correction is kept but has nothing to act on)."""
    out = copy.deepcopy(record)
    removals: list[tuple[list[Any], int]] = []
    for path, value in corrections:
        try:
            removal = _apply_one(out, path, value)
        except BadPath:
            if strict:
                raise
            continue
        if removal:
            removals.append(removal)
    for lst, idx in sorted(removals, key=lambda r: -r[1]):
        if idx < len(lst):
            del lst[idx]
    return out

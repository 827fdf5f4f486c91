"""Clerks' corrections: a value for one field path of a record, applied on read over the machine's output.

Paths name a field the way the contract does: "document.issuer", "document.signer.name",
"tasks[3].lead", "references[0].relation", "targets[2]" (a whole item). An index one past the end adds
an item (a task the machine missed); a whole item set to null removes it (a false finding). Removals
are applied last, highest index first, so the indexes of other corrections keep their meaning.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from extractor.folding import strip_marks
from service.errors import Invalid
from service.fields import Field, field_of, label_of

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")
# A date as people write it: 15/5/2017, 15-05-2017, 15.5.2017 (day first, as in Vietnam).
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
# As printed in a document: "ngày 15 tháng 5 năm 2017" (diacritics stripped first).
_WORDS_DATE = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MAX_TEXT = 20_000


class BadPath(Invalid, ValueError):
    """A correction whose path names no field of the record."""

    def __init__(self, path: str, why: str) -> None:
        super().__init__(
            f"correction path {path!r}: {why}", f"đường dẫn trường không hợp lệ, không có trường nào như vậy: {path!r}"
        )
        self.path = path


class WrongType(Invalid, ValueError):
    """A correction whose value is not of its field's type: a date that is no date, a list for a text."""

    def __init__(self, path: str, f: Field, why: str, why_vi: str) -> None:
        super().__init__(
            f"{path}: {why}",
            f"{label_of(path)}: {why_vi}",
            errors=[{"loc": ["body", "value"], "path": path, "type": f.type, "msg": why, "msg_vi": why_vi}],
        )
        self.path = path


def _date(path: str, f: Field, v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        s = " ".join(strip_marks(v).split())
        for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0)), (_WORDS_DATE, (2, 1, 0))):
            m = pattern.fullmatch(s)
            if m:
                y, mo, d = (int(m.group(i + 1)) for i in order)
                try:
                    day = dt.date(y, mo, d)
                except ValueError:
                    break  # 31/02/2017: a date that does not exist
                if 1900 <= day.year <= 2100:
                    return day.isoformat()
                break
    raise WrongType(
        path,
        f,
        f"expected a date as dd/mm/yyyy or yyyy-mm-dd, got {v!r}",
        f"cần một ngày có thật, dạng dd/mm/yyyy (ví dụ 15/05/2017), không phải {v!r}",
    )


def _name(path: str, f: Field, v: object) -> str:
    if not isinstance(v, str) or not any(c.isalpha() for c in v):
        raise WrongType(
            path, f, f"expected the name of an agency, got {v!r}", f"cần tên một cơ quan, đơn vị, không phải {v!r}"
        )
    name = " ".join(unicodedata.normalize("NFC", v).split())
    if len(name) > 256:
        raise WrongType(path, f, "an agency name of at most 256 characters", "tên cơ quan dài quá 256 ký tự")
    return name


def _text(path: str, f: Field, v: object) -> str | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        if f.required:
            raise WrongType(path, f, "must not be empty", "không được để trống")
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        raise WrongType(path, f, f"expected a text, got {type(v).__name__}", "cần một đoạn chữ")
    text = unicodedata.normalize("NFC", v).strip()
    if len(text) > _MAX_TEXT:
        raise WrongType(path, f, f"at most {_MAX_TEXT} characters", f"dài quá {_MAX_TEXT} ký tự")
    return text


def _names(path: str, f: Field, v: object) -> list[str]:
    if v is None:
        return []
    items = v
    if not isinstance(items, list):  # a text is refused, not split: "A, B" may be one name or two
        raise WrongType(
            path,
            f,
            f"expected a list of names, got {v!r}",
            f"cần một danh sách tên (mỗi tên một mục), không phải {v!r}",
        )
    names: list[str] = []
    for item in items:
        if isinstance(item, str) and not item.strip():
            continue
        name = _name(path, f, item)
        if name not in names:
            names.append(name)
    return names


def _enum(path: str, f: Field, v: object) -> str | None:
    if v is None and not f.required:
        return None
    if isinstance(v, str):
        if v in f.choices:
            return v
        by_label = {strip_marks(label): value for value, label in f.choices.items()}
        if strip_marks(v) in by_label:  # the Vietnamese label typed: "Tỉnh", "triển khai"
            return by_label[strip_marks(v)]
    allowed = ", ".join(f.choices)
    allowed_vi = "; ".join(f.choices.values())  # the labels are taken as well as the values
    raise WrongType(path, f, f"expected one of {allowed}, got {v!r}", f"chỉ nhận một trong: {allowed_vi}")


def _number(path: str, f: Field, v: object, *, integer: bool = False) -> int | float | None:
    if v is None and not f.required:
        return None
    n: float | None = None
    if isinstance(v, int | float) and not isinstance(v, bool):
        n = float(v)
    elif isinstance(v, str):
        s = v.strip().replace(" ", "").rstrip("%")
        # Vietnamese writing: "." between thousands, "," before decimals ("1.000,5"; "95,5")
        if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?", s) or "," in s:
            s = s.replace(".", "").replace(",", ".")
        try:
            n = float(s)
        except ValueError:
            n = None
    if n is None or not math.isfinite(n) or (integer and n != int(n)):
        what, what_vi = ("a whole number", "một số nguyên") if integer else ("a number", "một số")
        raise WrongType(path, f, f"expected {what}, got {v!r}", f"cần {what_vi} (ví dụ 95 hoặc 95,5), không phải {v!r}")
    if integer:
        year = int(n)
        if f.path.endswith("year") and not 1900 <= year <= 2100:
            raise WrongType(path, f, f"a year between 1900 and 2100, got {year}", f"năm phải từ 1900 đến 2100: {year}")
        return year
    return int(n) if n == int(n) else n


def _item(path: str, f: Field, v: object) -> object:
    if v is None:
        return None  # a whole item set to null: removed
    if not isinstance(v, dict):
        raise WrongType(
            path, f, "expected an object (or null to remove the item)", "cần một mục đầy đủ (hoặc rỗng để xóa)"
        )
    out = dict(v)
    for key, inner in v.items():  # each field of the item as if corrected alone
        if field_of(f"{path}.{key}") is not None:
            out[key] = coerce(f"{path}.{key}", inner)
    return out


def coerce(path: str, value: object) -> object:
    """`value` as the type of the field `path` names (dd/mm/yyyy -> ISO, "95,5" -> 95.5, "Tỉnh" ->
    "province", names in a list trimmed and each once); WrongType when it is not of that type. A path
    naming no known field is left to apply() to judge."""
    f = field_of(path)
    if f is None:
        return value
    if f.type == "date":
        return _date(path, f, value)
    if f.type == "agency":
        return None if value is None else _name(path, f, value)
    if f.type in ("list", "lead", "support"):
        return _names(path, f, value)
    if f.type == "enum":
        return _enum(path, f, value)
    if f.type in ("number", "integer"):
        return _number(path, f, value, integer=f.type == "integer")
    if f.type == "item":
        return _item(path, f, value)
    return _text(path, f, value)


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

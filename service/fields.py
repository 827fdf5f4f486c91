"""The correctable fields of a record: each one's type and Vietnamese label, in one table.

    FIELDS                       every field, by its path pattern ("document.issued_date", "tasks[].lead")
    field_of(path) -> Field?     the field a correction's path names ("tasks[1].lead" -> tasks[].lead)
    label_of(path) -> str        "Nhiệm vụ 2 — cơ quan chủ trì" for "tasks[1].lead"
    field_types() -> list[FieldOut]   the table as the API sends it (GET /api/documents/fields): what a
                                      form needs to offer the right input (a date, an agency, a list...)

Types: date (ISO; dd/mm/yyyy accepted), agency (a name), text, list (of names), enum (one of `choices`,
the contract's values, labelled in Vietnamese), lead / support (a task's agencies: lists of names),
number, integer, item (a whole reference, task or target; null removes it). service/store/corrections.py
refuses a value that is not of its field's type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel
from pydantic import Field as Field_

from service.labels_vi import LEVEL, RELATION
from service.labels_vi import value as value_vi

FieldType = Literal["date", "agency", "text", "list", "enum", "lead", "support", "number", "integer", "item"]


@dataclass(frozen=True)
class Field:
    path: str  # pattern: "document.issued_date", "tasks[].lead" ([] for any index)
    label: str
    type: FieldType
    choices: dict[str, str] = field(default_factory=dict)  # enum: contract value -> Vietnamese label
    required: bool = False  # null is refused (a task's or target's text, a target's value)
    multiline: bool = False  # text written as a paragraph (a trích yếu, a task): a text area, not one line


# Which list a path's first step names, and how one of its items is called.
GROUPS = {"references": "Văn bản dẫn chiếu", "tasks": "Nhiệm vụ", "targets": "Chỉ tiêu"}
_LEVELS = {k: v for k, v in LEVEL.items() if k != "local"}  # the contract's levels

FIELDS: list[Field] = [
    Field("document.doc_type", "Loại văn bản", "text"),
    Field("document.number", "Số, ký hiệu", "text"),
    Field("document.issuer", "Cơ quan ban hành", "agency"),
    Field("document.level", "Cấp", "enum", _LEVELS),
    Field("document.province", "Tỉnh, thành phố", "text"),
    Field("document.district", "Quận, huyện", "text"),
    Field("document.place", "Địa danh", "text"),
    Field("document.issued_date", "Ngày ban hành", "date"),
    Field("document.subject", "Trích yếu", "text", multiline=True),
    Field("document.recipients", "Kính gửi / nơi nhận", "list"),
    Field("document.signer.name", "Người ký", "text"),
    Field("document.signer.title", "Chức vụ người ký", "text"),
    Field("references[]", "Văn bản dẫn chiếu", "item"),
    Field("references[].number", "số, ký hiệu", "text"),
    Field("references[].doc_type", "loại văn bản", "text"),
    Field("references[].issued_date", "ngày ban hành", "date"),
    Field("references[].issuer", "cơ quan ban hành", "agency"),
    Field("references[].title", "trích yếu", "text", multiline=True),
    Field("references[].relation", "quan hệ", "enum", RELATION, required=True),
    Field("tasks[]", "Nhiệm vụ", "item"),
    Field("tasks[].label", "mục", "text"),
    Field("tasks[].text", "nội dung", "text", required=True, multiline=True),
    Field("tasks[].lead", "cơ quan chủ trì", "lead"),
    Field("tasks[].support", "cơ quan phối hợp", "support"),
    Field("tasks[].deadline", "thời hạn", "text"),
    Field("targets[]", "Chỉ tiêu", "item"),
    Field("targets[].label", "mục", "text"),
    Field("targets[].text", "nội dung", "text", required=True, multiline=True),
    Field("targets[].value", "giá trị", "number", required=True),
    Field("targets[].value_max", "giá trị tối đa", "number"),
    Field("targets[].unit", "đơn vị", "text"),
    Field("targets[].subject", "đối tượng", "text", multiline=True),
    Field("targets[].year", "năm", "integer"),
]
_BY_PATH = {f.path: f for f in FIELDS}
_INDEX = re.compile(r"\[(\d+)\]")


def pattern_of(path: str) -> str:
    """The pattern a correction's path matches: indexes dropped ("tasks[1].lead" -> "tasks[].lead")."""
    return _INDEX.sub("[]", path)


def field_of(path: str) -> Field | None:
    return _BY_PATH.get(pattern_of(path))


def label_of(path: str) -> str:
    """The Vietnamese name of the field a path names: "Ngày ban hành", "Nhiệm vụ 2 — cơ quan chủ trì",
    "Chỉ tiêu 3" (a whole item); the path itself when it names no known field."""
    f = field_of(path)
    m = _INDEX.search(path)
    group = GROUPS.get(path.split("[", 1)[0]) if m else None
    if group and m:
        item = f"{group} {int(m.group(1)) + 1}"
        return item if f is None or f.type == "item" else f"{item} — {f.label}"
    return f.label if f else path


class Choice(BaseModel):
    value: str = Field_(description="as the contract has it, what a correction sends")
    label: str = Field_(description="in Vietnamese, what a person reads")


class FieldOut(BaseModel):
    """A correctable field, as GET /api/documents/fields lists it."""

    path: str = Field_(description='pattern of the correction path: "document.issued_date", "tasks[].lead"')
    label: str = Field_(description='Vietnamese name; for an item\'s field, after "Nhiệm vụ 2 — " (label_of)')
    type: FieldType
    choices: list[Choice] = Field_(description="enum: the values allowed, with their labels")
    required: bool = Field_(description="null is refused")
    multiline: bool = Field_(False, description="text written as a paragraph (a text area, not one line)")
    group: str = Field_(description='"" (the document\'s header), "references", "tasks" or "targets"')


def field_types() -> list[FieldOut]:
    """Every correctable field with its type, label and choices: what a form needs to offer the right
    input (a date input, a list of known agencies with free entry, a choice of levels)."""
    return [
        FieldOut(
            path=f.path,
            label=f.label,
            type=f.type,
            choices=[Choice(value=k, label=v) for k, v in f.choices.items()],
            required=f.required,
            multiline=f.multiline,
            group=f.path.split("[", 1)[0] if "[" in f.path else "",
        )
        for f in FIELDS
    ]


def describe(path: str, value: object) -> str:
    """A correction as a person reads it (history, audit log): "Cấp: Tỉnh", "Quan hệ: triển khai",
    "Nhiệm vụ 2 — cơ quan chủ trì: Sở Tài chính; Sở Xây dựng", "Ngày ban hành: 15/05/2017"."""
    f = field_of(path)
    if f is not None and f.type == "item" and value is None:
        return f"{label_of(path)}: đã xóa"
    if isinstance(value, dict):
        shown = value.get("text") or value.get("number") or value.get("title") or ""
        return f"{label_of(path)}: {shown}".rstrip(": ")
    return f"{label_of(path)}: {value_vi(pattern_of(path), value)}"

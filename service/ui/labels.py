"""Vietnamese words for the UI: levels, relations, job states, record fields, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from models.record import ExtractionRecord

# the tables every door shares (CLI, exports, UI) live in service/labels_vi.py
from service.labels_vi import CONFIDENCE, DUTY_ROLE, JOB_STATUS, LEVEL, RELATION, ROLE  # noqa: F401

HEADER_FIELDS = [  # (path, label, type)
    ("document.doc_type", "Loại văn bản", "str"),
    ("document.number", "Số, ký hiệu", "str"),
    ("document.issuer", "Cơ quan ban hành", "str"),
    ("document.level", "Cấp", "level"),
    ("document.province", "Tỉnh, thành phố", "str"),
    ("document.district", "Quận, huyện", "str"),
    ("document.place", "Địa danh", "str"),
    ("document.issued_date", "Ngày ban hành", "date"),
    ("document.subject", "Trích yếu", "text"),
    ("document.recipients", "Kính gửi / nơi nhận", "list"),
    ("document.signer.name", "Người ký", "str"),
    ("document.signer.title", "Chức vụ người ký", "str"),
]
REFERENCE_FIELDS = [
    ("number", "Số, ký hiệu", "str"),
    ("doc_type", "Loại", "str"),
    ("issued_date", "Ngày", "date"),
    ("issuer", "Cơ quan", "str"),
    ("title", "Trích yếu", "text"),
    ("relation", "Quan hệ", "relation"),
]
TASK_FIELDS = [
    ("label", "Mục", "str"),
    ("text", "Nội dung", "text"),
    ("lead", "Chủ trì", "list"),
    ("support", "Phối hợp", "list"),
    ("deadline", "Thời hạn", "str"),
]
TARGET_FIELDS = [
    ("label", "Mục", "str"),
    ("text", "Nội dung", "text"),
    ("value", "Giá trị", "number"),
    ("unit", "Đơn vị", "str"),
    ("subject", "Đối tượng", "text"),
    ("year", "Năm", "number"),
]


# What the intake says about a document, in English (extractor/intake): in Vietnamese for the UI.
_NUMBER = r"([\d,.]+)"
WARNINGS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"parts of the text could not be read: {_NUMBER} of {_NUMBER} lines \(([\d]+)%\) read as no "
            r"Vietnamese; check them against the original"
        ),
        "Một phần nội dung không đọc được: {0}/{1} dòng ({2}%) không ra chữ tiếng Việt; cần đối chiếu với bản gốc",
    ),
    (
        re.compile(rf"{_NUMBER} (?:line|lines) typed in the legacy (.+?) encoding converted to Unicode"),
        "{0} dòng gõ bằng bảng mã cũ {1} đã được chuyển sang Unicode",
    ),
    (
        re.compile(rf"{_NUMBER} (?:paragraph|paragraphs) typed in the legacy (.+?) encoding converted to Unicode"),
        "{0} đoạn gõ bằng bảng mã cũ {1} (phông .VnTime, VNI…) đã được chuyển sang Unicode",
    ),
    (
        re.compile(rf"{_NUMBER} (?:line|lines) longer than {_NUMBER} characters broken into shorter lines"),
        "{0} dòng dài hơn {1} ký tự đã được ngắt thành các dòng ngắn hơn",
    ),
    (
        re.compile(rf"{_NUMBER} (?:byte|bytes) that are not UTF-8 \(([\d.]+)% of the file\) replaced by U\+FFFD"),
        "{0} byte không phải UTF-8 ({1}% tệp) được thay bằng ký tự \ufffd",
    ),
    (re.compile(r"encoding guessed as (.+)"), "Bảng mã được đoán là {0}"),
    (re.compile(r"UTF-16 without byte order mark"), "Tệp UTF-16 không có dấu BOM"),
    (
        re.compile(r"UTF-8 encoded twice \(mojibake\): undone"),
        "Văn bản bị mã hóa UTF-8 hai lần (lỗi phông): đã khôi phục",
    ),
    (re.compile(r"all pages read by OCR"), "Mọi trang được đọc bằng nhận dạng ký tự (OCR)"),
    (re.compile(r"pages? (.+) read by OCR"), "Trang {0} được đọc bằng nhận dạng ký tự (OCR)"),
    (re.compile(r"page 1 header layout could not be analysed"), "Không phân tích được bố cục phần đầu trang 1"),
    (re.compile(r"page (\d+) is very large: read at (\d+) dpi"), "Trang {0} rất lớn: đọc ở {1} dpi"),
]


def warning(text: str) -> str:
    """An intake warning in Vietnamese (one the UI does not know yet: as given)."""
    for pattern, vietnamese in WARNINGS:
        m = pattern.fullmatch(text)
        if m:
            return vietnamese.format(*m.groups())
    return text


def level(v: str | None) -> str:
    return LEVEL.get(v or "", v or "—")


def relation(v: str | None) -> str:
    return RELATION.get(v or "", v or "—")


def job_status(v: str | None) -> str:
    return JOB_STATUS.get(v or "", v or "—")


def when(v: dt.datetime | None) -> str:
    """A stored time (UTC) in Vietnam's time, as people there read it: 24/11/2026 14:05."""
    if v is None:
        return "—"
    aware = v if v.tzinfo else v.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M")


def size(n: int | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def show(v: Any, kind: str | None = None) -> str:
    if v is None or v == [] or v == "":
        return "—"
    if kind == "level":
        return level(v)
    if kind == "relation":
        return relation(v)
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return str(v)


def fields(typed: ExtractionRecord) -> list[dict[str, Any]]:
    """Correctable fields of a record, grouped: [{"title", "rows": [{"path", "label", "type", "value"}]}].
    Values as JSON (what a correction sends back), read by the paths corrections use."""
    record = typed.model_dump(mode="json")

    def get(obj: Any, dotted: str) -> Any:
        for part in dotted.split("."):
            obj = (obj or {}).get(part) if isinstance(obj, dict) else None
        return obj

    groups = [
        {
            "title": "Thông tin chung",
            "rows": [{"path": p, "label": lbl, "type": t, "value": get(record, p)} for p, lbl, t in HEADER_FIELDS],
        }
    ]
    for key, title, spec in (
        ("references", "Văn bản dẫn chiếu", REFERENCE_FIELDS),
        ("tasks", "Nhiệm vụ", TASK_FIELDS),
        ("targets", "Chỉ tiêu", TARGET_FIELDS),
    ):
        rows = []
        for i, item in enumerate(record.get(key) or []):
            for name, lbl, t in spec:
                rows.append(
                    {
                        "path": f"{key}[{i}].{name}",
                        "label": f"{i + 1}. {lbl}",
                        "type": t,
                        "value": item.get(name),
                        "first": name == spec[0][0],
                    }
                )
        groups.append({"title": f"{title} ({len(record.get(key) or [])})", "rows": rows})
    return groups


def sentence(text: str) -> str:
    """A message as a sentence on a page: capital first letter, full stop ("không có văn bản số …")."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def due_state(due: str | None, today: str) -> tuple[str, str]:
    """(css class, label) of a deadline relative to today: overdue, due within 30 days, later, none."""
    if not due:
        return "none", "Không có thời hạn"
    if due < today:
        return "overdue", "Quá hạn"
    soon = (dt.date.fromisoformat(today) + dt.timedelta(days=30)).isoformat()
    if due <= soon:
        return "soon", "Sắp đến hạn"
    return "ok", "Còn hạn"

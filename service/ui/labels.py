"""Vietnamese words for the UI: levels, relations, job states, record fields, deadlines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from markupsafe import Markup, escape

from extractor.errors import translate
from extractor.excerpt import short
from models.record import ExtractionRecord

# the tables every door shares (CLI, exports, UI) live in service/labels_vi.py
from service.fields import FIELDS, GROUPS, Field, field_of, label_of
from service.labels_vi import CONFIDENCE, DUTY_ROLE, JOB_STATUS, LEVEL, RELATION, ROLE  # noqa: F401

# The correctable fields and their Vietnamese names are service/fields.py's one table; what is here is how
# the correction form shows each: its input ("editor") and how a value is written on the page ("kind")
_HEADER = [f for f in FIELDS if f.path.startswith("document.")]
_ITEMS = {g: [f for f in FIELDS if f.path.startswith(f"{g}[].")] for g in GROUPS}
# "tasks[1].lead" → ("tasks", "1", "lead")
_ITEM_PATH = re.compile(r"(references|tasks|targets)\[(\d+)\]\.(\w+)")


def _kind(f: Field) -> str:
    """How a field's value is edited and shown: date, agency, agencies, level, relation, number, text (a
    paragraph), list (one item per row) or str (one line)."""
    name = f.path.rsplit(".", 1)[-1]
    if f.type == "enum":
        return name  # "level", "relation": their Vietnamese labels
    if f.type in ("lead", "support") or (f.type == "list" and name == "recipients"):
        return "agencies"
    if f.type in ("number", "integer"):
        return "number"
    if f.type == "text":
        return "text" if f.multiline else "str"
    return f.type  # date, agency, list


def path_label(path: str) -> str:
    """A correction's path as people name it: "tasks[1].lead" → "Nhiệm vụ 2 — cơ quan chủ trì"."""
    return label_of(path)


def path_type(path: str) -> str:
    """The kind of the field a path names (str when unknown)."""
    f = field_of(path)
    return _kind(f) if f is not None else "str"


_CALLER = re.compile(r"\((clerk|analyst|admin) #(\d+)\)$")  # "Lan (clerk #3)": how service.access names a caller


def person(label: str | None) -> str:
    """A caller as stored in the audit log and corrections, with the role in Vietnamese:
    "Lan (clerk #3)" → "Lan (văn thư #3)"."""
    if not label:
        return "—"
    return _CALLER.sub(lambda m: f"({ROLE[m.group(1)]} #{m.group(2)})", label)


AUDIT_ACTION = {
    "session.login": "Đăng nhập",
    "session.logout": "Đăng xuất",
    "key.create": "Tạo khóa",
    "key.revoke": "Thu hồi khóa",
    "document.upload": "Tải văn bản lên",
    "document.correct": "Sửa kết quả",
}
AUDIT_DETAIL = {
    "name": "tên",
    "role": "vai trò",
    "province": "tỉnh",
    "district": "huyện",
    "filename": "tệp",
    "sha256": "mã băm",
    "size": "dung lượng",
    "kind": "dạng",
    "job": "công việc",
    "path": "trường",
    "value": "giá trị",
    "correction": "lần sửa",
}
TARGET_KIND = {"document": "văn bản", "key": "khóa"}
FILE_KIND = {"text": "văn bản thuần", "docx": "DOCX", "pdf": "PDF", "image": "ảnh"}


def audit_action(action: str) -> str:
    return AUDIT_ACTION.get(action, action)


def audit_target(target: str | None) -> str:
    """ "document:12" → "văn bản 12", "key:3" → "khóa 3"."""
    if not target:
        return ""
    kind, _, ident = target.partition(":")
    return f"{TARGET_KIND.get(kind, kind)} {ident}".strip()


def audit_detail(detail: dict[str, Any]) -> str:
    """An audit entry's details in Vietnamese: "trường: Nhiệm vụ 2 — cơ quan chủ trì; giá trị: …"."""
    parts = []
    for key, value in detail.items():
        if value is None:
            continue
        if key == "role":
            shown = ROLE.get(value, value)
        elif key == "path":
            shown = path_label(str(value))
        elif key == "value":
            shown = show(value, path_type(str(detail.get("path", ""))))
        elif key == "kind":
            shown = FILE_KIND.get(value, value)
        elif key == "size" and isinstance(value, int):
            shown = size(value)
        else:
            shown = show(value)
        parts.append(f"{AUDIT_DETAIL.get(key, key)}: {shown}")
    return "; ".join(parts)


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
    (re.compile(rf"{_NUMBER} NUL (?:character|characters) removed"), "Đã bỏ {0} ký tự NUL (byte 0) lạc trong văn bản"),
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
    return translate(text, WARNINGS) or text


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


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")  # 2017-05-15 or 2017-05


def vndate(v: str | dt.date | None) -> str:
    """A date as people in Vietnam write it: "2017-05-15" → "15/05/2017" ("2017-05" → "05/2017");
    anything else as given."""
    if v is None or v == "":
        return "—"
    if isinstance(v, dt.date):
        v = v.isoformat()
    m = _ISO_DATE.fullmatch(v)
    if not m:
        return v
    year, month, day = m.groups()
    return f"{day}/{month}/{year}" if day else f"{month}/{year}"


_VN_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")  # 15/5/2017, 15.05.2017, 15-5-2017: day first


def parse_day(text: str | None) -> str | None:
    """A day typed by a person, as ISO: "15/5/2017" → "2017-05-15" (day first, as in Vietnam; ISO
    accepted too). None when it is not a real day ("31/02/2024") or empty."""
    text = (text or "").strip()
    m = _VN_DAY.fullmatch(text)
    try:
        if m:
            day, month, year = (int(g) for g in m.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(text).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def cut(text: str | None, limit: int = 160) -> str:
    """`text` shortened to `limit` characters between words, "…" added when something was left out."""
    return short(text, limit + 1)


def marked(snippet: str | None, matches: list[tuple[int, int]] | None = None) -> Markup:
    """A search snippet for a page: the text escaped, the query's words (the search's offsets into
    the snippet) in <mark>; nothing the text holds becomes a tag."""
    text, out, last = snippet or "", [], 0
    for start, end in sorted(matches or []):
        if start < last or end > len(text):
            continue  # overlapping or out of range: not marked twice, never cut
        out += [str(escape(text[last:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        last = end
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def show(v: Any, kind: str | None = None) -> str:
    if v is None or v == [] or v == "":
        return "—"
    if kind == "level":
        return level(v)
    if kind == "relation":
        return relation(v)
    if kind == "date" and isinstance(v, str):
        return vndate(v)
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
            "rows": [
                {
                    "path": f.path,
                    "label": f.label,
                    "full": f.label,
                    "type": _kind(f),
                    "editor": _kind(f),
                    "value": get(record, f.path),
                }
                for f in _HEADER
            ],
        }
    ]
    for key, title in GROUPS.items():
        spec = _ITEMS[key]
        rows = []
        for i, item in enumerate(record.get(key) or []):
            for f in spec:
                name = f.path.rsplit(".", 1)[-1]
                path = f"{key}[{i}].{name}"
                rows.append(
                    {
                        "path": path,
                        "label": f"{i + 1}. {f.label[:1].upper()}{f.label[1:]}",
                        "full": label_of(path),
                        "type": _kind(f),
                        "editor": _kind(f),
                        "value": item.get(name),
                        "first": f is spec[0],
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

"""Vietnamese words for what people read, whichever door they come in by (CLI tables, exports, the
web UI, messages): enum values as the contract has them -> their Vietnamese label, dates as dd/mm/yyyy,
text cut on word boundaries, audit actions. The JSON of the API keeps the contract's values; these are
only for showing them. service/ui/labels.py imports its tables from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from extractor.excerpt import short  # noqa: F401  (re-exported: what people read is cut the one way)
from extractor.folding import strip_marks
from graph.gaps import CONFIDENCE_VI

LEVEL = {
    "national": "Trung ương",
    "ministry": "Bộ, ngành",
    "province": "Tỉnh",
    "district": "Huyện",
    "commune": "Xã",
    "local": "Địa phương",
}
RELATION = {
    "implements": "triển khai",
    "based_on": "căn cứ",
    "promulgated_by": "ban hành kèm theo",
    "cites": "dẫn chiếu",
}
JOB_STATUS = {"queued": "Đang chờ", "running": "Đang xử lý", "done": "Hoàn tất", "failed": "Lỗi"}
ROLE = {"clerk": "văn thư", "analyst": "chuyên viên phân tích", "admin": "quản trị"}
DUTY_ROLE = {"lead": "Chủ trì", "support": "Phối hợp"}
# graph.gaps says how sure a match is in English ("confidence") and in Vietnamese ("confidence_vi")
CONFIDENCE = CONFIDENCE_VI
OUTCOME = {
    "added": "thêm mới",
    "merged": "hoàn thiện văn bản đã biết qua dẫn chiếu",
    "updated": "bản sao mới",
    "unchanged": "không đổi",
    "reextracted": "đọc lại",
}
INTAKE_KIND = {"text": "tệp văn bản", "docx": "tài liệu Word (DOCX)", "pdf": "PDF", "image": "ảnh"}
AUDIT_ACTION = {
    "document.upload": "Tải văn bản lên",
    "document.correct": "Sửa thông tin văn bản",
    "key.create": "Tạo khóa truy cập",
    "key.revoke": "Thu hồi khóa truy cập",
    "session.login": "Đăng nhập",
    "session.logout": "Đăng xuất",
}
# The contract's enum values by the field that holds them (the last step of a correction's path).
ENUMS: dict[str, dict[str, str]] = {"level": LEVEL, "relation": RELATION, "role": DUTY_ROLE}


def value_of(table: dict[str, str], v: str | None) -> str | None:
    """The contract's value for `v` given as the value or as its Vietnamese label, any case and
    diacritics ("Tỉnh", "tinh" -> "province"); `v` itself when it is neither."""
    if v is None or v in table:
        return v
    key = strip_marks(v)
    return next((value for value, label in table.items() if strip_marks(label) == key), v)


def level(v: str | None) -> str:
    return LEVEL.get(v or "", v or "—")


def relation(v: str | None) -> str:
    return RELATION.get(v or "", v or "—")


def duty_role(v: str | None) -> str:
    return DUTY_ROLE.get(v or "", v or "—")


def audit_action(v: str) -> str:
    return AUDIT_ACTION.get(v, v)


def yes_no(v: bool) -> str:
    return "có" if v else "không"


def date(iso: str | None) -> str:
    """An ISO date as people in Vietnam write it ("2013-01-09" -> "09/01/2013"); "" for none, and a
    value that is not an ISO date as it is."""
    if not iso:
        return ""
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def value(field: str, v: Any) -> str:
    """A field's value as a person reads it: enum values in Vietnamese ("Cấp: Tỉnh", not "province"),
    dates dd/mm/yyyy, lists joined with "; ", nothing as "—". `field` is a path or its last step."""
    name = field.rsplit(".", 1)[-1]
    if v is None or v == "" or v == []:
        return "—"
    if isinstance(v, list):
        return "; ".join(value(field, x) for x in v)
    if isinstance(v, str) and name in ENUMS:
        return ENUMS[name].get(v, v)
    if isinstance(v, str) and (name.endswith("date") or name == "due_date"):
        return date(v)
    if isinstance(v, bool):
        return yes_no(v)
    return str(v)


def audit_detail(action: str, detail: dict[str, Any], describe_correction: Any = None) -> str:
    """What an audit entry changed, as a person reads it: "Cấp: Tỉnh" for a correction (through
    `describe_correction(path, value)`), "Tệp quyet-dinh.pdf (12,5 KB)" for an upload, "Khóa cho
    Phòng GD, vai trò văn thư, địa bàn Gia Lai / Kbang" for a key."""
    if action == "document.correct" and describe_correction is not None and "path" in detail:
        return str(describe_correction(str(detail["path"]), detail.get("value")))
    if action == "document.upload":
        return f"Tệp {detail.get('filename') or '?'}"
    if action in ("key.create", "key.revoke"):
        role = ROLE.get(str(detail.get("role") or ""), str(detail.get("role") or "?"))
        scope = " / ".join(str(detail[k]) for k in ("province", "district") if detail.get(k))
        return f"Khóa cho {detail.get('name') or '?'}, vai trò {role}" + (f", địa bàn {scope}" if scope else "")
    return ""

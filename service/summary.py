"""A human-readable summary of one extraction (`vanban extract --format text`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from models.record import ExtractionResult
from service import labels_vi


def print_summary(result: ExtractionResult, console: Console | None = None) -> None:
    console = console or Console()
    r = result.record
    d = r.document
    console.rule(f"[bold]{r.source}")
    head = Table.grid(padding=(0, 2))
    for label, value in [
        ("Loại văn bản", d.doc_type),
        ("Số, ký hiệu", d.number),
        ("Cơ quan ban hành", d.issuer),
        ("Cấp", labels_vi.level(d.level) if d.level else None),
        ("Tỉnh / huyện", " / ".join(x for x in (d.province, d.district) if x) or None),
        ("Địa danh, ngày", ", ".join(x for x in (d.place, labels_vi.date(d.issued_date)) if x) or None),
        ("Trích yếu", d.subject),
        ("Kính gửi", "; ".join(d.recipients) or None),
        ("Người ký", " — ".join(x for x in (d.signer.title, d.signer.name) if x) or None),
        (
            "Đọc bằng",
            labels_vi.INTAKE_KIND.get(result.intake.kind, result.intake.kind)
            + (f", nhận dạng ký tự (OCR) {result.intake.ocr_pages} trang" if result.intake.ocr_pages else ""),
        ),
    ]:
        head.add_row(f"[dim]{label}", value or "—")
    console.print(head)
    if r.references:
        t = Table(title=f"Văn bản được dẫn chiếu ({len(r.references)})", show_lines=False)
        for col in ("Quan hệ", "Loại", "Số", "Ngày", "Cơ quan"):
            t.add_column(col)
        for ref in r.references:
            t.add_row(
                labels_vi.relation(ref.relation),
                ref.doc_type or "",
                ref.number or "",
                labels_vi.date(ref.issued_date),
                ref.issuer or "",
            )
        console.print(t)
    if r.tasks:
        t = Table(title=f"Nhiệm vụ ({len(r.tasks)})")
        for col in ("Mục", "Chủ trì", "Phối hợp", "Thời hạn", "Nội dung"):
            t.add_column(col, overflow="fold")
        for task in r.tasks:
            t.add_row(
                task.label or "",
                "; ".join(task.lead),
                "; ".join(task.support),
                task.deadline or "",
                labels_vi.short(task.text, 120),
            )
        console.print(t)
    if r.targets:
        t = Table(title=f"Chỉ tiêu ({len(r.targets)})")
        for col in ("Mục", "Giá trị", "Năm", "Nội dung"):
            t.add_column(col, overflow="fold")
        for tg in r.targets:
            value = f"{tg.value}" + (f"–{tg.value_max}" if tg.value_max is not None else "")
            t.add_row(tg.label or "", f"{value} {tg.unit or ''}".strip(), str(tg.year or ""), tg.subject or "")
        console.print(t)

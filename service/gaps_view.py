"""The gap report as rich tables (the `vanban gaps` text format)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from graph.shapes import GapReport, LinkedDocument
from service import labels_vi
from service.commands.output import table


def _by_name(d: LinkedDocument) -> str:
    return f" — theo tên {d.link.matched_name}" if d.link.resolved_by == "name" else ""


def print_gaps(report: GapReport, console: Console | None = None, *, wide: bool = False) -> None:
    """The report as text: what was covered and missed, then tables of items (their main columns at 80
    characters; `wide`: with the reasons)."""
    console = console or Console()
    up = report.upstream
    console.print(
        f"[bold]{escape(up.doc_type or '')} {escape(up.number or '')}[/bold] — {escape(up.issuer or '?')}, "
        f"{labels_vi.date(up.issued_date) or '?'}; đã xét {report.units_checked} địa bàn"
    )
    for note in report.notes_vi:
        console.print(f"[yellow]Ghi chú:[/yellow] {escape(note)}")
    covered = report.covered_jurisdictions
    console.print(
        f"Địa bàn đã có văn bản triển khai ({len(covered)}): "
        + escape(
            "; ".join(f"{c.name} ({', '.join((d.number or '?') + _by_name(d) for d in c.documents)})" for c in covered)
        )
    )
    missing = report.missing_jurisdictions
    if missing:
        console.print(
            f"[bold red]Chưa có văn bản triển khai ({len(missing)}):[/bold red] "
            + escape(", ".join(m.name for m in missing))
        )
    probable = report.probable_implementations
    if probable:
        console.print(f"[bold]Có thể là văn bản triển khai ({len(probable)}, chưa được tính):[/bold]")
        for p in probable:
            console.print(f"  {escape(p.jurisdiction)}: {escape(p.why_vi)}")
    n = 140 if wide else 80
    columns = [
        ("Địa bàn", True),
        ("Yêu cầu cấp trên", True),
        ("Mục gần nhất ở cấp dưới", True),
        ("Điểm, đánh giá", True),
        ("Lý do", False),
    ]
    for title, entries in (("Đã cụ thể hóa", report.matched), ("Chưa được cụ thể hóa", report.uncovered)):
        if not entries:
            continue
        rows = []
        for r in entries:
            item, best = r.item, r.best_candidate
            rows.append(
                [
                    r.jurisdiction,
                    f"{item.label or '—'} {labels_vi.short(item.text, n)}",
                    f"{best.document} {best.label or '—'} {labels_vi.short(best.text, n)}" if best else "—",
                    f"{r.score:.2f} {r.confidence_vi}",
                    r.why_vi,
                ]
            )
        console.print(table(f"{title} ({len(rows)})", columns, [[escape(c) for c in row] for row in rows], wide))
    if report.weakened:
        columns = [("Địa bàn", True), ("Chỉ tiêu cấp trên", True), ("Chỉ tiêu cấp dưới", True), ("Thay đổi", True)]
        rows = [
            [
                w.jurisdiction,
                f"{w.upstream_item.label or '—'} {labels_vi.short(w.upstream_item.text, n)}",
                f"{w.downstream_item.document} {labels_vi.short(w.downstream_item.text, n)}",
                f"{w.change.kind_vi} {w.change.text}".strip(),
            ]
            for w in report.weakened
        ]
        title = f"Chỉ tiêu bị hạ thấp hoặc lùi thời hạn ({len(rows)})"
        console.print(table(title, columns, [[escape(c) for c in row] for row in rows], wide))

"""The gap report as rich tables (the `vanban gaps` text format)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from graph.shapes import GapReport, LinkedDocument


def _short(text: str | None, n: int = 140) -> str:
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def _by_name(d: LinkedDocument) -> str:
    return f" — theo tên {d.link.matched_name}" if d.link.resolved_by == "name" else ""


def print_gaps(report: GapReport, console: Console | None = None) -> None:
    console = console or Console()
    up = report.upstream
    console.print(
        f"[bold]{up.doc_type or ''} {up.number}[/bold] — {up.issuer or '?'}, "
        f"{up.issued_date or '?'}; đã xét {report.units_checked} địa bàn"
    )
    for note in report.notes_vi or report.notes:
        console.print(f"[yellow]ghi chú:[/yellow] {note}")
    covered = report.covered_jurisdictions
    console.print(
        f"Địa bàn đã có văn bản triển khai ({len(covered)}): "
        + "; ".join(f"{c.name} ({', '.join((d.number or '?') + _by_name(d) for d in c.documents)})" for c in covered)
    )
    missing = report.missing_jurisdictions
    if missing:
        console.print(
            f"[bold red]Chưa có văn bản triển khai ({len(missing)}):[/bold red] " + ", ".join(m.name for m in missing)
        )
    probable = report.probable_implementations
    if probable:
        console.print(f"[bold]Có thể là văn bản triển khai ({len(probable)}, chưa được tính):[/bold]")
        for p in probable:
            console.print(f"  {p.jurisdiction}: {p.why_vi}")
    for title, rows in (("Đã cụ thể hóa", report.matched), ("Chưa được cụ thể hóa", report.uncovered)):
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left")
        for col in ("địa bàn", "yêu cầu cấp trên", "mục gần nhất ở cấp dưới", "điểm", "đánh giá, lý do"):
            table.add_column(col, overflow="fold")
        for r in rows:
            item, best = r.item, r.best_candidate
            table.add_row(
                r.jurisdiction,
                f"{item.label or '—'} {_short(item.text)}",
                f"{best.document} {best.label or '—'} {_short(best.text)}" if best else "—",
                f"{r.score:.2f}",
                f"{r.confidence_vi}: {r.why_vi}",
            )
        console.print(table)
    if report.weakened:
        table = Table(title=f"Chỉ tiêu bị hạ thấp hoặc lùi thời hạn ({len(report.weakened)})", title_justify="left")
        for col in ("địa bàn", "chỉ tiêu cấp trên", "chỉ tiêu cấp dưới", "thay đổi"):
            table.add_column(col, overflow="fold")
        for w in report.weakened:
            table.add_row(
                w.jurisdiction,
                f"{w.upstream_item.label or '—'} {_short(w.upstream_item.text)}",
                f"{w.downstream_item.document} {_short(w.downstream_item.text)}",
                f"{w.change.kind_vi} {w.change.text}".strip(),
            )
        console.print(table)

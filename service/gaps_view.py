"""The gap report as rich tables (the `vanban gaps` text format)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from graph.shapes import GapReport


def _short(text: str | None, n: int = 140) -> str:
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def print_gaps(report: GapReport, console: Console | None = None) -> None:
    console = console or Console()
    up = report.upstream
    console.print(
        f"[bold]{up.doc_type or ''} {up.number}[/bold] — {up.issuer or '?'}, "
        f"{up.issued_date or '?'}; {report.units_checked} {report.below or 'unit'}(s) checked"
    )
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    covered = report.covered_jurisdictions
    console.print(
        f"Implementing documents in {len(covered)}: "
        + "; ".join(f"{c.name} ({', '.join(d.number or '?' for d in c.documents)})" for c in covered)
    )
    missing = report.missing_jurisdictions
    if missing:
        console.print(
            f"[bold red]No implementing document in {len(missing)}:[/bold red] " + ", ".join(m.name for m in missing)
        )
    for title, rows in (("Carried down", report.matched), ("Not carried down", report.uncovered)):
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left")
        for col in ("jurisdiction", "upstream item", "best candidate", "score"):
            table.add_column(col, overflow="fold")
        for r in rows:
            item, best = r.item, r.best_candidate
            table.add_row(
                r.jurisdiction,
                f"{item.label or '—'} {_short(item.text)}",
                f"{best.document} {best.label or '—'} {_short(best.text)}" if best else "—",
                f"{r.score:.2f}",
            )
        console.print(table)
    if report.weakened:
        table = Table(title=f"Targets lowered or postponed ({len(report.weakened)})", title_justify="left")
        for col in ("jurisdiction", "upstream target", "downstream target", "change"):
            table.add_column(col, overflow="fold")
        for w in report.weakened:
            table.add_row(
                w.jurisdiction,
                f"{w.upstream_item.label or '—'} {_short(w.upstream_item.text)}",
                f"{w.downstream_item.document} {_short(w.downstream_item.text)}",
                w.change.text,
            )
        console.print(table)

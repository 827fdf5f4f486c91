"""CLI commands over the corpus store: ingest, lineage, duties, gaps, graph export.

The database is VANBAN_DATABASE_URL (default sqlite:///./vanban.db); original files go under
VANBAN_DATA_DIR (default ./var). `ingest` takes files in the way an upload comes in (service/ingest.py);
the queries ask the query layer, and print its answers as tables or as the API's JSON.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractor.errors import BadInput
from extractor.intake import Limits
from graph.duties import DutyFilter
from graph.export import write
from graph.shapes import DocumentNode
from service.commands.output import Format, FormatOpt, err, open_store, print_json
from service.errors import EXIT_BAD_INPUT, Invalid
from service.gaps_view import print_gaps
from service.ingest import read, receive
from service.settings import Settings
from service.store.blobs import FileBlobs
from service.store.db import session_scope
from service.store.queries import graph as graph_queries
from service.store.queries.documents import DocumentFilter, count_documents


def _files(paths: list[Path]) -> Iterator[Path]:
    """Files as given, folders walked in name order; hidden files and folders skipped."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


class IngestReport(BaseModel):
    """What `vanban ingest --format json` prints."""

    files: int
    added: int
    reextracted: int
    merged: int  # placeholders known from citations, now held
    updated: int  # new copies (other bytes) of held documents
    unchanged: int
    failed: int
    errors: list[str]  # one line per file that could not be read
    documents: int  # held, in all
    placeholders: int  # known only from citations, in all


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of documents (text, DOCX, PDF, images).")],
    fmt: FormatOpt = Format.text,
) -> None:
    """Extract and store documents. The same file twice is a no-op; unreadable files get one line each."""
    settings = Settings()
    factory = open_store(settings)
    blobs = FileBlobs(settings.data_dir)
    limits = Limits()  # the extractor's own: what `vanban extract` accepts
    files = list(_files(paths))
    counts: dict[str, int] = {}
    failures: list[str] = []
    stderr = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=fmt is Format.json or not stderr.is_terminal,
    ) as progress:
        bar = progress.add_task("ingest", total=len(files))
        for path in files:
            progress.update(bar, description=path.name[:40])
            failure = None
            try:
                with path.open("rb") as stream:
                    received = receive(stream, str(path), blobs, limits.max_bytes)
                outcome = read(factory, received, blobs, limits)
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
            except OSError as e:
                failure = f"{path}: {e.strerror or e}"
            except BadInput as e:
                failure = e.message
            if failure:
                failures.append(failure)
                stderr.print(f"vanban: {failure}", markup=False, highlight=False, soft_wrap=True)
            progress.advance(bar)
    with session_scope(factory) as session:
        held = count_documents(session, DocumentFilter(in_corpus=True))
        placeholders = count_documents(session, DocumentFilter(in_corpus=False))
    summary = IngestReport(
        files=len(files),
        **{k: counts.get(k, 0) for k in ("added", "reextracted", "merged", "updated", "unchanged")},
        failed=len(failures),
        errors=failures,
        documents=held,
        placeholders=placeholders,
    )
    if fmt is Format.json:
        print_json(summary)
    else:
        print(
            f"{len(files)} files: {summary.added} added, {summary.merged} completed placeholders, "
            f"{summary.reextracted} re-extracted, {summary.updated} new copies, "
            f"{summary.unchanged} unchanged, {len(failures)} unreadable. "
            f"Corpus: {held} documents, {placeholders} known only from citations."
        )
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="Choose among documents sharing the number.")]


def _namesakes(number: str, docs: list[DocumentNode]) -> None:
    """Say which document the answer is about when several share the number."""
    if len(docs) > 1:
        others = "; ".join(f"{d.number} ({d.issuer or 'issuer unknown'}, {d.issued_date or '?'})" for d in docs[1:])
        err(
            f"{len(docs)} documents are numbered {number!r}; showing {docs[0].issuer}. Others: {others}. "
            "Use --issuer to choose."
        )


def _where(e: DocumentNode) -> str:
    return " / ".join(x for x in (e.province, e.district) if x) or "—"


def lineage(
    number: Annotated[str, typer.Argument(help='Số ký hiệu, any spelling: 89/QĐ-TTg, "22/2013/QĐ-TTG".')],
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """The chain upward to the national root(s) and every document downward that implements it."""
    with session_scope(open_store()) as session:
        _namesakes(number, graph_queries.candidates(session, number, issuer))
        answer = graph_queries.lineage(session, number, issuer)
    if fmt is Format.json:
        print_json(answer)
        return
    console = Console()
    d = answer.document
    note = "" if d.in_corpus else " — known only from citations"
    console.print(
        f"[bold]{escape(d.doc_type or '')} {escape(d.number or '')}[/bold] — "
        f"{escape(d.issuer or '?')}, {d.issued_date or '?'}{note}"
    )
    for title, entries in (
        ("Upstream (what it carries out)", answer.upstream),
        ("Downstream (what carries it out)", answer.downstream),
    ):
        table = Table(title=title, title_justify="left")
        for col in ("depth", "relation", "number", "type", "issuer", "level", "jurisdiction", "date", "held"):
            table.add_column(col)
        for e in entries:
            table.add_row(
                str(e.depth),
                e.relation,
                e.number or "—",
                e.doc_type or "",
                e.issuer or "",
                e.level or "",
                _where(e),
                e.issued_date or "",
                "yes" if e.in_corpus else "no",
            )
        console.print(table)


def duties(
    agency: Annotated[str | None, typer.Option("--agency", help='An agency, any spelling: "Sở GD&ĐT".')] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", help="A province or district, before or after the 2025 reorganisation."),
    ] = None,
    due_before: Annotated[str | None, typer.Option("--due-before", help="ISO date: tasks due before it.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="lead or support")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows per page.")] = 100,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    fmt: FormatOpt = Format.text,
) -> None:
    """Which agencies owe which tasks, with the source document, its lineage root and the deadline."""
    if due_before:
        try:
            dt.date.fromisoformat(due_before)
        except ValueError:
            raise Invalid(
                f"--due-before {due_before!r}: expected an ISO date (YYYY-MM-DD)",
                f"--due-before {due_before!r}: cần một ngày dạng YYYY-MM-DD",
            ) from None
    if role not in (None, "lead", "support"):
        raise Invalid(f"--role {role!r}: expected lead or support", f"--role {role!r}: chỉ nhận lead hoặc support")
    with session_scope(open_store()) as session:
        answer = graph_queries.duties(session, DutyFilter(agency, jurisdiction, due_before, role, limit, offset))
    if fmt is Format.json:
        print_json(answer)
        return
    table = Table(
        title=f"{answer.count} duties" + (f" (showing {len(answer.data)})" if answer.count > len(answer.data) else "")
    )
    for col in ("province (2025)", "agency", "role", "task", "deadline", "document", "root"):
        table.add_column(col, overflow="fold")
    for row in answer.data:
        j = row.jurisdiction
        where = j.province or "all provinces"
        if j.successor and j.successor != j.province:
            where += f" ({j.successor})"
        doc, root = row.document, row.root
        table.add_row(
            where,
            row.agency,
            row.role,
            f"{row.task.label or ''} {row.task.text[:160]}",
            row.task.deadline or "",
            f"{doc.number} ({doc.issuer or '?'})",
            root.number if root and root.id != doc.id else "—",
        )
    Console().print(table)


def gaps(
    number: Annotated[str, typer.Argument(help="The upstream document's số ký hiệu.")],
    jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="Only this province or district.")] = None,
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """What was never carried down: jurisdictions without an implementing document, upstream tasks and
    targets without a counterpart, targets lowered or postponed. Each gap names its evidence."""
    with session_scope(open_store()) as session:
        _namesakes(number, graph_queries.candidates(session, number, issuer))
        answer = graph_queries.gaps(session, number, jurisdiction, issuer)
    if fmt is Format.json:
        print_json(answer)
        return
    print_gaps(answer)


graph_app = typer.Typer(help="The citation graph as a file for other tools.", no_args_is_help=True)


class GraphFormat(str, enum.Enum):  # noqa: UP042
    graphml = "graphml"
    json = "json"


@graph_app.command("export")
def graph_export(
    out: Annotated[Path, typer.Argument(help="Output file.")],
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="graphml or json (node-link)")
    ] = GraphFormat.graphml,
) -> None:
    """Write documents, agencies and administrative units with typed edges as GraphML or node-link JSON."""
    with session_scope(open_store()) as session:
        g = graph_queries.citation_graph(session)
    write(g, out, fmt.value)
    print(f"{out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")

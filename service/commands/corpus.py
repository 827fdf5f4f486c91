"""CLI commands over the corpus store: ingest, lineage, duties, gaps, graph export.

The database is VANBAN_DATABASE_URL (default sqlite:///./vanban.db); original files go under
VANBAN_DATA_DIR (default ./var). `ingest` takes files in the way an upload comes in (service/ingest.py);
the queries ask the query layer, and print its answers as tables or as the API's JSON.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from extractor.errors import BadInput
from extractor.intake import Limits
from graph.duties import DutyFilter
from graph.export import write
from graph.shapes import DocumentNode
from service.commands.output import Format, FormatOpt, err, open_store, print_json
from service.errors import EXIT_BAD_INPUT, Invalid
from service.gaps_view import print_gaps
from service.ingest import enqueue, read_all, receive
from service.jobs.transport import make_transport
from service.settings import Settings
from service.store.blobs import BlobStore, open_blobs
from service.store.db import session_scope
from service.store.queries import graph as graph_queries
from service.store.queries import jobs as jobs_queries
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
    to_queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Queue every file for the workers (VANBAN_BROKER_URL: `vanban worker`s; else a running "
            "`vanban serve`) and follow them. A second run skips what is stored or queued.",
        ),
    ] = False,
    processes: Annotated[
        int | None,
        typer.Option("--processes", min=1, max=64, help="Without --queue: files read at once (default: one per core)."),
    ] = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """Extract and store documents. The same file twice is a no-op; unreadable files get one line each."""
    settings = Settings()
    factory = open_store(settings)
    blobs = open_blobs(settings, factory)
    files = list(_files(paths))
    if to_queue:
        _ingest_queued(settings, factory, blobs, files, fmt)
        return
    limits = Limits()  # the extractor's own: what `vanban extract` accepts
    counts: dict[str, int] = {}
    failures: list[str] = []
    stderr = Console(stderr=True)
    with _progress(stderr, fmt) as progress:
        bar = progress.add_task("ingest", total=len(files))
        for path, outcome in read_all(factory, files, blobs, limits, processes or os.cpu_count() or 1):
            progress.update(bar, description=path.name[:40])
            failure = None
            if isinstance(outcome, OSError):
                failure = f"{path}: {outcome.strerror or outcome}"
            elif isinstance(outcome, BadInput):
                failure = outcome.message
            else:
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
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


def _progress(console: Console, fmt: Format, *, rate: bool = False) -> Progress:
    columns: list[Any] = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if rate:
        columns += [TextColumn("{task.fields[rate]} văn bản/s"), TextColumn("còn"), TimeRemainingColumn()]
    return Progress(*columns, console=console, transient=True, disable=fmt is Format.json or not console.is_terminal)


class QueuedReport(BaseModel):
    """What `vanban ingest --queue --format json` prints."""

    files: int
    queued: int  # new jobs this run
    skipped: int  # stored or queued before (by an earlier run, an upload, `vanban ingest`)
    done: int  # of the jobs followed (this run's and earlier runs' unfinished ones)
    failed: int
    errors: list[str]  # one line per file refused before queueing, or whose job failed


def _ingest_queued(
    settings: Settings, factory: sessionmaker[Session], blobs: BlobStore, files: list[Path], fmt: Format
) -> None:
    """Queue the files (ingest.enqueue: the upload's way in), then follow their jobs to the end."""
    transport = make_transport(settings, factory, blobs)
    stderr = Console(stderr=True)
    follow: dict[int, str] = {}  # job id -> file
    queued = skipped = 0
    failures: list[str] = []
    with _progress(stderr, fmt) as progress:
        bar = progress.add_task("xếp hàng", total=len(files))
        for path in files:
            progress.update(bar, description=path.name[:40])
            try:
                with path.open("rb") as stream:
                    received = receive(stream, str(path), blobs, settings.max_upload_bytes)
                with session_scope(factory) as session:
                    acc = enqueue(session, received, None, blobs, transport)
            except OSError as e:
                failures.append(f"{path}: {e.strerror or e}")
            except BadInput as e:
                failures.append(e.message)
            else:
                queued += acc.created
                skipped += not acc.created
                if acc.job is not None and acc.job.status in ("queued", "running"):
                    follow[acc.job.id] = str(path)
            progress.advance(bar)
    for line in failures:
        stderr.print(f"vanban: {line}", markup=False, highlight=False, soft_wrap=True)
    if fmt is Format.text:
        err(
            f"{queued} tệp đã xếp hàng, {skipped} tệp đã lưu hoặc đã xếp hàng từ trước; theo dõi {len(follow)} "
            "công việc (Ctrl-C chỉ ngừng theo dõi, các công việc vẫn chạy)"
        )
    done, failed = _follow(factory, follow, stderr, fmt, failures)
    report = QueuedReport(files=len(files), queued=queued, skipped=skipped, done=done, failed=failed, errors=failures)
    if fmt is Format.json:
        print_json(report)
    else:
        print(f"{len(files)} tệp: {queued} xếp hàng mới, {skipped} đã có từ trước; {done} đã đọc, {failed} lỗi.")
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def _follow(
    factory: sessionmaker[Session], follow: dict[int, str], stderr: Console, fmt: Format, failures: list[str]
) -> tuple[int, int]:
    """Watch the jobs table until every followed job is done or failed: a bar with rate and ETA."""
    done = failed = 0
    if not follow:
        return done, failed
    open_ids = set(follow)
    start = time.monotonic()
    with _progress(stderr, fmt, rate=True) as progress:
        bar = progress.add_task("đọc", total=len(follow), rate="—")
        while open_ids:
            with session_scope(factory) as session:
                finished = jobs_queries.finished(session, sorted(open_ids))
            for job_id, status, error in finished:
                open_ids.discard(job_id)
                if status == "done":
                    done += 1
                else:
                    failed += 1
                    failures.append((error or {}).get("message") or f"{follow[job_id]}: failed")
            n = done + failed
            progress.update(bar, completed=n, rate=f"{n / max(time.monotonic() - start, 1e-9):.1f}")
            if open_ids:
                time.sleep(1.0)
    return done, failed


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

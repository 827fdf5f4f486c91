"""CLI commands over the corpus store: ingest, lineage, duties, gaps, graph export.

They register on service.cli.app. Imports of the store, SQLAlchemy and networkx happen inside the
commands: the intake sandbox's forkserver re-imports the main module, and `vanban --help` must be quick.
The database is VANBAN_DATABASE_URL (default sqlite:///./vanban.db); original files go under
VANBAN_DATA_DIR (default ./var).
"""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from service.cli import app


class Format(str, enum.Enum):  # noqa: UP042 - typer wants a str Enum
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text (tables) or json")]


def _err(msg: str) -> None:
    print(f"vanban: {msg}", file=sys.stderr)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open():
    from service.store.db import init_db, make_engine, session_factory

    engine = make_engine()
    init_db(engine)
    return session_factory(engine)


def _files(paths: list[Path]) -> Iterator[Path]:
    """Files as given, folders walked in name order; hidden files and folders skipped."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders of documents (text, DOCX, PDF, images).")
    ],
    fmt: FormatOpt = Format.text,
) -> None:
    """Extract and store documents. The same file twice is a no-op; unreadable files get one line each."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from sqlalchemy import func, select

    from extractor.bounded import extract_file  # parse and extraction in a child with memory and time limits
    from extractor.errors import BadInput
    from extractor.pipeline import EXTRACTOR_VERSION
    from models.tables import Document, Extraction, File
    from service.errors import EXIT_BAD_INPUT
    from service.store import blobs
    from service.store.config import data_dir
    from service.store.db import session_scope
    from service.store.repository import store_result

    factory = _open()
    files = list(_files(paths))
    counts: dict[str, int] = {}
    failures: list[str] = []
    err = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=fmt is Format.json or not err.is_terminal,
    ) as progress:
        bar = progress.add_task("ingest", total=len(files))
        for path in files:
            progress.update(bar, description=path.name[:40])
            try:
                data = path.read_bytes()
            except OSError as e:
                failures.append(f"{path}: {e.strerror or e}")
                err.print(f"vanban: {path}: {e.strerror or e}", markup=False, highlight=False, soft_wrap=True)
                progress.advance(bar)
                continue
            sha = blobs.sha256(data)
            with session_scope(factory) as session:
                known = session.execute(
                    select(File.document_id, Extraction.extractor_version)
                    .join(Extraction, Extraction.document_id == File.document_id)
                    .where(File.sha256 == sha)
                ).first()
            if known is not None and known[1] == EXTRACTOR_VERSION:
                counts["unchanged"] = counts.get("unchanged", 0) + 1
                progress.advance(bar)
                continue
            try:
                result = extract_file(path, source=str(path))
            except BadInput as e:
                failures.append(e.message)
                err.print(f"vanban: {e.message}", markup=False, highlight=False, soft_wrap=True)
                progress.advance(bar)
                continue
            with session_scope(factory) as session:
                outcome = store_result(
                    session, result, data, data_dir=data_dir(), source=str(path), sha256=sha
                )
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            progress.advance(bar)
    with session_scope(factory) as session:
        held = session.scalar(select(func.count()).where(Document.in_corpus.is_(True))) or 0
        placeholders = session.scalar(select(func.count()).where(Document.in_corpus.is_(False))) or 0
    summary = {
        "files": len(files),
        **{k: counts.get(k, 0) for k in ("added", "reextracted", "merged", "updated", "unchanged")},
        "failed": len(failures),
        "errors": failures,
        "documents": held,
        "placeholders": placeholders,
    }
    if fmt is Format.json:
        _print_json(summary)
    else:
        print(
            f"{len(files)} files: {summary['added']} added, {summary['merged']} completed placeholders, "
            f"{summary['reextracted']} re-extracted, {summary['updated']} new copies, "
            f"{summary['unchanged']} unchanged, {len(failures)} unreadable. "
            f"Corpus: {held} documents, {placeholders} known only from citations."
        )
    if failures:
        raise typer.Exit(EXIT_BAD_INPUT)


def _pick(session, number: str, issuer: str | None):
    """The document a user means by NUMBER: held before placeholder; --issuer when several share it."""
    from extractor.clean import fold
    from service.errors import EXIT_NOT_FOUND
    from service.store.repository import find_documents

    docs = find_documents(session, number, issuer) if issuer else []
    if issuer and not docs:  # not the full name: "Vĩnh Long", "UBND tỉnh Gia Lai" as part of it
        key = fold(issuer)
        docs = [d for d in find_documents(session, number) if d.issuer and key in fold(d.issuer)]
    elif not issuer:
        docs = find_documents(session, number)
    if not docs:
        _err(f"no document numbered {number!r}" + (f" from {issuer!r}" if issuer else ""))
        raise typer.Exit(EXIT_NOT_FOUND)
    if len(docs) > 1:
        others = "; ".join(
            f"{d.number} ({d.issuer or 'issuer unknown'}, {d.issued_date or d.year or '?'})" for d in docs[1:]
        )
        _err(
            f"{len(docs)} documents are numbered {number!r}; showing {docs[0].issuer}. Others: {others}. "
            "Use --issuer to choose."
        )
    return docs[0]


IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="Choose among documents sharing the number.")]


def _where(e: dict[str, Any]) -> str:
    return " / ".join(x for x in (e.get("province"), e.get("district")) if x) or "—"


@app.command()
def lineage(
    number: Annotated[str, typer.Argument(help='Số ký hiệu, any spelling: 89/QĐ-TTg, "22/2013/QĐ-TTG".')],
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """The chain upward to the national root(s) and every document downward that implements it."""
    from graph.lineage import lineage as lineage_of
    from service.store.db import session_scope

    with session_scope(_open()) as session:
        doc = _pick(session, number, issuer)
        answer = lineage_of(session, doc)
    if fmt is Format.json:
        _print_json(answer)
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    d = answer["document"]
    note = "" if d["in_corpus"] else " — known only from citations"
    console.print(
        f"[bold]{escape(d['doc_type'] or '')} {escape(d['number'] or '')}[/bold] — "
        f"{escape(d['issuer'] or '?')}, {d['issued_date'] or '?'}{note}"
    )
    for title, key in (
        ("Upstream (what it carries out)", "upstream"),
        ("Downstream (what carries it out)", "downstream"),
    ):
        table = Table(title=title, title_justify="left")
        for col in ("depth", "relation", "number", "type", "issuer", "level", "jurisdiction", "date", "held"):
            table.add_column(col)
        for e in answer[key]:
            table.add_row(
                str(e["depth"]),
                e["relation"],
                e["number"] or "—",
                e["doc_type"] or "",
                e["issuer"] or "",
                e["level"] or "",
                _where(e),
                e["issued_date"] or "",
                "yes" if e["in_corpus"] else "no",
            )
        console.print(table)


@app.command()
def duties(
    agency: Annotated[
        str | None, typer.Option("--agency", help='An agency, any spelling: "Sở GD&ĐT".')
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction", help="A province or district, before or after the 2025 reorganisation."
        ),
    ] = None,
    due_before: Annotated[
        str | None, typer.Option("--due-before", help="ISO date: tasks due before it.")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="lead or support")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows per page.")] = 100,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    fmt: FormatOpt = Format.text,
) -> None:
    """Which agencies owe which tasks, with the source document, its lineage root and the deadline."""
    import datetime as dt

    from graph.duties import DutyFilter, UnknownJurisdiction
    from graph.duties import duties as duties_of
    from service.errors import EXIT_USAGE
    from service.store.db import session_scope

    if due_before:
        try:
            dt.date.fromisoformat(due_before)
        except ValueError:
            _err(f"--due-before {due_before!r}: expected an ISO date (YYYY-MM-DD)")
            raise typer.Exit(EXIT_USAGE) from None
    if role not in (None, "lead", "support"):
        _err(f"--role {role!r}: expected lead or support")
        raise typer.Exit(EXIT_USAGE)
    try:
        with session_scope(_open()) as session:
            answer = duties_of(session, DutyFilter(agency, jurisdiction, due_before, role, limit, offset))
    except UnknownJurisdiction as e:
        _err(str(e))
        raise typer.Exit(EXIT_USAGE) from None
    if fmt is Format.json:
        _print_json(answer)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{answer['count']} duties"
        + (f" (showing {len(answer['data'])})" if answer["count"] > len(answer["data"]) else "")
    )
    for col in ("province (2025)", "agency", "role", "task", "deadline", "document", "root"):
        table.add_column(col, overflow="fold")
    for row in answer["data"]:
        j = row["jurisdiction"]
        where = j["province"] or "all provinces"
        if j["successor"] and j["successor"] != j["province"]:
            where += f" ({j['successor']})"
        doc, root = row["document"], row["root"]
        table.add_row(
            where,
            row["agency"],
            row["role"],
            f"{row['task']['label'] or ''} {row['task']['text'][:160]}",
            row["task"]["deadline"] or "",
            f"{doc['number']} ({doc['issuer'] or '?'})",
            root["number"] if root and root["id"] != doc["id"] else "—",
        )
    Console().print(table)


@app.command()
def gaps(
    number: Annotated[str, typer.Argument(help="The upstream document's số ký hiệu.")],
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="Only this province or district.")
    ] = None,
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """What was never carried down: jurisdictions without an implementing document, upstream tasks and
    targets without a counterpart, targets lowered or postponed. Each gap names its evidence."""
    from graph.duties import UnknownJurisdiction
    from graph.gaps import gap_report
    from service.errors import EXIT_USAGE
    from service.store.db import session_scope

    try:
        with session_scope(_open()) as session:
            doc = _pick(session, number, issuer)
            answer = gap_report(session, doc, jurisdiction)
    except UnknownJurisdiction as e:
        _err(str(e))
        raise typer.Exit(EXIT_USAGE) from None
    if fmt is Format.json:
        _print_json(answer)
        return
    from service.gaps_view import print_gaps

    print_gaps(answer)


graph_app = typer.Typer(help="The citation graph as a file for other tools.", no_args_is_help=True)
app.add_typer(graph_app, name="graph")


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
    from graph.export import build_graph, write
    from service.store.db import session_scope

    with session_scope(_open()) as session:
        g = build_graph(session)
    write(g, out, fmt.value)
    print(f"{out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")

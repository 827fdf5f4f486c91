"""CLI commands over the corpus store: ingest, lineage, duties, gaps, graph export.

The database is VANBAN_DATABASE_URL (default sqlite:///./vanban.db); original files go under
VANBAN_DATA_DIR (default ./var). `ingest` takes files in the way an upload comes in (service/ingest.py);
the queries ask the query layer, and print its answers as tables or as the API's JSON.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
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
from sqlalchemy.orm import Session, sessionmaker

from extractor.errors import BadInput
from extractor.intake import Limits
from graph.duties import DutyFilter
from graph.export import write
from graph.shapes import DocumentNode, Duty
from service import duties_table, labels_vi
from service.cli_vi import VietnameseCommand, sub_app
from service.commands.output import Format, FormatOpt, WideOpt, err, open_store, os_error_vi, print_json, table
from service.errors import EXIT_BAD_INPUT, Invalid
from service.gaps_view import print_gaps
from service.ingest import enqueue, read_all, receive
from service.jobs.transport import make_transport
from service.settings import Settings
from service.store.blobs import BlobStore, open_blobs
from service.store.db import session_scope
from service.store.queries import graph as graph_queries
from service.store.queries import jobs as jobs_queries
from service.store.queries import search as search_queries
from service.store.queries.documents import DocumentFilter, count_documents
from service.store.queries.lists import Paging


def _files(paths: list[Path]) -> Iterator[Path]:
    """Files as given, folders walked in name order; hidden files and folders skipped."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


class DutyFormat(str, enum.Enum):  # noqa: UP042 - typer wants a str Enum
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


EXPORT_LIMIT = 100_000  # rows in one duty export (as /api/duties/export)


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
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="TỆP_HOẶC_THƯ_MỤC", help="Tệp hoặc thư mục văn bản (văn bản thuần, DOCX, PDF, ảnh)."),
    ],
    to_queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Xếp mọi tệp vào hàng đợi cho các tiến trình đọc (VANBAN_BROKER_URL: các `vanban worker`; "
            "không có thì `vanban serve` đang chạy) và theo dõi đến khi xong. Chạy lại thì bỏ qua tệp đã lưu "
            "hoặc đang chờ.",
        ),
    ] = False,
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes", min=1, max=64, help="Không có --queue: số tệp đọc cùng lúc (mặc định: mỗi lõi một tệp)."
        ),
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
                failure = f"{path}: không mở được tệp ({os_error_vi(outcome)})"
            elif isinstance(outcome, BadInput):
                failure = outcome.message_vi
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
            f"{len(files)} tệp: {summary.added} thêm mới, {summary.merged} hoàn thiện văn bản đã biết qua dẫn "
            f"chiếu, {summary.reextracted} đọc lại, {summary.updated} bản sao mới, {summary.unchanged} không đổi, "
            f"{len(failures)} không đọc được. Kho: {held} văn bản, {placeholders} văn bản chỉ biết qua dẫn chiếu."
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
                failures.append(f"{path}: không mở được tệp ({os_error_vi(e)})")
            except BadInput as e:
                failures.append(e.message_vi)
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
                    failures.append(
                        (error or {}).get("message_vi") or (error or {}).get("message") or f"{follow[job_id]}: đọc lỗi"
                    )
            n = done + failed
            progress.update(bar, completed=n, rate=f"{n / max(time.monotonic() - start, 1e-9):.1f}")
            if open_ids:
                time.sleep(1.0)
    return done, failed


IssuerOpt = Annotated[str | None, typer.Option("--issuer", help="Chọn giữa các văn bản trùng số ký hiệu.")]


def _namesakes(number: str, docs: list[DocumentNode]) -> None:
    """Say which document the answer is about when several share the number."""
    if len(docs) > 1:
        others = "; ".join(
            f"{d.number} ({d.issuer or 'chưa rõ cơ quan'}, {labels_vi.date(d.issued_date) or '?'})" for d in docs[1:]
        )
        err(
            f"{len(docs)} văn bản mang số {number!r}; đang hiện văn bản của {docs[0].issuer}. Các văn bản khác: "
            f"{others}. Chọn bằng --issuer."
        )


def _where(e: DocumentNode) -> str:
    return " / ".join(x for x in (e.province, e.district) if x) or "—"


def lineage(
    number: Annotated[
        str,
        typer.Argument(metavar="SỐ_KÝ_HIỆU", help='Số ký hiệu, viết kiểu nào cũng được: 89/QĐ-TTg, "22/2013/QĐ-TTG".'),
    ],
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
    wide: WideOpt = False,
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
    note = "" if d.in_corpus else " — chỉ biết qua dẫn chiếu"
    console.print(
        f"[bold]{escape(d.doc_type or '')} {escape(d.number or '')}[/bold] — "
        f"{escape(d.issuer or '?')}, {labels_vi.date(d.issued_date) or '?'}{note}"
    )
    columns = [
        ("Bậc", True),
        ("Quan hệ", True),
        ("Số, ký hiệu", True),
        ("Loại", False),
        ("Cơ quan ban hành", True),
        ("Cấp", False),
        ("Địa bàn", False),
        ("Ngày", True),
        ("Đã có", False),
    ]
    for title, entries in (
        ("Cấp trên (văn bản này thực hiện)", answer.upstream),
        ("Cấp dưới (văn bản thực hiện văn bản này)", answer.downstream),
    ):
        rows = [
            [
                str(e.depth),
                labels_vi.relation(e.relation),
                e.number or "—",
                e.doc_type or "",
                e.issuer or "",
                labels_vi.level(e.level),
                _where(e),
                labels_vi.date(e.issued_date),
                labels_vi.yes_no(e.in_corpus),
            ]
            for e in entries
        ]
        console.print(table(f"{title}: {len(rows)}", columns, rows, wide))


def duties(
    agency: Annotated[
        str | None, typer.Option("--agency", help='Cơ quan, viết kiểu nào cũng được: "Sở GD&ĐT".')
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", help="Tỉnh hoặc huyện, trước hoặc sau sắp xếp đơn vị hành chính năm 2025."),
    ] = None,
    due_before: Annotated[
        str | None, typer.Option("--due-before", help="Ngày (năm-tháng-ngày): nhiệm vụ có hạn trước ngày này.")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="lead (chủ trì) hoặc support (phối hợp)")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Số dòng mỗi trang.")] = 100,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    fmt: Annotated[
        DutyFormat,
        typer.Option(
            "--format", "-f", help="text (bảng), json, csv hoặc xlsx (mọi dòng, không chia trang; xlsx cần --out)"
        ),
    ] = DutyFormat.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Ghi csv hoặc xlsx vào tệp này.")] = None,
    wide: WideOpt = False,
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
    role = labels_vi.value_of(labels_vi.DUTY_ROLE, role)  # "chủ trì" as well as "lead"
    if role not in (None, "lead", "support"):
        raise Invalid(
            f"--role {role!r}: expected lead or support",
            f"--role {role!r}: chỉ nhận lead (chủ trì) hoặc support (phối hợp)",
        )
    f = DutyFilter(agency, jurisdiction, due_before, role, limit, offset)
    if fmt in (DutyFormat.csv, DutyFormat.xlsx):
        f = DutyFilter(agency, jurisdiction, due_before, role, EXPORT_LIMIT, 0)
    with session_scope(open_store()) as session:
        answer = graph_queries.duties(session, f)
    if fmt is DutyFormat.json:
        print_json(answer)
        return
    if fmt in (DutyFormat.csv, DutyFormat.xlsx):
        _write_export(answer.data, fmt, out)
        return
    shown = f" (đang hiện {len(answer.data)})" if answer.count > len(answer.data) else ""
    columns = [
        ("Tỉnh (2025)", False),
        ("Cơ quan", True),
        ("Vai trò", True),
        ("Nhiệm vụ", True),
        ("Thời hạn", True),
        ("Văn bản", True),
        ("Văn bản gốc", False),
    ]
    rows = []
    for row in answer.data:
        doc, root = row.document, row.root
        rows.append(
            [
                duties_table.where(row),
                row.agency,
                labels_vi.duty_role(row.role),
                labels_vi.short(f"{row.task.label or ''} {row.task.text}", 160 if wide else 90),
                row.task.deadline or "",
                doc.number or "—",
                root.number or "—" if root and root.id != doc.id else "—",
            ]
        )
    Console().print(table(f"{answer.count} nhiệm vụ{shown}", columns, rows, wide))


def _write_export(duties: list[Duty], fmt: DutyFormat, out: Path | None) -> None:
    """The duty board as CSV (to `out`, or printed) or XLSX (to `out`: a workbook is no text to print)."""
    if fmt is DutyFormat.xlsx:
        if out is None:
            raise Invalid(
                "--format xlsx writes a file: name it with --out FILE.xlsx",
                "--format xlsx ghi ra tệp: cần chỉ tên tệp bằng --out TỆP.xlsx",
            )
        out.write_bytes(duties_table.to_xlsx(duties))
    elif out is not None:
        out.write_bytes(duties_table.to_csv(duties))
    else:
        sys.stdout.write(duties_table.to_csv(duties).decode("utf-8").removeprefix("\ufeff"))
        return
    err(f"{out}: {len(duties)} nhiệm vụ")


def gaps(
    number: Annotated[str, typer.Argument(metavar="SỐ_KÝ_HIỆU", help="Số ký hiệu của văn bản cấp trên.")],
    jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="Chỉ tỉnh hoặc huyện này.")] = None,
    issuer: IssuerOpt = None,
    fmt: FormatOpt = Format.text,
    wide: WideOpt = False,
) -> None:
    """What was never carried down: jurisdictions without an implementing document, upstream tasks and
    targets without a counterpart, targets lowered or postponed. Each gap names its evidence."""
    with session_scope(open_store()) as session:
        _namesakes(number, graph_queries.candidates(session, number, issuer))
        answer = graph_queries.gaps(session, number, jurisdiction, issuer)
    if fmt is Format.json:
        print_json(answer)
        return
    print_gaps(answer, wide=wide)


def search(
    query: Annotated[
        str,
        typer.Argument(
            metavar="TỪ_CẦN_TÌM", help='Các từ cần tìm, có dấu hay không dấu, hoặc số ký hiệu: "xa hoi hoc tap".'
        ),
    ],
    doc_type: Annotated[str | None, typer.Option("--type", help='Loại văn bản: "Quyết định".')] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="Tỉnh, theo địa giới cũ hoặc sau năm 2025.")
    ] = None,
    level: Annotated[
        str | None,
        typer.Option("--level", help='Cấp: national, ministry, province, district, commune, hoặc "Tỉnh", "Huyện"…'),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm ban hành.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Số dòng mỗi trang.")] = 20,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    fmt: FormatOpt = Format.text,
    wide: WideOpt = False,
) -> None:
    """Documents whose text holds every word, best first (number and trích yếu before the body), with the
    passage where the words occur. Quốc hiệu, tiêu ngữ, "Nơi nhận" and signatures are not searched."""
    level = labels_vi.value_of(labels_vi.LEVEL, level)  # "Tỉnh" as well as "province"
    if level not in (None, *labels_vi.LEVEL):
        raise Invalid(
            f"--level {level!r}: expected one of {', '.join(labels_vi.LEVEL)}",
            f"--level {level!r}: chỉ nhận " + ", ".join(f"{k} ({v})" for k, v in labels_vi.LEVEL.items()),
        )
    f = DocumentFilter(province=province, level=level, doc_type=doc_type, year=year)  # type: ignore[arg-type]
    with session_scope(open_store()) as session:
        answer = search_queries.search(session, query, Paging(limit, offset), f)
    if fmt is Format.json:
        print_json(answer)
        return
    shown = f" (đang hiện {len(answer.data)})" if answer.count > len(answer.data) else ""
    columns = [("Số, ký hiệu", True), ("Cơ quan ban hành", False), ("Ngày", False), ("Đoạn có từ cần tìm", True)]
    rows = []
    for hit in answer.data:
        d = hit.document
        passage, pos = [], 0
        for m in hit.matches:  # the words found in bold (the text itself is no markup)
            passage.append(escape(hit.snippet[pos : m.start]) + f"[bold]{escape(hit.snippet[m.start : m.end])}[/bold]")
            pos = m.end
        passage.append(escape(hit.snippet[pos:]))
        title = f"[dim]{escape(labels_vi.short(d.title, 120))}[/dim]\n" if d.title else ""
        rows.append([d.number or "—", d.issuer or "", labels_vi.date(d.issued_date), title + "".join(passage)])
    Console().print(table(f"{answer.count} văn bản{shown}", columns, rows, wide))


graph_app = sub_app("Xuất đồ thị dẫn chiếu thành tệp cho các công cụ khác.")


class GraphFormat(str, enum.Enum):  # noqa: UP042
    graphml = "graphml"
    json = "json"


@graph_app.command(
    "export",
    cls=VietnameseCommand,
    help="Ghi văn bản, cơ quan và đơn vị hành chính cùng các cạnh có loại, dạng GraphML hoặc JSON node-link.",
)
def graph_export(
    out: Annotated[Path, typer.Argument(metavar="TỆP_GHI_RA", help="Tệp ghi ra.")],
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="graphml hoặc json (node-link)")
    ] = GraphFormat.graphml,
) -> None:
    """Write documents, agencies and administrative units with typed edges as GraphML or node-link JSON."""
    with session_scope(open_store()) as session:
        g = graph_queries.citation_graph(session)
    write(g, out, fmt.value)
    print(f"{out}: {g.number_of_nodes()} nút, {g.number_of_edges()} cạnh")

"""/api/lineage, /api/duties, /api/gaps: the CLI's graph queries, the same answers as JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from graph.duties import DutyFilter
from graph.shapes import Duty, GapReport, Lineage, Page
from service import duties_table, gaps_table, spreadsheet
from service.api.deps import Querier, ReportsDep, SessionDep
from service.api.routes.documents import ERRORS
from service.api.schemas import Problem
from service.store.queries import graph as graph_queries

router = APIRouter(prefix="/api", tags=["graph"])

Number = Annotated[str, Query(min_length=1, max_length=128, description='số ký hiệu, any spelling: "89/QĐ-TTg"')]
Issuer = Annotated[str | None, Query(max_length=256, description="choose among documents sharing the number")]
Jurisdiction = Annotated[
    str | None,
    Query(max_length=100, description="a province or district, before or after the 2025 reorganisation"),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no document has this number"}}
BAD: dict[int | str, dict[str, Any]] = {
    422: {"model": Problem, "description": "an unknown jurisdiction or a malformed parameter"}
}


@router.get(
    "/lineage",
    response_model=Lineage,
    summary="Where a document came from and where it went",
    responses={**NOT_FOUND, **ERRORS},
)
def get_lineage(number: Number, who: Querier, session: SessionDep, issuer: Issuer = None) -> Lineage:
    """`{"document", "upstream", "downstream", "roots"}` as `vanban lineage NUMBER --format json`: upward
    to the national root(s), downward to every document implementing it or based on it."""
    return graph_queries.lineage(session, number, issuer)


@router.get("/duties", response_model=Page[Duty], summary="Who owes which tasks", responses={**BAD, **ERRORS})
def get_duties(
    who: Querier,
    session: SessionDep,
    agency: Annotated[str | None, Query(max_length=256, description='any spelling: "Sở GD&ĐT"')] = None,
    jurisdiction: Jurisdiction = None,
    due_before: Annotated[dt.date | None, Query(description="ISO date: tasks due before it")] = None,
    role: Literal["lead", "support"] | None = None,
    sort: Annotated[
        Literal["place", "deadline"],
        Query(
            description="place: by province and document (as the CLI); deadline: soonest first, overdue "
            "first, tasks without a deadline last"
        ),
    ] = "place",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Page[Duty]:
    """`{"data": [{"agency", "role", "task", "document", "root", "jurisdiction"}], "count"}` as
    `vanban duties --format json`."""
    f = DutyFilter(
        agency, jurisdiction, due_before.isoformat() if due_before else None, role, limit, offset, order=sort
    )
    return graph_queries.duties(session, f)


EXPORT_LIMIT = 100_000  # rows in one duty export: the whole board of a country's documents fits


@router.get(
    "/duties/export",
    summary="The duty board as a spreadsheet",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, spreadsheet.XLSX_TYPE: {}}}, **BAD, **ERRORS},
)
def export_duties(
    who: Querier,
    session: SessionDep,
    format: Literal["csv", "xlsx"] = "csv",
    agency: Annotated[str | None, Query(max_length=256, description='any spelling: "Sở GD&ĐT"')] = None,
    jurisdiction: Jurisdiction = None,
    due_before: Annotated[dt.date | None, Query(description="ISO date: tasks due before it")] = None,
    role: Literal["lead", "support"] | None = None,
    sort: Literal["place", "deadline"] = "place",
) -> Response:
    """Every duty the filters of `/api/duties` select (no paging), one row each with Vietnamese column
    names and values (CSV in UTF-8 with a BOM, or XLSX)."""
    f = DutyFilter(
        agency, jurisdiction, due_before.isoformat() if due_before else None, role, EXPORT_LIMIT, 0, order=sort
    )
    duties = graph_queries.duties(session, f).data
    if format == "xlsx":
        media, body = spreadsheet.XLSX_TYPE, duties_table.to_xlsx(duties)
    else:
        media, body = spreadsheet.CSV_TYPE, duties_table.to_csv(duties)
    stem = "nhiem-vu" + "".join(
        "-" + "".join(c if c.isalnum() else "-" for c in x) for x in (jurisdiction, agency) if x
    )
    return Response(
        body, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(stem)}.{format}"}
    )


@router.get(
    "/gaps", response_model=GapReport, summary="What was never carried down", responses={**NOT_FOUND, **BAD, **ERRORS}
)
def get_gaps(
    number: Number,
    who: Querier,
    session: SessionDep,
    reports: ReportsDep,
    jurisdiction: Jurisdiction = None,
    issuer: Issuer = None,
) -> GapReport:
    """`{"upstream", "missing_jurisdictions", "uncovered", "weakened", ...}` as `vanban gaps NUMBER
    --format json`: jurisdictions without an implementing document, upstream tasks and targets without a
    counterpart (best candidate and score), targets lowered or postponed."""
    return graph_queries.gaps(session, number, jurisdiction, issuer, reports)


@router.get(
    "/gaps/export",
    summary="The gap report as a spreadsheet",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            }
        },
        **NOT_FOUND,
        **BAD,
        **ERRORS,
    },
)
def export_gaps(
    number: Number,
    who: Querier,
    session: SessionDep,
    reports: ReportsDep,
    format: Literal["csv", "xlsx"] = "csv",
    jurisdiction: Jurisdiction = None,
    issuer: Issuer = None,
) -> Response:
    """One row per finding with Vietnamese column names (CSV in UTF-8 with a BOM, or XLSX)."""
    report = graph_queries.gaps(session, number, jurisdiction, issuer, reports)
    stem = "khoang-trong-" + "".join(c if c.isalnum() else "-" for c in (report.upstream.number or "van-ban"))
    if format == "xlsx":
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        body = gaps_table.to_xlsx(report)
    else:
        media, body = "text/csv; charset=utf-8", gaps_table.to_csv(report)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(stem)}.{format}"},
    )

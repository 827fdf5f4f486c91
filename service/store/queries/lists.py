"""What every list shares: a page of rows and an order named by the caller.

A sort is a column name from the list's SORTS, "-" before it for descending ("-issued_date"), or
several separated by commas ("-issued_date,-id"); rows without a value come last either way, and the
id breaks remaining ties so pages never overlap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from graph.shapes import Page

Row = TypeVar("Row", bound=BaseModel)
Query: TypeAlias = Select[*tuple[Any, ...]]  # a SELECT of any columns


@dataclass(frozen=True)
class Paging:
    limit: int | None = 50  # None: every row (the CLI's lists)
    offset: int = 0


def count(session: Session, query: Query) -> int:
    """How many rows `query` matches in all (its page aside)."""
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def ordered(query: Query, sort: str, columns: Mapping[str, Any], tiebreak: Any) -> Query:
    """`query` ordered by the named columns (KeyError for a name not in `columns`), then `tiebreak`."""
    orders = []
    for key in sort.split(","):
        column = columns[key.removeprefix("-")]
        orders.append((column.desc() if key.startswith("-") else column.asc()).nulls_last())
    return query.order_by(*orders, tiebreak)


def paged(query: Query, paging: Paging) -> Query:
    return query.limit(paging.limit).offset(paging.offset)


def page_of(
    session: Session,
    query: Query,
    shape: type[Row],
    paging: Paging,
    sort: str,
    columns: Mapping[str, Any],
    tiebreak: Any,
) -> Page[Row]:
    """One page of a SELECT of rows of one table, each read into `shape`, and how many match in all."""
    rows = session.scalars(paged(ordered(query, sort, columns, tiebreak), paging))
    return Page[shape](  # type: ignore[valid-type]
        data=[shape.model_validate(r, from_attributes=True) for r in rows], count=count(session, query)
    )

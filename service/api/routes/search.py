"""/api/search: full-text search over the documents held, each hit with the passage where the words occur."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph.shapes import Page
from service.api.deps import Reader, SessionDep
from service.api.routes.documents import ERRORS
from service.store.queries import search
from service.store.queries.documents import DocumentFilter, Level
from service.store.queries.lists import Paging
from service.store.shapes import SearchHit

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search", responses=ERRORS)
def search_documents(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description='words that must all occur, with or without diacritics ("xa hoi hoc tap"); '
            'a số ký hiệu in any spelling ("QD-TTg", "89/QĐ-TTg")',
        ),
    ],
    who: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10**6)] = 0,
    doc_type: Annotated[str | None, Query(max_length=64, examples=["Quyết định"])] = None,
    province: Annotated[str | None, Query(max_length=100, description="legacy or 2025 province")] = None,
    level: Level | None = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
) -> Page[SearchHit]:
    """Documents whose text holds every word of `q`, best first (number and trích yếu weigh more than the
    body; quốc hiệu, tiêu ngữ, "Nơi nhận" and signature are not searched), each with the passage where
    they occur: `snippet` (plain text), `matches` (offsets in it), `snippet_html` (escaped, `<mark>`)."""
    f = DocumentFilter(province=province, level=level, doc_type=doc_type, year=year)
    return search.search(session, q, Paging(limit, offset), f)

"""/api/search: full-text search over the documents held, each hit with the passage where the words occur."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph.shapes import Page
from service.api.deps import Reader, SessionDep
from service.api.routes.documents import ERRORS
from service.store.queries import search
from service.store.queries.lists import Paging
from service.store.shapes import SearchHit

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search", responses=ERRORS)
def search_documents(
    q: Annotated[str, Query(min_length=1, max_length=500, description="words that must all occur")],
    who: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10**6)] = 0,
) -> Page[SearchHit]:
    """Documents whose text holds every word of `q`, best first, each with the passage where they occur."""
    return search.search(session, q, Paging(limit, offset))

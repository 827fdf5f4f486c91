"""/api/health (no key needed: for load balancers and scripts) and /api/me (who the key is)."""

from __future__ import annotations

from fastapi import APIRouter

from extractor.pipeline import EXTRACTOR_VERSION
from service.access import PERMISSIONS
from service.api.deps import CurrentDep, SessionDep, WorkerDep
from service.api.routes.documents import ERRORS
from service.api.schemas import Health, Me
from service.store.queries import jobs

router = APIRouter(prefix="/api", tags=["system"])


@router.get("/health", response_model=Health, summary="Is the service up")
def health(session: SessionDep, transport: WorkerDep) -> Health:
    """Up, the jobs by state, and how reading goes: jobs waiting per queue and the workers serving them."""
    return Health(status="ok", jobs=jobs.counts(session), extractor_version=EXTRACTOR_VERSION, queue=transport.status())


@router.get("/me", response_model=Me, summary="Who this key is", responses=ERRORS)
def me(who: CurrentDep) -> Me:
    return Me(
        key_id=who.key_id,
        name=who.name,
        role=who.role,
        province=who.province,
        district=who.district,
        permissions=sorted(p for p in PERMISSIONS if who.can(p)),
    )

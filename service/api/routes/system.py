"""/api/health (no key needed: for load balancers and scripts) and /api/me (who the key is)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import func, select

from models.service_tables import Job
from service.access import PERMISSIONS
from service.api.deps import CurrentDep, SessionDep
from service.api.routes.documents import ERRORS
from service.api.schemas import Health, Me

router = APIRouter(prefix="/api", tags=["system"])


@router.get("/health", response_model=Health, summary="Is the service up")
def health(session: SessionDep) -> Health:
    from extractor.pipeline import EXTRACTOR_VERSION

    counts = dict(session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
    return Health(
        status="ok",
        jobs={s: counts.get(s, 0) for s in ("queued", "running", "done", "failed")},
        extractor_version=EXTRACTOR_VERSION,
    )


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

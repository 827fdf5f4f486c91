"""Fixtures for the service tests: the real app over a real database (SQLite and PostgreSQL, through
store_fixtures), with its worker, and one key per role.

    api          an app with a running worker over an empty store, one per backend and test module (a
                 module's tests know which documents they upload: another module's copies of the same
                 document would turn an "added" into an "updated"); every upload's bytes are unique
    corpus_api   an app over the sample corpus (no worker), for the queries

Import in a test module with `from service_fixtures import *  # noqa: F403`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from store_fixtures import CORPUS, Store, _make_store, backend, corpus, corpus_results

from service.access import create_key
from service.api.main import create_app
from service.settings import Settings

# fixtures re-exported for `from service_fixtures import *`
__all__ = ["api", "corpus_api", "Api", "backend", "corpus", "corpus_results", "CORPUS", "unique_text"]

ROLES = {
    "clerk": {},
    "analyst": {},
    "admin": {},
    "clerk_quangbinh": {"province": "Quảng Bình"},
    "clerk_kbang": {"province": "Gia Lai", "district": "Kbang"},
}


@dataclass
class Api:
    client: TestClient
    store: Store
    keys: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def get(self, url: str, who: str = "analyst", **kw: Any) -> httpx.Response:
        return self.client.get(url, headers=self.auth(who), **kw)

    def post(self, url: str, who: str, **kw: Any) -> httpx.Response:
        return self.client.post(url, headers=self.auth(who), **kw)

    def upload(self, data: bytes, name: str = "van-ban.txt", who: str = "clerk") -> httpx.Response:
        return self.post("/api/documents", who, files={"file": (name, data)})

    def wait(self, job_id: int, timeout: float = 90.0) -> dict[str, Any]:
        """The job once it is done or failed."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.get(f"/api/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return job  # type: ignore[no-any-return]
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")

    def make_key(self, role: str, **scope: str) -> str:
        with self.store.session() as s:
            return create_key(s, role=role, name=f"{role} {uuid.uuid4().hex[:6]}", **scope)[1]


def unique_text(stem: str) -> bytes:
    """A corpus document with a line no other upload has, so its bytes (and sha256) are new."""
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    return (text + f"\nMã lưu trữ: {uuid.uuid4().hex}\n").encode("utf-8")


def _api(store: Store, settings: Settings) -> Iterator[Api]:
    app = create_app(settings, engine=store.engine)
    with TestClient(app) as client:
        api = Api(client, store)
        for name, scope in ROLES.items():
            api.keys[name] = api.make_key(name.split("_")[0], **scope)
        yield api


@pytest.fixture(scope="module")
def api(backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Api]:
    tmp: Path = tmp_path_factory.mktemp(f"api-{backend}")
    store = _make_store(backend, tmp, request, "api")
    settings = Settings(data_dir=store.data_dir, workers=1, poll_seconds=0.2, extract_seconds=120)
    yield from _api(store, settings)


@pytest.fixture(scope="session")
def corpus_api(corpus: Store) -> Iterator[Api]:
    yield from _api(corpus, Settings(data_dir=corpus.data_dir, workers=0))

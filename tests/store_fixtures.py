"""Fixtures for the store and graph tests: one real database per backend, SQLite and PostgreSQL.

Every test that takes `store` (an empty database) or `corpus` (the sample corpus ingested once) runs
twice, on SQLite and on the PostgreSQL server at 127.0.0.1:5432 (database `test`). Each test session
gets its own PostgreSQL schemas (random names), so concurrent runs and xdist workers do not meet;
the schemas are dropped at the end. Without a reachable server the PostgreSQL half is skipped, saying why.

Import in a test module with `from store_fixtures import *  # noqa: F403`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.record import ExtractionResult
from models.tables import Base
from service.store.db import init_db, make_engine, session_factory
from service.store.repository import Outcome, store_result

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
PG_URL = os.environ.get("VANBAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

__all__ = ["backend", "corpus", "corpus_results", "store", "_scratch", "Store", "CORPUS"]


@dataclass
class Store:
    """A migrated database and a data directory for original files."""

    engine: Engine
    factory: sessionmaker[Session]
    data_dir: Path

    @contextmanager
    def session(self) -> Iterator[Session]:
        s = self.factory()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def ingest(self, result: ExtractionResult, data: bytes | None = None) -> Outcome:
        data = data if data is not None else result.text.encode("utf-8")
        with self.session() as s:
            return store_result(s, result, data, data_dir=self.data_dir)

    def wipe(self) -> None:
        with self.engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())


def _pg_available() -> str | None:
    try:
        engine = make_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as e:  # noqa: BLE001 - any failure means: no server to test against
        return f"PostgreSQL at {PG_URL} unreachable: {type(e).__name__}"
    return None


def _make_store(backend: str, tmp: Path, request: pytest.FixtureRequest, name: str) -> Store:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp / (name + '.db')}")
    else:
        why = _pg_available()
        if why:
            pytest.skip(why)
        schema = f"vanban_{name}_{uuid.uuid4().hex[:10]}"
        admin = make_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(PG_URL, schema=schema)

        def drop() -> None:
            engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

        request.addfinalizer(drop)
    init_db(engine)
    return Store(engine, session_factory(engine), tmp / f"{name}-var")


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def corpus_results() -> dict[str, tuple[bytes, ExtractionResult]]:
    """The sample corpus, extracted once: file name -> (bytes, result)."""
    from extractor.pipeline import extract_file

    return {
        p.name: (p.read_bytes(), extract_file(p, source=f"corpus/documents/{p.name}"))
        for p in sorted(CORPUS.glob("*.txt"))
    }


@pytest.fixture(scope="session")
def _scratch(backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Store:
    return _make_store(backend, tmp_path_factory.mktemp(f"scratch-{backend}"), request, "scratch")


@pytest.fixture
def store(_scratch: Store) -> Store:
    """An empty, migrated database (wiped before each test)."""
    _scratch.wipe()
    return _scratch


@pytest.fixture(scope="session")
def corpus(
    backend: str,
    corpus_results: dict[str, tuple[bytes, ExtractionResult]],
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Store:
    """A database holding the whole sample corpus (read-only for tests)."""
    s = _make_store(backend, tmp_path_factory.mktemp(f"corpus-{backend}"), request, "corpus")
    for data, result in corpus_results.values():
        s.ingest(result, data)
    return s

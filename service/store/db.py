"""Engine, sessions and schema upgrades.

`init_db()` brings any database (SQLite file, PostgreSQL) to the newest Alembic revision; the schema
is never created with `create_all`, so the migrations are exercised on every test run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from service.store.config import database_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers (queries, the API) go on while an ingest writes; foreign keys are off by default.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str | None = None, *, schema: str | None = None) -> Engine:
    """An engine for `url` (default: VANBAN_DATABASE_URL). `schema` puts PostgreSQL tables in that schema."""
    url = url or database_url()
    kwargs: dict = {}
    if url.startswith("postgresql") and schema:
        kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's comparisons: full-text objects are made by raw SQL in the migrations, not by models."""
    if type_ == "table" and name and name.startswith(("extractions_fts", "search_fts")):
        return False
    if type_ == "index" and name in ("ix_extractions_search", "ix_search_docs_search"):
        return False
    table = getattr(obj, "table", None)
    return not (
        type_ == "column" and name == "search" and table is not None and table.name in ("extractions", "search_docs")
    )


def init_db(engine: Engine) -> None:
    """Upgrade the database to the newest migration (creating it if empty)."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, future=True)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()

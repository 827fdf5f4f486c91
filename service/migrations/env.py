"""Alembic environment: runs on the connection init_db() passes, or on VANBAN_DATABASE_URL from the CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import models.service_tables  # noqa: F401  (the service's tables share Base.metadata)
from models.tables import Base
from service.store.config import database_url
from service.store.db import include_object

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or database_url()
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("vanban migrations run online only: set VANBAN_DATABASE_URL, run `alembic upgrade head`")
run_migrations_online()

"""What the commands share: where the store is, the text/json switch, one line on stderr."""

from __future__ import annotations

import enum
import json
import sys
from typing import Annotated

import typer
from pydantic import BaseModel
from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings
from service.store.db import init_db, make_engine, session_factory


class Format(str, enum.Enum):  # noqa: UP042 - typer wants a str Enum
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text (tables) or json")]


def err(msg: str) -> None:
    print(f"vanban: {msg}", file=sys.stderr)


def print_json(answer: BaseModel) -> None:
    """The answer as JSON: the shape the API sends for the same question."""
    sys.stdout.write(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")


def open_store(settings: Settings | None = None) -> sessionmaker[Session]:
    """Sessions on VANBAN_DATABASE_URL (default sqlite:///./vanban.db), migrated to the newest schema."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    init_db(engine)
    return session_factory(engine)

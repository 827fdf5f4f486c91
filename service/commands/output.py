"""What the commands share: where the store is, the text/json switch, one line on stderr."""

from __future__ import annotations

import enum
import json
import sys
from typing import Annotated

import typer
from pydantic import BaseModel
from rich import box
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings
from service.store.db import init_db, make_engine, session_factory


class Format(str, enum.Enum):  # noqa: UP042 - typer wants a str Enum
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text (bảng) hoặc json")]
WideOpt = Annotated[bool, typer.Option("--wide", help="Hiện mọi cột (mặc định: các cột chính, đọc được ở 80 cột).")]


def table(title: str | None, columns: list[tuple[str, bool]], rows: list[list[str]], wide: bool) -> Table:
    """A table of `rows` with the columns marked as main (True), or all of them when `wide`. Long cells
    wrap between words; the simple frame leaves the width to the text."""
    keep = [i for i, (_, main) in enumerate(columns) if main or wide]
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for i in keep:
        t.add_column(columns[i][0], overflow="fold")
    for row in rows:
        t.add_row(*(row[i] for i in keep))
    return t


def os_error_vi(e: OSError) -> str:
    """Why a file could not be opened, in Vietnamese."""
    if isinstance(e, FileNotFoundError):
        return "không có tệp này"
    if isinstance(e, PermissionError):
        return "không có quyền đọc"
    if isinstance(e, IsADirectoryError):
        return "là thư mục"
    return f"lỗi hệ thống {e.errno}" if e.errno else "lỗi hệ thống"


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

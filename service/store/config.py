"""Where the store lives: the database URL and the data directory for original files."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///./vanban.db"
DEFAULT_DATA_DIR = "./var"


def database_url() -> str:
    """`VANBAN_DATABASE_URL` (postgresql+psycopg://postgres@127.0.0.1:5432/vanban); SQLite by default."""
    return os.environ.get("VANBAN_DATABASE_URL") or DEFAULT_DATABASE_URL


def data_dir() -> Path:
    """`VANBAN_DATA_DIR`: original files are kept under its blobs/ folder (default ./var)."""
    return Path(os.environ.get("VANBAN_DATA_DIR") or DEFAULT_DATA_DIR)

"""The README's search table: what the queries a clerk types find, and their cost, on SQLite and
PostgreSQL over stores holding the same documents.

    vanban ingest corpus/documents            # into each store first (VANBAN_DATABASE_URL, _SCHEMA)
    .venv/bin/python benchmarks/bench_search.py sqlite:///vanban.db \\
        "postgresql+psycopg://postgres@127.0.0.1:5432/test?schema=readme"

Prints one Markdown row per query: found and the top 3 on each store, and the CPU milliseconds of the
fastest of 11 calls of service.store.queries.search.search (a page of 20 with snippets) after a first
one. CPU time, because wall time on a shared machine varies from minute to minute; for PostgreSQL it
leaves out the server's share.
"""

from __future__ import annotations

import sys
import time

from sqlalchemy import Engine

from service.store.db import make_engine, session_factory, session_scope
from service.store.queries.search import search

QUERIES = [
    "xã hội học tập",
    "xa hoi hoc tap",
    "QD-TTg",
    "qđ ttg",
    "89/QĐ-TTg",
    "22/2013/QD-TTg",
    "phổ cập giáo dục",
    "pho cap giao duc",
    "người có công nhà ở",
    "cộng hòa xã hội chủ nghĩa",
    "độc lập tự do hạnh phúc",
    "nơi nhận lưu vt",
]


def _engine(url: str) -> Engine:
    """An engine for `url`; "?schema=NAME" on a PostgreSQL URL puts its tables in that schema."""
    bare, _, query = url.partition("?schema=")
    return make_engine(bare, schema=query or None)


def measure(url: str) -> dict[str, tuple[int, list[str], float]]:
    factory = session_factory(_engine(url))
    out = {}
    for q in QUERIES:
        with session_scope(factory) as s:
            search(s, q)
            times = []
            for _ in range(11):
                t = time.process_time()
                page = search(s, q)
                times.append((time.process_time() - t) * 1000)
        out[q] = (page.count, [h.document.number or "—" for h in page.data[:3]], min(times))
    return out


def main(urls: list[str]) -> None:
    results = [measure(u) for u in urls]
    for q in QUERIES:
        cells = [f"{r[q][0]} | {', '.join(r[q][1]) or '—'}" for r in results]
        ms = " / ".join(f"{r[q][2]:.1f}" for r in results)
        print(f"| `{q}` | {' | '.join(cells)} | {ms} |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["sqlite:///vanban.db"])

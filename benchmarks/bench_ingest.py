"""Bulk reading through the task engine: the documents of shared/scale read by 1 and 2 `vanban worker`
processes (Celery over Redis, PostgreSQL, originals in the database), against the extractor called
directly, and what a million documents would need.

Run on demand (not a test), with Redis and PostgreSQL on 127.0.0.1:

    python benchmarks/bench_ingest.py                 # all 508 texts of ../shared/scale
    python benchmarks/bench_ingest.py --limit 100     # the first 100 (by name)

For each run: a fresh PostgreSQL schema and fresh queues; every file enqueued as `vanban ingest
--queue` does (ingest.receive + ingest.enqueue: hashed once, blob kept once, jobs row, message);
then N worker processes (`vanban worker --concurrency 1`) started and timed from the first job's
start to the last job's end, as the jobs table records them. "Direct" reads the same files one after
the other in the reading child a worker uses (ExtractionProcess, with the same limits), without
queue, claim, blob fetch, heartbeat or storing. Overhead per job = one worker's wall time per job
minus the direct time per document: what the engine and the store add to each document.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from extractor.intake import Limits
from service.jobs.extraction import ExtractionProcess
from service.settings import Settings

# The rest only in the benchmark's own process: the reading child (spawn) and every per-file child of its
# sandbox (forkserver) import this script again as their main module, and sqlalchemy, celery and the store
# cost ~0.7 s there per file — which is what made "direct" look three times slower than a worker.
if __name__ == "__main__":
    from sqlalchemy import func, select, text

    from extractor.errors import BadInput
    from models.service_tables import Job
    from service.ingest import enqueue, receive
    from service.jobs.transport import make_transport
    from service.store.blobs import open_blobs
    from service.store.db import init_db, make_engine, session_factory, session_scope

    # every table of the schema with its indexes and TOAST (the originals' bytea is TOASTed)
    SCHEMA_SIZE = text(
        "select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = :s and c.relkind = 'r'"
    )

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT.parent / "shared" / "scale"
PG_URL = os.environ.get("VANBAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("VANBAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
VANBAN = Path(sys.executable).with_name("vanban")


def scale_files(limit: int | None) -> list[Path]:
    files = sorted(p for p in SCALE.rglob("*.txt") if p.is_file())
    return files[:limit] if limit else files


def direct(files: list[Path]) -> float:
    """Seconds to read every file, one after the other, in the reading child a worker uses
    (service.jobs.extraction.ExtractionProcess, which calls extractor.bounded.extract_file) with the
    worker's limits: the extraction alone, without broker, claim, blob fetch, heartbeat or storing."""
    settings = Settings()
    limits = Limits(
        max_bytes=settings.max_upload_bytes, parse_seconds=settings.parse_seconds, memory_bytes=settings.memory_bytes
    )
    reader = ExtractionProcess(memory_bytes=settings.memory_bytes)
    reader.start()
    reader.extract(files[0], files[0].name, limits, seconds=settings.extract_seconds)  # started and warm
    started = time.perf_counter()
    for path in files:
        try:
            reader.extract(path, str(path), limits, seconds=settings.extract_seconds)
        except Exception as e:  # noqa: BLE001 - a refused file costs its time too
            print(f"  direct: {path.name}: {type(e).__name__}", file=sys.stderr)
    seconds = time.perf_counter() - started
    reader.close()
    return seconds


def through_workers(files: list[Path], workers: int, tmp: Path) -> dict[str, float]:
    """Enqueue the files, start `workers` worker processes, wait for every job to end."""
    schema = f"vanban_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, schema=schema)
    init_db(engine)
    factory = session_factory(engine)
    prefix = f"vanban-bench-{uuid.uuid4().hex[:8]}-"
    settings = Settings(
        database_url=PG_URL,
        database_schema=schema,
        data_dir=tmp / "api",
        broker_url=REDIS_URL,
        queue_prefix=prefix,
        blob_store="database",
    )
    blobs = open_blobs(settings, factory)
    transport = make_transport(settings, factory, blobs)
    started = time.perf_counter()
    for path in files:
        try:
            with path.open("rb") as stream:
                received = receive(stream, str(path), blobs, settings.max_upload_bytes)
        except BadInput as e:  # refused before queueing (an empty file), as `vanban ingest --queue` does
            print(f"  refused: {e.message}", file=sys.stderr)
            continue
        with session_scope(factory) as session:
            enqueue(session, received, None, blobs, transport)
    enqueue_seconds = time.perf_counter() - started
    env = {
        **os.environ,
        "VANBAN_DATABASE_URL": PG_URL,
        "VANBAN_DATABASE_SCHEMA": schema,
        "VANBAN_BROKER_URL": REDIS_URL,
        "VANBAN_QUEUE_PREFIX": prefix,
        "VANBAN_BLOB_STORE": "database",
    }
    procs = []
    for i in range(workers):
        log = (tmp / f"worker-{workers}-{i}.log").open("wb")
        procs.append(
            subprocess.Popen(
                [str(VANBAN), "worker", "--concurrency", "1", "--hostname", f"bench{i}@%h"],
                env={**env, "VANBAN_DATA_DIR": str(tmp / f"worker-{workers}-{i}")},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    load_before = os.getloadavg()[0]
    try:
        while True:
            with session_scope(factory) as s:
                left = s.scalar(select(func.count()).select_from(Job).where(Job.status.in_(("queued", "running"))))
            if not left:
                break
            time.sleep(1.0)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
    load_after = os.getloadavg()[0]
    for i in range(workers):  # why a record could not be stored: the exception's last line in the log
        lines = (tmp / f"worker-{workers}-{i}.log").read_text(errors="replace").splitlines()
        for line in lines:
            if line.startswith(("sqlalchemy.exc.", "psycopg.")):
                print(f"  worker {i}: {line[:200]}", file=sys.stderr)
    with session_scope(factory) as s:
        first, last = s.execute(select(func.min(Job.started_at), func.max(Job.finished_at))).one()
        busy = 0.0
        for start, end in s.execute(select(Job.started_at, Job.finished_at).where(Job.status == "done")):
            if start is not None and end is not None:
                busy += (end - start).total_seconds()
        assert first is not None and last is not None, "no job ran"
        done = s.scalar(select(func.count()).select_from(Job).where(Job.status == "done")) or 0
        failed = s.scalar(select(func.count()).select_from(Job).where(Job.status == "failed")) or 0
        size = s.scalar(SCHEMA_SIZE, {"s": schema}) or 0
        codes: dict[str, list[str]] = {}
        for name, error in s.execute(select(Job.filename, Job.error).where(Job.status == "failed")):
            codes.setdefault((error or {}).get("code", "?"), []).append(Path(name).name)
        for code, names in sorted(codes.items()):
            print(f"  failed {code}: {len(names)} ({', '.join(names[:12])})", file=sys.stderr)
        blob_size = s.scalar(text("select pg_total_relation_size('blobs')")) or 0
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
    return {
        "seconds": (last - first).total_seconds(),
        "busy": busy,  # summed over jobs: claim to record stored
        "enqueue_seconds": enqueue_seconds,
        "done": done,
        "failed": failed,
        "db_bytes": float(size),
        "blob_bytes": float(blob_size),
        "load": (load_before + load_after) / 2,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N files (by name)")
    parser.add_argument("--workers", default="1,2", help="worker process counts to run, comma-separated")
    parser.add_argument(
        "--direct-seconds", type=float, help="reuse a direct time measured before (same files) instead of measuring"
    )
    args = parser.parse_args()
    import tempfile

    files = scale_files(args.limit)
    n = len(files)
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"{n} files, {mb:.1f} MB, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    d = args.direct_seconds or direct(files)
    print(
        f"direct (the worker's reading child, no broker or store): {d:.1f} s, {n / d:.2f} docs/s, "
        f"{1000 * d / n:.0f} ms/doc"
    )
    runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for w in (int(x) for x in args.workers.split(",")):
            r = runs[w] = through_workers(files, w, Path(folder))
            print(
                f"{w} worker(s): {r['seconds']:.1f} s, {n / r['seconds']:.2f} docs/s "
                f"({r['done']:.0f} done, {r['failed']:.0f} failed; load average ~{r['load']:.1f}); "
                f"enqueue {r['enqueue_seconds']:.1f} s ({n / r['enqueue_seconds']:.0f} docs/s); "
                f"database {r['db_bytes'] / 1e6:.1f} MB of which originals {r['blob_bytes'] / 1e6:.1f} MB"
            )
    if 1 in runs:
        one = runs[1]
        overhead = (one["seconds"] - d) / n
        gap = (one["seconds"] - one["busy"]) / n
        store = (one["busy"] - d) / n
        print(
            f"overhead per job (1 worker vs direct): {1000 * overhead:.0f} ms = {1000 * gap:.0f} ms between jobs "
            f"(ack, next message, claim) + {1000 * store:.0f} ms in the job beyond extraction (blob from the "
            "database, heartbeats, storing the record)"
        )
        if 2 in runs:
            print(f"speed-up 1 -> 2 workers: {one['seconds'] / runs[2]['seconds']:.2f}x")
        rate = n / one["seconds"]  # one worker process, one document at a time
        per_doc = one["db_bytes"] / n
        print("\n10^6 documents like these, from the one-worker rate (scaling linearly per worker process):")
        for workers in (1, 8, 32, 64):
            print(f"  {workers:3d} workers: {1e6 / (rate * workers) / 3600:8.1f} h")
        print(f"  database: {per_doc * 1e6 / 1e9:.0f} GB ({per_doc / 1e3:.0f} kB per document, originals included)")


if __name__ == "__main__":
    main()

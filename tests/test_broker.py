"""Jobs carried by Celery: real `vanban worker` processes against the Redis and PostgreSQL on 127.0.0.1.

The API (the real app) accepts uploads and sends them to the broker; workers started as the command a
deployment runs read them, on a data folder of their own (the originals come from the database blob
store). A worker killed with SIGKILL mid-document loses no job and stores nothing twice; a worker told
to stop gives its document back; a document that keeps killing its workers ends failed with E110.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from kombu import Connection
from service_fixtures import unique_text
from sqlalchemy import Engine, func, select, text, update
from store_fixtures import PG_URL, _pg_available

from models.service_tables import Blob, Job
from models.tables import Document, Extraction, File
from service.access import create_key
from service.api.main import create_app
from service.jobs.broker import make_celery, queue_of, send
from service.settings import Settings
from service.store.db import init_db, make_engine, session_factory, session_scope

pytestmark = [pytest.mark.broker, pytest.mark.postgres, pytest.mark.xdist_group("broker")]

REDIS_URL = os.environ.get("VANBAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
AMQP_URL = os.environ.get("VANBAN_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
BROKERS = {"redis": REDIS_URL, "rabbitmq": AMQP_URL}
VANBAN = Path(sys.executable).with_name("vanban")


def _broker_available(url: str) -> str | None:
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as e:  # noqa: BLE001 - any failure means: no broker to test against
        return f"the broker at {url} is unreachable: {type(e).__name__}"
    return None


@dataclass
class Cluster:
    """One API (in this process) and the environment `vanban worker` processes are started with: the
    same database, the same broker, queues of their own (a prefix), a data folder each."""

    tmp: Path
    engine: Engine
    settings: Settings
    env: dict[str, str]
    client: TestClient
    auth: dict[str, str]

    def upload(self, data: bytes, name: str) -> dict[str, Any]:
        r = self.client.post("/api/documents", headers=self.auth, files={"file": (name, data)})
        assert r.status_code == 202, r.text
        return r.json()  # type: ignore[no-any-return]

    def job(self, job_id: int) -> dict[str, Any]:
        return self.client.get(f"/api/jobs/{job_id}", headers=self.auth).json()  # type: ignore[no-any-return]

    def wait(self, job_id: int, until: tuple[str, ...] = ("done", "failed"), timeout: float = 120) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.job(job_id)
            if job["status"] in until:
                return job
            time.sleep(0.1)
        raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")

    @contextmanager
    def worker(self, name: str, *args: str) -> Iterator[subprocess.Popen[bytes]]:
        """A `vanban worker` with its own data folder, ready (it said so) when the block starts;
        stopped as an operator would (SIGTERM) when it ends, unless the test killed it."""
        log = self.tmp / f"{name}.log"
        env = {**self.env, "VANBAN_DATA_DIR": str(self.tmp / name)}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(VANBAN), "worker", "--concurrency", "1", "--hostname", f"{name}@%h", *args],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its extraction children in its process group, for killpg
            )
        try:
            deadline = time.monotonic() + 90
            while b" ready." not in log.read_bytes():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"vanban worker did not start: {log.read_text()[-3000:]}")
                time.sleep(0.2)
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)


@pytest.fixture
def cluster(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Cluster]:
    """Redis, unless the test asks for another broker (`indirect` parametrization: "rabbitmq")."""
    broker_url = BROKERS[getattr(request, "param", "redis")]
    for why in (_pg_available(), _broker_available(broker_url)):
        if why:
            pytest.skip(why)
    schema = f"vanban_broker_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, schema=schema)
    init_db(engine)
    prefix = f"vanban-test-{uuid.uuid4().hex[:8]}-"
    env = {
        **os.environ,
        "VANBAN_DATABASE_URL": PG_URL,
        "VANBAN_DATABASE_SCHEMA": schema,
        "VANBAN_BROKER_URL": broker_url,
        "VANBAN_QUEUE_PREFIX": prefix,
        "VANBAN_BLOB_STORE": "database",
        "VANBAN_STALE_SECONDS": "6",  # a sweep every 3 s
        "VANBAN_HEARTBEAT_SECONDS": "1",
    }
    settings = Settings(
        database_url=PG_URL,
        database_schema=schema,
        data_dir=tmp_path / "api",
        broker_url=broker_url,
        queue_prefix=prefix,
        blob_store="database",
        stale_seconds=6,
    )
    with session_scope(session_factory(engine)) as s:
        key = create_key(s, role="clerk", name="clerk")[1]
    try:
        with TestClient(create_app(settings, engine=engine)) as client:
            yield Cluster(tmp_path, engine, settings, env, client, {"Authorization": f"Bearer {key}"})
    finally:
        with Connection(broker_url) as conn:
            for q in ("text", "ocr"):
                with contextlib.suppress(Exception):  # never declared: nothing to delete
                    conn.default_channel.queue_delete(prefix + q)
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _rows(engine: Engine, sha: str) -> dict[str, int]:
    """How many rows these bytes made: one of each, however often they were read."""
    with session_scope(session_factory(engine)) as s:
        file = s.get(File, sha)
        assert file is not None and file.document_id is not None
        number = s.get(Document, file.document_id).number  # type: ignore[union-attr]
        return {
            "files": s.scalar(select(func.count()).select_from(File).where(File.sha256 == sha)) or 0,
            "blobs": s.scalar(select(func.count()).select_from(Blob).where(Blob.sha256 == sha)) or 0,
            "extractions": s.scalar(select(func.count()).select_from(Extraction).where(Extraction.sha256 == sha)) or 0,
            "documents numbered so": s.scalar(
                select(func.count()).select_from(Document).where(Document.number == number)
            )
            or 0,
        }


ONE_OF_EACH = {"files": 1, "blobs": 1, "extractions": 1, "documents numbered so": 1}


@pytest.mark.parametrize(
    ("kind", "queue"),
    [("text", "text"), ("zip", "text"), ("pdf", "ocr"), ("png", "ocr"), ("jpeg", "ocr"), ("tiff", "ocr")],
)
def test_scans_and_pdfs_go_to_the_ocr_queue_and_texts_to_the_text_queue(kind: str, queue: str) -> None:
    assert queue_of(kind) == queue


@pytest.mark.slow
@pytest.mark.parametrize("cluster", ["redis", "rabbitmq"], indirect=True)
def test_uploads_are_read_by_a_worker_on_another_data_folder_from_the_database_blob_store(cluster: Cluster) -> None:
    uploads = {
        "quangbinh-674-UBND-VX-2017": "674/UBND-VX",
        "vinhlong-684-QD-UBND-2013": "684/QĐ-UBND",
    }
    with cluster.worker("worker-a"):
        health = cluster.client.get("/api/health").json()["queue"]
        assert health["transport"] == "celery" and health["workers"] == 1, health
        jobs = {stem: cluster.upload(unique_text(stem), f"{stem}.txt")["job"] for stem in uploads}
        for stem, job in jobs.items():
            done = cluster.wait(job["id"])
            assert done["status"] == "done" and done["attempts"] == 1, done
            doc = cluster.client.get(f"/api/documents/{done['result_document_id']}", headers=cluster.auth).json()
            assert doc["document"]["number"] == uploads[stem]
        # the worker's data folder never received an upload: it read each original from the database
        assert not (cluster.tmp / "worker-a" / "blobs").exists()
        assert len(list((cluster.tmp / "worker-a" / "cache" / "blobs").rglob("*"))) >= len(uploads)
        with session_scope(session_factory(cluster.engine)) as s:
            for job in jobs.values():
                row = s.get(Job, job["id"])
                assert row is not None and _rows(cluster.engine, row.sha256) == ONE_OF_EACH


@pytest.mark.slow
def test_a_worker_killed_mid_document_loses_no_job_and_stores_nothing_twice(cluster: Cluster) -> None:
    big = unique_text("hochiminh-3210-QD-UBND-2014") * 25  # takes the extractor a few seconds
    job = cluster.upload(big, "big.txt")["job"]
    with cluster.worker("worker-a") as first:
        cluster.wait(job["id"], until=("running",), timeout=60)
        time.sleep(1.0)  # well into the document
        os.killpg(first.pid, signal.SIGKILL)  # no goodbye: the job stays "running", the message unacknowledged
        first.wait(10)
    assert cluster.job(job["id"])["status"] == "running"
    with cluster.worker("worker-b"):
        done = cluster.wait(job["id"])
        assert done["status"] == "done" and done["attempts"] == 2, done
        # the broker gives the killed worker's message again (after its visibility timeout): simulated
        # now; that delivery finds the job done and reads nothing
        send(make_celery(cluster.settings), cluster.settings, job["id"], "text")
        time.sleep(3)
        again = cluster.job(job["id"])
        assert again["attempts"] == 2 and again["finished_at"] == done["finished_at"]
    with session_scope(session_factory(cluster.engine)) as s:
        row = s.get(Job, job["id"])
        assert row is not None
        assert _rows(cluster.engine, row.sha256) == ONE_OF_EACH


@pytest.mark.slow
def test_a_worker_told_to_stop_gives_its_document_back(cluster: Cluster) -> None:
    big = unique_text("kbang-1132-UBND-VX-2021") * 25
    job = cluster.upload(big, "big.txt")["job"]
    with cluster.worker("worker-a") as first:
        cluster.wait(job["id"], until=("running",), timeout=60)
        first.send_signal(signal.SIGTERM)
        first.wait(60)
    back = cluster.job(job["id"])
    assert back["status"] == "queued" and back["attempts"] == 0, back  # not the document's fault
    with cluster.worker("worker-b"):
        done = cluster.wait(job["id"])
        assert done["status"] == "done" and done["attempts"] == 1, done


@pytest.mark.slow
def test_a_document_that_keeps_killing_its_workers_is_failed_with_E110(cluster: Cluster) -> None:
    job = cluster.upload(unique_text("quangninh-1977-SGDDT-CNTX-2011"), "poison.txt")["job"]
    with session_scope(session_factory(cluster.engine)) as s:
        # what three deaths leave: running, claimed three times, its last worker gone
        s.execute(
            update(Job)
            .where(Job.id == job["id"])
            .values(status="running", attempts=3, worker="another-host:1:w0", heartbeat_at=None)
        )
    with cluster.worker("worker-a"):
        failed = cluster.wait(job["id"], timeout=60)
    assert failed["status"] == "failed" and failed["error"]["code"] == "E110", failed
    assert "3" in failed["error"]["message"] and failed["error"]["message_vi"]


@pytest.mark.slow
def test_ingest_queue_sends_a_folder_to_the_workers_and_a_second_run_skips_it(cluster: Cluster) -> None:
    folder = cluster.tmp / "folder"
    folder.mkdir()
    stems = ["quangbinh-674-UBND-VX-2017", "vinhlong-684-QD-UBND-2013", "kbang-1132-UBND-VX-2021"]
    for stem in stems:
        (folder / f"{stem}.txt").write_bytes(unique_text(stem))
    (folder / "trong.txt").write_bytes(b"")  # refused before queueing: named, not queued

    def ingest() -> tuple[int, dict[str, Any]]:
        env = {**cluster.env, "VANBAN_DATA_DIR": str(cluster.tmp / "cli")}
        out = subprocess.run(
            [str(VANBAN), "ingest", str(folder), "--queue", "--format", "json"],
            env=env,
            capture_output=True,
            timeout=180,
        )
        return out.returncode, json.loads(out.stdout)

    with cluster.worker("worker-a"):
        code, first = ingest()
        assert first | {"errors": len(first["errors"])} == {
            "files": 4, "queued": 3, "skipped": 0, "done": 3, "failed": 0, "errors": 1,
        }  # fmt: skip
        assert code == 1 and "trong.txt" in first["errors"][0]
        code, again = ingest()
        assert (again["queued"], again["skipped"], again["done"]) == (0, 3, 0)
    with session_scope(session_factory(cluster.engine)) as s:
        assert s.scalar(select(func.count()).select_from(Job)) == 3
        assert s.scalar(select(func.count()).select_from(Extraction)) == 3


def test_a_job_whose_message_the_broker_lost_is_sent_again(cluster: Cluster) -> None:
    # Redis restarted without persistence: the upload's job waits in the table, its message is gone
    job = cluster.upload(unique_text("vinhlong-684-QD-UBND-2013"), "lost-message.txt")["job"]
    with Connection(cluster.settings.broker_url) as conn:
        conn.default_channel.queue_purge(cluster.settings.queue_prefix + "text")
    with session_scope(session_factory(cluster.engine)) as s:
        s.execute(update(Job).where(Job.id == job["id"]).values(created_at=datetime.now(UTC) - timedelta(minutes=5)))
    with cluster.worker("worker-a"):
        # the worker's sweep (every 3 s here) finds the text queue empty and the job waiting: sends it again
        done = cluster.wait(job["id"], timeout=60)
    assert done["status"] == "done" and done["attempts"] == 1, done

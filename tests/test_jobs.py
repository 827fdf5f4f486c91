"""The job queue survives restarts: a job accepted is finished or reported failed, never lost.
On SQLite and PostgreSQL, with the real app and worker; and once with a real server killed mid-job."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from live_server import live_server
from service_fixtures import unique_text
from sqlalchemy import update
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from models.service_tables import Job
from service.access import create_key
from service.api.main import create_app
from service.settings import Settings


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _wait(client: TestClient, headers: dict, job_id: int, timeout: float = 60) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(job)


def test_jobs_left_queued_or_running_by_a_stopped_server_are_finished_by_the_next(store: Store) -> None:
    settings = Settings(data_dir=store.data_dir, workers=0, stale_seconds=5)
    with store.session() as s:
        key = create_key(s, role="admin", name="admin")[1]
    auth = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(settings, engine=store.engine)) as client:  # a server without a worker
        ids = [
            client.post("/api/documents", headers=auth, files={"file": (f"{stem}.txt", unique_text(stem))}).json()[
                "job"
            ]["id"]
            for stem in (
                "quangbinh-674-UBND-VX-2017",
                "vinhlong-684-QD-UBND-2013",
                "kbang-1132-UBND-VX-2021",
                "quangninh-1977-SGDDT-CNTX-2011",
            )
        ]
    queued, crashed_here, silent_elsewhere, poison = ids
    long_ago = datetime.now(UTC) - timedelta(minutes=10)
    with store.session() as s:
        # a worker of this host whose process is gone (the server was killed): requeued at once
        s.execute(
            update(Job)
            .where(Job.id == crashed_here)
            .values(
                status="running",
                attempts=1,
                worker=f"{socket.gethostname()}:{_dead_pid()}:w0",
                heartbeat_at=datetime.now(UTC),
            )
        )
        # a worker elsewhere that stopped beating: requeued once its heartbeat is stale
        s.execute(
            update(Job)
            .where(Job.id == silent_elsewhere)
            .values(status="running", attempts=1, worker="another-host:1:w0", heartbeat_at=long_ago)
        )
        # a document that took its worker down three times: given up, with the reason
        s.execute(update(Job).where(Job.id == poison).values(attempts=3))

    restarted = create_app(
        Settings(data_dir=store.data_dir, workers=1, poll_seconds=0.2, stale_seconds=5), engine=store.engine
    )
    with TestClient(restarted) as client:
        for job_id in (queued, crashed_here, silent_elsewhere):
            job = _wait(client, auth, job_id)
            assert job["status"] == "done" and job["result_document_id"], job
        failed = _wait(client, auth, poison)
        assert failed["status"] == "failed" and failed["error"]["code"] == "E110"
        assert "3" in failed["error"]["message"] and failed["error"]["message_vi"]
        assert client.get("/api/health").json()["jobs"]["running"] == 0


@pytest.mark.slow
def test_a_server_killed_while_reading_finishes_the_job_after_it_restarts(tmp_path: Path) -> None:
    big = unique_text("hochiminh-3210-QD-UBND-2014") * 25  # takes the extractor a few seconds
    with live_server(tmp_path) as server:
        key = server.key("clerk")
        auth = {"Authorization": f"Bearer {key}"}
        job = httpx.post(f"{server.url}/api/documents", headers=auth, files={"file": ("big.txt", big)}).json()["job"]
        for _ in range(100):
            if httpx.get(f"{server.url}/api/jobs/{job['id']}", headers=auth).json()["status"] == "running":
                break
            time.sleep(0.05)
        children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
        os.killpg(server.process.pid, signal.SIGKILL)  # no goodbye: the job stays "running" in the database
        server.process.wait(10)
        time.sleep(0.5)
        assert not any(
            Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
            for pid in children
        )  # the extraction process died with the server
    with live_server(tmp_path) as again:
        for _ in range(600):
            done = httpx.get(f"{again.url}/api/jobs/{job['id']}", headers=auth).json()
            if done["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert done["status"] == "done" and done["attempts"] == 2
        doc = httpx.get(f"{again.url}/api/documents/{done['document_id']}", headers=auth).json()
        assert doc["document"]["number"] == "3210/QĐ-UBND"


def test_an_upload_the_broker_cannot_take_is_failed_at_once_and_can_be_sent_again(store: Store) -> None:
    nobody = Settings(data_dir=store.data_dir, broker_url="redis://127.0.0.1:1/0")  # no broker listens there
    with store.session() as s:
        key = create_key(s, role="clerk", name="clerk")[1]
    auth = {"Authorization": f"Bearer {key}"}
    data = unique_text("quangbinh-674-UBND-VX-2017")
    with TestClient(create_app(nobody, engine=store.engine)) as client:
        refused = client.post("/api/documents", headers=auth, files={"file": ("cv.txt", data)})
        assert refused.status_code == 503 and refused.json()["code"] == "E503", refused.text
        assert refused.json()["message_vi"]
        (job,) = client.get("/api/jobs", headers=auth).json()["data"]
        assert job["status"] == "failed" and job["error"]["code"] == "E503"  # not queued for ever
        health = client.get("/api/health").json()["queue"]
        assert health["transport"] == "celery" and health["workers"] == 0 and health["error"]
    embedded = Settings(data_dir=store.data_dir, workers=1, poll_seconds=0.2)
    with TestClient(create_app(embedded, engine=store.engine)) as client:
        again = client.post("/api/documents", headers=auth, files={"file": ("cv.txt", data)})
        assert again.status_code == 202  # the same bytes again: a retry, read this time
        assert _wait(client, auth, again.json()["job"]["id"])["status"] == "done"


def test_waiting_jobs_of_an_empty_queue_are_sent_again_once_by_one_of_the_sweeping_workers(store: Store) -> None:
    from service.jobs.queue import resend_orphans

    old = datetime.now(UTC) - timedelta(minutes=10)
    with store.session() as s:
        jobs = [
            Job(status="queued", sha256="a" * 64, filename="lost.txt", size=1, kind="text", created_at=old),
            Job(
                status="queued", sha256="b" * 64, filename="new.txt", size=1, kind="text"
            ),  # its message may be on its way
            Job(status="queued", sha256="c" * 64, filename="scan.pdf", size=1, kind="pdf", created_at=old),
            Job(status="done", sha256="d" * 64, filename="done.txt", size=1, kind="text", created_at=old),
        ]
        s.add_all(jobs)
        s.flush()
        lost = jobs[0].id
    text_queue_empty = lambda kind: kind in ("text", "zip")  # noqa: E731 - the ocr queue still holds messages
    # two workers sweep at once: one of them sends the lost job, the other nothing
    assert resend_orphans(store.factory, text_queue_empty, stale_seconds=60) == [(lost, "text")]
    assert resend_orphans(store.factory, text_queue_empty, stale_seconds=60) == []

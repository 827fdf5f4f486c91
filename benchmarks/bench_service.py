"""Load benchmark of the running service: concurrent queries, then concurrent uploads and queries.

    .venv/bin/python benchmarks/bench_service.py                   # starts its own server on the corpus
    .venv/bin/python benchmarks/bench_service.py --url http://127.0.0.1:8000 --key ADMIN_KEY

Without --url it starts `vanban serve` on a free port of 127.0.0.1 over a temporary SQLite store holding
the sample corpus (`vanban serve` as run.sh starts it: one server process per core, one of them
reading uploads in a child process). Then:

1. queries: `--clients` threads (default 10) call lineage, duties, gaps, search, document list and
   document record in turn for `--seconds`;
2. mixed: `--uploaders` of those threads upload corpus documents made unique (a line appended, so
   every upload is a new job) while the others go on querying; then every accepted job is waited for.

Reported per phase and kind: requests, errors, throughput, p50/p95/p99 latency; and for the jobs:
accepted, done, failed, lost (not finished within --job-timeout). Goal (issue 4): no errors, no lost
jobs, query p95 under 100 ms with 10 clients on a 2-core machine. Results also go to
benchmarks/results/service-<time>.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "documents"
VANBAN = Path(sys.executable).with_name("vanban")

QUERIES: list[tuple[str, str, dict[str, str | int]]] = [  # (kind, path, params)
    ("lineage", "/api/lineage", {"number": "22/2013/QĐ-TTg"}),
    ("lineage", "/api/lineage", {"number": "89/QĐ-TTg"}),
    ("duties", "/api/duties", {"agency": "Sở Giáo dục và Đào tạo"}),
    ("duties", "/api/duties", {"jurisdiction": "Quảng Bình", "sort": "deadline"}),
    ("gaps", "/api/gaps", {"number": "89/QĐ-TTg"}),
    ("gaps", "/api/gaps", {"number": "22/2013/QĐ-TTg", "jurisdiction": "Hồ Chí Minh"}),
    ("search", "/api/search", {"q": "xã hội học tập"}),
    ("documents", "/api/documents", {"limit": 20, "sort": "-issued_date"}),
    ("record", "/api/documents/{doc}", {}),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def own_server(tmp: Path, processes: int | None) -> Iterator[tuple[str, str]]:
    env = {
        **os.environ,
        "VANBAN_DATABASE_URL": f"sqlite:///{tmp / 'vanban.db'}",
        "VANBAN_DATA_DIR": str(tmp / "var"),
    }
    subprocess.run([str(VANBAN), "ingest", str(CORPUS)], env=env, check=True, capture_output=True)
    key = subprocess.run(
        [str(VANBAN), "keys", "create", "--role", "admin", "--name", "benchmark"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = _free_port()
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(VANBAN), "serve", "--port", str(port), *(["--processes", str(processes)] if processes else [])],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url, key
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@contextmanager
def given_server(url: str, key: str) -> Iterator[tuple[str, str]]:
    yield url, key


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def _query_loop(url: str, key: str, doc_ids: list[int], stop: float, rec: Recorder, offset: int) -> None:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        i = offset
        while time.monotonic() < stop:
            kind, path, params = QUERIES[i % len(QUERIES)]
            path = path.format(doc=doc_ids[i % len(doc_ids)])
            i += 1
            t = time.perf_counter()
            try:
                r = client.get(path, params=params)
                error = None if r.status_code == 200 else f"{r.status_code} {path}"
            except httpx.HTTPError as e:
                error = f"{type(e).__name__} {path}"
            rec.add(kind, time.perf_counter() - t, error)


def _upload_loop(url: str, key: str, stop: float, rec: Recorder, jobs: list[int]) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:
        i = 0
        while time.monotonic() < stop:
            f = files[i % len(files)]
            i += 1
            data = f.read_bytes() + f"\nMã lưu trữ: {uuid.uuid4().hex}\n".encode()
            t = time.perf_counter()
            try:
                r = client.post("/api/documents", files={"file": (f.name, data)})
                error = None if r.status_code == 202 else f"{r.status_code} upload"
                if r.status_code == 202:
                    with rec.lock:
                        jobs.append(r.json()["job"]["id"])
            except httpx.HTTPError as e:
                error = f"{type(e).__name__} upload"
            rec.add("upload", time.perf_counter() - t, error)
            time.sleep(0.2)  # a clerk's pace, roughly: uploads queue faster than one worker reads them


def run_phase(
    url: str,
    key: str,
    doc_ids: list[int],
    clients: int,
    uploaders: int,
    seconds: float,
) -> tuple[Recorder, list[int], float]:
    rec, jobs = Recorder(), list[int]()
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_upload_loop, args=(url, key, stop, rec, jobs)) for _ in range(uploaders)]
    threads += [
        threading.Thread(target=_query_loop, args=(url, key, doc_ids, stop, rec, n * 3))
        for n in range(clients - uploaders)
    ]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return rec, jobs, time.monotonic() - start


def wait_jobs(url: str, key: str, jobs: list[int], timeout: float) -> dict[str, float]:
    end = time.monotonic() + timeout
    status: dict[int, str] = {}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        while time.monotonic() < end:
            for j in jobs:
                if status.get(j) not in ("done", "failed"):
                    status[j] = client.get(f"/api/jobs/{j}").json()["status"]
            if all(s in ("done", "failed") for s in status.values()):
                break
            time.sleep(0.5)
    done = sum(1 for s in status.values() if s == "done")
    failed = sum(1 for s in status.values() if s == "failed")
    return {"accepted": len(jobs), "done": done, "failed": failed, "lost": len(jobs) - done - failed}


def table(name: str, rec: Recorder, elapsed: float) -> list[dict[str, Any]]:
    rows = []
    query_times = [t for k, ts in rec.times.items() if k != "upload" for t in ts]
    groups = sorted(rec.times.items()) + ([("all queries", query_times)] if query_times else [])
    for kind, times in groups:
        errors = sum(len(v) for k, v in rec.errors.items() if k == kind or (kind == "all queries" and k != "upload"))
        rows.append(
            {
                "phase": name,
                "kind": kind,
                "requests": len(times),
                "errors": errors,
                "per_s": len(times) / elapsed,
                "p50_ms": _pct(times, 50),
                "p95_ms": _pct(times, 95),
                "p99_ms": _pct(times, 99),
                "mean_ms": statistics.fmean(times) * 1000,
            }
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url")
    ap.add_argument("--key", help="an admin (or analyst + clerk) key of the server at --url")
    ap.add_argument("--processes", type=int, help="`vanban serve --processes` of its own server (default: its own)")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--uploaders", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--job-timeout", type=float, default=300)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        ctx = given_server(args.url, args.key) if args.url else own_server(Path(tmp), args.processes)
        with ctx as (url, key):
            h = {"Authorization": f"Bearer {key}"}
            doc_ids = [
                d["id"] for d in httpx.get(f"{url}/api/documents", params={"limit": 50}, headers=h).json()["data"]
            ]
            for _, path, params in QUERIES:  # warm caches (lexicons, TF-IDF vocabularies)
                httpx.get(url + path.format(doc=doc_ids[0]), params=params, headers=h, timeout=60)
            rows: list[dict[str, Any]] = []
            rec, _, elapsed = run_phase(url, key, doc_ids, args.clients, 0, args.seconds)
            rows += table(f"queries ({args.clients} clients)", rec, elapsed)
            errors = {f"queries {k}": v[:5] for k, v in rec.errors.items() if v}
            rec, jobs, elapsed = run_phase(url, key, doc_ids, args.clients, args.uploaders, args.seconds)
            mixed = f"mixed ({args.clients - args.uploaders} query + {args.uploaders} upload clients)"
            rows += table(mixed, rec, elapsed)
            t = time.monotonic()
            outcome = wait_jobs(url, key, jobs, args.job_timeout)
            outcome["drain_seconds"] = round(time.monotonic() - t, 1)
            errors.update({f"mixed {k}": v[:5] for k, v in rec.errors.items() if v})

    print(f"{'phase':<44} {'kind':<12} {'req':>6} {'err':>4} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for r in rows:
        print(
            f"{r['phase']:<44} {r['kind']:<12} {r['requests']:>6} {r['errors']:>4} {r['per_s']:>7.1f} "
            f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f}"
        )
    print(f"jobs: {outcome}")
    if errors:
        print(f"errors (first of each kind): {errors}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    result = out / f"service-{time.strftime('%Y%m%d-%H%M%S')}.json"
    result.write_text(json.dumps({"rows": rows, "jobs": outcome, "errors": errors, "cpus": os.cpu_count()}, indent=2))
    print(f"written {result.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

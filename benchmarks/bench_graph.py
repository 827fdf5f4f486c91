"""Benchmark the corpus store and graph queries on a synthetic national-scale corpus (run on demand).

    python benchmarks/bench_graph.py --docs 100000 --backend sqlite postgresql

The corpus is generated as extraction results directly (no extractor): 1 national root decision with
duties for the provinces and targets; ministry guidance implementing it; the 34 provinces of 2025, each
with a plan implementing the root (some targets lowered or postponed, some duties dropped) and other
provincial letters; the ~700 legacy districts (each under its 2025 province), each with a district
plan implementing its province's plan and many letters implementing or citing the district plan, the
provincial plan or national documents that are not in the corpus (placeholders). Documents go in
through service.store.repository.store_result, the path the CLI and API use, committed in batches.

Reports: ingest rate, database size, and p50/p95 latency of lineage (random documents), duties (random
agency + province, first page of 100) and gaps (a provincial plan for one of its districts; the root for
one province). Results are printed and written to benchmarks/results/ (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from graph.duties import DutyFilter  # noqa: E402
from graph.gaps import gap_report  # noqa: E402
from graph.lineage import lineage  # noqa: E402
from graph.units import _current_provinces, districts_at, legacy_members  # noqa: E402
from models.record import (  # noqa: E402
    DocumentHeader,
    ExtractionRecord,
    ExtractionResult,
    IntakeInfo,
    Reference,
    Target,
    Task,
)
from service.store.db import init_db, make_engine, session_factory  # noqa: E402
from service.store.queries.graph import duties  # noqa: E402
from service.store.repository import find_documents, store_result  # noqa: E402

PG_URL = os.environ.get("VANBAN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FIELDS = [
    "Giáo dục và Đào tạo",
    "Tài chính",
    "Xây dựng",
    "Y tế",
    "Lao động - Thương binh và Xã hội",
    "Kế hoạch và Đầu tư",
    "Nội vụ",
    "Văn hóa, Thể thao và Du lịch",
    "Thông tin và Truyền thông",
    "Nông nghiệp và Phát triển nông thôn",
    "Tài nguyên và Môi trường",
    "Giao thông vận tải",
]
ACTIONS = [
    "Tổ chức triển khai thực hiện",
    "Rà soát, lập danh sách",
    "Bố trí kinh phí cho",
    "Hướng dẫn, kiểm tra, đôn đốc việc thực hiện",
    "Tuyên truyền, phổ biến nội dung",
    "Tổng hợp, báo cáo kết quả thực hiện",
    "Xây dựng kế hoạch",
    "Thanh tra, kiểm tra, xử lý vi phạm trong",
]
TOPICS = [
    "chính sách hỗ trợ người có công với cách mạng về nhà ở",
    "chương trình xây dựng xã hội học tập",
    "đề án phát triển giáo dục nghề nghiệp",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "kế hoạch chuyển đổi số",
    "chương trình phòng, chống dịch bệnh",
    "đề án xóa mù chữ",
    "kế hoạch cải cách hành chính",
]
TARGETS = [
    ("hộ gia đình người có công được hỗ trợ nhà ở", "%"),
    ("xã đạt chuẩn nông thôn mới", "%"),
    ("người trong độ tuổi từ 15 - 60 biết chữ", "%"),
    ("trung tâm học tập cộng đồng hoạt động hiệu quả", "%"),
    ("lao động qua đào tạo nghề", "%"),
    ("thủ tục hành chính được giải quyết trực tuyến", "%"),
]
INTAKE = IntakeInfo(kind="text", media_type="text/plain")


def _result(
    number: str | None,
    doc_type: str,
    issuer: str,
    level: str,
    province: str | None,
    district: str | None,
    date: str,
    refs: list[Reference],
    tasks: list[Task],
    targets: list[Target],
    subject: str,
) -> ExtractionResult:
    record = ExtractionRecord(
        source=f"synthetic/{uuid.uuid4().hex}.txt",
        document=DocumentHeader(
            doc_type=doc_type,
            number=number,
            issuer=issuer,
            level=level,  # type: ignore[arg-type]
            province=province,
            district=district,
            issued_date=date,
            subject=subject,
        ),
        references=refs,
        tasks=tasks,
        targets=targets,
    )
    return ExtractionResult(record=record, text=subject, spans=[], intake=INTAKE, extractor_version="bench")


def _tasks(rng: random.Random, leads: list[str], n: int, topic: str, year: int) -> list[Task]:
    out = []
    for i in range(n):
        lead = rng.choice(leads)
        support = [rng.choice(leads)] if rng.random() < 0.4 else []
        deadline = rng.choice(
            [None, f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", str(year + 1), "hàng năm"]
        )
        out.append(
            Task(
                label=f"{i + 1}",
                text=f"{lead} {rng.choice(ACTIONS).lower()} {topic}.",
                lead=[lead],
                support=[s for s in support if s != lead],
                deadline=deadline,
            )
        )
    return out


def _targets(rng: random.Random, n: int, year: int, weaken: bool) -> list[Target]:
    out = []
    for i, (subject, unit) in enumerate(rng.sample(TARGETS, n)):
        value = rng.choice([80, 90, 95, 98, 100])
        y = year
        if weaken and rng.random() < 0.3:
            value -= 5
        if weaken and rng.random() < 0.2:
            y += 2
        out.append(
            Target(
                label=f"II.{i + 1}",
                text=f"{value}{unit} {subject}",
                value=value,
                unit=unit,
                subject=subject,
                year=y,
            )
        )
    return out


def generate(n_docs: int, seed: int = 7) -> Iterator[ExtractionResult]:
    """Yield ExtractionResults, upstream documents first (as they would arrive, mostly)."""
    rng = random.Random(seed)
    root_ref = Reference(
        doc_type="Quyết định",
        number="1/2024/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
        issued_date="2024-01-15",
        relation="implements",
    )
    national = [
        Reference(
            doc_type="Nghị định",
            number=f"{k}/2023/NĐ-CP",
            issuer="Chính phủ",
            issued_date="2023-06-01",
            relation="based_on",
        )
        for k in range(1, 40)
    ]
    root_topic = TOPICS[0]
    yield _result(
        "1/2024/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        "national",
        None,
        None,
        "2024-01-15",
        national[:3],
        _tasks(
            rng,
            [
                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                "Ủy ban nhân dân cấp huyện",
                "Ủy ban nhân dân cấp xã",
                "Bộ Xây dựng",
                "Bộ Tài chính",
            ],
            20,
            root_topic,
            2024,
        ),
        _targets(rng, 5, 2025, False),
        "Phê duyệt " + root_topic,
    )
    count = 1
    for k in range(20):
        yield _result(
            f"{k + 1}/2024/TT-B{['TC', 'XD', 'KHĐT', 'GDĐT'][k % 4]}",
            "Thông tư",
            ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Kế hoạch và Đầu tư", "Bộ Giáo dục và Đào tạo"][k % 4],
            "ministry",
            None,
            None,
            "2024-03-01",
            [root_ref],
            [],
            [],
            f"Hướng dẫn thực hiện {root_topic}",
        )
        count += 1
    provinces = [u.name for u in _current_provinces()]
    districts = {p: [(p, d.name) for m in legacy_members(p) for d in districts_at(m, "2024-01-01")] for p in provinces}
    n_districts = sum(len(v) for v in districts.values())
    per_district = max(2, (n_docs - count - len(provinces) * 10) // max(1, n_districts))
    for p in provinces:
        issuer = f"Ủy ban nhân dân tỉnh {p}"
        sos = [f"Sở {f}" for f in FIELDS]
        plan = Reference(
            doc_type="Kế hoạch",
            number="1/KH-UBND",
            issuer=issuer,
            issued_date="2024-03-15",
            relation="implements",
        )
        yield _result(
            "1/KH-UBND",
            "Kế hoạch",
            issuer,
            "province",
            p,
            None,
            "2024-03-15",
            [root_ref, rng.choice(national)],
            _tasks(rng, sos + ["Ủy ban nhân dân các huyện, thị xã, thành phố"], 18, root_topic, 2024),
            _targets(rng, 5, 2025, True),
            f"Kế hoạch thực hiện {root_topic}",
        )
        count += 1
        for k in range(2, 11):
            yield _result(
                f"{k}/UBND-VX",
                "Công văn",
                issuer,
                "province",
                p,
                None,
                f"2024-0{rng.randint(4, 9)}-10",
                [plan, rng.choice(national)],
                _tasks(rng, sos, rng.randint(2, 6), rng.choice(TOPICS), 2024),
                [],
                f"V/v triển khai {rng.choice(TOPICS)}",
            )
            count += 1
        for _prov, d in districts[p]:
            dissuer = f"Ủy ban nhân dân huyện {d}"
            phongs = [f"Phòng {f}" for f in FIELDS[:6]] + ["Ủy ban nhân dân các xã, thị trấn"]
            dplan = Reference(
                doc_type="Kế hoạch",
                number="1/KH-UBND",
                issuer=dissuer,
                issued_date="2024-04-20",
                relation="implements",
            )
            yield _result(
                "1/KH-UBND",
                "Kế hoạch",
                dissuer,
                "district",
                p,
                d,
                "2024-04-20",
                [plan],
                _tasks(rng, phongs, 12, root_topic, 2024),
                _targets(rng, 4, 2025, True),
                f"Kế hoạch thực hiện {root_topic} trên địa bàn huyện",
            )
            count += 1
            for k in range(2, per_district + 1):
                if count >= n_docs:
                    return
                refs = [dplan] if rng.random() < 0.7 else [plan]
                if rng.random() < 0.3:
                    refs.append(
                        Reference(
                            doc_type="Nghị định",
                            number=rng.choice(national).number,
                            issuer="Chính phủ",
                            relation="cites",
                        )
                    )
                yield _result(
                    f"{k}/UBND-VX",
                    "Công văn",
                    dissuer,
                    "district",
                    p,
                    d,
                    f"2024-{rng.randint(5, 12):02d}-{rng.randint(1, 28):02d}",
                    refs,
                    _tasks(rng, phongs, rng.randint(2, 6), rng.choice(TOPICS), 2024),
                    [],
                    f"V/v {rng.choice(TOPICS)}",
                )
                count += 1


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def _timed(fn: Callable[[int], object], n: int) -> dict[str, float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    return {
        "n": n,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(_pct(times, 95), 2),
        "max_ms": round(max(times), 2),
    }


def run(backend: str, n_docs: int, batch: int, queries: int, existing: str | None = None, keep: bool = False) -> dict:
    """Generate and ingest (unless `existing` names a database already made, "URL" or "URL#schema"),
    then time the queries."""
    tmp = Path(tempfile.mkdtemp(prefix=f"vanban-bench-{backend}-"))
    schema = None
    admin = make_engine(PG_URL) if backend == "postgresql" else None
    if existing:
        url, _, schema_name = existing.partition("#")
        schema = schema_name or None
        engine = make_engine(url, schema=schema)
        if url.startswith("sqlite"):
            tmp = Path(url.split("///", 1)[1]).parent
    elif backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp / 'bench.db'}")
    else:
        schema = f"vanban_bench_{uuid.uuid4().hex[:8]}"
        assert admin is not None
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(PG_URL, schema=schema)
        print(f"  postgresql schema {schema}", file=sys.stderr)
    init_db(engine)
    factory = session_factory(engine)
    t0 = time.perf_counter()
    n = 0
    session = factory()
    for result in [] if existing else generate(n_docs):
        store_result(session, result, result.record.source.encode() + result.text.encode(), data_dir=tmp / "var")
        n += 1
        if n % batch == 0:
            session.commit()
            session.close()
            session = factory()
            if n % (batch * 20) == 0:
                print(f"  {backend}: {n} documents, {n / (time.perf_counter() - t0):.0f}/s", file=sys.stderr)
    session.commit()
    session.close()
    ingest_s = max(time.perf_counter() - t0, 1e-9)
    with engine.begin() as c:
        if backend == "sqlite":
            c.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            c.execute(text("ANALYZE"))
            size = sum(f.stat().st_size for f in tmp.glob("*.db*"))
        else:
            c.execute(text("ANALYZE"))
            size = c.scalar(
                text(
                    "SELECT sum(pg_total_relation_size(quote_ident(schemaname) || '.' || "
                    "quote_ident(tablename))) FROM pg_tables WHERE schemaname = :s"
                ),
                {"s": schema},
            )
        held = c.scalar(text("SELECT count(*) FROM documents WHERE in_corpus"))
        nodes = c.scalar(text("SELECT count(*) FROM documents"))
        edges = c.scalar(text("SELECT count(*) FROM citations"))
        ntasks = c.scalar(text("SELECT count(*) FROM tasks"))
        sample = [
            (r[0], r[1], r[2])
            for r in c.execute(
                text(
                    "SELECT number, issuer, province FROM documents WHERE in_corpus AND level = 'district' ORDER BY id"
                )
            )
        ]
    rng = random.Random(1)
    provinces = [u.name for u in _current_provinces()]
    agencies = [f"Sở {f}" for f in FIELDS] + [f"Phòng {f}" for f in FIELDS[:6]]
    session = factory()
    numbers = [rng.choice(sample) for _ in range(queries)]

    def q_lineage(i: int) -> None:
        # as `vanban lineage NUMBER --issuer ISSUER` does: the number is shared by hundreds of districts
        number, issuer, province = numbers[i]
        (doc,) = [d for d in find_documents(session, number, issuer) if d.province == province]
        lineage(session, doc)

    def q_duties(i: int) -> None:
        duties(session, DutyFilter(agency=rng.choice(agencies), jurisdiction=rng.choice(provinces), limit=100))

    plans = [d for d in find_documents(session, "1/KH-UBND") if d.level == "province"]
    gaps_plans = [rng.choice(plans) for _ in range(max(5, queries // 10))]

    def q_gaps_province(i: int) -> None:
        plan = gaps_plans[i]
        units = districts_at(plan.province, plan.issued_date) if plan.province else []
        gap_report(session, plan, units[i % len(units)].name if units else None)

    (root,) = find_documents(session, "1/2024/QĐ-TTg")

    def q_gaps_root(i: int) -> None:
        gap_report(session, root, provinces[i % len(provinces)])

    figures = {
        "backend": backend,
        "documents_generated": n,
        "held_documents": held,
        "nodes": nodes,
        "citations": edges,
        "tasks": ntasks,
        "ingest_seconds": round(ingest_s, 1),
        "ingest_docs_per_s": round(n / ingest_s, 1),
        "database_mb": round(float(size) / 1e6, 1),
        "lineage": _timed(q_lineage, queries),
        "duties": _timed(q_duties, queries),
        "gaps_province_plan_one_district": _timed(q_gaps_province, len(gaps_plans)),
        "gaps_root_one_province": _timed(q_gaps_root, 5),
    }
    t = time.perf_counter()
    lineage(session, root)
    figures["lineage_root_all_downstream_ms"] = round((time.perf_counter() - t) * 1000, 1)
    session.close()
    engine.dispose()
    if schema and admin is not None and not keep and not existing:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--backend", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    ap.add_argument("--batch", type=int, default=500, help="documents per transaction while ingesting")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--existing", help="time the queries on a database made by an earlier run: URL or URL#schema")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema for --existing")
    args = ap.parse_args()
    results = []
    for backend in args.backend:
        figures = run(backend, args.docs, args.batch, args.queries, args.existing, args.keep)
        print(json.dumps(figures, ensure_ascii=False))
        results.append(figures)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"graph-{args.docs}-{int(time.time())}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

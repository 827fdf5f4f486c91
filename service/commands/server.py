"""CLI commands of the service: `vanban serve` and `vanban keys create|list|revoke`."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console

from service import audit, labels_vi
from service.access import create_key, revoke
from service.cli_vi import VietnameseCommand, sub_app
from service.commands.output import WideOpt, err, open_store, table
from service.errors import Invalid, NotFound
from service.settings import Settings
from service.store.db import init_db, make_engine, session_factory, session_scope
from service.store.queries.keys import list_keys, live_count


def serve(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng lắng nghe.")] = 8000,
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes",
            min=1,
            max=32,
            help="Số tiến trình máy chủ (mặc định: mỗi lõi một, tối đa 4; một tiến trình đọc tệp tải lên).",
        ),
    ] = None,
) -> None:
    """Serve the web UI and the API (docs at /docs), with the extraction worker in the same process (with
    VANBAN_BROKER_URL set, uploads go to the broker and `vanban worker` processes read them instead).
    The database is VANBAN_DATABASE_URL (default sqlite:///./vanban.db); uploads go under VANBAN_DATA_DIR."""
    # Only this command needs the web app (FastAPI, uvicorn, routes, templates): importing it adds 0.5 s
    # to the CLI's 1.2 s (sums of `python -X importtime -c "import service.cli, uvicorn,
    # service.api.main"`, best of 5), which every other command and `vanban --help` would pay.
    import uvicorn

    from service.api.main import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl" at every start
    settings = Settings()
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    init_db(engine)  # once, here: several processes migrating one database at once would collide
    with session_scope(session_factory(engine)) as session:
        if not live_count(session):
            err(
                "chưa có khóa truy cập nào: tạo một khóa bằng `vanban keys create --role admin` "
                "để đăng nhập giao diện web"
            )
    engine.dispose()
    processes = processes or settings.server_processes()
    options = dict(host=host, port=port, log_level="info", proxy_headers=False, timeout_graceful_shutdown=20)
    if processes == 1:
        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
    else:
        # each process builds its own app (and engine) from the environment
        uvicorn.run("service.api.main:create_app", factory=True, workers=processes, **options)  # type: ignore[arg-type]


def worker(
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency", "-c", min=1, max=64, help="Số văn bản đọc cùng lúc (mỗi văn bản một tiến trình)."
        ),
    ] = 1,
    queues: Annotated[
        str,
        typer.Option(
            "--queues",
            "-Q",
            help="Các hàng đợi phục vụ, cách nhau bởi dấu phẩy: text (văn bản thuần, DOCX), ocr (PDF, ảnh).",
        ),
    ] = "text,ocr",
    hostname: Annotated[
        str | None, typer.Option("--hostname", help="Tên tiến trình đọc này (mặc định: celery@tên-máy).")
    ] = None,
) -> None:
    """Read uploaded documents from the broker (VANBAN_BROKER_URL), on this or any machine that reaches the
    broker, the database (VANBAN_DATABASE_URL) and the originals (VANBAN_BLOB_STORE=database: from the
    database). SIGTERM or Ctrl-C stops it; the documents being read go back to the queue."""
    from service.jobs.broker import QUEUES, run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    settings = Settings()
    if not settings.broker_url:
        raise Invalid(
            "vanban worker needs a broker: set VANBAN_BROKER_URL (redis://127.0.0.1:6379/0); without one, "
            "`vanban serve` reads uploads itself",
            "vanban worker cần một broker: đặt VANBAN_BROKER_URL (redis://127.0.0.1:6379/0); không có broker thì "
            "`vanban serve` tự đọc văn bản tải lên",
        )
    chosen = [q.strip() for q in queues.split(",") if q.strip()]
    unknown = [q for q in chosen if q not in QUEUES]
    if unknown or not chosen:
        raise Invalid(
            f"--queues {queues!r}: expected text, ocr or text,ocr",
            f"--queues {queues!r}: chỉ nhận text, ocr hoặc text,ocr",
        )
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    init_db(engine)  # a worker may be the first to reach a new database
    engine.dispose()
    run_worker(settings, concurrency, chosen, hostname)


keys_app = sub_app("Khóa API: ai được dùng dịch vụ, với vai trò nào.")


@keys_app.command(
    "create",
    cls=VietnameseCommand,
    help="Tạo một khóa và in ra (một lần duy nhất: chỉ lưu mã băm). Gửi kèm theo dạng `Authorization: Bearer KHÓA`.",
)
def keys_create(
    role: Annotated[str, typer.Option("--role", help="clerk (văn thư), analyst (chuyên viên) hoặc admin (quản trị)")],
    name: Annotated[str | None, typer.Option("--name", help="Khóa cấp cho ai.")] = None,
    province: Annotated[str | None, typer.Option("--province", help="Văn thư: chỉ trong tỉnh này.")] = None,
    district: Annotated[str | None, typer.Option("--district", help="Văn thư: chỉ trong huyện này.")] = None,
    if_none: Annotated[
        bool, typer.Option("--if-none", help="Chỉ tạo khi chưa có khóa nào còn hiệu lực (lần chạy đầu).")
    ] = False,
) -> None:
    """Make a key and print it (once: only its hash is kept). Send it as `Authorization: Bearer KEY`."""
    with session_scope(open_store()) as session:
        if if_none and live_count(session):
            return
        row, secret = create_key(session, role=role, name=name or role, province=province, district=district)
        audit.record(
            session,
            None,
            "key.create",
            f"key:{row.id}",
            name=row.name,
            role=row.role,
            province=row.province,
            district=row.district,
        )
    scope = " / ".join(x for x in (row.province, row.district) if x)
    err(
        f"khóa số {row.id} cho {row.name!r}, vai trò {labels_vi.ROLE.get(row.role, row.role)}"
        + (f", chỉ trong địa bàn {scope}" if scope else "")
        + ": hãy giữ kỹ, khóa sẽ không được hiện lại"
    )
    print(secret)


@keys_app.command(
    "list",
    cls=VietnameseCommand,
    help="Các khóa: mã, tên, vai trò, địa bàn, các ký tự đầu, ngày tạo, lần dùng cuối, đã thu hồi hay chưa.",
)
def keys_list(wide: WideOpt = False) -> None:
    """The keys: id, name, role, jurisdiction, first characters, created, last used, revoked."""
    with session_scope(open_store()) as session:
        keys = list_keys(session).data
    columns = [
        ("Số", True),
        ("Tên", True),
        ("Vai trò", True),
        ("Địa bàn", True),
        ("Khóa", True),
        ("Tạo lúc", False),
        ("Dùng lần cuối", False),
        ("Thu hồi lúc", True),
    ]
    rows = [
        [
            str(k.id),
            k.name,
            labels_vi.ROLE.get(k.role, k.role),
            " / ".join(x for x in (k.province, k.district) if x) or "—",
            k.prefix + "…",
            f"{k.created_at:%d/%m/%Y %H:%M}",
            f"{k.last_used_at:%d/%m/%Y %H:%M}" if k.last_used_at else "—",
            f"{k.revoked_at:%d/%m/%Y %H:%M}" if k.revoked_at else "",
        ]
        for k in keys
    ]
    Console().print(table(f"{len(rows)} khóa truy cập", columns, rows, wide))


@keys_app.command("revoke", cls=VietnameseCommand, help="Thu hồi ngay một khóa (và các phiên web mở bằng khóa ấy).")
def keys_revoke(
    key_id: Annotated[int, typer.Argument(metavar="MÃ_KHÓA", help="Mã của khóa (xem `vanban keys list`).")],
) -> None:
    """Stop a key (and the web sessions opened with it) at once."""
    with session_scope(open_store()) as session:
        row = revoke(session, key_id)
        if row is None:
            raise NotFound(f"no key {key_id}", f"không có khóa số {key_id}")
        audit.record(session, None, "key.revoke", f"key:{key_id}", name=row.name, role=row.role)
    err(f"đã thu hồi khóa số {key_id} ({row.name})")

"""`vanban`: the command line, assembled here from the command modules of service/commands/.

Nothing registers itself: each command is a plain function, named below with its group. A VanbanError
leaving a command is one line on stderr (its Vietnamese message: people read the CLI) and the exit code
service/errors.py gives its code.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from extractor.errors import VanbanError
from service.cli_vi import VietnameseCommand, VietnameseGroup
from service.commands import corpus, extract, server
from service.errors import exit_code, message_vi


class _Commands(VietnameseGroup):
    """The command group: turns a VanbanError into its line and exit code (no traceback for something
    the user can fix)."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        try:
            return super().invoke(ctx)
        except VanbanError as e:
            print(f"vanban: {message_vi(e)}", file=sys.stderr)
            raise typer.Exit(exit_code(e)) from None


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Đọc văn bản hành chính Việt Nam và cho biết ai phải làm gì, cho ai, theo văn bản nào.",
)

# What `vanban COMMAND --help` says, for the people who use it (the functions' docstrings are for engineers)
HELP_VI = {
    "extract": "Đọc từng tệp và in bản ghi trích xuất; không lưu gì. Tệp không đọc được có một dòng báo lỗi, "
    "các tệp khác vẫn được đọc.",
    "ingest": "Trích xuất và lưu văn bản vào kho. Một tệp đưa vào hai lần thì lần sau không làm gì; mỗi tệp "
    "không đọc được có một dòng báo lỗi.",
    "lineage": "Chuỗi văn bản cấp trên đến văn bản gốc ở trung ương, và mọi văn bản cấp dưới triển khai văn bản này.",
    "duties": "Cơ quan nào phải làm nhiệm vụ nào: theo văn bản nào, văn bản gốc của chuỗi, thời hạn.",
    "gaps": "Những gì chưa được cụ thể hóa: địa bàn chưa có văn bản triển khai, nhiệm vụ và chỉ tiêu cấp trên "
    "chưa có nội dung tương ứng, chỉ tiêu bị hạ thấp hoặc lùi thời hạn. Mỗi khoảng trống nêu căn cứ.",
    "search": "Tìm văn bản chứa mọi từ đã nhập, phù hợp nhất trước (số ký hiệu và trích yếu trước nội dung), "
    "kèm đoạn có các từ ấy. Không tìm trong quốc hiệu, tiêu ngữ, “Nơi nhận” và phần chữ ký.",
    "serve": "Chạy giao diện web và API (tài liệu API ở /docs); văn bản tải lên được đọc ngay trong dịch vụ, "
    "hoặc bởi các tiến trình `vanban worker` khi có VANBAN_BROKER_URL. Cơ sở dữ liệu: VANBAN_DATABASE_URL "
    "(mặc định sqlite:///./vanban.db); tệp tải lên lưu trong VANBAN_DATA_DIR.",
    "worker": "Đọc văn bản tải lên từ hàng đợi (VANBAN_BROKER_URL), trên máy này hoặc bất kỳ máy nào tới được "
    "hàng đợi và cơ sở dữ liệu. SIGTERM hoặc Ctrl-C dừng tiến trình; văn bản đang đọc được trả lại hàng đợi.",
}


@app.callback()
def _group() -> None:
    """vanban: extraction, citation graph, duties and gaps of Vietnamese official documents."""


for _command in (
    extract.extract,
    corpus.ingest,
    corpus.lineage,
    corpus.duties,
    corpus.gaps,
    corpus.search,
    server.serve,
    server.worker,
):
    app.command(cls=VietnameseCommand, help=HELP_VI[_command.__name__])(_command)
app.add_typer(corpus.graph_app, name="graph")
app.add_typer(server.keys_app, name="keys")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

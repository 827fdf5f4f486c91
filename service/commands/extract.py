"""`vanban extract`: one file in, its record out; nothing is stored."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from extractor.bounded import extract_file  # parse and extraction in a child with memory and time limits
from extractor.errors import BadInput
from models.record import ExtractionResult
from service.commands.output import err, os_error_vi
from service.errors import EXIT_BAD_INPUT
from service.highlight import page
from service.summary import print_summary


class ExtractFormat(enum.StrEnum):
    text = "text"
    json = "json"
    html = "html"


def extract(
    files: Annotated[
        list[Path], typer.Argument(metavar="TỆP", help="Văn bản: văn bản thuần, DOCX, PDF, PNG/JPEG/TIFF.")
    ],
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (tóm tắt), json (mỗi dòng một bản ghi, theo hợp đồng trích xuất) hoặc html (tô sáng "
            "các phần tìm được)",
        ),
    ] = ExtractFormat.text,
) -> None:
    """Extract the record of each file. Unreadable files get one error line each; the rest go on."""
    failed = 0
    html_results: list[ExtractionResult] = []
    for path in files:
        try:
            if not path.is_file():
                raise FileNotFoundError(path)
            result = extract_file(path, source=str(path))
        except BadInput as e:
            failed += 1
            err(e.message_vi)
            continue
        except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
            failed += 1
            err(f"{path}: không mở được tệp ({os_error_vi(e)})")
            continue
        if fmt is ExtractFormat.json:
            sys.stdout.write(json.dumps(result.record.model_dump(mode="json"), ensure_ascii=False) + "\n")
        elif fmt is ExtractFormat.html:
            html_results.append(result)
        else:
            print_summary(result)
    if html_results:
        sys.stdout.write(page(html_results))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)

"""`vanban`: the command line.

Top-level imports stay light: the intake sandbox's process server re-imports the main module,
and `vanban --help` should answer at once. Each command imports what it needs.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Read Vietnamese official documents and tell who owes what to whom.",
)


@app.callback()
def _group() -> None:
    """vanban: extraction, citation graph, duties and gaps of Vietnamese official documents."""


class ExtractFormat(enum.StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _err(msg: str) -> None:
    print(f"vanban: {msg}", file=sys.stderr)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents: text, DOCX, PDF, PNG/JPEG/TIFF.")],
    fmt: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (summary), json (one record per "
            "line, the extraction contract) or html (findings highlighted)",
        ),
    ] = ExtractFormat.text,
) -> None:
    """Extract the record of each file. Unreadable files get one error line each; the rest go on."""
    from extractor.bounded import extract_file  # parse and extraction in a child with memory and time limits
    from extractor.errors import BadInput
    from service.errors import EXIT_BAD_INPUT

    failed = 0
    html_results: list = []
    for path in files:
        try:
            if not path.is_file():
                raise FileNotFoundError(f"{path}: no such file")
            result = extract_file(path, source=str(path))
        except BadInput as e:
            failed += 1
            _err(e.message)
            continue
        except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
            failed += 1
            _err(str(e) if isinstance(e, FileNotFoundError) else f"{path}: {e.strerror}")
            continue
        if fmt is ExtractFormat.json:
            sys.stdout.write(json.dumps(result.record.model_dump(mode="json"), ensure_ascii=False) + "\n")
        elif fmt is ExtractFormat.html:
            html_results.append(result)
        else:
            from service.summary import print_summary

            print_summary(result)
    if html_results:
        from service.highlight import page

        sys.stdout.write(page(html_results))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


# ingest, lineage, duties, gaps, graph export; serve, keys
from service import commands_graph, commands_service  # noqa: E402,F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()

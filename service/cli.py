"""`vanban`: the command line, assembled here from the command modules of service/commands/.

Nothing registers itself: each command is a plain function, named below with its group. A VanbanError
leaving a command is one line on stderr (its Vietnamese message: people read the CLI) and the exit code
service/errors.py gives its code.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from extractor.errors import VanbanError
from service.commands import corpus, extract, server
from service.errors import exit_code, message_vi


class _Commands(TyperGroup):
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
    help="Read Vietnamese official documents and tell who owes what to whom.",
)


@app.callback()
def _group() -> None:
    """vanban: extraction, citation graph, duties and gaps of Vietnamese official documents."""


app.command()(extract.extract)
app.command()(corpus.ingest)
app.command()(corpus.lineage)
app.command()(corpus.duties)
app.command()(corpus.gaps)
app.command()(corpus.search)
app.add_typer(corpus.graph_app, name="graph")
app.command()(server.serve)
app.command()(server.worker)
app.add_typer(server.keys_app, name="keys")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

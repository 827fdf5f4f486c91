"""The `vanban` program (and `python -m service`): starts the CLI of service/cli.py.

This module is what the `vanban` script imports, and so what every child process of the intake sandbox
(forkserver) and of the upload worker (spawn) re-imports as its main module before it does its one job.
It imports the CLI only when called: the assembled CLI takes 1.2 s to import (the sum of
`python -X importtime -c "import service.cli"`, best of 5), which each DOCX, PDF or image read by
`vanban ingest` or `vanban extract` would otherwise pay again in its sandbox child; this module 0.01 s.
"""

from __future__ import annotations


def main() -> None:
    from service.cli import main as run

    run()


if __name__ == "__main__":
    main()

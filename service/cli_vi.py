"""The command line's own words in Vietnamese: its help pages, usage lines and usage errors.

Typer (and the click it carries) writes "Usage:", "Options:", "Show this message and exit." and errors
such as "Missing argument 'files'." in English, as fixed strings. People read the CLI, so the group and
command classes here pass what typer formats through these tables on the way out. The commands' own help
texts are written in Vietnamese where they are declared (service/cli.py, service/commands/); the code's
docstrings stay English for the engineers who read them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from extractor.errors import translate

# What typer writes around the help texts: whole lines or words it always writes the same way
_HELP: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Usage: ", re.MULTILINE), "Cách dùng: "),
    (re.compile(r"^Options:$", re.MULTILINE), "Tùy chọn:"),
    (re.compile(r"^Arguments:$", re.MULTILINE), "Đối số:"),
    (re.compile(r"^Commands:$", re.MULTILINE), "Lệnh:"),
    (re.compile(r"\[OPTIONS\]"), "[TÙY CHỌN]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "LỆNH [ĐỐI SỐ]..."),
    (re.compile(r"Show this message and exit\."), "Hiện hướng dẫn này rồi thoát."),
    (re.compile(r"\[default:(\s+)"), r"[mặc định:\1"),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (re.compile(r"\[env var:(\s+)"), r"[biến môi trường:\1"),
]

# The kinds of value an option or argument takes, as typer names them, in as many characters (padded), so
# the page's columns stay aligned
_VALUE_KINDS = {
    "<str>": "<chữ>",
    "<int>": "<số>",
    "<float>": "<số>",
    "<path>": "<tệp>",
    "<list[Path]>": "<các tệp>",
    "<int range>": "<số>",
}

_NAME = r"'?([^']+?)'?"
# A usage error as typer words it, and as a person here reads it ({0}, {1}: the groups)
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"Missing argument {_NAME}\."), "Thiếu đối số '{0}'."),
    (re.compile(rf"Missing option {_NAME}\."), "Thiếu tùy chọn '{0}'."),
    (re.compile(r"Missing command\."), "Thiếu lệnh."),
    (re.compile(r"No such option: (\S+?)"), "Không có tùy chọn '{0}'."),
    (re.compile(r"No such option: (\S+?) \(Possible options: (.+)\)"), "Không có tùy chọn '{0}' (có thể là: {1})."),
    (re.compile(r"No such option: (\S+?) Did you mean (\S+?)\?"), "Không có tùy chọn '{0}'. Có phải là {1}?"),
    (re.compile(rf"No such command {_NAME}\."), "Không có lệnh '{0}'."),
    (re.compile(rf"No such command {_NAME}\. Did you mean (.+)\?"), "Không có lệnh '{0}'. Có phải là {1}?"),
    (re.compile(rf"Option {_NAME} requires an argument\."), "Tùy chọn '{0}' cần một giá trị."),
    (re.compile(rf"Option {_NAME} requires (\d+) arguments\."), "Tùy chọn '{0}' cần {1} giá trị."),
    (re.compile(rf"Option {_NAME} does not take a value\."), "Tùy chọn '{0}' không nhận giá trị."),
    (re.compile(r"Got unexpected extra argument\(s\) \((.*)\)"), "Thừa đối số: {0}."),
    (
        re.compile(r"Invalid value for (.+?): Value error, '(.*)' is not one of (.+)\."),
        "Giá trị không hợp lệ cho {0}: '{1}' không thuộc {2}.",
    ),
    (
        re.compile(r"Invalid value for (.+?): Input should be a valid integer.*"),
        "Giá trị không hợp lệ cho {0}: cần một số nguyên.",
    ),
    (
        re.compile(r"Invalid value for (.+?): Input should be a valid number.*"),
        "Giá trị không hợp lệ cho {0}: cần một số.",
    ),
    (
        re.compile(r"Invalid value for (.+?): Input should be greater than or equal to (\S+)"),
        "Giá trị không hợp lệ cho {0}: cần từ {1} trở lên.",
    ),
    (
        re.compile(r"Invalid value for (.+?): Input should be less than or equal to (\S+)"),
        "Giá trị không hợp lệ cho {0}: cần không quá {1}.",
    ),
    (re.compile(r"Invalid value for (.+?): (.*)"), "Giá trị không hợp lệ cho {0}: {1}"),
]


def help_vi(text: str) -> str:
    """A help page or usage line as typer formats it, with typer's own words in Vietnamese."""
    for pattern, repl in _HELP:
        text = pattern.sub(repl, text)
    for kind, vi in _VALUE_KINDS.items():
        text = text.replace(kind, vi.ljust(len(kind)))
    return text


def error_vi(message: str) -> str:
    """A usage error's message in Vietnamese (one the table does not know: as given)."""
    return translate(message, _ERRORS) or message


def _show(e: ClickException) -> None:
    """What click's ClickException.show / UsageError.show print, in Vietnamese."""
    ctx = getattr(e, "ctx", None)
    if isinstance(e, UsageError) and ctx is not None:
        print(help_vi(ctx.get_usage()), file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            print(f"Xem '{ctx.command_path} {ctx.help_option_names[0]}' để biết cách dùng.\n", file=sys.stderr)
    print(f"Lỗi: {error_vi(e.format_message())}", file=sys.stderr)


class VietnameseCommand(TyperCommand):
    """A command whose help page and usage line read in Vietnamese."""

    def get_help(self, ctx: Any) -> str:
        return help_vi(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return help_vi(super().get_usage(ctx))


class VietnameseGroup(TyperGroup):
    """A command group whose help, usage and usage errors read in Vietnamese (its commands' too: the errors
    of a whole invocation pass through the outermost group's `main`)."""

    def get_help(self, ctx: Any) -> str:
        return help_vi(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return help_vi(super().get_usage(ctx))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        # typer's standalone mode prints errors in English: run it without, and print them here
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as e:
            _show(e)
            sys.exit(e.exit_code)
        except Abort:
            print("Đã dừng.", file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def sub_app(help_text: str) -> typer.Typer:
    """A group of subcommands (`vanban graph …`, `vanban keys …`) that speaks Vietnamese."""
    return typer.Typer(cls=VietnameseGroup, help=help_text, no_args_is_help=True, rich_markup_mode=None)

"""What a person reads from the CLI is Vietnamese and fits an 80-column terminal: the lineage, duties,
gaps and search tables, the error lines, the duty board as CSV/XLSX. `--wide` shows every column."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from english_words import english_words
from typer.testing import CliRunner

from service.cli import app
from service.duties_table import COLUMNS as DUTY_COLUMNS

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
FILES = [
    "ttg-22-2013-QD-TTg-2013.txt",
    "hochiminh-3210-QD-UBND-2014.txt",
    "bxd-2428-BXD-QLN-2013.txt",
    "vinhlong-684-QD-UBND-2013.txt",
    "quangbinh-674-UBND-VX-2017.txt",
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("cli-vi")
    folder = tmp / "docs"
    folder.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    e = {"VANBAN_DATABASE_URL": f"sqlite:///{tmp / 'vanban.db'}", "VANBAN_DATA_DIR": str(tmp / "var"), "COLUMNS": "80"}
    done = CliRunner().invoke(app, ["ingest", str(folder)], env=e)
    assert done.exit_code == 1, done.output  # the empty file
    e["ingest_stdout"], e["ingest_stderr"] = done.stdout, done.stderr
    return e


def vanban(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, list(args), env={k: v for k, v in env.items() if not k.startswith("ingest_")})
    return done.exit_code, done.stdout, done.stderr


COMMANDS = [
    ["lineage", "22/2013/QĐ-TTg"],
    ["lineage", "89/QĐ-TTg"],
    ["duties", "--jurisdiction", "Hồ Chí Minh"],
    ["duties", "--agency", "Sở Giáo dục và Đào tạo"],
    ["gaps", "22/2013/QĐ-TTg", "--jurisdiction", "Hồ Chí Minh"],
    ["gaps", "89/QĐ-TTg"],
    ["search", "xa hoi hoc tap"],
    ["search", "QD-TTg", "--province", "Hồ Chí Minh"],
    ["duties", "--role", "chủ trì", "--jurisdiction", "Hồ Chí Minh"],  # a Vietnamese label as the value
    ["search", "người có công", "--level", "Tỉnh"],
]


@pytest.mark.parametrize("wide", [False, True])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_the_tables_are_vietnamese_and_fit_80_columns(env: dict[str, str], command: list[str], wide: bool) -> None:
    code, out, _ = vanban(env, *command, *(["--wide"] if wide else []))
    assert code == 0 and out.strip()
    assert english_words(out) == []
    if not wide:
        assert max(len(line) for line in out.splitlines()) <= 80


def test_wide_shows_more_columns_than_the_default(env: dict[str, str]) -> None:
    _, narrow, _ = vanban(env, "lineage", "22/2013/QĐ-TTg")
    _, wide, _ = vanban(env, "lineage", "22/2013/QĐ-TTg", "--wide")
    assert "Cơ quan ban hành" in narrow and "Địa bàn" not in narrow and "Địa bàn" in wide
    # headers whole, numbers whole: nothing squeezed to "relat…", "684/Q…"
    assert "Quan hệ" in narrow and "3210/QĐ-UBND" in narrow and "2428/BXD-QLN" in narrow


ERRORS = [
    (["lineage", "999/XYZ-ABC"], 3, "999/XYZ-ABC"),
    (["duties", "--jurisdiction", "Atlantis"], 2, "Atlantis"),
    (["duties", "--due-before", "30/6/2024"], 2, "30/6/2024"),
    (["duties", "--role", "boss"], 2, "boss"),
    (["search", "giáo dục", "--level", "galaxy"], 2, "galaxy"),
    (["duties", "--format", "xlsx"], 2, "--out"),
    (["extract", "/nonexistent/van-ban.pdf"], 1, "van-ban.pdf"),
]


# What a person types is not English to read: option names and the values they take.
TYPED = re.compile(r"--[\w-]+|\b(?:lead|support|national|ministry|province|district|commune|xlsx|csv)\b")


@pytest.mark.parametrize(("command", "code", "named"), ERRORS, ids=lambda x: str(x))
def test_error_lines_are_vietnamese(env: dict[str, str], command: list[str], code: int, named: str) -> None:
    got, _, err = vanban(env, *command)
    assert got == code and named in err
    assert english_words(TYPED.sub("", err.replace(named, ""))) == [], err


def test_ingest_says_what_it_did_in_vietnamese(env: dict[str, str]) -> None:
    assert english_words(env["ingest_stdout"]) == [] and "tệp" in env["ingest_stdout"]
    reason = env["ingest_stderr"].split("empty.txt", 1)[1]  # after the file's name
    assert reason.startswith(": tệp rỗng") and english_words(reason) == []


def test_the_duty_board_exports_as_csv_and_xlsx_with_vietnamese_headers(env: dict[str, str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    code, out, _ = vanban(env, "duties", "--jurisdiction", "Hồ Chí Minh", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == DUTY_COLUMNS and len(rows) > 1
    assert {r[2] for r in rows[1:]} <= {"Chủ trì", "Phối hợp"}
    assert english_words(" ".join(c for r in rows for c in r)) == []
    target = tmp_path / "nhiem-vu.xlsx"
    code, _, _ = vanban(env, "duties", "--jurisdiction", "Hồ Chí Minh", "--format", "xlsx", "--out", str(target))
    sheet = load_workbook(target).active
    assert code == 0 and [c.value for c in sheet[1]] == DUTY_COLUMNS and sheet.max_row == len(rows)


def test_keys_are_made_and_listed_in_vietnamese(env: dict[str, str]) -> None:
    code, secret, said = vanban(
        env, "keys", "create", "--role", "clerk", "--name", "Phòng GD Kbang", "--province", "Gia Lai"
    )
    assert code == 0 and secret.strip() and "vai trò văn thư" in said
    assert english_words(TYPED.sub("", said)) == []
    code, listed, _ = vanban(env, "keys", "list")
    assert code == 0 and "Phòng GD Kbang" in listed and "văn thư" in listed and english_words(listed) == []
    assert max(len(line) for line in listed.splitlines()) <= 80


# Every command's help page; and the words typer writes around them, which the shared list does not hold
HELP_PAGES = [
    [],
    ["extract"],
    ["ingest"],
    ["lineage"],
    ["duties"],
    ["gaps"],
    ["search"],
    ["serve"],
    ["worker"],
    ["graph"],
    ["graph", "export"],
    ["keys"],
    ["keys", "create"],
    ["keys", "list"],
    ["keys", "revoke"],
]
TYPER_WORDS = {"usage", "options", "arguments", "commands", "show", "exit", "default", "try", "such"}
# What a person types or names: commands and their paths, options, values they take, environment variables
TYPED_HELP = re.compile(
    r"vanban(?: [a-z]+){0,2}|--?[\w-]+|`[^`]*`|'[^']*'|VANBAN_\w+|<[^>]*>|\b(?:text|json|csv|xlsx|html|graphml|node-link|"
    r"lead|support|clerk|analyst|admin|national|ministry|province|district|commune|DOCX|PDF|PNG|JPEG|TIFF|"
    r"API|GraphML|JSON|SIGTERM|Ctrl-C|sqlite|celery|host|docs)\b|\S+@\S+|\S+://\S+"
)


# a command's name at the head of its line in a group's list of commands
COMMAND_NAMES = re.compile(r"^  [a-z]+(?=\s{2})", re.MULTILINE)


def _english(text: str) -> list[str]:
    rest = TYPED_HELP.sub(" ", COMMAND_NAMES.sub(" ", text))
    return english_words(rest) + [w.lower() for w in re.findall(r"[^\W\d_]+", rest) if w.lower() in TYPER_WORDS]


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda c: " ".join(c) or "vanban")
def test_every_help_page_is_vietnamese(command: list[str]) -> None:
    done = CliRunner().invoke(app, [*command, "--help"], prog_name="vanban")
    assert done.exit_code == 0, done.output
    page = done.output
    assert page.startswith("Cách dùng: vanban") and "Hiện hướng dẫn này rồi thoát." in page
    assert _english(page) == [], page


USAGE_ERRORS = [
    (["extract"], "Thiếu đối số 'TỆP'."),
    (["extract", "x.txt", "--format", "pdf"], "Giá trị không hợp lệ cho '--format' / '-f': 'pdf' không thuộc"),
    (["duties", "--limit", "mười"], "Giá trị không hợp lệ cho '--limit': cần một số nguyên."),
    (["ingest", "--processes", "0", "x.txt"], "Giá trị không hợp lệ cho '--processes': cần từ 1 trở lên."),
    (["duties", "--wid"], "Không có tùy chọn '--wid' (có thể là: --wide)."),
    (["gap"], "Không có lệnh 'gap'. Có phải là 'gaps'"),
    (["keys", "create"], "Thiếu tùy chọn '--role'."),
    (["serve", "--port"], "Tùy chọn '--port' cần một giá trị."),
    (["lineage", "89/QĐ-TTg", "thừa"], "Thừa đối số: thừa."),
]


@pytest.mark.parametrize(("command", "said"), USAGE_ERRORS, ids=lambda x: str(x))
def test_usage_errors_are_vietnamese(command: list[str], said: str) -> None:
    done = CliRunner().invoke(app, command, prog_name="vanban")
    assert done.exit_code == 2
    out = done.output  # the runner mixes stderr in
    assert f"Lỗi: {said}" in out, out
    # with the usage line and where to read more, when typer knows the command (not for a value left out)
    assert ("Cách dùng: vanban" in out) == ("để biết cách dùng." in out), out
    assert _english(out) == [], out

"""`vanban extract`: the contract's JSON, a summary, HTML; bad files get one line each and the rest go on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from builders import CORPUS, make_corrupt_pdf, make_garbage

VANBAN = str(Path(sys.executable).with_name("vanban"))
CONTRACT_KEYS = {"source", "document", "references", "tasks", "targets"}
DOCUMENT_KEYS = {
    "doc_type",
    "number",
    "issuer",
    "level",
    "province",
    "district",
    "place",
    "issued_date",
    "subject",
    "recipients",
    "signer",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([VANBAN, "extract", *args], capture_output=True, text=True, timeout=300)


def test_json_lines_in_the_contract_shape() -> None:
    files = [str(CORPUS / "quangbinh-674-UBND-VX-2017.txt"), str(CORPUS / "bxd-2214-BXD-QLN-2013.txt")]
    done = run(*files, "--format", "json")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source"] for r in records] == files
    for r in records:
        assert set(r) == CONTRACT_KEYS
        assert set(r["document"]) == DOCUMENT_KEYS
        assert set(r["document"]["signer"]) == {"name", "title"}
        for ref in r["references"]:
            assert set(ref) == {"doc_type", "number", "issued_date", "issuer", "title", "relation"}
        for task in r["tasks"]:
            assert set(task) == {"label", "text", "lead", "support", "deadline"}
    assert records[0]["document"]["number"] == "674/UBND-VX"


def test_bad_files_get_one_line_each_and_the_rest_is_processed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    english = tmp_path / "letter.txt"
    english.write_text("Dear colleagues, please find attached the minutes of our meeting on the budget.\n" * 5)
    garbage = make_garbage(tmp_path / "blob.docx")
    broken = make_corrupt_pdf(tmp_path / "broken.pdf")
    good = CORPUS / "kbang-1132-UBND-VX-2021.txt"
    done = run(
        str(empty),
        str(english),
        str(garbage),
        str(broken),
        str(tmp_path / "missing.pdf"),
        str(good),
        "--format",
        "json",
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 5, done.stderr
    for path, reason in [
        (empty, "tệp rỗng"),
        (english, "không phải tiếng Việt"),
        (garbage, "không được hỗ trợ"),
        (broken, "bị hỏng"),
        (tmp_path / "missing.pdf", "không có tệp này"),
    ]:
        assert any(str(path) in line and reason in line for line in lines), (path, lines)
    assert "Traceback" not in done.stderr
    assert [json.loads(x)["document"]["number"] for x in done.stdout.splitlines()] == ["1132/UBND-VX"]


def test_text_summary_and_html() -> None:
    doc = str(CORPUS / "quangbinh-674-UBND-VX-2017.txt")
    summary = run(doc)
    assert summary.returncode == 0 and "674/UBND-VX" in summary.stdout and "Sở Tài chính" in summary.stdout
    html = run(doc, "--format", "html")
    assert html.returncode == 0
    assert html.stdout.startswith("<!DOCTYPE html>") and 'data-kinds="reference"' in html.stdout
    assert "12/TB-VPCP" in html.stdout

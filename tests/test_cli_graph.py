"""The CLI over the store: `vanban ingest`, `lineage`, `duties`, `gaps`, `graph export` with the JSON
shapes other systems rely on. Runs on a SQLite file named by VANBAN_DATABASE_URL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from service.cli import app

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
FILES = ["ttg-22-2013-QD-TTg-2013.txt", "hochiminh-3210-QD-UBND-2014.txt", "bxd-2428-BXD-QLN-2013.txt"]
DOC_KEYS = {"number", "doc_type", "issuer", "level", "province", "district", "issued_date", "in_corpus"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("cli")
    return {"VANBAN_DATABASE_URL": f"sqlite:///{tmp / 'vanban.db'}", "VANBAN_DATA_DIR": str(tmp / "var")}


@pytest.fixture(scope="module")
def ingested(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("docs")
    for name in FILES:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--format", "json"], env=env)
    return {"exit": result.exit_code, "summary": json.loads(result.stdout), "stderr": result.stderr}


def run(env: dict[str, str], *args: str) -> dict:
    result = CliRunner().invoke(app, [*args, "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_reads_what_it_can_and_names_each_file_it_cannot(ingested: dict) -> None:
    assert ingested["exit"] == 1  # some files could not be read
    s = ingested["summary"]
    assert (s["files"], s["added"] + s["merged"], s["failed"]) == (4, 3, 1)
    (line,) = [ln for ln in ingested["stderr"].splitlines() if ln.strip()]
    assert "empty.txt" in line and "tệp rỗng" in line


def test_ingesting_the_same_files_again_changes_nothing(env: dict[str, str], ingested: dict) -> None:
    result = CliRunner().invoke(app, ["ingest", *(str(CORPUS / n) for n in FILES), "--format", "json"], env=env)
    summary = json.loads(result.stdout)
    assert result.exit_code == 0 and summary["unchanged"] == 3 and summary["documents"] == 3


def test_lineage_json_shape(env: dict[str, str], ingested: dict) -> None:
    answer = run(env, "lineage", "22/2013/QĐ-TTg")
    assert set(answer) >= {"document", "upstream", "downstream"}
    assert {e["number"] for e in answer["downstream"]} >= {"3210/QĐ-UBND", "2428/BXD-QLN"}
    for e in answer["upstream"] + answer["downstream"]:
        assert DOC_KEYS | {"relation", "depth"} <= set(e)


def test_duties_json_shape(env: dict[str, str], ingested: dict) -> None:
    answer = run(env, "duties", "--agency", "Sở Xây dựng", "--jurisdiction", "Hồ Chí Minh")
    assert answer["count"] == len(answer["data"]) > 0
    row = answer["data"][0]
    assert set(row) >= {"agency", "role", "task", "document", "root"}
    assert set(row["task"]) >= {"label", "text", "deadline"} and set(row["document"]) >= DOC_KEYS


def test_gaps_json_shape(env: dict[str, str], ingested: dict) -> None:
    answer = run(env, "gaps", "22/2013/QĐ-TTg", "--jurisdiction", "Hồ Chí Minh")
    assert set(answer) >= {"upstream", "missing_jurisdictions", "uncovered", "weakened"}
    for e in answer["uncovered"]:
        assert set(e) >= {"item", "jurisdiction", "best_candidate", "score"}


def test_unknown_numbers_and_places_are_clear_errors(env: dict[str, str], ingested: dict) -> None:
    missing = CliRunner().invoke(app, ["lineage", "999/XYZ-ABC"], env=env)
    assert missing.exit_code == 3 and "999/XYZ-ABC" in missing.stderr
    place = CliRunner().invoke(app, ["duties", "--jurisdiction", "Atlantis"], env=env)
    assert place.exit_code == 2 and "Atlantis" in place.stderr


@pytest.mark.parametrize("fmt", ["graphml", "json"])
def test_graph_export(env: dict[str, str], ingested: dict, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(app, ["graph", "export", str(out), "--format", fmt], env=env)
    assert result.exit_code == 0, result.output
    if fmt == "graphml":
        g = nx.read_graphml(out)
    else:
        g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"document", "agency", "unit"}
    edge_types = {d["type"] for *_, d in g.edges(data=True)}
    assert {"implements", "based_on", "lead", "jurisdiction", "issued_by"} <= edge_types

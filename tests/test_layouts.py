"""Every document with a gold record, re-laid out as Word, PDF text, OCR and websites lay headers
out (tests/layouts.py), must give the same header and references as the document itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layouts import VARIANTS, Parts, header_parts

from extractor import symbols
from extractor.pipeline import extract_text
from models.record import ExtractionRecord

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
CORPUS = ROOT / "corpus" / "documents"
FIELDS = ("doc_type", "number", "issuer", "level", "province", "district", "place", "issued_date")


def _documents() -> list[tuple[str, Parts]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stem = Path(gold["source"]).stem
        parts = header_parts((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), gold)
        if parts is not None:
            out.append((stem, parts))
    return out


DOCUMENTS = _documents()


def _essentials(record: ExtractionRecord) -> dict:
    d = record.document
    return {
        **{k: getattr(d, k) for k in FIELDS},
        "subject": " ".join((d.subject or "").lower().split()),
        "references": sorted(symbols.key(r.number) for r in record.references if r.number),
    }


@pytest.fixture(scope="module")
def originals() -> dict[str, dict]:
    return {
        stem: _essentials(extract_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), stem).record)
        for stem, _ in DOCUMENTS
    }


def test_every_gold_document_has_its_header_parts() -> None:
    assert len(DOCUMENTS) >= 15  # the harness reads the header of (almost) every gold document


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("stem,parts", DOCUMENTS, ids=[s[:24] for s, _ in DOCUMENTS])
def test_layout_variant_reads_like_the_original(stem: str, parts: Parts, variant: str, originals: dict) -> None:
    got = _essentials(extract_text(VARIANTS[variant](parts), stem).record)
    assert got == originals[stem]

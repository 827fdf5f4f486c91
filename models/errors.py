"""The base of every error vanban raises on purpose: a code, and a message in English and Vietnamese.

It sits in models/ (which imports nothing of ours) so that every package can raise its own errors on it;
service/errors.py maps each code to an HTTP status and a CLI exit code.
"""

from __future__ import annotations


class VanbanError(Exception):
    """Base of every error vanban raises on purpose."""

    code = "E000"

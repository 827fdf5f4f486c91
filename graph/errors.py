"""Questions the graph cannot answer as asked. Each is a VanbanError with its code, in English and
Vietnamese; service/errors.py maps the code to an HTTP status and a CLI exit code."""

from __future__ import annotations

from models.errors import VanbanError


class UnknownJurisdiction(VanbanError):
    """A jurisdiction filter that names no province or district, before or after the 2025 reorganisation."""

    code = "E422"

    def __init__(self, name: str) -> None:
        self.name = name
        self.message = f"no province or district is called {name!r} (before or after 2025)"
        self.message_vi = f"không có tỉnh hoặc huyện nào tên {name!r} (trước hoặc sau năm 2025)"
        super().__init__(self.message)

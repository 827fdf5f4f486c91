"""The one place that maps vanban's errors to HTTP answers and CLI exit codes.

Every error a user can cause is a `VanbanError` with a `code`: the file problems of
extractor/errors.py (E1xx), graph/errors.py's UnknownJurisdiction, and the refusals below. `CODES` is
the one table from a code to its HTTP status and its exit code; the API's error handler
(service/api/main.py), the CLI's command group (service/cli.py) and the web UI's error page
(service/ui/routes.py) all read it through `http_status`, `exit_code` and `problem`, and nothing else
catches an error to turn it into a status.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from extractor.errors import VanbanError

EXIT_OK = 0
EXIT_BAD_INPUT = 1  # some files could not be read; the others were processed
EXIT_USAGE = 2  # a parameter that makes no sense (an unknown place, a bad date)
EXIT_NOT_FOUND = 3  # no such document or key
EXIT_REFUSED = 4  # not allowed (the CLI itself has no keys, so only if a command asks a service)
EXIT_UNAVAILABLE = 5  # something the service needs (the broker) cannot be reached; try again later

# code: (HTTP status, CLI exit code)
CODES: dict[str, tuple[int, int]] = {
    "E100": (422, EXIT_BAD_INPUT),  # BadInput: the file cannot be read
    "E101": (422, EXIT_BAD_INPUT),  # EmptyFile
    "E102": (415, EXIT_BAD_INPUT),  # UnsupportedType (told by content)
    "E103": (422, EXIT_BAD_INPUT),  # CorruptFile
    "E104": (422, EXIT_BAD_INPUT),  # EncryptedFile
    "E105": (413, EXIT_BAD_INPUT),  # TooLarge
    "E106": (422, EXIT_BAD_INPUT),  # TooComplex (zip bomb, page count, parser memory)
    "E107": (422, EXIT_BAD_INPUT),  # ParseTimeout
    "E108": (422, EXIT_BAD_INPUT),  # NoText
    "E109": (422, EXIT_BAD_INPUT),  # NotVietnamese
    "E111": (422, EXIT_BAD_INPUT),  # NotOfficial (no mark of an official document)
    "E200": (400, EXIT_USAGE),  # ServiceError: a request refused for another reason
    "E401": (401, EXIT_REFUSED),  # NotAuthenticated
    "E403": (403, EXIT_REFUSED),  # Forbidden
    "E404": (404, EXIT_NOT_FOUND),  # NotFound
    "E409": (409, EXIT_USAGE),  # Conflict, IdentityClash
    "E422": (422, EXIT_USAGE),  # Invalid, BadPath, BadValue, UnknownJurisdiction, UnknownPlace
    "E503": (503, EXIT_UNAVAILABLE),  # Unavailable: the broker cannot be reached
}
_OTHER = (400, EXIT_USAGE)  # a code missing from the table (a new error class): a plain refusal


class ServiceError(VanbanError):
    """A request the service refuses (not a file problem): the message in English and Vietnamese.
    `errors` holds per-field details when there are any (a 422's)."""

    code = "E200"

    def __init__(self, message: str, message_vi: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi
        self.errors = errors


class NotAuthenticated(ServiceError):
    code = "E401"


class Forbidden(ServiceError):
    code = "E403"


class NotFound(ServiceError):
    code = "E404"


class Conflict(ServiceError):
    code = "E409"


class Invalid(ServiceError):
    """Parameters or a body that make no sense (a bad date, an unknown province, a correction's path)."""

    code = "E422"


class Unavailable(ServiceError):
    """Something the service needs is away (the broker): nothing the caller did; try again later."""

    code = "E503"


def http_status(err: VanbanError) -> int:
    return CODES.get(err.code, _OTHER)[0]


def exit_code(err: VanbanError) -> int:
    return CODES.get(err.code, _OTHER)[1]


def message(err: VanbanError) -> str:
    """The English message (every error of ours has one; str() for any that does not)."""
    return str(getattr(err, "message", None) or err)


def message_vi(err: VanbanError) -> str:
    return str(getattr(err, "message_vi", None) or message(err))


class Problem(BaseModel):
    """Every 4xx answer (and a failed job's error): a stable code and the reason in English and
    Vietnamese. As JSON, `errors` is left out when there are none (`body()`)."""

    code: str = Field(examples=["E102"])
    message: str
    message_vi: str
    errors: list[dict[str, Any]] | None = Field(None, description="per-field details of a 422")

    def body(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def problem(err: VanbanError) -> Problem:
    """What to answer for `err`: its code, the message in English and Vietnamese, per-field details."""
    return Problem(
        code=err.code, message=message(err), message_vi=message_vi(err), errors=getattr(err, "errors", None) or None
    )

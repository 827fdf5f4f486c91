"""The one place that maps vanban's errors to CLI exit codes and HTTP answers."""

from __future__ import annotations

from extractor.errors import (
    BadInput,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    NoText,
    NotOfficial,
    NotVietnamese,
    ParseTimeout,
    TooComplex,
    TooLarge,
    UnsupportedType,
    VanbanError,
)


class ServiceError(VanbanError):
    """A request the service refuses (not a file problem): the message in English and Vietnamese."""

    code = "E200"

    def __init__(self, message: str, message_vi: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_vi = message_vi


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


EXIT_OK = 0
EXIT_BAD_INPUT = 1  # some files could not be read; the others were processed
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3

HTTP_STATUS: dict[type[VanbanError], int] = {
    TooLarge: 413,
    UnsupportedType: 415,
    EmptyFile: 422,
    CorruptFile: 422,
    EncryptedFile: 422,
    TooComplex: 422,
    ParseTimeout: 422,
    NoText: 422,
    NotVietnamese: 422,
    NotOfficial: 422,
    BadInput: 422,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Invalid: 422,
    ServiceError: 400,
}


def http_status(err: VanbanError) -> int:
    for cls in type(err).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 400


def problem(err: VanbanError) -> dict[str, str]:
    """The JSON body of a 4xx answer: a code and the message in Vietnamese and English."""
    if isinstance(err, BadInput | ServiceError):
        return {"code": err.code, "message": err.message, "message_vi": err.message_vi}
    return {"code": err.code, "message": str(err), "message_vi": str(err)}

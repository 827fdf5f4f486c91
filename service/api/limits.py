"""Request size limits, enforced before and while the body is read.

A declared Content-Length over the limit is answered 413 at once, without reading a byte of the body
(a 200 MB upload costs nothing). A body without a declared length (chunked) is counted as it streams
in, and refused as soon as it passes the limit; the multipart parser never sees more than that.
Uploads may be `max_upload_bytes` plus room for the multipart framing; other writes `max_json_bytes`.
"""

from __future__ import annotations

import json

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.errors import TooLarge
from service.errors import http_status, problem

MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the file


class BodyTooLarge(HTTPException):
    """Raised from inside receive(): FastAPI's HTTPException, which its body parsing lets through
    (it turns other errors into 400) and the app's handler answers 413 with the bilingual message."""

    def __init__(self, what: str, limit: int) -> None:
        error = TooLarge(what, f"limit {limit:,} bytes")
        self.problem = problem(error).body()
        super().__init__(status_code=http_status(error), detail=self.problem["message"])


class BodyLimit:
    def __init__(self, app: ASGIApp, *, upload_paths: tuple[str, ...], max_upload: int, max_other: int) -> None:
        self.app = app
        self.upload_paths = upload_paths
        self.max_upload = max_upload
        self.max_other = max_other

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        upload = scope["path"].rstrip("/") in self.upload_paths
        what, shown = ("upload", self.max_upload) if upload else ("request", self.max_other)
        limit = shown + MULTIPART_SLACK if upload else shown
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(send, what, shown)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(what, shown)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, what: str, limit: int) -> None:
    refusal = BodyTooLarge(what, limit)
    body = json.dumps(refusal.problem, ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": refusal.status_code,
            # the unread body stays on the wire: the connection cannot be reused
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

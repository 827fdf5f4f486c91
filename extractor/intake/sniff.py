"""Tell a file's type from its first bytes, never from its name.

Only the magic numbers are read here; whether a ZIP really is a Word document is settled by
`docx.py` (in the sandbox), and whether other bytes are text by `text.py`.
"""

from __future__ import annotations

from typing import Literal

from ..errors import EncryptedFile, UnsupportedType

Sniffed = Literal["pdf", "zip", "png", "jpeg", "tiff", "text"]

HEAD_BYTES = 4096  # enough for every magic number below, and for the PDF header's 1024-byte slack

IMAGE_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}

_MAGIC: tuple[tuple[bytes, Sniffed], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive: still a ZIP, rejected later as not a Word document
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)

# Formats people send instead of the ones we read: named, so the error can say what was received.
_KNOWN_UNSUPPORTED: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "RTF document; save it as DOCX or PDF"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image"),
)

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected DOCX is an OLE2 container holding a stream with this name (UTF-16LE).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def sniff(head: bytes, data: bytes | None, source: str) -> Sniffed:
    """Classify a file by its first bytes (`head`); `data` is the whole file when it is at hand.

    Raises UnsupportedType for formats we recognise but do not read, and EncryptedFile for
    password-protected Office files. Anything unrecognised is "text", for `text.py` to accept or refuse.
    """
    # The PDF header may be preceded by up to 1024 bytes of junk (Acrobat accepts that).
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise UnsupportedType(source, "WebP image")
    # "BM" alone would catch texts starting "BMW": BMP also has four reserved zero bytes at 6-9.
    if head.startswith(b"BM") and head[6:10] == bytes(4) and len(head) >= 14:
        raise UnsupportedType(source, "BMP image")
    if head.startswith(_OLE2_MAGIC):
        if data is not None and _ENCRYPTED_PACKAGE in data:
            raise EncryptedFile(source, "password-protected Office document")
        raise UnsupportedType(source, "legacy Office file (.doc/.xls); save it as DOCX or PDF")
    for magic, what in _KNOWN_UNSUPPORTED:
        if head.startswith(magic):
            raise UnsupportedType(source, what)
    return "text"

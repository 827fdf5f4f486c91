"""Decode a plain-text file: BOMs, UTF-16 without BOM, strict UTF-8, then legacy code pages.

A file that is UTF-8 but for a few stray bytes (a Latin-1 "é" pasted into it) is read as UTF-8 with
those bytes replaced by U+FFFD, and a warning, when they are fewer than 0.1 % of the file.

Vietnamese files that are not Unicode are mostly Windows-1258. That code page writes tone marks
as combining characters after the letter ("ệ" = "ê" + U+0323), so a cp1258 file read as cp1252
comes out as plausible-looking Latin-1 ("Viêòt"). Letter counts alone cannot tell the two apart;
what can is that only a correct decode yields letters that exist in no Western code page
(ă, đ, ơ, ư, ĩ, ũ and the U+1EA0–U+1EF9 block). Candidates are scored on those.

Files typed in the legacy font encodings (TCVN3, VNI) are single-byte too: read as Windows-1252 they
give the characters Word would have stored, which `legacy.py` converts (after decoding, for every kind).

The decoded text is returned as is: the caller NFC-normalises (which composes cp1258's marks).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import EmptyFile, UnsupportedType
from .legacy import convert_legacy_text

_SAMPLE = 64 * 1024  # bytes examined when judging NUL patterns and control characters
# UTF-8 with a few bad bytes: at most this share of the file, and far fewer than the good multi-byte letters
_MAX_INVALID_SHARE = 0.001
_MIN_VALID_PER_INVALID = 10
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of an invalid byte
_NON_ASCII = re.compile("[^\x00-\x7f]")

# Letters no Western European code page has: they only appear when Vietnamese was decoded right.
_VIET_ONLY = frozenset("ăĂđĐơƠưƯĩĨũŨ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA)))

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b")  # 0x1A: DOS end-of-file, 0x1B: ANSI escapes
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the name reported to the caller ("utf-8", "utf-16", "windows-1258", ...)
    warnings: tuple[str, ...] = ()


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode `data` or raise EmptyFile / UnsupportedType (binary data that is not text)."""
    if not data.strip():
        raise EmptyFile(source)
    decoded = _drop_stray_nuls(_undo_double_utf8(_decode_unicode(data) or _decode_legacy(data, source)))
    _refuse_binary(decoded.text[:_SAMPLE], source)
    if not decoded.text.strip():
        raise EmptyFile(source)
    return decoded


# A UTF-8 lead byte read as Latin-1 or Windows-1252, then a continuation byte: "á»\x99" is "ộ" encoded twice.
_TWICE = re.compile(
    "[\u00c2-\u00f4]"  # a lead byte, then a continuation byte as Latin-1 or Windows-1252 shows it
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _undo_double_utf8(decoded: Decoded) -> Decoded:
    """UTF-8 that was read as Latin-1 (or Windows-1252) and saved as UTF-8 again ("Cá»™ng hÃ²a"): undone."""
    if not decoded.encoding.startswith("utf-8") or len(_TWICE.findall(decoded.text[:_SAMPLE])) < 3:
        return decoded
    for codec in ("latin-1", "cp1252"):
        try:
            repaired = decoded.text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _vietnamese_score(repaired[:_SAMPLE]) > _vietnamese_score(decoded.text[:_SAMPLE]):
            return Decoded(repaired, decoded.encoding, (*decoded.warnings, "UTF-8 encoded twice (mojibake): undone"))
    return decoded


def _drop_stray_nuls(decoded: Decoded) -> Decoded:
    """A few NUL characters in a long text (a law of 100,000 characters with 2 of them, from some converter) are
    dropped with a warning; more than _MAX_INVALID_SHARE of the text is binary, left for _refuse_binary."""
    nuls = decoded.text.count("\x00")
    if not nuls or nuls > len(decoded.text) * _MAX_INVALID_SHARE:
        return decoded
    noun = "character" if nuls == 1 else "characters"
    return Decoded(
        decoded.text.replace("\x00", ""), decoded.encoding, (*decoded.warnings, f"{nuls:,} NUL {noun} removed")
    )


def _refuse_binary(sample: str, source: str, length: int | None = None) -> None:
    """Bytes can decode without error and still be binary (all zeros is valid UTF-8).

    `length` is the size of the text `sample` was drawn from, when the sample holds only suspects.
    """
    if "\x00" in sample:
        raise UnsupportedType(source, "binary data (NUL bytes), not text")
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > (len(sample) if length is None else length) * 0.01:
        raise UnsupportedType(source, "binary data (control characters), not text")


def _decode_unicode(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError:
                # a BOM followed by something else: a few bad bytes, or let the legacy path judge it
                return _mostly_utf8(data[len(bom) :]) if codec == "utf-8" else None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _mostly_utf8(data)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes that are not (a Latin-1 letter pasted in): those bytes become U+FFFD."""
    escaped = data.decode("utf-8", errors="surrogateescape")  # each invalid byte -> one lone surrogate
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    multibyte = len(_NON_ASCII.findall(escaped)) - invalid
    if invalid > len(data) * _MAX_INVALID_SHARE or multibyte < invalid * _MIN_VALID_PER_INVALID:
        return None
    text = data.decode("utf-8", errors="replace")
    share = invalid * 100 / len(data)
    noun = "byte" if invalid == 1 else "bytes"
    warning = f"{invalid:,} {noun} that are not UTF-8 ({share:.2f}% of the file) replaced by U+FFFD"
    return Decoded(text, "utf-8", (warning,))


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a BOM shows NULs on one byte parity (the high byte of ASCII characters)."""
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0::2].count(0) / pairs
    odd_nuls = sample[1::2].count(0) / pairs
    if even_nuls > 0.2 and odd_nuls < 0.02:
        codec = "utf-16-be"
    elif odd_nuls > 0.2 and even_nuls < 0.02:
        codec = "utf-16-le"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None
    return Decoded(text, "utf-16", ("UTF-16 without byte order mark",))


def _decode_legacy(data: bytes, source: str) -> Decoded:
    sample = data[:_SAMPLE]
    # Judge the raw bytes first: C0 control bytes mean binary in every 8-bit code page.
    _refuse_binary(bytes(b for b in sample if b < 0x20).decode("ascii"), source, len(sample))
    candidates = ["cp1258", "cp1252"]
    guess = from_bytes(sample).best()
    if guess is not None and guess.encoding not in candidates:
        candidates.append(guess.encoding)
    scored: list[tuple[int, int, str, str]] = []
    for rank, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_vietnamese_score(text), -rank, codec, text))
    if not scored:
        raise UnsupportedType(source, "not text in any known encoding")
    score, _, codec, text = max(scored)
    western = next((t for _, _, c, t in scored if c == "cp1252"), None)
    if western is not None and convert_legacy_text(western[:_SAMPLE])[1]:
        # typed in a legacy font encoding (TCVN3, VNI): the Windows-1252 reading is what the tables convert
        return Decoded(western, "windows-1252", ("encoding guessed as windows-1252",))
    if score <= 0:
        # Not Vietnamese in any reading: Western European is the likeliest, then the statistical guess.
        codec, text = next(((c, t) for _, _, c, t in scored if c == "cp1252"), (scored[-1][2], scored[-1][3]))
    name = _codec_name(codec)
    return Decoded(text, name, (f"encoding guessed as {name}",))


def _vietnamese_score(text: str) -> int:
    """Letters only a right Vietnamese decode produces, minus combining marks left unattached."""
    composed = unicodedata.normalize("NFC", text)
    good = sum(1 for ch in composed if ch in _VIET_ONLY)
    stray = sum(1 for ch in composed if unicodedata.combining(ch))
    return good - stray


def _codec_name(codec: str) -> str:
    name = codecs.lookup(codec).name  # "cp1258" -> "cp1258"; give the IANA-style name callers expect
    return {"cp1258": "windows-1258", "cp1252": "windows-1252", "cp1250": "windows-1250"}.get(name, name)

"""What a PDF holds besides its page content: text drawn by annotations and form fields, and digital signatures.

Provincial e-office systems (Quảng Ngãi's, the Government's VGP) sign a letter and stamp things on it as
signature widgets: the number and the day of a "Số: 11 /TB-UBND ... ngày 08 tháng 01" letter live only
in two small signature widgets laid over the blanks of the printed template, while other widgets show the
signature's own caption ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC / ttcbth@quangngai.gov.vn / 09.01.2025 10:21:11").
Text extraction of the page content sees neither.

So each annotation with an appearance is flattened on a scratch copy of the page, and the characters the
flattening adds are assigned to the annotations by position. An annotation whose text reads like a
signature caption (an e-mail address, a signing time, "Ký bởi", "Thời gian ký", ...) or a signature
widget without any text (a seal image) is a *mark*: its content goes to `SignatureInfo`, not to the page
text, and it is left out of OCR renderings. Any other annotation text is *content* and is merged with
the page text by position (`pdf.py`).

Signatures are read with pdfium (signature dictionary: time, reason) and `cryptography` (the CMS
certificates: signer, organisation). They are not verified: this says who the file claims signed it.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import patterns as P
from models.record import SignatureInfo

from .layout import Word

log = logging.getLogger(__name__)

_MAX_SIGNATURES = 50
_MAX_ANNOTATIONS = 500  # a page with more annotations than this is not a signed letter: its annotations are skipped
_MAX_READ_PER_DOCUMENT = 200  # annotations whose text is read, per document
_SKIPPED_SUBTYPES = {pdfium_c.FPDF_ANNOT_POPUP, pdfium_c.FPDF_ANNOT_LINK}


@dataclass
class Annotation:
    """One annotation of a page that draws something (it has an appearance stream)."""

    index: int  # position in the page's /Annots, as pdfium counts
    rect: tuple[float, float, float, float]  # left, top, right, bottom in points from the page's top-left
    signature: bool  # the widget of a signature field
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def is_mark(self) -> bool:
        """A signature's own caption or image, not part of the document's text."""
        text = self.text
        if not text.strip():
            return self.signature
        return bool(P.PDFMARK_CAPTION.search(text))


# --- annotations -----------------------------------------------------------------------------------


class AnnotationBudget:
    """How many annotations of one document may still be flattened to read their text.

    Each costs a scratch copy of its page (about a millisecond); a form-heavy or hostile file with
    thousands of them is read without their text rather than past the parse time limit.
    """

    def __init__(self, total: int = _MAX_READ_PER_DOCUMENT) -> None:
        self.left = total


def page_annotations(
    document: pdfium.PdfDocument, page: pdfium.PdfPage, index: int, budget: AnnotationBudget | None = None
) -> list[Annotation]:
    """The drawing annotations of page `index`, each with the words its appearance shows."""
    found = _list_annotations(page)
    budget = budget if budget is not None else AnnotationBudget()
    if found and len(found) <= budget.left:
        budget.left -= len(found)
        try:
            _read_annotation_words(document, index, page.get_height(), found)
        except pdfium.PdfiumError as exc:  # the page still stands without its annotations' text
            log.info("annotation text of page %d could not be read: %r", index + 1, exc)
    return found


def remove_marks(page: pdfium.PdfPage, annotations: list[Annotation]) -> None:
    """Take signature captions and seal images off the page (the in-memory copy), so OCR does not read them."""
    for annotation in sorted((a for a in annotations if a.is_mark), key=lambda a: -a.index):
        pdfium_c.FPDFPage_RemoveAnnot(page, annotation.index)


def _list_annotations(page: pdfium.PdfPage) -> list[Annotation]:
    count = pdfium_c.FPDFPage_GetAnnotCount(page)
    if count <= 0 or count > _MAX_ANNOTATIONS:
        return []
    height = page.get_height()
    found = []
    rect = pdfium_c.FS_RECTF()
    for index in range(count):
        handle = pdfium_c.FPDFPage_GetAnnot(page, index)
        if not handle:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(handle)
            hidden = pdfium_c.FPDFAnnot_GetFlags(handle) & pdfium_c.FPDF_ANNOT_FLAG_HIDDEN
            if subtype in _SKIPPED_SUBTYPES or hidden or not pdfium_c.FPDFAnnot_HasKey(handle, b"AP"):
                continue
            if not pdfium_c.FPDFAnnot_GetRect(handle, rect):
                continue
            left, right = sorted((rect.left, rect.right))
            bottom, top = sorted((rect.bottom, rect.top))
            signature = subtype == pdfium_c.FPDF_ANNOT_WIDGET and _string_value(handle, b"FT") == "Sig"
            found.append(Annotation(index, (left, height - top, right, height - bottom), signature))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(handle)
    return found


def _string_value(handle: pdfium_c.FPDF_ANNOTATION, key: bytes) -> str:
    size = pdfium_c.FPDFAnnot_GetStringValue(handle, key, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAnnot_GetStringValue(handle, key, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")


def _read_annotation_words(
    document: pdfium.PdfDocument, index: int, height: float, annotations: list[Annotation]
) -> None:
    """Give each annotation the words its appearance shows.

    For each annotation, a copy of the page keeping that annotation alone is flattened: flattening
    appends the appearance to the page's content, so the characters pdfium numbers after the page's own
    are that annotation's (signature widgets often overlap, so positions could not tell them apart).
    The copies live in scratch documents: the real page keeps its annotations.
    """
    for annotation in annotations:
        scratch = pdfium.PdfDocument.new()
        try:
            scratch.import_pages(document, [index])
            page = scratch[0]
            for other in sorted((a.index for a in annotations if a is not annotation), reverse=True):
                pdfium_c.FPDFPage_RemoveAnnot(page, other)
            textpage = page.get_textpage()
            own = textpage.count_chars()
            textpage.close()
            flattened = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
            page.close()
            if flattened != pdfium_c.FLATTEN_SUCCESS:
                continue
            page = scratch[0]
            textpage = page.get_textpage()
            annotation.words = textpage_words(textpage, height, start=own)
            textpage.close()
            page.close()
        finally:
            scratch.close()


def textpage_words(textpage: pdfium.PdfTextPage, height: float, start: int = 0) -> list[Word]:
    """Words of a pdfium text page from character `start` on, in points from the page's top-left.

    A word ends at a space, a character pdfium generated (line breaks), or a gap wider than a third of
    the font size (text placed by coordinates without spaces). Boxes are pdfium's loose boxes (the
    font's ascent to descent), so a comma's box is as tall as its letters'.
    """
    words: list[Word] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # x0, top, x1, bottom
    rect = pdfium_c.FS_RECTF()

    def flush() -> None:
        if chars:
            words.append(Word("".join(chars), box[0], box[1], box[2], box[3]))
            chars.clear()

    for i in range(start, textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        char = chr(code) if 0 < code < 0x110000 else " "
        if char.isspace() or pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            flush()
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        x0, x1 = sorted((rect.left, rect.right))
        y0, y1 = sorted((height - rect.top, height - rect.bottom))
        size = max(pdfium_c.FPDFText_GetFontSize(textpage, i), y1 - y0, 1.0)
        if chars and (x0 - box[2] > size / 3 or x0 < box[0] - size or y0 > box[3] or y1 < box[1]):
            flush()
        if not chars:
            box[:] = [x0, y0, x1, y1]
        else:
            box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        chars.append(char)
    flush()
    return words


# --- signatures ------------------------------------------------------------------------------------


def read_signatures(document: pdfium.PdfDocument) -> tuple[SignatureInfo, ...]:
    """Every digital signature the file carries, earliest signing time first (unknown times last)."""
    count = pdfium_c.FPDF_GetSignatureCount(document)
    found: list[SignatureInfo] = []
    for i in range(max(0, min(count, _MAX_SIGNATURES))):
        handle = pdfium_c.FPDF_GetSignatureObject(document, i)
        if not handle:
            continue
        contents = _buffer(pdfium_c.FPDFSignatureObj_GetContents, handle)
        signed = _buffer(pdfium_c.FPDFSignatureObj_GetTime, handle).rstrip(b"\0").decode("latin-1")
        reason = _buffer(pdfium_c.FPDFSignatureObj_GetReason, handle)
        found.append(
            SignatureInfo(
                **_certificate_names(contents),
                signed_at=pdf_date(signed),
                reason=reason.decode("utf-16-le", "replace").rstrip("\0").strip() or None,
            )
        )
    return tuple(sorted(found, key=_signing_order))


def _signing_order(signature: SignatureInfo) -> tuple[bool, datetime]:
    when = signature.signed_at
    if when is None:
        return True, datetime.min
    return False, when.replace(tzinfo=None) - (when.utcoffset() or timedelta())


def _buffer(getter: Callable[..., int], handle: object) -> bytes:
    size = getter(handle, None, 0)
    if size <= 0:
        return b""
    buffer = ctypes.create_string_buffer(size)
    getter(handle, buffer, size)
    return buffer.raw[:size]


def pdf_date(value: str) -> datetime | None:
    """ "D:20250108173049+07'00'" -> 2025-01-08 17:30:49+07:00; None when it is not a date."""
    match = P.PDF_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, sign, tz_hours, tz_minutes, zulu = match.groups()
    zone = None
    if zulu:
        zone = UTC
    elif sign:
        offset = timedelta(hours=int(tz_hours), minutes=int(tz_minutes or 0))
        zone = timezone(offset if sign == "+" else -offset)
    try:
        return datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None


def _certificate_names(contents: bytes) -> dict[str, str | None]:
    """signer, organisation, unit and email of the signing certificate in a CMS (PKCS#7) blob."""
    names: dict[str, str | None] = {"signer": None, "organisation": None, "unit": None, "email": None}
    der = _der_prefix(contents)
    if not der:
        return names
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import pkcs7
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        certificates = pkcs7.load_der_pkcs7_certificates(der)
    except Exception as exc:  # a damaged or unusual blob: the signature is still listed, without names
        log.info("signature certificates unreadable: %r", exc)
        return names
    issuers = {cert.issuer for cert in certificates if cert.issuer != cert.subject}  # who issued another

    def is_timestamping(cert: x509.Certificate) -> bool:
        try:
            usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except (x509.ExtensionNotFound, ValueError):
            return False
        return ExtendedKeyUsageOID.TIME_STAMPING in usage

    leaves = [cert for cert in certificates if cert.subject not in issuers and not is_timestamping(cert)]
    if not leaves:
        return names
    subject = leaves[0].subject

    def first(oid: x509.ObjectIdentifier) -> str | None:
        values = subject.get_attributes_for_oid(oid)
        value = values[0].value if values else None
        return value.strip() or None if isinstance(value, str) else None

    names["signer"] = first(NameOID.COMMON_NAME)
    names["organisation"] = first(NameOID.ORGANIZATION_NAME)
    names["unit"] = first(NameOID.ORGANIZATIONAL_UNIT_NAME)
    names["email"] = first(NameOID.EMAIL_ADDRESS)
    return names


def _der_prefix(blob: bytes) -> bytes:
    """The DER object at the start of `blob`: /Contents is padded with zeros after it."""
    if len(blob) < 2 or blob[0] != 0x30:
        return b""
    length = blob[1]
    if length < 0x80:
        end = 2 + length
    else:
        size = length & 0x7F
        if size == 0 or size > 4:
            return b""
        end = 2 + size + int.from_bytes(blob[2 : 2 + size], "big")
    return blob[:end] if end <= len(blob) else b""

"""Hard cases of incoming letters, built from corpus texts: seals, stamps, handwriting, e-office widgets.

Everything is drawn on `builders.make_pdf`'s layout (rendered as a scan) or added to it (widgets), at
positions found in the layout itself, so the cases follow the text wherever the layout puts it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
from builders import FONT, FONT_BOLD, make_pdf
from PIL import Image, ImageChops, ImageDraw, ImageFont

FONT_OBLIQUE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
RED = (215, 30, 45)
BLUE = (30, 60, 200)


@dataclass(frozen=True)
class Box:
    """A box in points from the page's top-left."""

    left: float
    top: float
    right: float
    bottom: float

    def scaled(self, dpi: int) -> tuple[int, int, int, int]:
        k = dpi / 72
        return round(self.left * k), round(self.top * k), round(self.right * k), round(self.bottom * k)


def find_text(pdf: Path, needle: str, page: int = 0) -> Box:
    """Where `needle` is printed on `page` of a text-layer PDF (its first occurrence)."""
    document = pdfium.PdfDocument(pdf)
    try:
        handle = document[page]
        height = handle.get_height()
        textpage = handle.get_textpage()
        searcher = textpage.search(needle, match_case=True)
        found = searcher.get_next()
        if found is None:
            raise LookupError(f"{needle!r} is not on page {page + 1} of {pdf}")
        start, count = found
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
        bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
        return Box(left, height - top, right, height - bottom)
    finally:
        document.close()


def render_page(pdf: Path, dpi: int = 200, page: int = 0) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def save_scan(images: list[Image.Image], path: str | os.PathLike[str], dpi: int = 200) -> Path:
    target = Path(path)
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


# --- marks drawn on a page image -----------------------------------------------------------------
# Ink is laid over the page as ink is: multiplied, so black print under a red seal stays black.


def _ink(image: Image.Image, layer: Image.Image) -> None:
    image.paste(ImageChops.multiply(image, layer))


def _layer(image: Image.Image) -> Image.Image:
    return Image.new("RGB", image.size, (255, 255, 255))


def draw_seal(image: Image.Image, centre: tuple[int, int], radius: int, text: str, colour=RED) -> None:  # type: ignore[no-untyped-def]
    """A round seal: two rings, the body's name around the edge, a star in the middle, in one ink."""
    layer = _layer(image)
    draw = ImageDraw.Draw(layer)
    x, y = centre
    width = max(3, radius // 25)
    for r in (radius, radius - 3 * width):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=width)
    font = ImageFont.truetype(FONT_BOLD, max(10, radius // 6))
    letters = list(text)
    for i, letter in enumerate(letters):
        angle = math.pi + math.pi * i / max(len(letters) - 1, 1)  # the upper half, left to right
        lx = x + (radius - 7 * width) * math.cos(angle)
        ly = y + (radius - 7 * width) * math.sin(angle)
        draw.text((lx, ly), letter, fill=colour, font=font, anchor="mm")
    star = [
        (
            x + (radius / 3 if k % 2 == 0 else radius / 7) * math.cos(math.pi / 2 + k * math.pi / 5),
            y - (radius / 3 if k % 2 == 0 else radius / 7) * math.sin(math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=colour)
    _ink(image, layer)


def draw_received_stamp(image: Image.Image, box: tuple[int, int, int, int], lines: list[str], colour=(0, 0, 0)) -> None:  # type: ignore[no-untyped-def]
    """A received stamp: a framed box with "ĐẾN" and the day it came (in black, as bilevel scans keep it)."""
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = box
    width = max(2, (bottom - top) // 40)
    draw.rectangle(box, outline=colour, width=width)
    font = ImageFont.truetype(FONT_BOLD, max(10, (bottom - top) // (len(lines) + 2)))
    step = (bottom - top) / (len(lines) + 1)
    for i, line in enumerate(lines, start=1):
        draw.text((left + 3 * width, top + i * step), line, fill=colour, font=font, anchor="lm")


def draw_urgent_stamp(image: Image.Image, centre: tuple[int, int], size: int, text: str = "HỎA TỐC") -> None:
    """The red "HỎA TỐC" (urgent) stamp: framed capitals, pressed at a slant."""
    font = ImageFont.truetype(FONT_BOLD, size)
    left, top, right, bottom = font.getbbox(text)
    stamp = Image.new("RGBA", (right - left + size, bottom - top + size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((2, 2, stamp.width - 3, stamp.height - 3), outline=RED, width=max(2, size // 12))
    draw.text((stamp.width / 2, stamp.height / 2), text, fill=RED, font=font, anchor="mm")
    stamp = stamp.rotate(25, expand=True)
    layer = _layer(image)
    layer.paste(stamp, (centre[0] - stamp.width // 2, centre[1] - stamp.height // 2), stamp)
    _ink(image, layer)


def draw_handwritten_number(image: Image.Image, box: Box, text: str, dpi: int, colour=(20, 20, 30)) -> None:  # type: ignore[no-untyped-def]
    """`text` written into the blank at `box` by another hand: slanted, larger than the print, above its line."""
    left, top, right, bottom = box.scaled(dpi)
    height = bottom - top
    font = ImageFont.truetype(FONT_OBLIQUE, round(height * 1.45))
    layer = _layer(image)
    ImageDraw.Draw(layer).text((left, bottom - round(0.35 * height)), text, fill=colour, font=font, anchor="ls")
    _ink(image, layer)


# --- e-office widgets ----------------------------------------------------------------------------


def add_widgets(pdf: Path, target: Path, widgets: list[tuple[Box, str]], *, signed: bool = True) -> Path:
    """`pdf` with signature widgets showing `text` at each box (as Quảng Ngãi's e-office stamps the number
    and the day into the blanks), and, when `signed`, a CMS signature from a self-made certificate."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        height = float(page.mediabox[3])
        font = document.make_indirect(
            Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
        )
        fields = []
        contents = _signature_blob() if signed else b""
        for index, (box, text) in enumerate(widgets):
            width, tall = box.right - box.left, box.bottom - box.top
            size = tall * 0.8
            stream = f"BT /F1 {size:.1f} Tf 1 {tall * 0.22:.1f} Td ({text}) Tj ET".encode("cp1252")
            appearance = pikepdf.Stream(document, stream)
            appearance.Type, appearance.Subtype = Name.XObject, Name.Form
            appearance.BBox = Array([0, 0, width, tall])
            appearance.Resources = Dictionary(Font=Dictionary(F1=font))
            widget = Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Sig,
                T=pikepdf.String(f"Signature{index + 1}"),
                Rect=Array([box.left, height - box.bottom, box.right, height - box.top]),
                F=4,
                AP=Dictionary(N=document.make_indirect(appearance)),
                P=page.obj,
            )
            if signed:
                widget.V = Dictionary(
                    Type=Name.Sig,
                    Filter=Name("/Adobe.PPKLite"),
                    SubFilter=Name("/adbe.pkcs7.detached"),
                    Contents=pikepdf.String(contents),
                    ByteRange=Array([0, 0, 0, 0]),
                    M=pikepdf.String("D:20170424153000+07'00'"),
                    Reason=pikepdf.String("Văn thư Ủy ban nhân dân tỉnh Quảng Bình đã ký"),
                )
            fields.append(document.make_indirect(widget))
        page.obj.Annots = Array(fields)
        document.Root.AcroForm = Dictionary(Fields=Array(fields), SigFlags=3)
        document.save(target)
    return target


def _signature_blob() -> bytes:
    """A detached PKCS#7 signature by a self-signed certificate named like a provincial body's."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tỉnh Quảng Bình"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Ủy ban nhân dân tỉnh Quảng Bình"),
        ]
    )
    now = datetime(2017, 1, 1, tzinfo=UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(b"the signed bytes")
        .add_signer(certificate, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
    )


def letter_pdf(text: str, path: Path) -> Path:
    return make_pdf(text, path)


__all__ = [
    "BLUE",
    "FONT",
    "RED",
    "Box",
    "add_widgets",
    "draw_handwritten_number",
    "draw_received_stamp",
    "draw_seal",
    "draw_urgent_stamp",
    "find_text",
    "letter_pdf",
    "render_page",
    "save_scan",
]

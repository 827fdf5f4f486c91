"""Marks on a scanned page that are not the document's printed text: coloured ink and boxed stamps.

An official letter is printed in black. What lands on it afterwards is not: the red seal over the
signature, the red "HỎA TỐC" (urgent) stamp, a blue or red signature, and the received stamp ("CV ĐẾN",
"CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / ĐẾN / Giờ... Ngày...") that the receiving office presses across the
margin and the title. Read as text, these become "TƯ ĐẾN vụy.46¿4.120.24" inside the trích yếu.

- Coloured ink is removed by colour: a pixel whose channels differ by more than `_COLOUR_SPREAD` (red,
  blue, violet ink; JPEG noise around black text stays below it) turns white. Black text under a red
  seal stays: where the two overlap the pixel is dark, not coloured.
- A received stamp in black (bilevel scans keep no colour) is found by its frame: a connected
  component the size of a stamp (an eighth to half the page wide, 2-12 % of its height) most of whose
  ink lies on its bounding box's border, with ink inside. The box is blanked. Tables are wider than
  half the page, or are grids (ink along inner lines, not the border).

- Rules (thin horizontal lines under the issuing body, the motto, the title) are removed too.

`clean_scan` returns the grey image for Tesseract, the mask of coloured ink it removed (so OCR can
flag words that touched it as uncertain: a blue handwritten number disappears with the ink), and the
stamps' boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops
from scipy import ndimage

_COLOUR_SPREAD = 80  # max(R,G,B) - min(R,G,B) above which a pixel is coloured ink (0-255)
_INK = 140  # grey level below which a pixel is ink, for stamp frames
_BORDER = 0.06  # the border band, as a share of the box's smaller side (at least 3 px)
_FRAME_SHARE = 0.4  # share of a frame component's ink on the border band
_RULE_HEIGHT = 0.002  # a rule is at most this share of the page's height thick (+2 px): 1.7 pt
_UNDERLINE_LENGTH = 0.04  # a horizontal stroke longer than this share of the width is no letter's
_EDGE_COVER = 0.6  # share of an edge's length the frame must cover, on at least three edges


@dataclass(frozen=True)
class CleanScan:
    image: Image.Image  # grey ("L"), what Tesseract reads
    colour: np.ndarray | None  # bool mask of removed coloured ink (None: the page had none)
    stamps: tuple[tuple[int, int, int, int], ...]  # boxes blanked: (left, top, right, bottom) in pixels


def clean_scan(image: Image.Image, page_height: int | None = None, underlines: bool = False) -> CleanScan:
    """`image` cleaned for OCR; `page_height` (pixels) when the image is only the top of a page.

    `underlines`: also take off long horizontal strokes that touch letters (the motto "Độc lập - Tự do -
    Hạnh phúc" is underlined, and the underline, read as a line of its own, comes out as "— t1 3 ST TẮNI
    DỤC"). Only for the header: in the body such strokes are table borders, which Tesseract uses.
    """
    grey, colour = _without_colour(image)
    pixels = np.asarray(grey).copy()
    ink = pixels < _INK
    stamps, rules = _stamps_and_rules(ink, page_height or pixels.shape[0])
    for left, top, right, bottom in stamps:
        pixels[top:bottom, left:right] = 255
    pixels[rules] = 255
    if underlines:
        rules = _long_horizontal(ink, max(20, int(ink.shape[1] * _UNDERLINE_LENGTH)))
        # where a letter stands on the underline, the underline stays: cutting it would cut the letter
        letters = ink & ~rules
        touching = np.zeros_like(ink)
        for shift in range(1, 6):  # an underline at 300 dpi is 2-5 px thick
            touching[shift:] |= letters[:-shift]
            touching[:-shift] |= letters[shift:]
        rules &= ~touching
        pixels[rules] = 255
    cleaned = Image.fromarray(pixels, mode="L") if stamps or rules.any() else grey
    return CleanScan(cleaned, colour, tuple(stamps))


def _without_colour(image: Image.Image) -> tuple[Image.Image, np.ndarray | None]:
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return image.convert("L"), None
    red, green, blue = image.convert("RGB").split()
    # max(R,G,B) - min(R,G,B), with Pillow's channel operations (numpy's max over the colour axis is 10x slower)
    spread = ImageChops.subtract(
        ImageChops.lighter(ImageChops.lighter(red, green), blue), ImageChops.darker(ImageChops.darker(red, green), blue)
    )
    grey = image.convert("L")
    _, widest = spread.getextrema()  # one band: (min, max)
    if int(widest) <= _COLOUR_SPREAD:  # type: ignore[arg-type]
        return grey, None
    coloured = spread.point(lambda value: 255 if value > _COLOUR_SPREAD else 0)
    grey.paste(255, mask=coloured)
    return grey, np.asarray(coloured) > 0


def _stamps_and_rules(ink: np.ndarray, height: int) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    """Boxes of framed stamps, and the mask of rules: thin horizontal lines (under the issuing body, the
    motto, the title), which Tesseract reads as a line of dashes and letters ("— t1 3 ST TẮNI DỤC")."""
    width = ink.shape[1]
    labels, _ = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    found = []
    rules = []
    boxes = ndimage.find_objects(labels)
    for number, box in enumerate(boxes, start=1):
        if box is None:
            continue
        rows, cols = box
        box_height, box_width = rows.stop - rows.start, cols.stop - cols.start
        if box_height <= 2 + height * _RULE_HEIGHT and box_width >= max(width * 0.04, 8 * box_height):
            rules.append(number)
            continue
        if not (width / 8 <= box_width <= width / 2 and height * 0.02 <= box_height <= height * 0.12):
            continue
        if box_width < 1.5 * box_height:
            continue
        mine = labels[box] == number
        band = max(3, int(_BORDER * min(box_height, box_width)))
        border = np.zeros_like(mine)
        border[:band, :] = border[-band:, :] = border[:, :band] = border[:, -band:] = True
        total = int(mine.sum())
        if total == 0 or (mine & border).sum() < _FRAME_SHARE * total:
            continue
        edges = (
            mine[:band, :].any(axis=0).mean(),
            mine[-band:, :].any(axis=0).mean(),
            mine[:, :band].any(axis=1).mean(),
            mine[:, -band:].any(axis=1).mean(),
        )
        if sum(edge >= _EDGE_COVER for edge in edges) < 3:
            continue
        inside = ink[box][band:-band, band:-band]
        if inside.size == 0 or inside.mean() < 0.01:
            continue  # an empty box (a rule, a form field): nothing to remove
        found.append((cols.start, rows.start, cols.stop, rows.stop))
    if not rules:
        return found, np.zeros_like(ink)
    is_rule = np.zeros(len(boxes) + 1, dtype=bool)
    is_rule[rules] = True
    return found, is_rule[labels]


def _long_horizontal(ink: np.ndarray, length: int) -> np.ndarray:
    """Ink pixels on a horizontal run of at least `length` pixels (a morphological opening by a 1 x length
    segment, with running sums instead of a sliding window)."""
    height, width = ink.shape
    if width < length:
        return np.zeros_like(ink)
    sums = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=sums[:, 1:])
    full = np.zeros((height, width), dtype=np.int32)  # full[y, x]: ink[y, x : x + length] is all ink
    full[:, : width - length + 1] = (sums[:, length:] - sums[:, : width - length + 1]) == length
    starts = np.zeros((height, width + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    lowest = np.maximum(np.arange(width) - length + 1, 0)
    return (starts[:, 1:] - starts[:, lowest]) > 0


def touches_colour(colour: np.ndarray | None, box: tuple[int, int, int, int], reach: int) -> bool:
    """Whether removed coloured ink lies inside `box` (pixels) widened by `reach` pixels left and right."""
    if colour is None:
        return False
    left, top, right, bottom = box
    height, width = colour.shape
    window = colour[max(0, top) : min(height, bottom), max(0, left - reach) : min(width, right + reach)]
    # A few stray pixels are JPEG fringes; a written digit is dozens of pixels.
    return int(window.sum()) >= max(20, (bottom - top) * 2)

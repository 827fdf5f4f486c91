"""Which font a DOCX run is set in: the run's own, its character style's, its paragraph style's (with
the styles they are based on), else the document default. Only names written out count: theme fonts
(`w:asciiTheme`) are modern Unicode fonts, never the legacy ".VnTime" or "VNI-Times" this is read for.
"""

from __future__ import annotations

from lxml import etree

from .legacy import encoding_of_font
from .numbering import w

_MAX_BASED_ON = 20  # styles based on styles: Word allows cycles in broken files


def _rfonts(rpr: etree._Element | None) -> str | None:
    """The font for characters above ASCII (w:hAnsi), else for ASCII (w:ascii), named in a w:rPr."""
    if rpr is None:
        return None
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        return None
    return fonts.get(w("hAnsi")) or fonts.get(w("ascii"))


class RunFonts:
    """The legacy encoding of each run of one document, from its styles part."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default_paragraph: str | None = None
        self._default_font: str | None = None
        self._cache: dict[str | None, str | None] = {}
        if styles is None:
            return
        for style in styles.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id:
                self._styles[style_id] = style
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                    self._default_paragraph = style_id
        defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self._default_font = _rfonts(defaults)

    def encoding(self, run: etree._Element, paragraph_style: str | None) -> tuple[str, bool] | None:
        """("tcvn3" | "vni", drawn in capitals) when the run is set in a legacy font, else None."""
        rpr = run.find(w("rPr"))
        font = _rfonts(rpr)
        if font is None and rpr is not None:
            style = rpr.find(w("rStyle"))
            font = self._style_font(style.get(w("val"))) if style is not None else None
        if font is None and self._styles:
            font = self._style_font(paragraph_style or self._default_paragraph)
        return encoding_of_font(font or self._default_font)

    def _style_font(self, style_id: str | None) -> str | None:
        if style_id not in self._cache:
            self._cache[style_id] = self._lookup(style_id)
        return self._cache[style_id]

    def _lookup(self, style_id: str | None) -> str | None:
        seen = 0
        while style_id and seen < _MAX_BASED_ON:
            style = self._styles.get(style_id)
            if style is None:
                return None
            font = _rfonts(style.find(w("rPr")))
            if font:
                return font
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
            seen += 1
        return None

"""Render Word's automatic list labels ("1.", "a)", "II.", bullets), which python-docx leaves out.

A numbered paragraph carries `w:numPr` (numId, ilvl) directly or through its paragraph style.
numId names a `w:num`, which points to a `w:abstractNum` holding up to nine levels, each with a
number format, a label template ("%1.", "%1.%2.", "%2)") and a start value. A `w:num` may override
a level's start (`w:startOverride`) or its whole definition: that is how Word restarts a list.

Counters follow Word: they belong to the abstract list, so two `w:num`s without overrides continue
one another; a `w:num` with a start override resets that level the first time it is used; a level
restarts whenever a higher level advances, unless its `w:lvlRestart` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = 9


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w("p") -> "{...main}p"."""
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, tag: str) -> str | None:
    """The w:val of `element`'s child `tag`, or None."""
    if element is None:
        return None
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"))


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    template: str = "%1."
    start: int = 1
    restart_after: int | None = None  # w:lvlRestart: 1-based level whose use restarts this one; 0 = never
    legal: bool = False  # w:isLgl: show every level as a decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class _Num:
    abstract_id: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]


@dataclass
class _ListState:
    counters: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)


class Numbering:
    """Labels for the numbered paragraphs of one document, asked for in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._abstract_link: dict[str, str] = {}  # abstractNum id -> style id (w:numStyleLink)
        self._nums: dict[str, _Num] = {}
        self._style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self._states: dict[str, _ListState] = {}
        self._started: set[str] = set()
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    # --- reading the definitions -------------------------------------------------------------

    def _read_styles(self, styles: etree._Element) -> None:
        direct: dict[str, tuple[str | None, int | None]] = {}
        based_on: dict[str, str] = {}
        for style in styles.iter(w("style")):
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            parent = _val(style, "basedOn")
            if parent:
                based_on[style_id] = parent
            numpr = style.find(f"{w('pPr')}/{w('numPr')}")
            if numpr is not None:
                direct[style_id] = (_val(numpr, "numId"), _int(_val(numpr, "ilvl")))
        for style_id in set(direct) | set(based_on):
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen:  # basedOn chains may loop in bad files
                seen.add(current)
                if current in direct:
                    self._style_numpr[style_id] = direct[current]
                    break
                current = based_on.get(current)

    def _read_numbering(self, numbering: etree._Element) -> None:
        for abstract in numbering.iter(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId"))
            if abstract_id is None:
                continue
            defined: dict[int, Level] = {}
            for lvl in abstract.iter(w("lvl")):
                ilvl = _int(lvl.get(w("ilvl")))
                if ilvl is not None and 0 <= ilvl < _LEVELS:
                    defined[ilvl] = _read_level(lvl, Level(template=f"%{ilvl + 1}."))
            self._abstract[abstract_id] = defined
            link = _val(abstract, "numStyleLink")
            if link:
                self._abstract_link[abstract_id] = link
        for num in numbering.iter(w("num")):
            num_id = num.get(w("numId"))
            abstract_id = _val(num, "abstractNumId")
            if num_id is None or abstract_id is None:
                continue
            levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")))
                if ilvl is None or not 0 <= ilvl < _LEVELS:
                    continue
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _read_level(lvl, Level(template=f"%{ilvl + 1}."))
            self._nums[num_id] = _Num(abstract_id, levels, starts)

    def _levels(self, num: _Num) -> dict[int, Level]:
        abstract_id = num.abstract_id
        link = self._abstract_link.get(abstract_id)
        if link is not None:
            # A list defined by a numbering style: its levels live in the abstractNum the style's num uses.
            linked_num = self._nums.get(self._style_numpr.get(link, (None, None))[0] or "")
            if linked_num is not None and linked_num.abstract_id != abstract_id:
                abstract_id = linked_num.abstract_id
        merged = dict(self._abstract.get(abstract_id, {}))
        merged.update(num.levels)
        for ilvl, start in num.start_overrides.items():
            merged[ilvl] = replace(merged.get(ilvl, Level(template=f"%{ilvl + 1}.")), start=start)
        return merged

    # --- rendering ---------------------------------------------------------------------------

    def label(self, paragraph: etree._Element) -> str:
        """The label Word shows before `paragraph` ("1. ", "a) ", "- "), or "" if it has none.

        Advances the list counters, so call it once per paragraph, in document order.
        """
        ppr = paragraph.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        style_id = _val(ppr, "pStyle")
        style_num, style_ilvl = self._style_numpr.get(style_id or "", (None, None))
        num_id = _val(numpr, "numId") or style_num
        if num_id is None or num_id == "0":
            return ""
        num = self._nums.get(num_id)
        if num is None:
            return ""
        levels = self._levels(num)
        ilvl = _int(_val(numpr, "ilvl"))
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = next((i for i, lvl in levels.items() if style_id and lvl.style == style_id), 0)
        if not 0 <= ilvl < _LEVELS:
            return ""
        level = levels.get(ilvl, Level(template=f"%{ilvl + 1}."))

        state = self._states.setdefault(num.abstract_id, _ListState())
        counters = state.counters
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden in num.start_overrides:
                counters[overridden] = None
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, _LEVELS):
            restart_after = levels.get(deeper, Level()).restart_after
            if restart_after is None or (restart_after != 0 and ilvl <= restart_after - 1):
                counters[deeper] = None

        if level.fmt == "bullet":
            return "+ " if level.template.strip() == "+" else "- "
        if level.fmt == "none":
            return ""
        text = level.template
        for index in range(_LEVELS):
            marker = f"%{index + 1}"
            if marker not in text:
                continue
            shown = levels.get(index, Level())
            value = counters[index] if counters[index] is not None else shown.start
            fmt = "decimal" if level.legal and index != ilvl else shown.fmt
            text = text.replace(marker, format_number(value or 0, fmt))
        if not text:
            return ""
        return text if level.suffix == "nothing" else text + " "


def _read_level(lvl: etree._Element, default: Level) -> Level:
    template = _val(lvl, "lvlText")
    return Level(
        fmt=_val(lvl, "numFmt") or default.fmt,
        template=default.template if template is None else template,
        start=_int(_val(lvl, "start"), default.start) or 0,
        restart_after=_int(_val(lvl, "lvlRestart")),
        legal=lvl.find(w("isLgl")) is not None and _val(lvl, "isLgl") not in ("0", "false"),
        suffix=_val(lvl, "suff") or "tab",
        style=_val(lvl, "pStyle"),
    )


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats; formats we do not know fall back to decimal."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(value)
        return text.lower() if fmt == "lowerRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated, not base 26)."""
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)

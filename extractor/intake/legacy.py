"""Text typed in the legacy Vietnamese font encodings, TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times").

Before Unicode (and in many archives until ~2010) Vietnamese was typed in fonts that draw accented
letters in the slots of Western European ones: in TCVN3 the byte 0xE9 is "ộ", in VNI "ộ" is "o" followed
by the mark 0xE4. Word stores such text as the Windows-1252 characters of those bytes, so a DOCX, a
text exported from it, or a PDF made from it reads "Céng hßa x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi"
(VNI) for "Cộng hòa xã hội". The code tables are data (corpus/lexicons/legacy_encodings.json).

Two ways to know: a DOCX run names its font (`encoding_of_font`, used by docx.py); plain text does not,
so `convert_legacy_text` tries each table line by line and keeps a conversion only where it turns
more words into Vietnamese syllables than the line had. A real Unicode line never gains: a table maps
its "á" to "ỏ" and its words stop being words.

TCVN3 has no accented capitals: a heading set in a capitals font (".VnTimeH") is typed with the
lower-case codes. Runs in such a font are upper-cased; in plain text, a word whose other letters are
all capitals is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from extractor import patterns as P
from extractor import vocab

NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
_MIN_WORDS_GAINED = 3  # fewer converted words than this in a whole text: leave it alone


@dataclass(frozen=True)
class _Table:
    name: str
    pattern: re.Pattern[str]  # every legacy sequence, longest first
    mapping: dict[str, str]
    evidence: frozenset[str]  # characters of the table that no Unicode Vietnamese text needs

    def convert(self, text: str) -> str:
        return self.pattern.sub(lambda m: self.mapping[m.group()], text)


@cache
def _tables() -> dict[str, _Table]:
    data = vocab.load("legacy_encodings.json")
    vietnamese = _vietnamese_letters()
    out = {}
    for key in NAMES:
        mapping: dict[str, str] = data[key]["map"]
        keys = sorted(mapping, key=len, reverse=True)
        evidence = frozenset(ch for seq in mapping for ch in seq if ch not in vietnamese and not ch.isascii())
        out[key] = _Table(key, P.literal_alternation(tuple(keys)), mapping, evidence)
    return out


@cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter Unicode Vietnamese text uses (NFC), both cases."""
    bases = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", b + m) for b in bases for m in marks} | {"đ"}
    return frozenset(letters | {ch.upper() for ch in letters})


@cache
def _font_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fonts = vocab.load("legacy_encodings.json")["fonts"]
    return P.from_data(fonts["tcvn3"]), P.from_data(fonts["vni"]), P.from_data(fonts["tcvn3_capitals"])


def encoding_of_font(font: str | None) -> tuple[str, bool] | None:
    """("tcvn3" | "vni", drawn in capitals) for a legacy font name (".VnTimeH" -> ("tcvn3", True)), else None."""
    if not font:
        return None
    tcvn3, vni, capitals = _font_patterns()
    font = font.strip()
    if tcvn3.search(font):
        return "tcvn3", bool(capitals.search(font))
    if vni.search(font):
        return "vni", False
    return None


def convert(text: str, encoding: str, *, capitals: bool = False) -> str:
    """`text` typed in `encoding` ("tcvn3" or "vni") as Unicode (NFC); `capitals` for a ".VnTimeH" run."""
    out = unicodedata.normalize("NFC", _tables()[encoding].convert(text))
    if capitals:
        return out.upper()
    return _restore_capitals(out) if encoding == "tcvn3" else out


def convert_by_font(text: str, encoding: str, *, capitals: bool = False) -> str | None:
    """`text` of a run whose font says `encoding`, converted; None when the text already reads as Unicode
    Vietnamese better than converted (a document converted to Unicode that kept its ".VnTime" styles)."""
    out = convert(text, encoding, capitals=capitals)
    if any(ch in _tables()[encoding].evidence for ch in text):
        return out  # the font, and codes no Unicode Vietnamese text needs ("©", "§", "µ"): no doubt left
    return out if _syllables(out) > _syllables(text) else None


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """(text with what was typed in a legacy encoding converted, a warning naming it) or (text, None).

    Decided word by word (a document may mix Unicode with pasted legacy text, even within a line): a
    word is converted when that makes it a Vietnamese syllable, or, in a text that is wholly in the
    encoding, when it does not make it worse ("Sè:" -> "Số:") or holds a code no Unicode text needs
    ("Q§-UBND" -> "QĐ-UBND")."""
    tables = [t for t in _tables().values() if _count(text, t.evidence) >= _MIN_WORDS_GAINED]
    if not tables:
        return text, None
    tokens = P.LEGACY_TOKEN.split(text)
    gains: dict[str, dict[str, tuple[int, str]]] = {}  # word -> table -> (gain, converted word)
    for token in set(tokens):
        if token.isascii():
            continue
        options = {}
        for table in tables:
            converted = table.convert(token)
            if converted != token:
                options[table.name] = (_syllables(converted) - _syllables(token), converted)
        if options:
            gains[token] = options
    counts = Counter(t for t in tokens if t in gains)
    main = _dominant(tables, gains, counts)
    if main is None:
        return text, None
    whole = _is_whole(main, gains, counts)
    lines_changed: set[int] = set()
    out: list[str] = []
    line = 0
    for token in tokens:
        found = gains.get(token)
        choice = _choose(token, found, main, whole) if found else None
        if choice is not None:
            lines_changed.add(line)
        out.append(choice if choice is not None else token)
        line += token.count("\n")
    result = unicodedata.normalize("NFC", "".join(out))
    if main.name == "tcvn3":
        result = _restore_capitals(result)
    count = len(lines_changed)
    noun = "line" if count == 1 else "lines"
    return result, f"{count:,} {noun} typed in the legacy {NAMES[main.name]} encoding converted to Unicode"


_WHOLE_SHARE = 0.9  # of the words a table changes, those it does not make worse: the text is in it


_Gains = dict[str, dict[str, tuple[int, str]]]  # word -> table -> (syllables gained, converted word)


def _dominant(tables: list[_Table], gains: _Gains, counts: Counter[str]) -> _Table | None:
    """The table that turns the most words into syllables, if enough of the words it changes gain."""
    best, best_won = None, 0
    for table in tables:
        won = sum(n for token, n in counts.items() if gains[token].get(table.name, (0, ""))[0] > 0)
        changed = sum(n for token, n in counts.items() if table.name in gains[token])
        # a Unicode text with a few "µ" or pasted fragments: its many "á", "ô" only get worse
        if won >= _MIN_WORDS_GAINED and won >= 0.2 * changed and won > best_won:
            best, best_won = table, won
    return best


def _is_whole(table: _Table, gains: _Gains, counts: Counter[str]) -> bool:
    changed = not_worse = 0
    for token, n in counts.items():
        if table.name in gains[token]:
            changed += n
            not_worse += n if gains[token][table.name][0] >= -1 else 0
    return changed > 0 and not_worse >= _WHOLE_SHARE * changed


def _choose(token: str, options: dict[str, tuple[int, str]], main: _Table, whole: bool) -> str | None:
    gain, converted = options.get(main.name, (0, ""))
    if not converted:
        return None
    if gain > 0:
        return converted
    # in a text wholly in the encoding: also words it does not make worse, and codes no Unicode text
    # needs ("L§TB&XH" -> "LĐTB&XH", whose abbreviations are no syllables either way)
    if whole and (gain >= -1 or any(ch in main.evidence for ch in token)):
        return converted
    return None


def _count(text: str, chars: frozenset[str]) -> int:
    return sum(text.count(ch) for ch in chars)


def _syllables(text: str) -> int:
    """Words of `text` that are Vietnamese syllables minus words that are not (words of two letters or
    more: a legacy code read as punctuation leaves one-letter fragments, "S¬n" -> "S", "n")."""
    from extractor.clean import fold_tones  # the syllable list is kept in new-style tone placement

    known = vocab.syllables()
    words = [w for w in P.LEGACY_WORD.findall(unicodedata.normalize("NFC", text)) if len(w) > 1]
    hits = sum(1 for w in words if fold_tones(w.lower()) in known)
    return 2 * hits - len(words)


def _restore_capitals(text: str) -> str:
    """TCVN3 capitals typed with lower-case accented codes ("CéNG HßA") read as capitals ("CỘNG HÒA").

    A word with a capital after its first letter and no small ASCII letter is in capitals ("HòA", "ủY").
    One with a capital first and only accented codes after ("Sè", "X·") may be either ("Số" or "SỐ"):
    it is in capitals in a line of capitals, or between two capital words ("HÒA Xã HỘI" -> "XÃ")."""
    from extractor.clean import fold_tones

    known = vocab.syllables()
    out = []
    for line in text.split("\n"):
        words = list(P.LEGACY_WORD.finditer(line))
        kinds = [_kind(m.group(), known, fold_tones) for m in words]
        if "small" not in kinds and kinds.count("capital") >= 1:
            out.append(line.upper())
            continue
        pieces, last = [], 0
        for i, m in enumerate(words):
            word = m.group()
            if kinds[i] == "capital" or kinds[i] == "code" or kinds[i] == "either" and _among_capitals(kinds, i):
                word = word.upper()
            pieces.append(line[last : m.start()] + word)
            last = m.end()
        out.append("".join(pieces) + line[last:])
    return "\n".join(out)


def _kind(word: str, known: frozenset[str], fold: object) -> str:
    """ "small" (has a small ASCII letter), "capital" (an accented Vietnamese word in capitals: "HòA"),
    "code" (other capitals: "UBND", "BAN", "QĐ"), "either" ("Sè": a capital, then only accented codes)
    or "other"."""
    if P.LEGACY_ASCII_SMALL.search(word):
        return "small"
    if any(ch.isupper() for ch in word[1:]):
        # "UBND", "BAN", "QĐ": capitals in any line; only an accented syllable says the line is a heading
        accented = not word.isascii() and fold(word.lower()) in known  # type: ignore[operator]
        return "capital" if accented else "code"
    if word[:1].isupper() and len(word) > 1:
        return "either"
    return "other"


def _among_capitals(kinds: list[str], i: int) -> bool:
    before = kinds[i - 1] if i > 0 else None
    after = kinds[i + 1] if i + 1 < len(kinds) else None
    after2 = kinds[i + 2] if i + 2 < len(kinds) else None
    if before == "capital" and after == "capital":
        return True
    return before is None and after == "capital" and after2 == "capital"

"""Named programmes: Đề án, Chương trình, Kế hoạch, Chiến lược known by their names.

A national programme is cited by its name as often as by the decision that approved it: Quảng Bình's
674/UBND-VX is "V/v thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”", the Đề án that
89/QĐ-TTg approved. This module reads names out of titles (pure functions, no database):

    mentions(text)            every "<kind> <name>" in a title, with the verb before it (approve, carry)
    own_names(doc_type, text) the names a document with this type and trích yếu is known by
    carried(text)             the programmes a trích yếu says the document carries out
    name_key(text)            the comparable form of a name

A name key tolerates what writers vary: quotes (“ ” " ' ‘ ’ « »), hyphen spacing ("2012-2020" and
"2012 - 2020"), old and new tone placement ("xoá"/"xóa"), case, and a quote closed early
(“Xây dựng xã hội học tập” giai đoạn 2012 - 2020). A place qualifier after the name ("… tỉnh Vĩnh
Long", "trên địa bàn tỉnh") is kept apart: the store scopes a local programme to its province.
Vocabulary (kinds, verbs) is data: corpus/lexicons/programmes.json.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from extractor import vocab
from extractor.folding import fold

MIN_WORDS = 3  # "Đề án" with a name cut off ("phê duyệt Đề án") names nothing
# words that say what a plan does, not which one it is: "Kế hoạch thực hiện Nghị quyết" names no plan
_GENERIC = frozenset(
    [
        "thực",
        "hiện",
        "triển",
        "khai",
        "tổ",
        "chức",
        "tiếp",
        "tục",
        "hướng",
        "dẫn",
        "nghị",
        "quyết",
        "quyết",
        "định",
        "chỉ",
        "thị",
        "thông",
        "tư",
        "nghị",
        "định",
        "luật",
        "kết",
        "luận",
        "công",
        "văn",
        "số",
        "năm",
    ]
)
_QUOTES = "“”\"'‘’«»„"
# a name's own words, then a quote: 'Chương trình mục tiêu quốc gia “Xây dựng nông thôn mới”'
_MAX_WORDS_BEFORE_QUOTE = 4
# what follows a quote closed early: “Xây dựng xã hội học tập” giai đoạn 2012 - 2020
_PERIOD = re.compile(
    r"^\s*(?:giai đoạn|thời kỳ|đến năm|năm)\s+\d{4}(?:\s*[-–—]\s*\d{4})?(?:\s*,?\s*tầm nhìn đến năm \d{4})?"
)
# where an unquoted name ends: a clause break, a date, the issuer ("của Thủ tướng Chính phủ")
_STOP = re.compile(
    r"\s*(?:;|\(|\bngày\s+\d|\bcủa\s+(?:thủ tướng|chính phủ|bộ|ban|ủy ban|ubnd|hội đồng|tỉnh ủy|thành ủy)\b|\./?$)"
)
# a place after the name: "… tỉnh Vĩnh Long", "trên địa bàn Thành phố Hồ Chí Minh"
_PLACE = re.compile(r"\s+(?:(?:trên địa bàn|tại)\s+.*|(?:tỉnh|thành phố|huyện|quận|thị xã)\s+[^\s,;].*)$")


@dataclass(frozen=True)
class Mention:
    kind: str  # folded: "đề án"
    key: str  # name_key of the name
    name: str  # as printed, quotes stripped: "Xây dựng xã hội học tập giai đoạn 2012 - 2020"
    role: str  # approve | carry | mention
    place: str | None = None  # the qualifier kept apart: "tỉnh Vĩnh Long"

    @property
    def title(self) -> str:
        """How a person reads it: Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”."""
        return f"{self.kind[:1].upper()}{self.kind[1:]} “{self.name}”"


@cache
def _vocabulary() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    data = vocab.load("programmes.json")
    kinds = sorted((fold(k) for k in data["kinds"]), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, kinds)) + r")(?!\w)")
    approve = tuple(sorted((fold(v) for v in data["approve"]), key=len, reverse=True))
    carry = tuple(sorted((fold(v) for v in data["carry"]), key=len, reverse=True))
    return pattern, approve, carry


def kinds() -> frozenset[str]:
    return frozenset(fold(k) for k in vocab.load("programmes.json")["kinds"])


def name_key(text: str | None) -> str:
    """ "Đề án 'Xây dựng XHHT giai đoạn 2012-2020'" and "… 2012 - 2020”" are one key: folded, every run
    of punctuation and spaces one space."""
    if not text:
        return ""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def _distinctive(key: str) -> bool:
    words = key.split()
    return len(words) >= MIN_WORDS and sum(w not in _GENERIC for w in words) >= 2


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _role(before: str) -> str:
    _, approve, carry = _vocabulary()
    before = re.sub(r"\s*(?:về việc|v/v|về)\s*:?\s*$", "", before.rstrip(" :,"))
    tail = before[-40:]
    # "ban hành Kế hoạch thực hiện Đề án" -> the Đề án is carried, its verb is the nearest one
    for verb in carry:
        if tail.endswith(verb):
            return "carry"
    for verb in approve:
        if tail.endswith(verb):
            return "approve"
    return "mention"


def _name_after(printed: str, folded: str, kind_words: re.Pattern[str]) -> tuple[str, str | None] | None:
    """The name that follows a kind word, and the place qualifier after it; `printed` and `folded` are the
    text after the kind word in the document's spelling and folded (same length)."""
    quote = next((i for i, c in enumerate(printed) if c in _QUOTES), -1)
    lead = folded[:quote] if quote >= 0 else ""
    if quote >= 0 and len(lead.split()) <= _MAX_WORDS_BEFORE_QUOTE and not kind_words.search(lead):
        close = next((i for i in range(quote + 1, len(printed)) if printed[i] in _QUOTES), len(printed))
        name = printed[quote + 1 : close]
        rest_p, rest_f = printed[close + 1 :], folded[close + 1 :]
        if lead.strip():  # 'Chương trình mục tiêu quốc gia “X”': the words before the quote are part of it
            name = printed[:quote].strip() + " " + name
        period = _PERIOD.match(rest_f) if not re.search(r"\d{4}", name) else None
        if period:
            name = name + " " + rest_p[: period.end()].strip()
            rest_p, rest_f = rest_p[period.end() :], rest_f[period.end() :]
        place = _PLACE.match(rest_f.split(";")[0].split("(")[0])
        qualifier = rest_p[place.start() : place.end()].strip() if place else None
        return name.strip(" ,.;:"), qualifier
    # an unquoted name runs to the first break that leaves it MIN_WORDS words ("Chương trình hành động
    # của Chính phủ thực hiện …" is not cut at "của Chính phủ")
    end = next((s.start() for s in _STOP.finditer(folded) if len(folded[: s.start()].split()) >= MIN_WORDS), None)
    end = len(folded) if end is None else end
    name_p, name_f = printed[:end], folded[:end]
    place = _PLACE.search(name_f)
    qualifier = None
    if place and len(name_f[: place.start()].split()) >= MIN_WORDS:
        qualifier = name_p[place.start() :].strip()
        name_p = name_p[: place.start()]
    # a number cut off the end ("thực hiện Nghị quyết số") names nothing in particular
    name_p = re.sub(r"(?i)\s+số\s*$", "", name_p.strip(" ,.;:"))
    return _balanced(name_p), qualifier


def _balanced(name: str) -> str:
    """A name cut after an inner quote opened ("thực hiện Đề án “X") gets its closing quote back."""
    name = name.lstrip(_QUOTES) if sum(c in _QUOTES for c in name) % 2 and name[:1] in _QUOTES else name
    return name + "”" if sum(c in _QUOTES for c in name) % 2 else name


def mentions(text: str | None) -> list[Mention]:
    """Every named programme in a title, left to right, with the verb before it: "phê duyệt Đề án “X”"
    (approve), "thực hiện Đề án “X”" (carry), or none (mention)."""
    if not text:
        return []
    printed = _clean(text)
    folded = fold(printed)
    if len(folded) != len(printed):  # a letter whose lower case is longer: read the folded text only
        printed = folded
    pattern, _, _ = _vocabulary()
    out = []
    for m in pattern.finditer(folded):
        if not printed[m.start()].isupper():
            continue  # "lập và phê duyệt đề án hỗ trợ …": a common noun; a programme's name is capitalised
        after = _name_after(printed[m.end() :].lstrip(), folded[m.end() :].lstrip(), pattern)
        if after is None:
            continue
        name, place = after
        key = name_key(name)
        if not _distinctive(key):
            continue
        out.append(Mention(m.group(1), key, name, _role(folded[: m.start()]), name_key(place) or None))
    return out


def own_names(doc_type: str | None, title: str | None) -> list[Mention]:
    """The names a document is known by: what its trích yếu approves or promulgates ("phê duyệt Đề án
    “X”", "ban hành Kế hoạch …"); a Kế hoạch, Chương trình or Đề án is also known by its own title
    ("Kế hoạch thực hiện Đề án “X” năm 2024")."""
    out = [m for m in mentions(title) if m.role == "approve"]
    kind = fold(doc_type) if doc_type else ""
    if title and kind in kinds():
        text = re.sub(r"(?i)^\s*(?:v/v|về việc|về)\s*:?\s*", "", _clean(title))
        # the title may start with the kind itself ("KẾ HOẠCH Triển khai …")
        text = re.sub(rf"(?i)^{re.escape(kind)}\s+", "", text) if fold(text).startswith(kind + " ") else text
        found = _name_after(text, fold(text) if len(fold(text)) == len(text) else text, _vocabulary()[0])
        if found and _distinctive(name_key(found[0])):
            own = Mention(kind, name_key(found[0]), found[0], "approve", name_key(found[1]) or None)
            if all(m.key != own.key or m.kind != own.kind for m in out):
                out.append(own)
    return out


def carried(title: str | None) -> list[Mention]:
    """Programmes a trích yếu says the document carries out: "V/v thực hiện Đề án “X”"."""
    return [m for m in mentions(title) if m.role == "carry"]


def cited_by_name(doc_type: str | None, title: str | None) -> Mention | None:
    """An unnumbered reference that names a programme: doc_type "Đề án", title "Xây dựng xã hội học tập
    giai đoạn 2012 - 2020" (quotes stripped by the extractor or not); or a title that says it all."""
    if not title:
        return None
    kind = fold(doc_type) if doc_type else ""
    if kind in kinds():
        inner = [m for m in mentions(f"{kind} {title}") if m.kind == kind]
        if inner and fold(_clean(title)).startswith(fold(inner[0].name)[:10]):
            m = inner[0]
            return Mention(kind, m.key, m.name, "mention", m.place)
        key = name_key(title)
        if _distinctive(key):
            return Mention(
                kind, key, " ".join(_clean(title).translate({ord(q): " " for q in _QUOTES}).split()), "mention"
            )
        return None
    found = mentions(title)
    return found[0] if found else None

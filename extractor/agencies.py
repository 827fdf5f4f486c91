"""Recognise and normalise Vietnamese agency names.

A name is read as: [office holder] core [qualifiers], where the core is a known body
("Mặt trận Tổ quốc Việt Nam"), a kind with a field ("Sở" + "GD&ĐT"), a local kind
("UBND"), a kind with a proper name ("Trung tâm Y tế"), or a group written with "các"
("các sở, ban, ngành"); qualifiers are localities ("tỉnh Gia Lai", "cấp huyện",
"các xã, thị trấn", "(TX, TP)"). Vocabulary comes from corpus/lexicons/agencies.json and
fields.json; places from extractor.places.

`canonical()` gives the body's name as the contract wants it: abbreviations expanded,
new-style tones, Nghị định 30 capitalisation, office holder dropped ("Giám đốc Sở Y tế" -> "Sở Y tế").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extractor import places, vocab
from extractor.folding import fold, fold_tones
from extractor.tokens import Tok, Trie, tokenize, word_end

# --- vocabularies -----------------------------------------------------------------------------------

_UNITS = {
    "tỉnh": "tỉnh",
    "huyện": "huyện",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "quận": "quận",
    "thị xã": "thị xã",
    "tx": "thị xã",
    "xã": "xã",
    "phường": "phường",
    "thị trấn": "thị trấn",
    "thôn": "thôn",
    "ấp": "ấp",
    "bản": "bản",
    "tổ dân phố": "tổ dân phố",
    "thôn ấp": "thôn ấp",
    "khu phố": "khu phố",
}
# Kinds that stand for a local government body and are completed by a locality.
_LOCAL_KINDS = {
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Quận ủy",
    "Thị ủy",
    "Đảng ủy",
    "Ủy ban Mặt trận Tổ quốc",
}
_KIND_ALIASES = {
    "UBND": "Ủy ban nhân dân",
    "UB": "Ủy ban",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UB MTTQ": "Ủy ban Mặt trận Tổ quốc",
    "VP": "Văn phòng",
    "BCĐ": "Ban Chỉ đạo",
    "Tỉnh Uỷ": "Tỉnh ủy",
    "Tỉnh Ủy": "Tỉnh ủy",
    "Huyện Ủy": "Huyện ủy",
    "Thành Ủy": "Thành ủy",
}
_NAMED_ALIASES = {
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "TTHTCĐ": "Trung tâm học tập cộng đồng",
    "Trung tâm HTCĐ": "Trung tâm học tập cộng đồng",
    "TT HTCĐ": "Trung tâm học tập cộng đồng",
    "LĐLĐ": "Liên đoàn Lao động",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "Hội Phụ nữ": "Hội Liên hiệp Phụ nữ",
    "Thành Đoàn": "Thành Đoàn",
    "Đoàn Thanh niên": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Đoàn TNCS Hồ Chí Minh": "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "NHCSXH": "Ngân hàng Chính sách xã hội",
    "Ban Thường vụ Tỉnh Uỷ": "Ban Thường vụ Tỉnh ủy",
    "Tỉnh Uỷ": "Tỉnh ủy",
}
# Words after a group or a body that still belong to it ("các đơn vị có liên quan").
_TRAILERS = [
    "có liên quan",
    "liên quan",
    "chức năng liên quan",
    "chức năng",
    "khác",
    "trực thuộc",
    "trực thuộc Trung ương",
    "trực thuộc trung ương",
    "thuộc Chính phủ",
    "ngang Bộ",
    "các cấp",
    "cơ sở",
    "Việt Nam",
    "Trung ương",
    "trung ương",
    "trong toàn tỉnh",
    "trong toàn huyện",
    "trong huyện",
    "trong tỉnh",
    "được giao nhiệm vụ xây dựng các kế hoạch thành phần",
    "cấp tỉnh",
    "cấp huyện",
    "cấp xã",
    "cấp thành phố",
    "Thành phố",
    "tỉnh",
    "huyện",
]
_GROUP_OPENERS = ["các", "tất cả các", "mỗi", "từng"]


@dataclass(frozen=True)
class _Vocab:
    holders: Trie[str]
    named: Trie[str]
    kinds: Trie[str]
    fields: Trie[str]
    units: Trie[str]
    groups: Trie[str]
    trailers: Trie[str]
    openers: Trie[str]
    keeps_body: dict[str, str]


@cache
def _vocab() -> _Vocab:
    lex = vocab.agency_lexicon()
    named = Trie[str]()
    for n in lex["named"]:
        named.add(n, n)
    for alias, n in _NAMED_ALIASES.items():
        named.add(alias, n)
    kinds = Trie[str]()
    for k in lex["kinds"]:
        kinds.add(k, k)
    for alias, k in _KIND_ALIASES.items():
        kinds.add(alias, k)
    fields = Trie[str]()
    for f in vocab.fields():
        fields.add(f.name, f.name)
        for a in f.aliases + f.codes:
            fields.add(a, f.name)
    holders = Trie[str]((h, h) for h in lex["office_holders"])
    units = Trie[str](_UNITS.items())
    groups = Trie[str]((w, w) for w in lex["groups"]["words"])
    trailers = Trie[str]((t, t) for t in _TRAILERS)
    openers = Trie[str]((o, o) for o in _GROUP_OPENERS)
    keeps = {k: v for k, v in lex["holder_keeps_body"].items() if not k.startswith("_")}
    return _Vocab(holders, named, kinds, fields, units, groups, trailers, openers, keeps)


# --- matching -------------------------------------------------------------------------------------


@dataclass
class Agency:
    """An agency phrase found in text."""

    start: int  # char offsets in the text given to find()/match_at()
    end: int
    text: str  # as printed
    name: str  # canonical body name
    holder: str | None = None
    kind: str | None = None
    is_group: bool = False
    is_class: bool = False  # a class of institutions ("Trung tâm học tập cộng đồng"), one in every commune
    unit: str | None = None  # "tỉnh", "huyện", ... when a locality is named or implied
    place: str | None = None  # "Gia Lai"
    tok_end: int = 0
    parts: list[str] = field(default_factory=list)


def _text(toks: list[Tok], i: int, j: int, src: str, base: int) -> str:
    return src[toks[i].start - base : toks[j - 1].end - base]


def _place_after(toks: list[Tok], j: int, unit: str) -> tuple[int, str] | None:
    """A place name after a unit word: "tỉnh Gia Lai", "huyện KBANG", "Thành phố Hồ Chí Minh"."""
    caps = []
    k = j
    while k < len(toks) and k - j < 5 and toks[k].is_word and toks[k].is_cap and not toks[k].text.isdigit():
        caps.append(toks[k])
        k += 1
    if not caps:
        return None
    # the longest prefix that names a known province or district wins
    for n in range(len(caps), 0, -1):
        name = " ".join(t.text for t in caps[:n])
        if unit in ("tỉnh", "thành phố") and (p := places.find_province(name)):
            return j + n, p.name
        if unit in ("huyện", "quận", "thị xã", "thành phố") and (ds := places.find_districts(name)):
            return j + n, ds[0].name
    # unknown place: stop before a word that starts another body ("tỉnh Mai Sơn Ban hành")
    v = _vocab()
    n = 0
    while n < len(caps) and n < 3 and not v.kinds.longest(toks, j + n) and not v.named.longest(toks, j + n):
        n += 1
    if n == 0:
        return None
    words = [t.text for t in caps[:n]]
    if all(w.isupper() for w in words):
        words = [w.capitalize() for w in words]
    return j + n, " ".join(words)


def _unit_at(toks: list[Tok], j: int) -> tuple[int, str] | None:
    """A unit word at toks[j], unless it begins another word: "xã hội" is society, not a commune."""
    m = _vocab().units.longest(toks, j)
    if (
        m
        and m[1] in ("xã", "bản", "ấp", "thôn")
        and j + 1 < len(toks)
        and toks[j + 1].key in ("hội", "đồ", "xóm", "viên", "luận")
    ):
        return None
    return m


def _unit_list(toks: list[Tok], j: int) -> tuple[int, list[str]] | None:
    """ "huyện, thị xã, thành phố" / "xã, thị trấn" / "quận, huyện": units joined by commas or "và"."""
    v = _vocab()
    m = _unit_at(toks, j)
    if not m:
        return None
    out = [m[1]]
    k = m[0]
    while k + 1 < len(toks) and toks[k].key in {",", "và", "/"}:
        m2 = v.units.longest(toks, k + 1)
        if not m2 or (k + 1 < len(toks) and _place_after(toks, m2[0], m2[1]) and toks[k].key == ","):
            break
        out.append(m2[1])
        k = m2[0]
    return k, out


def _paren_units(toks: list[Tok], j: int) -> tuple[int, list[str]] | None:
    """ "(TX, TP)" after "các huyện": the other kinds of district-level unit, expanded."""
    if j >= len(toks) or toks[j].key != "(":
        return None
    lst = _unit_list(toks, j + 1)
    if not lst or lst[0] >= len(toks) or toks[lst[0]].key != ")":
        return None
    return lst[0] + 1, lst[1]


# Office holders whose title carries the kind of their body: "Trưởng phòng Tài chính" heads the Phòng Tài chính.
_HOLDER_KIND = {"Trưởng phòng": "Phòng", "Trưởng ban": "Ban", "Chánh Văn phòng": "Văn phòng"}
# Plural office holders that stand for their bodies: "Các Bộ trưởng" are the ministries.
_HOLDER_BODY = {"Bộ trưởng": "Bộ", "Thứ trưởng": "Bộ", "Giám đốc": "Sở", "Chủ tịch": "Ủy ban nhân dân"}
# Party committees take their place directly: "Tỉnh ủy Gia Lai", "Ban Thường vụ Tỉnh ủy Quảng Ninh".
_PLACE_DIRECT = {
    "Tỉnh ủy": "tỉnh",
    "Thành ủy": "thành phố",
    "Huyện ủy": "huyện",
    "Quận ủy": "quận",
    "Thị ủy": "thị xã",
    "Ban Thường vụ Tỉnh ủy": "tỉnh",
    "Ban Thường vụ Huyện ủy": "huyện",
}


def _qualifiers(toks: list[Tok], j: int, agency: Agency) -> int:
    v = _vocab()
    if agency.kind in _PLACE_DIRECT and (place := _place_after(toks, j, _PLACE_DIRECT[agency.kind])):
        agency.parts.append(place[1])
        agency.unit, agency.place = _PLACE_DIRECT[agency.kind], place[1]
        j = place[0]
    while j < len(toks):
        t = toks[j]
        if t.key == "cấp" and j + 1 < len(toks) and (v.units.longest(toks, j + 1) or toks[j + 1].key == "cơ"):
            end = v.units.longest(toks, j + 1)
            k = end[0] if end else j + 3
            agency.parts.append("cấp " + (end[1] if end else "cơ sở"))
            agency.unit = agency.unit or (end[1] if end else None)
            j = k
            continue
        if t.key in {"các", "mỗi"} and (lst := _unit_list(toks, j + 1)):
            k, units = lst
            agency.parts.append(t.text.lower() + " " + ", ".join(units))
            agency.unit = agency.unit or units[0]
            j = k
            if p := _paren_units(toks, j):
                agency.parts.append("(" + ", ".join(p[1]) + ")")
                j = p[0]
            continue
        unit = _unit_at(toks, j)
        if unit:
            k, uname = unit
            place = _place_after(toks, k, uname)
            if place:
                # "Thành phố Hồ Chí Minh" keeps the capital it is printed with; all caps do not count
                city_cap = uname == "thành phố" and t.text == "Thành"
                agency.parts.append(("Thành phố" if city_cap else uname) + " " + place[1])
                agency.unit, agency.place = uname, place[1]
                j = place[0]
                continue
            lst = _unit_list(toks, j)
            if lst and len(lst[1]) > 1:
                agency.parts.append(", ".join(lst[1]))
                agency.unit = agency.unit or lst[1][0]
                j = lst[0]
                continue
            if uname in ("tỉnh", "huyện", "thành phố", "xã", "quận", "thị xã", "phường", "thị trấn"):
                agency.parts.append("Thành phố" if uname == "thành phố" and t.text == "Thành" else uname)
                agency.unit = agency.unit or uname
                j = k
                if p := _paren_units(toks, j):
                    agency.parts.append("(" + ", ".join(p[1]) + ")")
                    j = p[0]
                continue
            break
        tr = v.trailers.longest(toks, j)
        if tr:
            agency.parts.append(tr[1])
            if tr[1] in ("tỉnh", "huyện", "Thành phố"):
                agency.unit = agency.unit or tr[1].lower()
            j = tr[0]
            continue
        # a term designation of a Party body is not part of its name: "Bộ Chính trị khóa X"
        if t.key == "khóa" and j + 1 < len(toks) and toks[j + 1].text.isupper():
            j += 2
            continue
        break
    return j


def _generic_name(toks: list[Tok], j: int) -> tuple[int, list[str]]:
    """Capitalised words after a kind: "Trung tâm Y tế", "Ban Chỉ đạo Xây dựng ...".

    A word is a dictionary word (underthesea's) starting with a capital, so "Sở Ngoại vụ chủ trì"
    stops before "chủ trì"; "và"/"-"/"," join names only when a capital follows.
    """
    words: list[str] = []
    k = j
    while k < len(toks):
        t = toks[k]
        if t.is_word and t.is_cap and not t.text.isdigit():
            if _unit_at(toks, k) and words:
                break
            e = word_end(toks, k)
            words.append(" ".join(x.text for x in toks[k:e]))
            k = e
            continue
        if (
            words
            and t.key in {"và", "-", "&"}
            and k + 1 < len(toks)
            and toks[k + 1].is_cap
            and toks[k + 1].is_word
        ):
            words.append(t.text)
            k += 1
            continue
        break
    return k, words


def match_at(toks: list[Tok], i: int, src: str, base: int = 0, bare_group: bool = False) -> Agency | None:
    """The agency phrase starting at toks[i], if any.

    `bare_group`: inside a list of collectives a group may drop its "các"
    ("Các cơ quan nhà nước, các tổ chức kinh tế, tổ chức xã hội, ...").
    """
    v = _vocab()
    if i >= len(toks) or not toks[i].is_word:
        return None
    j = i
    holder = None
    h = v.holders.longest(toks, j)
    if h and h[0] < len(toks):
        holder, j = h[1], h[0]
        implied = _HOLDER_KIND.get(holder)
        if implied and (f := v.fields.longest(toks, j)):
            # "Trưởng phòng Giáo dục và Đào tạo các huyện": the head of the Phòng names the Phòng
            agency = Agency(start=toks[i].start, end=0, text="", name="", holder=holder, kind=implied)
            j = _qualifiers(toks, f[0], agency)
            agency.end = toks[j - 1].end
            agency.text = src[toks[i].start - base : agency.end - base]
            agency.tok_end = j
            agency.name = _assemble(f"{implied} {f[1]}", agency, None, v)
            return agency
    core: str | None = None
    kind: str | None = None
    is_group = False
    named = v.named.longest(toks, j)
    kindm = v.kinds.longest(toks, j)
    if named and (not kindm or named[0] >= kindm[0]):
        # a named body may still take a field or place: "Hội Khuyến học tỉnh"
        core, kind, j = named[1], named[1], named[0]
    elif kindm:
        kind, k = kindm[1], kindm[0]
        f = v.fields.longest(toks, k)
        if f:
            core, j = f"{kind} {f[1]}", f[0]
        elif kind in _LOCAL_KINDS or kind in ("Chính phủ", "Quốc hội"):
            core, j = kind, k
        else:
            e, words = _generic_name(toks, k)
            if words:
                core, j = kind + " " + " ".join(words), e
            elif k < len(toks) and (v.units.longest(toks, k) or toks[k].key == "cấp"):
                core, j = kind, k  # "Sở ... tỉnh" never; but "Ban ... huyện" as in "Các Phòng, Ban huyện"
            else:
                return None
    elif (
        (op0 := v.openers.longest(toks, j)) and (h2 := v.holders.longest(toks, op0[0])) and h2[0] < len(toks)
    ):
        # "Các Bộ trưởng" -> the ministries; "các Thủ trưởng cơ quan ..." -> the bodies they head
        body = _HOLDER_BODY.get(h2[1])
        inner = match_at(toks, h2[0], src, base, bare_group=True)
        if inner is None and body is None:
            return None
        if inner is not None:
            inner.start = toks[i].start
            inner.text = src[toks[i].start - base : inner.end - base]
            return inner
        is_group, kind, j = True, "group", h2[0]
        core = f"{toks[i].text} {body}"
    else:
        op = v.openers.longest(toks, j)
        if (
            not op
            and bare_group
            and not v.units.longest(toks, j)
            and (g0 := v.groups.longest(toks, j))
            and " ".join(t.key for t in toks[j : g0[0]]) not in vocab.verbs()
        ):
            op = (j, "")  # but not "tổ dân phố, tổ chức phổ biến ...": "tổ chức" is the verb there
        if op and (g := v.groups.longest(toks, op[0])):
            is_group, kind = True, "group"
            k = g[0]
            # chained group words: "các sở, ban, ngành", "các cơ quan ban ngành", "các tổ chức, đoàn thể"
            while k < len(toks):
                if toks[k].key in {",", "và", "-"} and k + 1 < len(toks):
                    g2 = v.groups.longest(toks, k + 1)
                    if g2 and not v.units.longest(toks, k + 1) and toks[k + 1].key != "các":
                        k = g2[0]
                        continue
                    if g2 and v.units.longest(toks, k + 1) and toks[k].key == ",":
                        k = g2[0]
                        continue
                    break
                g2 = v.groups.longest(toks, k)
                if g2 and not v.units.longest(toks, k):
                    k = g2[0]
                    continue
                break
            j = k
            core = _text(toks, i if not holder else h[0], j, src, base)  # type: ignore[index]
        else:
            return None
    agency = Agency(
        start=toks[i].start,
        end=0,
        text="",
        name="",
        holder=holder,
        kind=kind,
        is_group=is_group,
        is_class=core in _classes(),
    )
    j = _qualifiers(toks, j, agency)
    agency.end = toks[j - 1].end
    agency.text = src[toks[i].start - base : agency.end - base]
    agency.tok_end = j
    agency.name = _assemble(core or "", agency, holder, v)
    return agency


def _assemble(core: str, agency: Agency, holder: str | None, v: _Vocab) -> str:
    if agency.is_group:
        name = core
        extra = [p for p in agency.parts if not name.endswith(p)]
        name = " ".join([name] + extra) if extra else name
        name = expand_abbreviations(name)
    else:
        if holder in v.keeps_body:
            core = f"{v.keeps_body[holder]} {core}"
        name = " ".join([_case_core(core)] + agency.parts)
    return fold_tones(" ".join(name.split()))


def _case_core(core: str) -> str:
    """Canonical casing for a core read from an all-caps header ("SỞ GIÁO DỤC VÀ ĐÀO TẠO")."""
    if not core.isupper():
        return core
    words = core.split()
    return " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])


@cache
def _classes() -> frozenset[str]:
    return frozenset(vocab.agency_lexicon()["classes"])


def find(text: str, base: int = 0) -> list[Agency]:
    """Every agency phrase in `text`, left to right, not overlapping."""
    toks = tokenize(text, base)
    out, i = [], 0
    while i < len(toks):
        a = match_at(toks, i, text, base)
        if a:
            out.append(a)
            i = a.tok_end
        else:
            i += 1
    return out


# --- names ----------------------------------------------------------------------------------------


def expand_abbreviations(text: str) -> str:
    """ "UBND các huyện (TP, TX)" -> "Ủy ban nhân dân các huyện (thành phố, thị xã)"."""
    toks = tokenize(text)
    v = _vocab()
    out, last, i = [], 0, 0
    while i < len(toks):
        t = toks[i]
        rep = None
        if t.text in _KIND_ALIASES or t.text in ("UB",):
            m = v.kinds.longest(toks, i)
            if m:
                rep, e = m[1], m[0]
        if rep is None and t.text.isupper() and len(t.text) > 1:
            m2 = v.fields.longest(toks, i)
            if m2 and i > 0 and toks[i - 1].key in {"sở", "phòng", "bộ", "trung", "tâm"}:
                rep, e = m2[1], m2[0]
            elif (m3 := v.named.longest(toks, i)) and t.text in _NAMED_ALIASES:
                rep, e = m3[1], m3[0]
        if rep is None and t.text in ("TP", "TX") and i > 0 and toks[i - 1].key in {"(", ","}:
            rep, e = _UNITS[t.key], i + 1
        if rep is not None:
            out.append(text[last : t.start])
            out.append(rep)
            last = toks[e - 1].end
            i = e
            continue
        i += 1
    out.append(text[last:])
    return "".join(out)


def canonical(name: str) -> str:
    """The body's canonical name: parse `name` as an agency; fall back to expanding abbreviations."""
    name = " ".join(name.split()).strip(" ;,.:-–")
    toks = tokenize(name)
    a = match_at(toks, 0, name)
    if a and a.tok_end == len(toks):
        return a.name
    if name.isupper():
        return _sentence_case(name)
    return fold_tones(expand_abbreviations(name))


def _sentence_case(name: str) -> str:
    """ "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP TỈNH QUẢNG NAM" -> "Ban Chỉ đạo xây dựng xã hội học tập tỉnh Quảng Nam":
    the kind as the lexicon spells it, the place as places spells it, the rest in lower case."""
    v = _vocab()
    toks = tokenize(name)
    out: list[str] = []
    i = 0
    kind = v.kinds.longest(toks, 0) or v.named.longest(toks, 0)
    if kind:
        out.append(kind[1])
        i = kind[0]
    while i < len(toks):
        unit = _unit_at(toks, i)
        if (
            unit
            and (place := _place_after(toks, unit[0], unit[1]))
            and places.find_province(place[1])
            or unit
            and place
            and places.find_districts(place[1])
        ):
            out.append(f"{unit[1]} {place[1]}")
            i = place[0]
            continue
        out.append(toks[i].text.lower() if toks[i].is_word else toks[i].text)
        i += 1
    return fold_tones(re.sub(r"\s+([,.;:)])", r"\1", " ".join(out)))


def split_list(text: str, base: int = 0) -> list[Agency]:
    """Agencies of a list ("Sở GD&ĐT, UBND cấp huyện và các đơn vị liên quan") in order.

    Stops at the first word that neither starts an agency nor separates two.
    """
    toks = tokenize(text, base)
    out: list[Agency] = []
    i = 0
    bare = False
    while i < len(toks):
        a = match_at(toks, i, text, base, bare_group=bare)
        if not a:
            break
        bare = a.is_group
        out.append(a)
        i = a.tok_end
        if i < len(toks) and toks[i].key in {",", "và", ";"} and i + 1 < len(toks):
            nxt = match_at(toks, i + 1, text, base, bare_group=a.is_group)
            if nxt:
                i += 1
                continue
        break
    return out


def level_of(name: str) -> str | None:
    """Administrative level of a body from its name."""
    k = fold(name)
    if any(
        k.startswith(p)
        for p in (
            "thủ tướng",
            "chính phủ",
            "quốc hội",
            "ủy ban thường vụ quốc hội",
            "bộ chính trị",
            "ban bí thư",
            "ban chấp hành trung ương",
            "chủ tịch nước",
            "văn phòng trung ương",
        )
    ):
        return "national"
    if k.startswith(
        (
            "bộ ",
            "văn phòng chính phủ",
            "ủy ban dân tộc",
            "ngân hàng nhà nước",
            "thanh tra chính phủ",
            "bảo hiểm xã hội việt nam",
            "ban chỉ đạo quốc gia",
            "tổng cục",
            "cục ",
        )
    ):
        return "ministry"
    if k.startswith(("sở ", "tỉnh ủy", "thành ủy", "ban thường vụ tỉnh ủy")):
        return "province"
    if k.startswith(("phòng ", "huyện ủy", "quận ủy", "thị ủy")):
        return "district"
    # "xây dựng xã hội học tập" names no commune; punctuation apart so "các tỉnh, thành phố" reads as units
    k = " " + " ".join(re.sub(r"[,;()]", " ", k.replace("xã hội", "_")).split()) + " "
    # the first unit named decides: "các huyện, thị xã, thành phố" are districts, "các tỉnh, thành phố" provinces
    found = [(k.find(f" {unit} "), unit, level) for unit, level in (
        ("tỉnh", "province"), ("thành phố", None), ("huyện", "district"), ("quận", "district"),
        ("thị xã", "district"), ("xã", "commune"), ("phường", "commune"), ("thị trấn", "commune"))
        if f" {unit} " in k]
    if not found:
        return None
    _, unit, level = min(found)
    if unit == "thành phố":
        place = k.split("thành phố", 1)[1].strip()
        p = places.find_province(place) if place else None
        return "province" if (p and p.is_city) or not place else "district"
    return level

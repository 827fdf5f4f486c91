"""Agency names: read from the text as open vocabulary, normalised by the lexicon.

A name is read as: [office holder] core [qualifiers], where the core is a named body ("Mặt trận Tổ
quốc Việt Nam"), a kind with a field ("Sở" + "GD&ĐT"), a local kind ("UBND"), a kind with a proper
name read from the text ("Cảng vụ" + "Hàng hải Quảng Ninh", "Trung tâm" + "Chuyển đổi số"), or a
group written with "các" ("các sở, ban, ngành"); qualifiers are localities ("tỉnh Gia Lai", "cấp
huyện", "các phường, xã, đặc khu", "khu vực XVII"), a parent body ("trực thuộc UBND tỉnh") and
trailers ("có liên quan"). The lexicon (corpus/lexicons/agencies.json, fields.json) spells names and
knows the kinds; where a name ends is read from the text: capitals, unit words, the verb that
follows, and where the lexicon does not know the words, underthesea's part-of-speech tagger.

A list of bodies is read as a coordinated phrase (`read_list`): commas, "và", ";", and a kind
distributed over its fields ("Giám đốc các Sở: Tài chính, Y tế" -> each Sở). Matching runs on the
document's own tokens (`Doc.tokens_in`), never on re-tokenised windows.

`canonical()` gives a body's name as the contract wants it: abbreviations expanded, new-style
tones, Nghị định 30 capitalisation, office holder dropped ("Giám đốc Sở Y tế" -> "Sở Y tế").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from extractor import places, vocab
from extractor.doc import Doc, Tok
from extractor.folding import fold, fold_tones
from extractor.patterns import AGENCY_LEVEL_PUNCT, AGENCY_SPACE_BEFORE_PUNCT
from extractor.tokens import Trie, tokenize, word_end

Toks = Sequence[Tok]

# --- vocabulary --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    holders: Trie[str]
    named: Trie[str]
    kinds: Trie[str]
    fields: Trie[str]
    units: Trie[str]
    groups: Trie[str]
    apart: Trie[str]
    openers: Trie[str]
    trailers: Trie[str]
    to_body: Trie[str]
    to_unit: Trie[str]
    regions: Trie[str]
    verbs: Trie[str]
    expansions: dict[str, str]  # abbreviation -> expansion, for names read as written
    local_kinds: frozenset[str]
    purpose_kinds: frozenset[str]
    department_kinds: frozenset[str]  # Cục, Vụ: "Vụ Giáo dục thường xuyên" goes on in lower case
    ministry_unit_kinds: frozenset[str]  # Trung tâm, Viện: "Trung tâm thông tin, Bộ …" is the ministry's centre
    field_kinds: frozenset[str]  # kinds that take a field: Sở, Bộ, Phòng
    keeps_body: dict[str, str]
    holder_kind: dict[str, str]
    holder_body: dict[str, str]
    place_direct: dict[str, str]
    unit_levels: dict[str, str | None]
    level_units: tuple[str, ...]
    province_units: frozenset[str]
    district_units: frozenset[str]
    kind_last_words: frozenset[str]  # "sở", "phòng", "tâm" (Trung tâm): a field code after them is a field
    not_after_unit: dict[str, frozenset[str]]
    classes: frozenset[str]


def _entries(d: dict) -> dict:
    return {k: v for k, v in d.items() if not k.startswith("_")}


@cache
def _vocab() -> _Vocab:
    lex = vocab.agency_lexicon()
    kinds_list = list(lex["kinds"])
    kinds = Trie[str]((k, k) for k in kinds_list)
    named = Trie[str]((n, n) for n in lex["named"])
    expansions = _entries(lex["abbreviations"])
    for alias, full in expansions.items():
        if full in kinds_list:
            kinds.add(alias, full)
        elif full in lex["named"]:
            named.add(alias, full)
    for alias, full in _entries(lex["named_aliases"]).items():
        named.add(alias, full)
    fields = Trie[str]()
    for f in vocab.fields():
        fields.add(f.name, f.name)
        for a in f.aliases + f.codes:
            fields.add(a, f.name)
    groups = lex["groups"]
    links = lex["links"]
    return _Vocab(
        holders=Trie[str]((h, h) for h in lex["office_holders"]),
        named=named,
        kinds=kinds,
        fields=fields,
        units=Trie[str](_entries(lex["units"]).items()),
        groups=Trie[str]((w, w) for w in groups["words"] + groups["apart"]),
        apart=Trie[str]((w, w) for w in groups["apart"]),
        openers=Trie[str]((o, o) for o in groups["openers"]),
        trailers=Trie[str]((t, t) for t in lex["trailers"]),
        to_body=Trie[str]((w, w) for w in links["to_body"]),
        to_unit=Trie[str]((w, w) for w in links["to_unit"]),
        regions=Trie[str]((w, w) for w in lex["region_words"]),
        verbs=Trie[str]((v, v) for v in vocab.verbs()),
        expansions=expansions,
        local_kinds=frozenset(lex["local_kinds"]),
        purpose_kinds=frozenset(fold(k) for k in lex["purpose_kinds"]),
        department_kinds=frozenset(fold(k) for k in lex["department_kinds"]),
        ministry_unit_kinds=frozenset(fold(k) for k in lex["ministry_unit_kinds"]),
        field_kinds=frozenset(vocab.kinds_with_field().values()),
        keeps_body=_entries(lex["holder_keeps_body"]),
        holder_kind=_entries(lex["holder_kind"]),
        holder_body=_entries(lex["holder_body"]),
        place_direct=_entries(lex["place_direct"]),
        unit_levels=_entries(lex["unit_levels"]),
        level_units=tuple(lex["level_units"]),
        province_units=frozenset(lex["place_units"]["province"]),
        district_units=frozenset(lex["place_units"]["district"]),
        kind_last_words=frozenset(fold(k).split()[-1] for k in kinds_list),
        not_after_unit={u: frozenset(ws) for u, ws in _entries(lex["not_after_unit"]).items()},
        classes=frozenset(lex["classes"]),
    )


# --- findings ------------------------------------------------------------------------------------------


@dataclass
class Agency:
    """An agency phrase found in text, with what was parsed from it."""

    start: int  # char offsets in the text the tokens index (a Doc's text, or the string given)
    end: int
    text: str  # as printed
    name: str  # canonical name
    kind: str | None = None  # "Sở", "Ủy ban nhân dân", "group", ...
    holder: str | None = None  # "Giám đốc" of "Giám đốc Sở Y tế"
    is_group: bool = False  # "các sở, ban, ngành"
    is_class: bool = False  # a class of institutions ("Trung tâm học tập cộng đồng"), one in every commune
    unit: str | None = None  # "tỉnh", "huyện", ... when a locality is named or implied
    place: str | None = None  # "Gia Lai"
    level: str | None = None  # national | ministry | province | district | commune
    province: str | None = None
    district: str | None = None
    tok_end: int = 0  # index past its last token in the token list it was read from
    parts: list[str] = field(default_factory=list)  # qualifiers as they appear in `name`


def verb_end(toks: Toks, i: int) -> int:
    """End index of a lexicon verb ("rà soát", "chủ trì") starting at toks[i], or i."""
    m = _vocab().verbs.longest(toks, i)  # type: ignore[arg-type]
    return m[0] if m else i


def _longest(trie: Trie[str], toks: Toks, i: int) -> tuple[int, str] | None:
    return trie.longest(toks, i)  # type: ignore[arg-type]


def _join(toks: Toks) -> str:
    return " ".join(t.text for t in toks)


def _slice(toks: Toks, i: int, j: int, src: str, base: int) -> str:
    return " ".join(src[toks[i].start - base : toks[j - 1].end - base].split())


# --- units and places ------------------------------------------------------------------------------------


def _unit_at(toks: Toks, j: int) -> tuple[int, str] | None:
    """A unit word at toks[j], unless it begins another word: "xã hội" is society, not a commune."""
    v = _vocab()
    m = _longest(v.units, toks, j)
    if m and m[0] < len(toks) and toks[m[0]].key in v.not_after_unit.get(m[1], ()):
        return None
    return m


def _place_after(toks: Toks, j: int, unit: str) -> tuple[int, str] | None:
    """A place name after a unit word: "tỉnh Gia Lai", "huyện KBANG", "Thành phố Hồ Chí Minh"."""
    caps: list[Tok] = []
    k = j
    while k < len(toks) and k - j < 5 and toks[k].is_word and toks[k].is_cap and not toks[k].text.isdigit():
        caps.append(toks[k])
        k += 1
    if not caps:
        return None
    for n in range(len(caps), 0, -1):  # the longest prefix that names a known province or district
        name = _join(caps[:n])
        if unit in _vocab().province_units and (p := places.find_province(name)):
            return j + n, p.name
        if unit in _vocab().district_units and (ds := places.find_districts(name)):
            return j + n, ds[0].name
    n = 0  # an unknown place ends before a word that starts another body ("tỉnh Mai Sơn Ban hành")
    while n < len(caps) and n < 3 and not _starts_body(toks, j + n) and verb_end(toks, j + n) == j + n:
        n += 1
    if n == 0:
        return None
    words = [t.text for t in caps[:n]]
    if all(w.isupper() for w in words):
        words = [w.capitalize() for w in words]
    return j + n, " ".join(words)


def _province_after(toks: Toks, j: int) -> tuple[int, str] | None:
    """A province named without its unit word: "Kho bạc Nhà nước Hà Nội"."""
    caps: list[Tok] = []
    while j + len(caps) < len(toks) and len(caps) < 4 and toks[j + len(caps)].is_cap:
        caps.append(toks[j + len(caps)])
    for n in range(len(caps), 1, -1):
        if p := places.find_province(_join(caps[:n])):
            return j + n, p.name
    return None


def _unit_list(toks: Toks, j: int) -> tuple[int, list[str]] | None:
    """ "huyện, thị xã, thành phố" / "phường, xã, đặc khu" / "xã, phường và đặc khu": units joined by commas or "và"."""
    m = _unit_at(toks, j)
    if not m:
        return None
    out, k = [m[1]], m[0]
    while k + 1 < len(toks) and toks[k].key in {",", "và", "/"}:
        m2 = _unit_at(toks, k + 1)
        if not m2 or (_place_after(toks, m2[0], m2[1]) and toks[k].key == ","):
            break
        out.append((" và " if toks[k].key == "và" else toks[k].text) + m2[1])  # the conjunction as printed
        k = m2[0]
    return k, out


def _units_text(units: list[str]) -> str:
    """["xã", ",phường", " và đặc khu"] -> "xã, phường và đặc khu"."""
    return "".join(units).replace(",", ", ")


def _paren_units(toks: Toks, j: int) -> tuple[int, list[str]] | None:
    """ "(TX, TP)" after "các huyện": the other kinds of district-level unit, expanded."""
    if j >= len(toks) or toks[j].key != "(":
        return None
    lst = _unit_list(toks, j + 1)
    if not lst or lst[0] >= len(toks) or toks[lst[0]].key != ")":
        return None
    return lst[0] + 1, lst[1]


def _region_after(toks: Toks, j: int) -> tuple[int, str] | None:
    """ "khu vực XVII", "khu vực 3", "khu vực Tây Nguyên": a regional unit of a national system (since 2025)."""
    m = _longest(_vocab().regions, toks, j)
    if not m or m[0] >= len(toks):
        return None
    k = m[0]
    t = toks[k]
    if t.text.isdigit() or (t.text.isupper() and set(t.text) <= set("IVXLC")):
        return k + 1, f"{m[1]} {t.text}"
    e = k
    while e < len(toks) and e - k < 4 and toks[e].is_cap and toks[e].is_word and not _starts_body(toks, e):
        e += 1
    return (e, f"{m[1]} {_join(toks[k:e])}") if e > k else None


# --- the name of a body ------------------------------------------------------------------------------


def _starts_body(toks: Toks, k: int) -> bool:
    v = _vocab()
    return bool(_longest(v.kinds, toks, k) or _longest(v.named, toks, k) or _longest(v.holders, toks, k)) or bool(
        _longest(v.openers, toks, k)
    )


def _is_name_word(toks: Toks, k: int) -> bool:
    t = toks[k]
    return t.is_word and t.is_cap and not t.text.isdigit()


def _proper_name(toks: Toks, k: int, kind: str) -> tuple[int, list[str]]:
    """Words of a proper name after a kind: "Cảng vụ | Hàng hải", "Trung tâm | Chuyển đổi số", "Đài | Phát thanh
    và Truyền hình". Capitalised words go on until a unit, another body or a verb; "và"/"-"/"&" join names; a
    lower-case run belongs to the name only when the name goes on after it (`_lowercase_run`)."""
    v = _vocab()
    words: list[str] = []
    purpose = fold(kind) in v.purpose_kinds
    department = fold(kind) in v.department_kinds
    while k < len(toks):
        if _is_name_word(toks, k):
            if words and (_unit_at(toks, k) or _starts_body(toks, k) or verb_end(toks, k) > k):
                break  # "Công an Thành phố | Chỉ đạo ...": a capitalised verb after a name is its predicate
            e = word_end(toks, k)  # type: ignore[arg-type]
            words.append(_join(toks[k:e]))
            k = e
            continue
        if _joins_name(toks, k, words):
            words.append(toks[k].text)
            k += 1
            continue
        if toks[k].is_word and not toks[k].is_cap:
            e = _lowercase_run(toks, k, purpose, words, department)
            if e > k:
                words.append(_join(toks[k:e]))
                k = e
                continue
        break
    return k, words


def _joins_name(toks: Toks, k: int, words: list[str]) -> bool:
    """ "và", "-", "&" between capitalised name words ("Đài Phát thanh và Truyền hình"), also right after the kind
    ("Báo và Phát thanh, Truyền hình tỉnh"); a comma only inside a name already joined by "và"."""
    key = toks[k].key
    if key not in {"và", "-", "&", ","} or k + 1 >= len(toks):
        return False
    if not _is_name_word(toks, k + 1):
        # "Ban Quản lý các Khu chế xuất và | công nghiệp | Thành phố": a lower-case run that goes on to the name
        return key == "và" and bool(words) and _lowercase_run(toks, k + 1, True, words) > k + 1
    if key == "," and "và" not in words:
        return False
    if not words and key != "và":
        return False
    return not (_starts_body(toks, k + 1) or _unit_at(toks, k + 1) or verb_end(toks, k + 1) > k + 1)


def _lowercase_run(toks: Toks, k: int, purpose: bool, words: list[str], department: bool = False) -> int:
    """End of lower-case words that continue a name ("Trung tâm Chuyển đổi | số | Thành phố", "Ban Quản lý | các
    khu công nghiệp | tỉnh"), or k. The run must lead on to more of the name (a capitalised word, a unit, a
    region); the lexicon's verbs end it, except after kinds that name a purpose ("Ban Chỉ đạo xây dựng ...");
    words the lexicon does not know are accepted only when underthesea tags them as nouns."""
    if department and words and (e := _department_run(toks, k)) > k:
        return e
    stops = _stopwords()
    j = k
    while j < len(toks) and j - k < 8 and toks[j].is_word and not toks[j].is_cap:
        w = word_end(toks, j)  # type: ignore[arg-type]
        if w > j + 1 and verb_end(toks, j) == j and not any(t.is_cap for t in toks[j:w]):
            j = w  # a word of several syllables is read whole: "Cục Người | có công", not "có"
            continue
        if toks[j].key in stops or _unit_at(toks, j):
            break
        if not purpose and (verb_end(toks, j) > j or _longest(_vocab().openers, toks, j)):
            break
        j += 1
    if j == k:
        return k
    ends_name = j >= len(toks) or not toks[j].is_word and toks[j].key != "("
    if purpose and words and ends_name and verb_end(toks, k) == k:
        return j  # "Ban Quản lý Khu | kinh tế |, Sở Công Thương": a purpose name may end at the punctuation
    if words and ends_name and verb_end(toks, k) == k and _pos_nouns(" ".join(words + [_join(toks[k:j])]), j - k):
        return j  # "Cục Người | có công" at the end of the line: nouns by the tagger
    if j >= len(toks):
        return k
    predicate = not words and verb_end(toks, j) > j  # "Trung tâm | thông tin | có trách nhiệm ..."
    if not words and not purpose and not predicate:
        return k  # a name opens with a capital, unless its verb follows at once
    goes_on = _is_name_word(toks, j) and verb_end(toks, j) == j or _unit_at(toks, j) or _region_after(toks, j)
    if not goes_on and not predicate:
        return k
    if purpose:
        return j
    return j if _pos_nouns(" ".join(words + [_join(toks[k:j])]), j - k) else k


def _department_run(toks: Toks, k: int) -> int:
    """End of the lower-case words that finish a department's name ("Vụ Giáo dục | thường xuyên | chủ trì",
    "Cục Quản lý | lao động ngoài nước |, Bộ …", "Cục Người | có công | chủ trì"), or k: the longest run of at
    most 6 words, up to a unit, that reads as the rest of a name (`_name_words`) and that a verb, a name stop
    word, punctuation, a capital or the end follows. Words the lexicon takes for a duty's opening ("thường
    xuyên") may be part of the name; a stop word ends the run only where a verb begins ("có | trách nhiệm")."""
    stops = _stopwords()
    j = k
    while j < len(toks) and j - k < 6 and toks[j].is_word and not toks[j].is_cap and not _unit_at(toks, j):
        if toks[j].key in stops and verb_end(toks, j) > j:
            break  # "chủ trì", "phối hợp", "có trách nhiệm": the duty begins (the tagger may call them nouns)
        j += 1
    for end in range(j, k, -1):
        ends = (
            end >= len(toks)
            or not toks[end].is_word
            or toks[end].is_cap
            or toks[end].key in stops
            or verb_end(toks, end) > end
            or bool(_unit_at(toks, end))
        )
        if ends and _name_words(toks, k, end):
            return end
    return k


def _name_words(toks: Toks, k: int, end: int) -> bool:
    """Are the lower-case words toks[k:end] the rest of a name? The tagger must read them as nouns and
    adjectives, save a stop word that opens a word of several syllables of the dictionary ("có công" of "Cục
    Người có công"): the tagger splits that word and calls "có" a verb, but the rest of it names a thing, and no
    word the tagger reads runs past its end ("có | công văn" is the verb "có" and its object, not "có công")."""
    stops = _stopwords()
    opens: dict[int, int] = {}  # syllable offset in the run of a stop word opening a dictionary word -> its end
    for j in range(k, end):
        if toks[j].key in stops and j + 1 < (w := word_end(toks, j)) <= end:  # type: ignore[arg-type]
            opens[j - k] = w - k
    tags = _pos_tags(_join(toks[k:end]))
    spans, at = [], 0
    for word, tag in tags:
        n = len(word.split())
        spans.append((at, at + n, tag))
        at += n
    if at != end - k:  # the tagger split the syllables otherwise: trust its tags alone
        return all(tag in _NOUN_TAGS for _, _, tag in spans)
    bounds = {b for _, b, _ in spans}
    for a, b, tag in spans:
        if tag in _NOUN_TAGS:
            continue
        if b == a + 1 and a in opens and opens[a] in bounds:
            continue  # "có" of "có công": the dictionary word is read whole
        return False
    return True


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(w for phrase in vocab.load("duties.json")["name_stopwords"]["words"] for w in fold(phrase).split())


_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Nu", "A", "L", "M"})  # underthesea's nouns, adjectives, determiners, numerals


@lru_cache(maxsize=2048)
def _pos_tags(phrase: str) -> tuple[tuple[str, str], ...]:
    """underthesea's words and part-of-speech tags for `phrase`."""
    from underthesea import pos_tag  # loaded only for names the lexicon cannot end

    return tuple(pos_tag(phrase))


def _pos_nouns(phrase: str, n_last: int) -> bool:
    """Does underthesea tag the last `n_last` syllables of `phrase` as nouns (no verb, preposition, ...)?"""
    seen, out = 0, []
    for word, tag in reversed(_pos_tags(phrase)):
        out.append(tag)
        seen += len(word.split())
        if seen >= n_last:
            break
    return all(tag in _NOUN_TAGS for tag in out)


# --- matching one agency ---------------------------------------------------------------------------------


@dataclass
class _Core:
    name: str
    kind: str | None
    end: int
    is_group: bool = False
    start: int | None = None  # where the printed phrase starts, when not at the holder's end


def _holder_at(toks: Toks, i: int) -> tuple[str | None, int]:
    h = _longest(_vocab().holders, toks, i)
    return (h[1], h[0]) if h and h[0] < len(toks) else (None, i)


def _group_end(toks: Toks, k: int) -> int:
    """Chained group words: "các sở, ban, ngành", "các cơ quan ban ngành", "các tổ chức, hội, đoàn thể và cá nhân".
    A class named apart ("cơ quan ngang bộ") starts an addressee of its own; a unit word after a comma stays in
    the group ("các sở, ngành, địa phương")."""
    v = _vocab()
    while k < len(toks):
        if toks[k].key in {",", "và", "-"} and k + 1 < len(toks):
            g2 = _longest(v.groups, toks, k + 1)
            if not g2 or toks[k + 1].key == "các" or _longest(v.apart, toks, k + 1):
                break
            if _unit_at(toks, k + 1) and toks[k].key != ",":
                break
            k = g2[0]
            continue
        g2 = _longest(v.groups, toks, k)
        if g2 and not _unit_at(toks, k) and not _longest(v.apart, toks, k):
            k = g2[0]
            continue
        break
    return k


def _group_modifier(toks: Toks, k: int) -> int:
    """Lower-case words that narrow a group, up to punctuation, a link or a trailer: "các doanh nghiệp | viễn
    thông;", "các đơn vị | sự nghiệp công lập | trực thuộc ...". Verbs and units end the group instead."""
    v = _vocab()
    stops = _stopwords()
    j = k
    while j < len(toks) and j - k < 5 and toks[j].is_word and not toks[j].is_cap:
        if toks[j].key in stops or _unit_at(toks, j) or verb_end(toks, j) > j or _longest(v.trailers, toks, j):
            break
        if _longest(v.to_body, toks, j) or _longest(v.to_unit, toks, j):
            break
        j += 1
    if j == k:
        return k
    if j >= len(toks) or not toks[j].is_word or _longest(v.trailers, toks, j):
        return j
    if _longest(v.to_body, toks, j) or _longest(v.to_unit, toks, j):
        return j
    return k


def _group_core(toks: Toks, j: int, src: str, base: int, bare_group: bool) -> _Core | None:
    v = _vocab()
    op = _longest(v.openers, toks, j)
    start = j
    if not op and bare_group and not _unit_at(toks, j) and (g0 := _longest(v.groups, toks, j)):
        if verb_end(toks, j) >= g0[0]:
            return None  # not "tổ dân phố, tổ chức phổ biến ...": "tổ chức" is the verb there
        op = (j, "")
    if not op or not (g := _longest(v.groups, toks, op[0])):
        return None
    k = g[0] if _longest(v.apart, toks, op[0]) else _group_end(toks, g[0])
    k = _group_modifier(toks, k)
    return _Core(_slice(toks, start, k, src, base), "group", k, is_group=True, start=start)


def _kind_core(toks: Toks, j: int, named: tuple[int, str] | None) -> _Core | None:
    v = _vocab()
    kindm = _longest(v.kinds, toks, j)
    if named and (not kindm or named[0] >= kindm[0]):
        return _Core(named[1], named[1], named[0])  # a named body may still take a place: "Hội Khuyến học tỉnh"
    if not kindm or _inside_word(toks, j, kindm[0]):
        return None
    kind, k = kindm[1], kindm[0]
    f = _longest(v.fields, toks, k)
    if f and (kind in v.field_kinds or toks[k].is_cap and not _goes_on_lower(toks, f[0])):
        return _Core(f"{kind} {f[1]}", kind, f[0])
    if kind in v.local_kinds:
        return _Core(kind, kind, k)
    e, words = _proper_name(toks, k, kind)
    if words:
        name = kind + " " + " ".join(_expand_word(w) for w in words)
        return _Core(AGENCY_SPACE_BEFORE_PUNCT.sub(r"\1", name), kind, e)
    if k < len(toks) and (_unit_at(toks, k) or toks[k].key == "cấp" or _region_after(toks, k)):
        return _Core(kind, kind, k)  # "Bộ Tư lệnh Thành phố", "các Phòng, Ban huyện"
    if k - j > 1 and k < len(toks) and verb_end(toks, k) > k:
        return _Core(kind, kind, k)  # "Ban Quản lý dự án chủ trì": a kind of several words stands alone
    return None


def _inside_word(toks: Toks, j: int, k: int) -> bool:
    """Is the kind at toks[j:k] the start of a longer word ("Ban hành", "Báo cáo", "Hội nghị", "Đoàn kết")?"""
    return k < len(toks) and not toks[k].is_cap and word_end(toks, j) > k  # type: ignore[arg-type]


def _goes_on_lower(toks: Toks, k: int) -> bool:
    """Does a lower-case word follow (not a unit)? "Ban Chỉ đạo Xây dựng | xã hội học tập": the field is only the
    start of a longer name."""
    return k < len(toks) and toks[k].is_word and not toks[k].is_cap and not _unit_at(toks, k)


def _apposed_core(toks: Toks, j: int, src: str, base: int) -> _Core | None:
    """A ministry's unit named by common nouns in lower case, told apart by its ministry in apposition: "Trung tâm
    | thông tin |, Bộ Lao động - Thương binh và Xã hội chủ trì" (`read_list` joins the two, `_with_ministry`). The
    words are nouns by the tagger, no stop word, verb or unit among them, and the ministry ends the list."""
    v = _vocab()
    kindm = _longest(v.kinds, toks, j)
    if not kindm or fold(kindm[1]) not in v.ministry_unit_kinds or not toks[j].is_cap:
        return None
    if _inside_word(toks, j, kindm[0]):
        return None
    k = e = kindm[0]
    stops = _stopwords()
    while e < len(toks) and e - k < 6 and toks[e].is_word and not toks[e].is_cap:
        if toks[e].key in stops or _unit_at(toks, e) or verb_end(toks, e) > e:
            return None
        e += 1
    if e == k or e + 1 >= len(toks) or toks[e].key != "," or not _ministry_ending(toks, e + 1, src, base):
        return None
    if not _pos_nouns(_join(toks[k:e]), e - k):
        return None
    return _Core(f"{kindm[1]} {_join(toks[k:e])}", kindm[1], e)


def _expand_word(word: str) -> str:
    return _vocab().expansions.get(word, word)


def match_at(toks: Toks, i: int, src: str, base: int = 0, bare_group: bool = False) -> Agency | None:
    """The agency phrase starting at toks[i], if any.

    `bare_group`: inside a list of collectives a group may drop its "các" ("Các cơ quan nhà nước, các tổ chức
    kinh tế, tổ chức xã hội, ..."), and so may the body of an office holder ("Thủ trưởng cơ quan, đơn vị").
    """
    v = _vocab()
    if i >= len(toks) or not toks[i].is_word:
        return None
    holder, j = _holder_at(toks, i)
    if holder and (implied := v.holder_kind.get(holder)) and (f := _longest(v.fields, toks, j)):
        # "Trưởng phòng Giáo dục và Đào tạo các huyện": the head of the Phòng names the Phòng
        return _finish(toks, i, _Core(f"{implied} {f[1]}", implied, f[0]), holder, src, base)
    if holder is None and (plural := _plural_holder(toks, i, src, base)):
        return plural
    named = _longest(v.named, toks, j)
    core = (
        _kind_core(toks, j, named)
        or _apposed_core(toks, j, src, base)
        or _group_core(toks, j, src, base, bare_group or holder is not None)
    )
    if core is None and holder in v.holder_body and _list_goes_on(toks, j):
        # "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, ...": a title without its body stands for all such bodies
        body = v.holder_body[holder]
        return _finish(toks, i, _Core(f"các {body.lower()}", "group", j, is_group=True), holder, src, base)
    if core is None:
        return None
    return _finish(toks, i, core, holder, src, base)


def _list_goes_on(toks: Toks, j: int) -> bool:
    return j < len(toks) and toks[j].key in {",", "và", ";"}


def _plural_holder(toks: Toks, i: int, src: str, base: int) -> Agency | None:
    """ "Các Bộ trưởng" -> the ministries; "các Thủ trưởng cơ quan ..." -> the bodies they head."""
    v = _vocab()
    op = _longest(v.openers, toks, i)
    if not op or not (h := _longest(v.holders, toks, op[0])) or h[0] >= len(toks):
        return None
    inner = match_at(toks, h[0], src, base, bare_group=True)
    if inner is not None:
        inner.start = toks[i].start
        inner.text = _slice(toks, i, inner.tok_end, src, base)
        return inner
    body = v.holder_body.get(h[1])
    if body is None:
        return None
    return _finish(toks, i, _Core(f"{toks[i].text} {body}", "group", h[0], is_group=True), None, src, base)


def _finish(toks: Toks, i: int, core: _Core, holder: str | None, src: str, base: int) -> Agency:
    v = _vocab()
    a = Agency(
        start=toks[i].start,
        end=0,
        text="",
        name="",
        holder=holder,
        kind=core.kind,
        is_group=core.is_group,
        is_class=core.name in v.classes,
    )
    j = _qualifiers(toks, core.end, a, src, base)
    a.end = toks[j - 1].end
    a.text = _slice(toks, i, j, src, base)
    a.tok_end = j
    a.name = _assemble(core.name, a, holder)
    _locate(a)
    return a


# --- qualifiers ----------------------------------------------------------------------------------------


def _qualifiers(toks: Toks, j: int, a: Agency, src: str, base: int) -> int:
    """Localities, levels, parent bodies and trailers after a core; returns the index after them."""
    v = _vocab()
    if a.kind in v.place_direct and (place := _place_after(toks, j, v.place_direct[a.kind])):
        a.parts.append(place[1])
        a.unit, a.place = v.place_direct[a.kind], place[1]
        j = place[0]
    while j < len(toks):
        k = _qualifier(toks, j, a, src, base)
        if k == j:
            break
        j = k
    return j


def _qualifier(toks: Toks, j: int, a: Agency, src: str, base: int) -> int:
    v = _vocab()
    t = toks[j]
    if t.key == "cấp" and j + 1 < len(toks) and (_unit_at(toks, j + 1) or toks[j + 1].key == "cơ"):
        end = _unit_at(toks, j + 1)
        a.parts.append("cấp " + (end[1] if end else "cơ sở"))
        a.unit = a.unit or (end[1] if end else None)
        return end[0] if end else min(j + 3, len(toks))
    if (op := _longest(v.openers, toks, j)) and (lst := _unit_list(toks, op[0])):  # "các huyện, thị xã"
        a.parts.append(_slice(toks, j, op[0], src, base).lower() + " " + _units_text(lst[1]))
        a.unit = a.unit or lst[1][0]
        return _paren_after(toks, lst[0], a)
    if unit := _unit_at(toks, j):
        return _unit_qualifier(toks, j, unit, a)
    if region := _region_after(toks, j):
        a.parts.append(region[1])
        return region[0]
    if not a.is_group and not a.place and a.kind not in v.local_kinds and (p := _province_after(toks, j)):
        a.parts.append(p[1])
        a.place = p[1]
        return p[0]
    if tr := _longest(v.trailers, toks, j):
        a.parts.append(tr[1])
        return tr[0]
    if t.key == "khóa" and j + 1 < len(toks) and toks[j + 1].text.isupper():
        return j + 2  # a term designation of a Party body is not part of its name: "Bộ Chính trị khóa X"
    return _link(toks, j, a, src, base)


def _unit_qualifier(toks: Toks, j: int, unit: tuple[int, str], a: Agency) -> int:
    k, uname = unit
    t = toks[j]
    # "Thành phố Hồ Chí Minh" keeps the capital it is printed with; all caps do not count
    city_cap = uname == "thành phố" and t.text == "Thành"
    if place := _place_after(toks, k, uname):
        a.parts.append(("Thành phố" if city_cap else uname) + " " + place[1])
        a.unit, a.place = uname, place[1]
        return place[0]
    lst = _unit_list(toks, j)
    if lst and len(lst[1]) > 1:
        a.parts.append(_units_text(lst[1]))
        a.unit = a.unit or lst[1][0]
        return _paren_after(toks, lst[0], a)
    if uname in _vocab().level_units:
        a.parts.append("Thành phố" if city_cap else uname)
        a.unit = a.unit or uname
        return _paren_after(toks, k, a)
    return j


def _paren_after(toks: Toks, j: int, a: Agency) -> int:
    if p := _paren_units(toks, j):
        a.parts.append("(" + _units_text(p[1]) + ")")
        return p[0]
    return j


def _link(toks: Toks, j: int, a: Agency, src: str, base: int) -> int:
    """ "trực thuộc Ủy ban nhân dân tỉnh", "trên địa bàn Thành phố", "của tỉnh": a parent body or a locality."""
    v = _vocab()
    if (m := _longest(v.to_body, toks, j)) and (inner := match_at(toks, m[0], src, base)) and not inner.is_group:
        a.parts.append(f"{m[1]} {inner.name}")
        return inner.tok_end
    if (m := _longest(v.to_unit, toks, j)) and (unit := _unit_at(toks, m[0])):
        probe = Agency(0, 0, "", "")
        k = _unit_qualifier(toks, m[0], unit, probe)
        if k > m[0]:
            a.parts.append(f"{m[1]} {' '.join(probe.parts)}")
            a.unit = a.unit or probe.unit
            return k
    return j


# --- names ---------------------------------------------------------------------------------------------


def _assemble(core: str, a: Agency, holder: str | None) -> str:
    v = _vocab()
    if a.is_group:
        extra = [p for p in a.parts if not core.endswith(p)]
        name = expand_abbreviations(" ".join([core] + extra))
    else:
        if holder in v.keeps_body:
            core = f"{v.keeps_body[holder]} {core}"
        name = " ".join([_case_core(core)] + a.parts)
    return fold_tones(" ".join(name.split()))


def _case_core(core: str) -> str:
    """Canonical casing for a core read from an all-caps header ("SỞ GIÁO DỤC VÀ ĐÀO TẠO")."""
    if not core.isupper():
        return core
    words = core.split()
    return " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])


def _locate(a: Agency) -> None:
    """Level, province and district from what was parsed (the unit and place), else from the name's kind."""
    v = _vocab()
    if a.place and a.unit in v.province_units and (p := places.find_province(a.place)):
        a.province = p.name
        a.level = "province" if a.unit == "tỉnh" or p.is_city else None
    elif a.place and (ds := places.find_districts(a.place)) and len({d.province for d in ds}) == 1:
        a.province, a.district = ds[0].province, ds[0].name
    elif a.place and (p := places.find_province(a.place)):
        a.province = p.name
    if a.level is None and a.unit in v.unit_levels:
        a.level = v.unit_levels[a.unit]
        if a.level is None and a.unit == "thành phố" and a.place is None:
            a.level = level_of(a.name)  # "Ủy ban nhân dân Thành phố" of a city's own document: the city
    elif a.level is None and not a.is_group:
        a.level = level_of(a.name)
    if a.district and a.level == "province":
        a.level = "district"


# --- lists -----------------------------------------------------------------------------------------------


def read_list(toks: Toks, i: int, src: str, base: int = 0, bare: bool = False) -> list[Agency]:
    """The agencies of a coordinated list starting at toks[i], in order: "Sở GD&ĐT, UBND cấp huyện và các đơn vị
    liên quan", "Chánh Văn phòng UBND tỉnh; Giám đốc Công an tỉnh; Thủ trưởng các sở, ban, ngành", "Giám đốc
    các Sở: Tài chính, Y tế". Stops at the first word that neither starts an agency nor separates two.

    After a comma a group may drop its "các" (", cơ quan, tổ chức khác có liên quan"); `bare` allows that for the
    first item too, where a cue already says a body follows ("phối hợp với cơ quan thông tấn, báo chí ...")."""
    out: list[Agency] = []
    while i < len(toks):
        found = _distributed(toks, i, src, base)
        if not found and (a := match_at(toks, i, src, base, bare_group=bare)):
            found = [a]
        if not found:
            break
        if len(found) == 1 and (joined := _with_ministry(toks, found[0], src, base)):
            found = [joined]
        out.extend(found)
        i = found[-1].tok_end
        bare = found[-1].is_group or (i < len(toks) and toks[i].key in {",", ";"})
        if i + 1 < len(toks) and toks[i].key in {",", "và", ";"}:
            nxt = i + 1
            if _distributed(toks, nxt, src, base) or match_at(toks, nxt, src, base, bare_group=bare):
                i = nxt
                continue
        break
    return out


def _with_ministry(toks: Toks, a: Agency, src: str, base: int) -> Agency | None:
    """A unit with the ministry it is named with, as its parent and not a second body: "Cục Quản lý lao động ngoài
    nước, Bộ Lao động - Thương binh và Xã hội có trách nhiệm" is the Cục's duty. A department keeps its own name;
    a unit named by a common noun takes the ministry into it ("Trung tâm thông tin, Bộ Lao động - Thương binh và Xã
    hội" -> "Trung tâm thông tin Bộ Lao động - Thương binh và Xã hội"). Only when the ministry ends the list
    (", Bộ Y và Bộ Z" coordinates them)."""
    v = _vocab()
    j = a.tok_end
    kind = fold(a.kind) if a.kind else ""
    generic = kind in v.ministry_unit_kinds and _common_name(a)
    if not (kind in v.department_kinds or generic) or j + 1 >= len(toks) or toks[j].key != ",":
        return None
    b = _ministry_ending(toks, j + 1, src, base)
    if b is None:
        return None
    text = src[a.start - base : b.end - base]
    name = f"{a.name} {b.name}" if generic else a.name
    return replace(a, end=b.end, text=text, name=name, tok_end=b.tok_end, level=a.level or b.level)


def _ministry_ending(toks: Toks, j: int, src: str, base: int) -> Agency | None:
    """The ministry named at toks[j] ("Bộ Lao động - Thương binh và Xã hội"), if no other body follows it in a list."""
    b = match_at(toks, j, src, base)
    if b is None or b.level != "ministry" or not fold(b.name).startswith("bộ "):
        return None
    k = b.tok_end
    if k + 1 < len(toks) and toks[k].key in {",", "và", ";"} and match_at(toks, k + 1, src, base):
        return None
    return b


def _common_name(a: Agency) -> bool:
    """Is the body named by its kind and common nouns only ("Trung tâm thông tin"), no proper name, no place?"""
    rest = a.name[len(a.kind or "") :].split()
    return bool(rest) and all(w[:1].islower() for w in rest) and not a.parts and a.place is None


def _distributed(toks: Toks, i: int, src: str, base: int) -> list[Agency]:
    """A kind shared by a list of fields: "Giám đốc các Sở: Lao động Thương binh và Xã hội, Tài chính, Y tế",
    "các Sở Tài chính, Xây dựng và Y tế" -> one Sở each. Needs "các" or a colon, and two fields or the colon."""
    v = _vocab()
    holder, j = _holder_at(toks, i)
    plural = j < len(toks) and toks[j].key == "các"
    j += plural
    kindm = _longest(v.kinds, toks, j)
    if not kindm or kindm[1] not in v.field_kinds:
        return []
    k = kindm[0]
    colon = k < len(toks) and toks[k].key == ":"
    if not (plural or colon):
        return []
    k += colon
    items: list[tuple[int, int, str]] = []
    while k < len(toks) and (f := _longest(v.fields, toks, k)):
        items.append((k, f[0], f[1]))
        k = f[0]
        if k + 1 < len(toks) and toks[k].key in {",", "và"} and _longest(v.fields, toks, k + 1):
            k += 1
            continue
        break
    if not items or (len(items) < 2 and not colon):
        return []
    out = []
    for n, (s, e, name) in enumerate(items):
        first = i if n == 0 else s
        out.append(_finish(toks, first, _Core(f"{kindm[1]} {name}", kindm[1], e), holder, src, base))
    return out


# --- public helpers on strings and documents ----------------------------------------------------------------


def find(text: str, base: int = 0) -> list[Agency]:
    """Every agency phrase in `text`, left to right, not overlapping."""
    return _scan(tokenize(text, base), text, base)


def find_in(doc: Doc, start: int, end: int) -> list[Agency]:
    """Every agency phrase in doc.text[start:end], on the document's own tokens."""
    return _scan(doc.tokens_in(start, end), doc.text, 0)


def _scan(toks: Toks, src: str, base: int) -> list[Agency]:
    out, i = [], 0
    while i < len(toks):
        a = match_at(toks, i, src, base)
        if a:
            out.append(a)
            i = a.tok_end
        else:
            i += 1
    return out


def split_list(text: str, base: int = 0) -> list[Agency]:
    """Agencies of a list ("Sở GD&ĐT, UBND cấp huyện và các đơn vị liên quan") in order (see `read_list`)."""
    return read_list(tokenize(text, base), 0, text, base)


def expand_abbreviations(text: str) -> str:
    """ "UBND các huyện (TP, TX)" -> "Ủy ban nhân dân các huyện (thành phố, thị xã)"."""
    toks = tokenize(text)
    v = _vocab()
    out, last, i = [], 0, 0
    while i < len(toks):
        t = toks[i]
        rep, e = _expansion_at(toks, i, v)
        if rep is not None:
            out.append(text[last : t.start])
            out.append(rep)
            last = toks[e - 1].end
            i = e
            continue
        i += 1
    out.append(text[last:])
    return "".join(out)


def _expansion_at(toks: Toks, i: int, v: _Vocab) -> tuple[str | None, int]:
    """The expansion of an abbreviation at toks[i] ("UBND", "TT HTCĐ", "GD&ĐT" after "Sở"), with its end."""
    t = toks[i]
    if not t.text.isupper() or len(t.text) < 2:
        return None, i
    prev = toks[i - 1].key if i > 0 else ""
    if prev in {"(", ","} and _longest(v.units, toks, i) and t.text in v.expansions:
        return v.expansions[t.text], i + 1  # "(TP, TX)" after "các huyện"
    if t.text in v.expansions:
        if m := _longest(v.kinds, toks, i) or _longest(v.named, toks, i):
            return m[1], m[0]
        if not _unit_at(toks, i):
            return v.expansions[t.text], i + 1
    if prev in v.kind_last_words and (m := _longest(v.fields, toks, i)):
        return m[1], m[0]
    return None, i


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
    if kind := _longest(v.kinds, toks, 0) or _longest(v.named, toks, 0):
        out.append(kind[1])
        i = kind[0]
    while i < len(toks):
        unit = _unit_at(toks, i)
        place = _place_after(toks, unit[0], unit[1]) if unit else None
        if unit and place and (places.find_province(place[1]) or places.find_districts(place[1])):
            out.append(f"{unit[1]} {place[1]}")
            i = place[0]
            continue
        out.append(toks[i].text.lower() if toks[i].is_word else toks[i].text)
        i += 1
    return fold_tones(AGENCY_SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(out)))


@cache
def _level_prefixes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    levels = _entries(vocab.agency_lexicon()["levels"])
    return tuple((level, tuple(prefixes)) for level, prefixes in levels.items())


def level_of(name: str) -> str | None:
    """Administrative level of a body from its name."""
    k = fold(name)
    for level, prefixes in _level_prefixes():
        if k.startswith(prefixes):
            return level
    # "xây dựng xã hội học tập" names no commune; punctuation apart so "các tỉnh, thành phố" reads as units
    k = " " + " ".join(AGENCY_LEVEL_PUNCT.sub(" ", k.replace("xã hội", "_")).split()) + " "
    # the first unit named decides: "các huyện, thị xã, thành phố" are districts, "các tỉnh, thành phố" provinces
    levels = _vocab().unit_levels
    found = [(k.find(f" {unit} "), unit) for unit in _vocab().level_units if f" {unit} " in k]
    if not found:
        return None
    _, unit = min(found)
    if unit == "thành phố":
        place = k.split("thành phố", 1)[1].strip()
        p = places.find_province(place) if place else None
        return "province" if (p and p.is_city) or not place else "district"
    return levels[unit]

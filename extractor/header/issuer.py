"""The issuing body (ô 2) and the jurisdiction it gives the document.

    ỦY BAN NHÂN DÂN / TỈNH QUẢNG BÌNH                 -> Ủy ban nhân dân tỉnh Quảng Bình
    UBND TỈNH QUẢNG NINH / SỞ GIÁO DỤC VÀ ĐÀO TẠO      -> Sở Giáo dục và Đào tạo tỉnh Quảng Ninh (its parent above it)
    TỈNH QUẢNG N / AM                                  -> a name broken mid-word by a narrow column, mended
    UY BAN NHAN DAN TINH QUANG NGAI (OCR, no marks)    -> spelled as the lexicon and the place list spell it
    BỘ TÀI CHÍNH / BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI  -> a joint issuer, kept as its bodies

The issuer block is what zones.py left in capitals before the number; never the quốc hiệu.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor import agencies, places, symbols, vocab
from extractor import patterns as P
from extractor.folding import ascii_fold, fold_tones
from extractor.issuers import Jurisdiction, for_code, localize


@dataclass
class Issuer:
    name: str | None
    parent: str | None
    joint: bool = False


def _mend(pieces: list[str]) -> str:
    """Join the issuer's lines, mending a word a narrow column broke ("QUẢNG N" + "AM" -> "QUẢNG NAM")."""
    out = ""
    for piece in pieces:
        if out and _split_word(out.split()[-1], piece.split()[0]):
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


def _syllable(word: str) -> bool:
    return fold_tones(word.lower()) in vocab.syllables()


def _spelled(text: str) -> str | None:
    """A local government written without its marks (OCR): "UY BAN NHAN DAN TINH QUANG NGAI" ->
    "Ủy ban nhân dân tỉnh Quảng Ngãi", the place spelled by the administrative units."""
    low = ascii_fold(text)
    m = P.BARE_LOCAL_GOVERNMENT.search(low)
    if not m:
        return None
    p = places.find_province(m["place"].strip())
    if not p:
        return None
    kind = "Ủy ban nhân dân" if m["kind"].startswith("uy") else "Hội đồng nhân dân"
    return f"{kind} {'thành phố' if p.is_city else 'tỉnh'} {p.name}"


def _bodies(pieces: list[str]) -> list[str]:
    """The bodies of the issuer block, parent first. A line that begins with a unit ("TỈNH QUẢNG BÌNH") or
    names no body ("XÃ HỘI HỌC TẬP") continues the line above; a line holding two bodies (flattened
    columns: "UBND TỈNH QUẢNG NINH SỞ GIÁO DỤC VÀ ĐÀO TẠO") is cut where the second one's kind begins."""
    lines: list[str] = []
    for piece in pieces:
        office = agencies.canonical(piece) in vocab.words("bare_office_kinds")
        continues = not office and (
            P.UNIT_START.match(piece) or (not agencies.find(piece) and not P.ENDS_WITH_PLACE.search(piece))
        )
        if lines and (continues or _broken(lines[-1], piece)):
            lines[-1] = _mend([lines[-1], piece])
        else:
            lines.append(piece)
    heads = {ascii_fold(w) for w in vocab.words("issuer_heads")}
    out: list[str] = []
    for line in lines:
        cuts = [a.start for a in agencies.find(line)[1:] if a.kind and ascii_fold(a.kind) in heads]
        for a, b in zip([0] + cuts, cuts + [len(line)], strict=True):
            if line[a:b].strip():
                out.append(line[a:b].strip())
    return out


def _broken(above: str, piece: str) -> bool:
    tail, head = above.split()[-1], piece.split()[0]
    return _split_word(tail, head)


def _split_word(tail: str, head: str) -> bool:
    """ "QUẢNG N" + "AM", "CHÍNH P" + "HỦ": two pieces of one syllable."""
    lone = set(vocab.words("one_letter_words"))
    broken = (not _syllable(tail) or (len(tail) == 1 and tail.lower() not in lone)) or not _syllable(head)
    return broken and _syllable(tail + head)


def read_issuer(pieces: list[str], authority: str | None, sym: symbols.Symbol | None) -> Issuer:
    bodies = _bodies([p for p in pieces if p])
    if not bodies:
        if authority:  # "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH VĨNH LONG" decides in a decision without an ô 2 block
            return Issuer(_recase(agencies.canonical(_body_of_office(authority))), None)
        return Issuer(None, None)
    names = [_recase(_spelled(b) or agencies.canonical(b)) for b in bodies]
    if _joint(names, sym):
        # a page heading of the Công báo may repeat the block above the header: each body once, as the header has it
        names = list(reversed(dict.fromkeys(reversed(names))))
        return Issuer(" - ".join(names), None, joint=True)
    if len(names) > 1 and names[-1] in vocab.words("bare_office_kinds"):
        # "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG": the office of the body above it
        return Issuer(f"{names[-1]} {names[-2]}", names[-2])
    if len(names) > 1 and names[-2] in vocab.mapping("central_parents"):
        # "BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TUYÊN GIÁO VÀ DÂN VẬN": a central body is named "... Trung ương"
        return Issuer(f"{names[-1]} {vocab.mapping('central_parents')[names[-2]]}", names[-2])
    return Issuer(names[-1], names[-2] if len(names) > 1 else None)


def _body_of_office(authority: str) -> str:
    """ "TRƯỞNG BAN CHỈ ĐẠO QUỐC GIA ..." -> "BAN CHỈ ĐẠO QUỐC GIA ...": the body a deciding office heads (the title
    "Trưởng ban" shares its last word with the body's kind); "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." -> "ỦY BAN NHÂN DÂN ..."."""
    m = P.signature_title().match(authority.strip())
    if not m:
        return authority
    rest = authority.strip()[m.end() :].strip()
    last = m.group(0).split()[-1]
    shares_kind = last in ("BAN", "PHÒNG") and rest and not rest.upper().startswith(last)
    return f"{last} {rest}" if shares_kind else rest or authority


def _recase(name: str) -> str:
    """Capitals a parse left inside a name, spelled as Nghị định 30 writes names: the first word of the proper
    name capitalised, the rest in lower case, places as the place list spells them ("Trung tâm PHỤC VỤ HÀNH
    CHÍNH CÔNG thành phố Hà Nội" -> "Trung tâm Phục vụ hành chính công thành phố Hà Nội")."""
    words = name.split()
    if words and words[0][:1].islower():
        words[0] = words[0][:1].upper() + words[0][1:]  # a body's name opens with a capital
    run = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper() and _syllable(w)]
    if not run:
        return " ".join(words)
    for n, i in enumerate(run):
        words[i] = words[i].capitalize() if n == 0 and (i == 0 or not words[i - 1].isupper()) else words[i].lower()
    return " ".join(words)


def _joint(bodies: list[str], sym: symbols.Symbol | None) -> bool:
    """Bodies side by side of one rank (two ministries), or a symbol of several issuers (TTLT, NQLT)."""
    if len(bodies) < 2:
        return False
    if sym and len(sym.issuer_codes) > 1 and sym.type_code in ("TTLT", "NQLT", "CTLT"):
        return True
    # two ministries side by side; not a ministry over its own department ("BỘ TÀI CHÍNH / CỤC THUẾ")
    return all(P.MINISTRY.match(b) for b in bodies)


# --- jurisdiction -------------------------------------------------------------------------------------


def _places_of(name: str, province: str | None, district: str | None) -> tuple[str | None, str | None]:
    for a in agencies.find(name):
        if a.place and a.unit in vocab.words("province_units") and (p := places.find_province(a.place)):
            if a.unit == "thành phố" and not p.is_city:
                continue
            province = province or p.name
        elif a.place and a.unit in vocab.words("district_units"):
            ds = places.find_districts(a.place, province)
            if ds:
                district = district or ds[0].name
                province = province or ds[0].province
            elif a.unit != "thành phố":
                district = district or a.place  # a district merged away before the dataset was made
    return province, district


def jurisdiction(issuer: Issuer, sym: symbols.Symbol | None, place: str | None) -> Jurisdiction:
    level = agencies.level_of(issuer.name) if issuer.name else None
    province = district = None
    for name in (issuer.name, issuer.parent):
        if name:
            province, district = _places_of(name, province, district)
    if level is None and issuer.parent:
        level = agencies.level_of(issuer.parent)
    if issuer.name is None and place and sym and sym.issuer_codes and sym.issuer_codes[0] in ("UBND", "HĐND"):
        # no ô 2 printed (a draft): the địa danh names the locality of the issuing UBND
        if p := places.find_province(place):
            return Jurisdiction("province", p.name, None)
        ds = places.find_districts(place)
        if len(ds) == 1:
            return Jurisdiction("district", ds[0].province, ds[0].name)
    if level == "province" and province is None and place and (p := places.find_province(place)):
        province = p.name
    if level == "district" and district is None and place:
        ds = places.find_districts(place, province)
        if len(ds) == 1:
            district, province = ds[0].name, province or ds[0].province
    return Jurisdiction(level, province, district)


def from_symbol(sym: symbols.Symbol, where: Jurisdiction) -> str | None:
    """The issuer a ký hiệu names, when the header prints none: "/KH-UBND" in Lạng Giang -> its UBND."""
    if not sym.issuer_codes:
        return None
    name, local = for_code(sym.issuer_codes[0])
    if not name:
        return None
    if local and where.level == "district" and where.district:
        return f"{name} huyện {where.district}"
    if local and where.level == "province" and where.province:
        p = places.find_province(where.province)
        return f"{name} {'thành phố' if p and p.is_city else 'tỉnh'} {where.province}"
    return name


def final_name(issuer: Issuer, where: Jurisdiction) -> str | None:
    """The issuer with its locality: a body printed under its local government takes that government's place."""
    if not issuer.name or issuer.joint:
        return issuer.name
    if where.province or where.district:
        return localize(issuer.name, where, any_body=issuer.parent is not None)
    return issuer.name


def split_type_and_issuer(line: str) -> tuple[str, str] | None:
    """ "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH": a type and the issuer on one line."""
    m = P.TYPE_DASH_ISSUER.match(line)
    return (m["type"], m["issuer"]) if m else None

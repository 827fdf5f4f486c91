"""The header of an official document: the thể thức elements of Nghị định 30/2020/NĐ-CP.

    ô 1 Quốc hiệu, tiêu ngữ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc
    ô 2 tên cơ quan ban hành        ỦY BAN NHÂN DÂN / TỈNH QUẢNG BÌNH  (parent above child: UBND TỈNH X / SỞ ...)
    ô 3 số, ký hiệu                 Số: 674/UBND-VX
    ô 4 địa danh, ngày tháng        Quảng Bình, ngày 24 tháng 4 năm 2017
    ô 5 tên loại, trích yếu         QUYẾT ĐỊNH / Về việc ...   or   V/v ... (công văn)
    ô 7 chức vụ, họ tên người ký    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Y Phương
    ô 9 nơi nhận; and Kính gửi (công văn)

Lines arrive one element per line from clean(); where a converter left elements in any order
(table cells, flattened columns), each line is classified by what it says, not where it sits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor import agencies, places, symbols
from extractor.doc import Doc, Line
from extractor.folding import fold, fold_tones
from extractor.dates import DATE_WORDS, find_dates
from extractor.issuers import Jurisdiction, for_code, localize
from models.record import DocumentHeader, Signer

_QUOC_HIEU = re.compile(r"^cộng hòa xã hội chủ nghĩa việt nam")  # matched on fold(line)
_TIEU_NGU = re.compile(r"^độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc")
# "Số: 674/UBND-VX", "Số:  1977/SGDĐT-CNTX", "Số: /KH-UBND" (draft), "Số 12/QĐ-UBND"
_NUMBER_LINE = re.compile(
    r"(?i)^(?:(?:luật|bộ luật|pháp lệnh|nghị quyết|lệnh|văn bản hợp nhất)\s+)?số\s*:?\s*(?P<num>[^\s].*?)?\s*$"
)
# "Quảng Bình, ngày 24 tháng 4 năm 2017", "Hà Nội, ngày 26 tháng 0 6 năm 2018", "Lạng Giang, ngày tháng 7 năm 2023"
_PLACE_DATE = re.compile(r"^(?P<place>[^\d,:;()]{2,50}?),\s*(?=ngày\b)")
# "V/v thực hiện ...", "“V/v tăng cường ...”", "Về việc ..."
_SUBJECT_VV = re.compile(r"(?i)^[“\"]?\s*(?:V/v|V/V|Về việc)\s*:?\s*")
_KINH_GUI = re.compile(r"(?i)^kính\s+gửi\s*:?\s*")
# Lines where the body begins (the header is over).
_BODY_START = re.compile(
    r"(?i)^(căn cứ|thực hiện|triển khai|theo đề nghị|xét đề nghị|xét tờ trình|để |trong |nhằm |ngày \d|"
    r"điều \d+[.:]|phần [ivx\d]|chương [ivx\d]|[ivx]{1,4}\.\s|\d{1,2}\.\s|quyết định:|nay |hiện nay|qua |sau khi|"
    r"vừa qua)"
)
# Signature block openers: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. BỘ TRƯỞNG", "TUQ. ..."
_SIGN_OPENER = re.compile(r"^(TM|KT|Q|TL|TUQ|T\.M|K\.T)\s*\.\s*")
_TITLES = (
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "CHỦ NHIỆM",
    "TỔNG GIÁM ĐỐC",
    "THỦ TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHÁNH THANH TRA",
    "TRƯỞNG ĐOÀN",
    "CHỦ TỊCH NƯỚC",
)
_TITLE_RE = re.compile(
    "^(" + "|".join(sorted((re.escape(t) for t in _TITLES), key=len, reverse=True)) + r")\b"
)
# A person's name: 2-5 capitalised syllables ("Y Phương", "Nguyễn Văn Long").
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*|[A-ZĐÀ-Ỹ]+)(?:\s(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*|[A-ZĐÀ-Ỹ]+)){1,4}$")


_TYPE_NUMBER_LINE = re.compile(
    r"^(?P<type>Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Luật|Pháp lệnh)\s+số\s+"
    r"(?P<num>\S+/\S+?)(?=\s+ngày\b)"
)
_TYPE_DASH_ISSUER = re.compile(r"^(?P<type>[^-–]{4,30}?)\s*[-–]\s*(?P<issuer>.+)$")


@dataclass
class HeaderResult:
    header: DocumentHeader
    jurisdiction: Jurisdiction
    body_start: int  # index of the first line of the body
    body_end: int  # index of the line where the closing (Nơi nhận / signature) starts
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (field, start, end) in cleaned text
    parent: str | None = None


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _type_line(s: str) -> str | None:
    """ "QUYẾT ĐỊNH" -> "Quyết định"; a bare document-type line in capitals."""
    if not _is_upper(s):
        return None
    k = fold(re.sub(r"\d+$", "", s.strip(' :.“”"-–')))  # "THÔNG TƯ1": a footnote mark
    for t in _doc_type_names():
        if k == fold(t):
            return t
    return None


def _doc_type_names() -> list[str]:
    from extractor import vocab

    return [t.name for t in vocab.doc_types()]


def _starts_with_unit(s: str) -> bool:
    return bool(re.match(r"(?i)^(tỉnh|huyện|thành phố|quận|thị xã|xã|phường|thị trấn)\b", s.strip()))


def _title_case(title: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch" (the office-holder spelling of agencies.json)."""
    from extractor import vocab

    k = fold(title)
    for h in vocab.agency_lexicon()["office_holders"]:
        if fold(h) == k:
            return h
    return title.capitalize()


def _person(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def parse(doc: Doc) -> HeaderResult:
    lines = doc.lines()
    h = DocumentHeader()
    spans: list[tuple[str, int, int]] = []
    issuer_lines: list[Line] = []
    number_idx = type_idx = None
    body_start = None
    subject_parts: list[str] = []
    subject_mode = None  # "vv" collects V/v continuation lines; "type" collects the title after the type line
    authority: str | None = None
    limit = min(len(lines), 60)
    i = 0
    while i < limit:
        ln = lines[i]
        s = ln.text.strip()
        if not s:
            if subject_mode == "type" and subject_parts:
                subject_mode = None
            i += 1
            continue
        if _QUOC_HIEU.match(fold(s)) or _TIEU_NGU.match(fold(s)):
            subject_mode = None if subject_mode == "vv" else subject_mode
            i += 1
            continue
        m = _NUMBER_LINE.match(s)
        if m and h.number is None and (sym := symbols.parse(m["num"] or "")):
            h.number = sym.number
            spans.append(("document.number", ln.start, ln.end))
            number_idx = i
            subject_mode = None
            i += 1
            continue
        m = _PLACE_DATE.match(s)
        if m and DATE_WORDS.search(s) and h.place is None:
            h.place = m["place"].strip(' “"')
            dates = find_dates(s)
            h.issued_date = dates[0].iso if dates else None
            spans.append(("document.issued_date", ln.start, ln.end))
            subject_mode = None
            i += 1
            continue
        m = _SUBJECT_VV.match(s)
        if m and not subject_parts and subject_mode != "type":
            subject_parts = ["V/v " + s[m.end() :].strip(' “”"')] if s[m.end() :].strip() else ["V/v"]
            subject_mode = "vv"
            spans.append(("document.subject", ln.start, ln.end))
            i += 1
            continue
        m = _KINH_GUI.match(s)
        if m:
            i = _recipients(lines, i, s[m.end() :], h, spans)
            subject_mode = None
            continue
        m = _TYPE_NUMBER_LINE.match(s)
        if (
            m
            and h.number is None
            and number_idx is None
            and h.doc_type != "Văn bản hợp nhất"
            and (sym := symbols.parse(m["num"]))
        ):
            # a Công báo page heading: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 hướng dẫn ..."
            h.doc_type = h.doc_type or _type_line(m["type"].upper())
            h.number, number_idx, type_idx = sym.number, i, i
            dates = find_dates(s[: m.end() + 40])
            h.issued_date = h.issued_date or (
                dates[0].iso if dates and dates[0].start <= m.end() + 2 else None
            )
            subject_parts = [s[m.end() :].strip()] if s[m.end() :].strip() else []
            subject_mode = "type"
            spans.append(("document.number", ln.start, ln.end))
            i += 1
            continue
        t = _type_line(s)
        if t and h.doc_type == "Văn bản hợp nhất" and type_idx is None:
            # the consolidated text names its base document's type: "LUẬT / BẢO HIỂM Y TẾ" is its title
            type_idx, subject_mode = i, "type"
            subject_parts = [s]
            i += 1
            continue
        if t == "Văn bản hợp nhất" and h.doc_type is None:
            h.doc_type = (
                t  # "VĂN BẢN HỢP NHẤT -" over its issuer; its own title comes with the next type line
            )
            i += 1
            continue
        if t and h.doc_type is None and (body_start is None):
            h.doc_type = t
            type_idx = i
            subject_mode = "type"
            spans.append(("document.doc_type", ln.start, ln.end))
            i += 1
            continue
        starts_title = subject_mode == "type" and not subject_parts and not re.match(r"(?i)căn cứ\b", s)
        if _BODY_START.match(s) and not (subject_mode == "vv" and s[0].islower()) and not starts_title:
            body_start = i
            break
        if subject_mode == "vv":
            subject_parts.append(s.strip(' “”"'))
            i += 1
            continue
        if subject_mode == "type":
            if _is_upper(s) and _TITLE_RE.match(s) and subject_parts:
                authority = s  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG": who decides
                subject_mode = None
            else:
                subject_parts.append(s)
                spans.append(("document.subject", ln.start, ln.end))
            i += 1
            continue
        if type_idx is not None and _is_upper(s) and _TITLE_RE.match(s):
            authority = s
            i += 1
            continue
        if _is_upper(s) and len(s) < 90 and number_idx is None and type_idx is None:
            m = _TYPE_DASH_ISSUER.match(s)
            if m and _type_line(m["type"]):
                # "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH": the type and the issuer on one line
                h.doc_type = _type_line(m["type"])
                s = m["issuer"]
            issuer_lines.append(Line(ln.start + len(ln.text) - len(s), ln.end, s))
            i += 1
            continue
        if len(s.split()) > 12 and not _is_upper(s):
            body_start = i
            break
        i += 1
    if body_start is None:
        body_start = i
    if subject_parts:
        h.subject = " ".join(" ".join(subject_parts).split()).strip(' “”"')
        if (
            h.subject.startswith("V/v")
            and h.subject.endswith("”") is False
            and h.subject.count("“") > h.subject.count("”")
        ):
            h.subject += "”"

    body_end = _closing_start(lines, body_start)
    parent, issuer = _issuer(issuer_lines, authority)
    spans.extend(("document.issuer", ln.start, ln.end) for ln in issuer_lines)
    sym = symbols.parse(h.number) if h.number else None

    if h.doc_type is None:
        h.doc_type = symbols.type_name(sym.type_code) if sym and sym.type_code else None
        if h.doc_type is None and (sym or (h.subject or "").startswith("V/v")):
            h.doc_type = "Công văn"

    if (h.doc_type == "Văn bản hợp nhất" or "XÁC THỰC VĂN BẢN HỢP NHẤT" in doc.match[-20000:].upper()) and (
        h.number is None or h.doc_type != "Văn bản hợp nhất"
    ):
        # a consolidated text, even when its "VĂN BẢN HỢP NHẤT" heading was lost: it authenticates itself at the end
        number_before = h.number
        _number_from_authentication(lines, h, spans)
        if h.number != number_before:
            h.doc_type = "Văn bản hợp nhất"
        sym = symbols.parse(h.number) if h.number else sym
    if h.number is None or h.issued_date is None:
        _number_from_attachment(doc, h, body_start, spans)
        sym = symbols.parse(h.number) if h.number else sym

    where = _jurisdiction(issuer, parent, sym, h.place)
    if issuer is None and sym:
        issuer = _issuer_from_symbol(sym, where)
    if issuer:
        h.issuer = (
            localize(issuer, where, any_body=parent is not None)
            if where.province or where.district
            else issuer
        )
    h.level = where.level
    h.province, h.district = where.province, where.district
    h.signer = _signer(lines, body_start)
    return HeaderResult(h, where, body_start, body_end, spans, parent)


def _recipients(lines: list[Line], i: int, rest: str, h: DocumentHeader, spans: list) -> int:
    """Lines after "Kính gửi:" (bullets or "; -" separated), until the body begins."""
    items: list[str] = []

    def add(text: str, ln: Line) -> None:
        for part in re.split(r";\s*(?=[-–+•]\s)|;\s*$", text):
            part = re.sub(r"^[-–+•]\s*", "", part.strip()).strip(" ;.,")
            if part:
                items.append(fold_tones(agencies.expand_abbreviations(part)))
        spans.append(("document.recipients", ln.start, ln.end))

    if rest.strip():
        add(rest, lines[i])
    j = i + 1
    while j < len(lines):
        s = lines[j].text.strip()
        if not s:
            j += 1
            continue
        if s[0] in "-–+•" or (not items and len(s.split()) < 15):
            add(s, lines[j])
            j += 1
            continue
        break
    h.recipients = items
    return j


def _closing_start(lines: list[Line], body_start: int) -> int:
    """Index of the "Nơi nhận" line or the first signature line after the body."""
    for k in range(body_start, len(lines)):
        s = lines[k].text.strip()
        if re.match(r"(?i)^nơi nhận\s*:", s):
            return k
    return len(lines)


def _issuer(issuer_lines: list[Line], authority: str | None) -> tuple[str | None, str | None]:
    """(parent, issuer) from the capitalised lines of ô 2; a line naming a place continues the one above."""
    bodies: list[str] = []
    for ln in issuer_lines:
        s = ln.text.strip()
        if bodies and (_starts_with_unit(s) or not agencies.find(s)):
            bodies[-1] += " " + s
        else:
            bodies.append(s)
    names = [agencies.canonical(b) for b in bodies]
    if not names and authority:
        # "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH VĨNH LONG" decides in a Quyết định without an ô 2 block
        return None, agencies.canonical(authority)
    if not names:
        return None, None
    issuer = names[-1]
    parent = names[-2] if len(names) > 1 else None
    return parent, issuer


def _jurisdiction(
    issuer: str | None, parent: str | None, sym: symbols.Symbol | None, place: str | None
) -> Jurisdiction:
    level = agencies.level_of(issuer) if issuer else None
    province = district = None
    for name in (issuer, parent):
        if not name:
            continue
        toks = agencies.find(name)
        for a in toks:
            if a.place and a.unit in ("tỉnh", "thành phố") and (p := places.find_province(a.place)):
                if a.unit == "thành phố" and not p.is_city:
                    continue
                province = province or p.name
            elif a.place and a.unit in ("huyện", "quận", "thị xã", "thành phố"):
                ds = places.find_districts(a.place, province)
                if ds:
                    district = district or ds[0].name
                    province = province or ds[0].province
                elif a.unit != "thành phố":
                    district = district or a.place  # a district merged away before the dataset was made
        if level is None and name is parent:
            level = agencies.level_of(name)
    if issuer and parent and level is None:
        level = agencies.level_of(parent)
    if issuer is None and place and sym and sym.issuer_codes and sym.issuer_codes[0] in ("UBND", "HĐND"):
        # no ô 2 printed (a draft): the địa danh names the locality of the issuing UBND
        p = places.find_province(place)
        ds = places.find_districts(place)
        if p:
            return Jurisdiction("province", p.name, None)
        if len(ds) == 1:
            return Jurisdiction("district", ds[0].province, ds[0].name)
    if level == "province" and province is None and place and (p := places.find_province(place)):
        province = p.name
    if level == "district" and district is None and place:
        ds = places.find_districts(place, province)
        if len(ds) == 1:
            district, province = ds[0].name, province or ds[0].province
    return Jurisdiction(level, province, district)


def _issuer_from_symbol(sym: symbols.Symbol, where: Jurisdiction) -> str | None:
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


def _number_from_authentication(lines: list[Line], h: DocumentHeader, spans: list) -> None:
    """A consolidated text (Văn bản hợp nhất) prints its number in the authentication block at the end:
    "VĂN PHÒNG QUỐC HỘI / Số: 22/VBHN-VPQH / XÁC THỰC VĂN BẢN HỢP NHẤT / Hà Nội, ngày 26 tháng 02 năm 2025"."""
    for k in range(len(lines) - 1, -1, -1):
        m = _NUMBER_LINE.match(lines[k].text.strip())
        if m and (sym := symbols.parse(m["num"] or "")) and sym.type_code == "VBHN":
            h.number = sym.number
            spans.append(("document.number", lines[k].start, lines[k].end))
            for ln in lines[k : k + 8]:
                pm = _PLACE_DATE.match(ln.text.strip())
                if pm and (dates := find_dates(ln.text)):
                    h.place, h.issued_date = h.place or pm["place"].strip(), dates[0].iso
                    break
            return


_ATTACHED = re.compile(
    r"(?i)(?:ban hành\s+)?kèm theo\s+(?P<type>quyết định|nghị định|thông tư|nghị quyết|chỉ thị)\s+(?:số\s*)+"
)


def _number_from_attachment(doc: Doc, h: DocumentHeader, body_start: int, spans: list) -> None:
    """A decision printed without its "Số:" line takes the number its attachment cites:
    "(Ban hành kèm theo Quyết định số 684/QĐ-UBND, ngày 24/4/2013 của Chủ tịch ...)"."""
    if h.doc_type is None:
        return
    for m in _ATTACHED.finditer(doc.match):
        if fold(m["type"]) != fold(h.doc_type):
            continue
        rest = doc.text[m.end() : m.end() + 120]
        sm = symbols.STATE_NUMBER.match(rest)
        if not sm:
            continue
        sym = symbols.parse(sm.group(0))
        if not sym or (h.number and symbols.key(h.number) != symbols.key(sym.number)):
            continue
        if h.number is None:
            h.number = sym.number
            spans.append(("document.number", m.end(), m.end() + sm.end()))
        if h.issued_date is None:
            dates = [d for d in find_dates(rest[sm.end() : sm.end() + 40]) if d.start < 12]
            if dates and dates[0].iso:
                h.issued_date = dates[0].iso
        return


def _signer(lines: list[Line], body_start: int) -> Signer:
    """The first signature block after the body: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Y Phương"."""
    for k in range(body_start, len(lines)):
        s = lines[k].text.strip()
        opener = _SIGN_OPENER.match(s)
        title_m = _TITLE_RE.match(s) if _is_upper(s.split(" ")[0] if s else "") else None
        if not opener and not (
            title_m
            and _is_upper(title_m.group(0))
            and len(s) < 80
            and (s == title_m.group(0) or _NAME.match(s[title_m.end() :].strip() or "x y z w v u"))
        ):
            continue
        # gather this line and the next few (titles, then the name)
        block: list[str] = []
        for ln in lines[k : k + 12]:
            t = ln.text.strip()
            if not t:
                continue
            block.append(t)
            if not _is_upper(t) or len(block) > 6:
                break
        text = " ".join(block)
        text = _SIGN_OPENER.sub("", text)
        titles: list[str] = []
        words = text.split()
        pos = 0
        # walk capitalised words; the last title before the name is the signer's title
        rest = text
        while rest:
            rest = _SIGN_OPENER.sub("", rest).strip()
            tm = _TITLE_RE.match(rest)
            if tm:
                titles.append(tm.group(0))
                rest = rest[tm.end() :].strip()
                continue
            # an agency in capitals after TM. ("TM. ỦY BAN NHÂN DÂN HUYỆN")
            um = re.match(r"^([A-ZĐÀ-Ỹ]{1,}(?:\s+[A-ZĐÀ-Ỹ]{1,})*)(?=\s+(?:KT|Q|TL|TUQ)\s*\.|\s*$)", rest)
            if um and _is_upper(um.group(1)) and not titles:
                rest = rest[um.end() :].strip()
                continue
            break
        del words, pos
        name = rest.strip() if rest and _NAME.match(rest.strip()) else None
        if titles or name:
            return Signer(
                name=_person(name) if name else None, title=_title_case(titles[-1]) if titles else None
            )
    return Signer()

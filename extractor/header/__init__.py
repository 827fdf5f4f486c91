"""The header of an official document: the thể thức elements of Nghị định 30/2020/NĐ-CP, read element by element.

    ô 1 Quốc hiệu, tiêu ngữ         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc
    ô 2 tên cơ quan ban hành        ỦY BAN NHÂN DÂN / TỈNH QUẢNG BÌNH  (parent above child: UBND TỈNH X / SỞ ...)
    ô 3 số, ký hiệu                 Số: 674/UBND-VX
    ô 4 địa danh, ngày tháng        Quảng Bình, ngày 24 tháng 4 năm 2017
    ô 5 tên loại, trích yếu         QUYẾT ĐỊNH / Về việc ...   or   V/v ... (công văn)
    ô 7 chức vụ, họ tên người ký    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Y Phương
    ô 9 nơi nhận; and Kính gửi (công văn)

zones.py finds where each element is, whatever the layout; the modules here read each one:
issuer.py (ô 2 and the jurisdiction), title.py (ô 5 and where the body begins), numbers.py (ô 3 and
ô 4, with honest blanks), closing.py (Kính gửi, Nơi nhận, the signer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor import symbols
from extractor.doc import Doc
from extractor.header import closing, fallbacks, numbers
from extractor.header.issuer import Issuer, final_name, from_symbol, jurisdiction, read_issuer
from extractor.header.title import read_title
from extractor.header.zones import Zones, find_zones
from extractor.issuers import Jurisdiction
from models.record import DocumentHeader, IntakeInfo, SignatureInfo

SpanRecord = tuple[str, int, int]  # (record field, start, end) in the cleaned text


@dataclass
class Flag:
    """A field left blank (or filled from elsewhere) that a person should look at."""

    field: str  # "document.number"
    reason: str  # "handwritten", "from_signature", ...
    message_vi: str
    message: str


@dataclass(frozen=True)
class Hints:
    """What the intake knows about the page beyond its text: where OCR was unsure (offsets in the intake
    text: handwriting, stamps) and the PDF's digital signatures (earliest first)."""

    uncertain: tuple[tuple[int, int], ...] = ()
    signatures: tuple[SignatureInfo, ...] = ()

    @classmethod
    def of(cls, intake: IntakeInfo | None) -> Hints:
        if intake is None:
            return cls()
        return cls(tuple(sorted(intake.uncertain)), tuple(intake.signatures))


@dataclass
class HeaderResult:
    header: DocumentHeader
    jurisdiction: Jurisdiction
    body_start: int  # index of the first line of the body
    body_end: int  # index of the line where the closing (Nơi nhận / signature) starts
    spans: list[SpanRecord] = field(default_factory=list)
    parent: str | None = None
    symbol: symbols.Symbol | None = None  # the document's own number, parsed
    flags: list[Flag] = field(default_factory=list)


def _type_from(h: DocumentHeader, sym: symbols.Symbol | None) -> None:
    if h.doc_type is None and sym and sym.type_code:
        h.doc_type = symbols.type_name(sym.type_code)
    if h.doc_type is None and (sym or (h.subject or "").startswith("V/v")):
        h.doc_type = "Công văn"


def _spans(doc: Doc, z: Zones, title_spans: list[tuple[int, int]]) -> list[SpanRecord]:
    out: list[SpanRecord] = []
    for name, span in (
        ("document.number", z.number),
        ("document.issued_date", z.date),
        ("document.place", z.place),
        ("document.doc_type", z.type_span),
    ):
        if span:
            out.append((name, *span))
    out.extend(("document.subject", s, e) for s, e in title_spans)
    out.extend(("document.issuer", s, e) for s, e in z.issuer)
    return out


def read(doc: Doc, hints: Hints = Hints()) -> HeaderResult:
    """Read the header of `doc` (cleaned text); `hints` say where a scan could not be read."""
    z = find_zones(doc)
    h = DocumentHeader(doc_type=z.doc_type)
    unsure = numbers.Unsure(doc, hints.uncertain)
    number = numbers.read_number(doc, z, unsure)
    h.number = number.value
    dated = numbers.read_date(doc, z, unsure)
    h.place, h.issued_date = dated.place, dated.iso
    flags = [Flag("document.number", *f) for f in number.flags]
    flags += [Flag("document.issued_date", *f) for f in numbers.with_signature(dated.flags, hints.signatures)]
    title = read_title(doc, z)
    h.subject = title.subject
    spans = _spans(doc, z, title.spans)
    fallbacks.apply(doc, h, z, spans, title.spans)
    sym = symbols.parse(h.number) if h.number else None
    _type_from(h, sym)
    issuer = read_issuer([doc.text[s:e] for s, e in z.issuer], title.authority, sym)
    where = jurisdiction(issuer, sym, h.place)
    if issuer.name is None:
        by_symbol = from_symbol(sym, where) if sym else None
        if h.doc_type == "Văn bản hợp nhất" and by_symbol:
            # the enacting sentence of a consolidated text is the original's ("Chính phủ ban hành Nghị định"):
            # the text is the authenticating body's, which its symbol names ("2651/VBHN-BLĐTBXH")
            issuer = Issuer(by_symbol, None)
        else:
            issuer = Issuer(fallbacks.issuer_in_text(doc, title.body_line) or by_symbol, None)
        where = jurisdiction(issuer, sym, h.place)
    h.issuer = final_name(issuer, where)
    h.level, h.province, h.district = where.level, where.province, where.district  # type: ignore[assignment]
    if z.kinh_gui:
        h.recipients, rec_spans, body = closing.recipients(doc, z.kinh_gui[1], title.body_line)
        spans.extend(rec_spans)
    else:
        body = title.body_line
    body_end = closing.closing_start(doc, body)
    h.signer = closing.signer(doc, body)
    return HeaderResult(h, where, body, body_end, spans, issuer.parent, sym, flags)


parse = read  # the name the pipeline and tests have used

__all__ = ["read", "parse", "HeaderResult", "Flag", "Hints"]

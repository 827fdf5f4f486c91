"""Every regular expression of the extractor, one section per stage, each above the real strings it
must match (most common first). Named groups carry the meaning.

Vocabulary does not live here: where a pattern needs a list of words (document types, office
titles), it is built from `extractor.vocab` by a cached function in this module. Intake keeps its
own byte-level checks (extractor/intake/).
"""

from __future__ import annotations

import re
from functools import cache

# === folding ========================================================================================

# Old tone placement in open syllables: "hoà", "khoẻ", "Uỷ" (-> "hòa", "khỏe", "Ủy"); not "quà".
OLD_TONE = re.compile(r"(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")

# === clean: characters ===============================================================================

# \r\n and \r end lines.
CRLF = re.compile(r"\r\n?")
# Zero-width characters, soft hyphens and BOMs carry no text.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# A base letter followed by combining marks: NFC composes these (cp1258 and macOS text decompose).
DECOMPOSED = re.compile("[^\u0300-\u036f\n]?[\u0300-\u036f]+")
COMBINING = re.compile("[\u0300-\u036f]")

# === clean: converters' markup =======================================================================

# Markdown table rule rows: "|---|---|", "| :--- | ---: |".
MD_RULE_ROW = re.compile(r"(?m)^[ ]*\|?(?:[ ]*:?-{3,}:?[ ]*\|)+[ ]*:?-*:?[ ]*$\n?")
# A markdown table row on one line: "| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI ... |".
MD_TABLE_ROW = re.compile(r"(?m)^[ ]*\|.*\|[ ]*$")
# A cell boundary inside such a row (with the spaces around it).
MD_PIPE = re.compile(r"[ ]*\|[ ]*")
# A line holding only a cell boundary: websites print one table cell per block ("|\n**ỦY BAN ...**\n|").
MD_LONE_PIPE = re.compile(r"(?m)^[ ]*\|[ ]*$")
# Emphasis runs: "**QUYẾT ĐỊNH**", "*Căn cứ Luật ...;*"; a line break inside one was a soft wrap.
MD_EMPHASIS = re.compile(r"(?<![*\w])(\*{1,3})(?=\S)(?P<body>(?:(?!\1)[^\n]|\n(?![ ]*\n)){1,600}?)(?<=\S|[ ])\1(?!\*)")
MD_STARS = re.compile(r"\*+")
# "# KẾ HOẠCH", "### Điều 1": markdown headings.
MD_HEADING = re.compile(r"(?m)^[ ]*#{1,6}[ ]+")
# Table rows whose cells are layout, not data: the header columns, "Kính gửi", "Nơi nhận" beside
# the signature ("| Nơi nhận: - Như trên; | TM. ỦY BAN NHÂN DÂN |").
MD_LAYOUT_ROW = re.compile(r"(?i)nơi nhận|kính gửi|\b(?:TM|KT|TL|TUQ|Q)\.\s|cộng h[òo]à? xã hội|\bsố\s*:")
# A run of dashes under an agency name ("THỦ TƯỚNG CHÍNH PHỦ --------") is a rule, not text.
DASH_RULE = re.compile(r"[-_–—=]{4,}")

# === clean: Công báo furniture ========================================================================

# "CÔNG BÁO/Số 123 + 124/Ngày 10-02-2024   45": the gazette's page header.
CONG_BAO_HEADER = re.compile(
    r"(?mi)^[ ]*(?:\d+[ ]+)?CÔNG BÁO[ ]*/[ ]*Số[ ]*[\d +]+/[ ]*Ngày[ ]*[\d\-/.]+(?:[ ]+\d+)?[ ]*$\n?"
)
# "Ký bởi: CÔNG BÁO ... Thời gian ký: 19.09.2024 16:05:12 +07:00": the e-signature stamp.
SIGN_STAMP = re.compile(
    r"(?mi)^[ ]*(?:Ký bởi|Cơ quan|Ngày ký|Thời gian ký)[ ]*:.*(?:CÔNG BÁO|VĂN PHÒNG|\+07:00|\d{2}:\d{2}).*$\n?"
)

# === clean: flattened header columns ==================================================================

# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (and "HOÀ", unaccented OCR), the quốc hiệu.
QUOC_HIEU_TEXT = r"C[ỘO]NG H[ÒO]À? X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# "Độc lập - Tự do - Hạnh phúc", the tiêu ngữ.
TIEU_NGU_TEXT = r"Độc lập[ ]*[-–—][ ]*Tự do[ ]*[-–—][ ]*Hạnh phúc"
# Where two header columns flattened onto one line part: before the quốc hiệu or tiêu ngữ, after
# them, before "Số:" or "<place>, ngày" after a wide gap, before "V/v".
#   "UBND TỈNH QUẢNG NINH   CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM  SỞ GIÁO DỤC VÀ ĐÀO TẠO   Độc lập - ..."
HEADER_SPLIT = re.compile(
    rf"(?<=\S)[ ]+(?=(?:{QUOC_HIEU_TEXT})|(?:{TIEU_NGU_TEXT}))"
    rf"|(?<=VIỆT NAM)[ ]+(?=\S)"
    rf"|(?<=Hạnh phúc)[ ]+(?=\S)"
    r"|[ ]{2,}(?=Số[ ]*:)"
    r"|[ ]{2,}(?=[^\W\d_][^\n,]{1,40},[ ]*ngày\b)"
    r"|[ ]+(?=V/v\b)(?<=\S[ ])",
)
# Wide gaps (3+ spaces) in the first lines are column boundaries of a flattened header.
WIDE_GAP = re.compile(r"(?<=\S)[ ]{3,}(?=\S)")

# === clean: whitespace and broken lines ===============================================================

MULTISPACE = re.compile(r"[ ]{2,}")
LINE_EDGES = re.compile(r"(?m)^[ ]+|[ ]+$")
BLANK_RUNS = re.compile(r"\n{3,}")
# A paragraph broken mid-sentence: the next line starts in lower case and the previous line does
# not end a sentence or an item ("xây dựng xã hội\n\nhọc tập giai đoạn 2021-2030").
BROKEN_PARAGRAPH = re.compile(r"(?<=[^\s.;:!?…/])[ ]*\n+[ ]*(?=[^\W\d_])")
# A line break inside a hard-wrapped paragraph, whatever the case of the next word
# ("Xét báo cáo, đề xuất của\nSở Xây dựng tại Công văn số ..."): judged by clean.py.
LINE_BREAK = re.compile(r"(?<=[^\s])[ ]*\n[ ]*(?=\S)")
# "a) ", "đ. ": a lettered item starts in lower case but does not continue the line above.
LETTER_MARKER = re.compile(r"[a-zđ]\s?[).]\s")
# An item marker opening a line: "1.", "2.1.", "a)", "IV.", "-", "+", "Điều 3.", "Phần I".
LINE_MARKER = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\s?[).]|[IVXLC]{1,6}\s*[.)\-–]|[-–—−+•·●▪◦]|"
    r"(?:Điều|Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+[\dIVXLC]+)(?=\s|$)"
)

# === clean: glued and letter-spaced words =============================================================

# A word for syllable checks: letters only.
LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
# A single letter standing alone ("B AN", "M I NH"), other than the one-letter words y, à, ở, ơ, ư, á, ý.
LONE_LETTER = re.compile(r"(?<!\S)(?![yYàạởơưáýÝỞƠƯ](?:\s|$))[^\W\d_](?=[ ,.;:]|$)", re.MULTILINE)
# Digits glued to a date word or a date word to digits: "04tháng", "ngày22/5/2013", "năm2013", "tháng6".
GLUED_DATE = re.compile(r"(?i)(?<=\d)(?=(?:ngày|tháng|năm)\b)|(?<=\bngày)(?=\d)|(?<=\btháng)(?=\d)|(?<=\bnăm)(?=\d)")
# A run of capitals long enough to hold two syllables: "VỀVIỆC", "QUYẾTĐỊNH" (split by syllables).
CAPS_RUN = re.compile(r"(?<![^\W\d_])[A-ZĐÀ-Ỹ]{5,}(?![^\W\d_])")

# === tokens ===========================================================================================

# A word is a run of letters/digits; every other non-space character is a token of its own.
TOKEN = re.compile(r"[^\W_]+|[^\w\s]")

# === dates ============================================================================================

# "ngày 24 tháng 4 năm 2017", "ngày 26 tháng 0 6 năm 2018" (a digit split by conversion),
# "ngày   tháng 7 năm 2023" (a draft: the day left blank), "ngày ..... tháng ..... năm 2024".
DATE_WORDS = re.compile(
    r"(?i)ngày\s*(?P<d>\d(?:\s?\d)?)?\s*(?:\.{2,}|…+)?\s*tháng\s*(?P<m>\d(?:\s?\d)?)?\s*(?:\.{2,}|…+)?\s*năm\s*(?P<y>\d{4})"
)
# "09/01/2013", "ngày 14/3/2014", "26-4-2013", "26.4.2013" (separators must agree).
DATE_NUMERIC = re.compile(
    r"(?i)(?:ngày\s*)?(?<!\d)(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)"
)

# === symbols (số ký hiệu) ==============================================================================

_CODE = r"[A-ZĐÐ][A-Za-zĐđÐ0-9&]*"
# State symbol: "98/2013/TT-BTC", "12/TB-VPCP", "4236/SXD-QLN&CS", "/KH-UBND" (draft), "3210/QĐ - UBND".
STATE_NUMBER = re.compile(
    rf"(?<![\w/])(?P<num>\d{{1,6}}[a-z]?)?\s?/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?"
    rf"(?P<codes>{_CODE}(?:\s?[-–]\s?{_CODE}){{0,4}})(?![\w/])"
)
# Party symbol: "259-KH/TU", "11-CT/TW", "01-NQ/TV".
PARTY_NUMBER = re.compile(rf"(?<![\w/-])(?P<num>\d{{1,5}})\s?-\s?(?P<type>{_CODE})\s?/\s?(?P<issuer>{_CODE})(?![\w/])")
# Codes inside a symbol, split at hyphens: "QĐ - UBND" -> "QĐ", "UBND".
CODE_SPLIT = re.compile(r"\s?[-–]\s?")
# All-caps titles print "QĐ-TTG": the code's own lower case is restored.
TTG_CAPS = re.compile(r"(?<=-)TTG\b")
# "Số:", "so" before a number, for identity keys.
NUMBER_PREFIX = re.compile(r"^(số|so)\s*:?\s*")
# Characters that do not make two numbers different: "3210/QĐ - U B ND" = "3210/QĐ-UBND".
NUMBER_NOISE = re.compile(r"[\s.\-–_]")
# A term number after an issuer code: "UBTVQH13", "QH11".
CODE_TERM = re.compile(r"\d+$")


@cache
def words_alternation(items: tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first (so "Phó Chủ tịch" wins over "Chủ tịch")."""
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


# ====================================================================================================
# Sections below: agencies, outline, sections, tasks (owned with those modules; appended here so the
# sections above merge cleanly).
# ====================================================================================================

# === agencies =========================================================================================

# A space before closing punctuation, left by joining tokens: "tỉnh Quảng Nam ," -> "tỉnh Quảng Nam,".
AGENCY_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)])")
# Punctuation that separates unit words in a name: "các tỉnh, thành phố (trực thuộc ...)".
AGENCY_LEVEL_PUNCT = re.compile(r"[,;()]")

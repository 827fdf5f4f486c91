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
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00]")  # NUL too: no text column of PostgreSQL takes it
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

# "CÔNG BÁO/Số 123 + 124/Ngày 10-02-2024   45": the gazette's page header, with its page number on the same line
# or on a line of its own just before or after it ("86" / "CÔNG BÁO/Số 85 + 86/Ngày 17-01-2022": 15,000 of the
# Công báo set's headers), which would otherwise be glued to the text around it ("có trách nhiệm: 86").
# The header line alone: a cheap test for whether a text has any (most documents are not from the Công báo)
CONG_BAO_HEADER_LINE = re.compile(r"(?mi)^[ ]*(?:\d+[ ]+)?CÔNG BÁO[ ]*/[ ]*Số")
CONG_BAO_HEADER = re.compile(
    r"(?mi)(?:^[ ]*\d{1,4}[ ]*\n(?:[ ]*\n)*)?"
    r"^[ ]*(?:\d+[ ]+)?CÔNG BÁO[ ]*/[ ]*Số[ ]*[\d +]+/[ ]*Ngày[ ]*[\d\-/.]+(?:[ ]+\d+)?[ ]*$\n?"
    r"(?:(?:[ ]*\n)*[ ]*\d{1,4}[ ]*$\n?)?"
)
# The gazette's section headings: "VĂN BẢN PHÁP LUẬT KHÁC", "VĂN BẢN QUY PHẠM PHÁP LUẬT", "PHẦN I".
CONG_BAO_SECTION = re.compile(
    r"(?m)^[ ]*(?:PHẦN [IV]+[ ]*[.:-]?[ ]*)?VĂN BẢN (?:PHÁP LUẬT KHÁC|QUY PHẠM PHÁP LUẬT)[ ]*$\n?"
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
# The rest of a number range that a wrap put at the start of a line: "- 2030 phấn đấu ...", "– 60 tuổi".
RANGE_REST = re.compile(r"^[-–]\s*\d")
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
# (The space goes at the end of group "gap".)
GLUED_DATE = re.compile(r"(?i)(?P<gap>\d)(?=(?:ngày|tháng|năm)\b)|\b(?P<gap2>ngày|tháng|năm)(?=\d)")
# A run of digits: glued dates ("04tháng", "ngày22/5") are where one touches a letter. Runs are found by a
# plain class scan, three times faster than asking at every position whether a digit touches a letter.
DIGIT_RUN = re.compile(r"\d+")
# Spaces other than " " (tab, NBSP, thin spaces, ...) and the form feed of a PDF page break.
ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\v\f]")
# Letters typed for Đ/đ that look the same: Icelandic eth, African D.
LOOKALIKE = re.compile("[\u00d0\u0189\u00f0\u0256]")
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

# A code inside a symbol; "&" may be followed by a space from conversion ("SXD-QLN& TTBĐS").
_CODE = r"[A-ZĐÐ](?:[A-Za-zĐđÐ0-9]|&\s?(?=[A-ZĐ]))*"
# State symbol: "98/2013/TT-BTC", "12/TB-VPCP", "4236/SXD-QLN&CS", "/KH-UBND" (draft), "3210/QĐ - UBND".
STATE_NUMBER = re.compile(
    rf"(?<![\w/.])(?P<num>\d{{1,6}}(?:\.\d{{1,3}})?[a-z]?)?\s?/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?"
    rf"(?P<codes>{_CODE}(?:\s?[-–]\s?{_CODE}){{0,6}})(?![\w/])"
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


# === references ======================================================================================


@cache
def mention() -> re.Pattern[str]:
    """A type word, optional "số" (possibly doubled, possibly "số:"), then the symbol:
    "Quyết định số 89/QĐ-TTg", "Văn bản hợp nhất 10/VBHN-BGDĐT", "Kế hoạch số 259-KH/TU",
    "Quyết định số số 489/QĐ-TTg", "QĐ số 22/2013/QĐ-TTg", "Thông tư số 09/2013/TT-BXD"."""
    from extractor import vocab

    types = words_alternation(tuple(w for w, _ in vocab.mention_types()))
    return re.compile(
        rf"(?P<type>(?<![\w])(?:{types}))(?![\w])\s*(?P<so>(?:số|so)\s*:?\s*)*(?P<sym>"
        rf"\d{{1,6}}\s?-\s?[A-ZĐ][A-Za-zĐđ]*\s?/\s?{_CODE}"
        rf"|\d{{0,6}}[a-z]?\s?/\s?(?:(?:19|20)\d\d\s?/\s?)?{_CODE}(?:\s?[-–]\s?{_CODE}){{0,4}})",
        re.IGNORECASE,
    )


@cache
def type_before() -> re.Pattern[str]:
    """The type word (and "số") right before a number: "Quyết định số ", "Văn bản hợp nhất ", "QĐ số: "."""
    from extractor import vocab

    types = words_alternation(tuple(w for w, _ in vocab.mention_types()))
    return re.compile(rf"(?P<type>(?<![\w])(?:{types}))(?![\w])\s*(?:(?:số|so)\s*:?\s*)*$", re.IGNORECASE)


# A symbol standing alone, in brackets or after a comma: "(12/TB-VPCP)", "theo 259-KH/TU".
BARE_SYMBOL = re.compile(
    STATE_NUMBER.pattern
    + "|"
    + PARTY_NUMBER.pattern.replace("(?P<num>", "(?P<pnum>")
    .replace("(?P<type>", "(?P<ptype>")
    .replace("(?P<issuer>", "(?P<pissuer>")
)
# Where no symbol can run on: a line ending in punctuation, or a blank line (a symbol holds single spaces
# only, and no ".", ";", "," or ":" before a line break). Symbols are looked for between such cuts.
SYMBOL_SAFE_CUT = re.compile(r"[.;,:]\n|\n\n")
# A law by name and date: "Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26/11/2003",
# "Bộ luật Lao động ngày 20 tháng 11 năm 2019", "Luật Giáo dục ngày 14 tháng 6 năm 2019".
LAW = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?P<title>[A-ZĐÀ-Ỹ][^;:\n()]{2,120}?)\s*,?\s*(?=ngày\s*\d)"
)
# A law or resolution named before its number, whose symbol has no type code: "Luật Bảo hiểm y tế số
# 25/2008/QH12", "Nghị quyết của Quốc hội số 68/2022/QH15", "Pháp lệnh Ưu đãi người có công … số 02/2020/UBTVQH14";
# the nearest type word (the name holds none), the name over a hard line break but not a blank line.
LAW_NAMED_BEFORE = re.compile(
    r"(?P<type>Bộ luật|Luật|Pháp lệnh|Nghị quyết)\s+"
    r"(?:(?P<title>(?:(?!Bộ luật|Luật|Pháp lệnh|Nghị quyết)(?:[^;:()\n]|\n(?![ \t]*\n))){2,140}?)\s+)?"
    r"(?:số|so)\s*:?\s*$"
)
# A symbol of the Quốc hội or its Ủy ban Thường vụ: "25/2008/QH12", "02/2020/UBTVQH14".
LEGISLATIVE_SYMBOL = re.compile(r"/(?:UBTV)?QH\d*$")
# A named programme cited without a number: "Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”",
# "Chương trình hành động “...”", "Chiến lược “...”".
PROGRAMME = re.compile(
    r"(?P<type>Đề án|Chương trình(?: hành động| mục tiêu quốc gia)?|Chiến lược|Dự án)\s*"
    r"(?P<title>“[^”\n]{8,300}”|\"[^\"\n]{8,300}\")"
)
# The date right after a number: ", ngày 09/01/2013", " ban hành ngày ...".
DATE_LEAD = re.compile(r"(?i)[\s,]*(?:ban hành\s*)?(?:ngày\s*)?")
# Issuer phrase after "của"/"do": "của Thủ tướng Chính phủ", "do Bộ Xây dựng ban hành".
ISSUER_OPEN = re.compile(r"(?i)^\s*,?\s*(?:của|do)\s+")
# A line that ends an issuer phrase on a title or kind that needs its body, hard-wrapped: "của Bộ trưởng" /
# "Bộ Tài chính" (the phrase goes on; so it does when the next line opens in lower case, references._wrapped).
ISSUER_WRAPPED = re.compile(
    r"(?i)\b(?:bộ trưởng|thủ tướng|thống đốc|chủ nhiệm|tổng giám đốc|giám đốc|chủ tịch|bộ|ủy ban|uỷ ban|và)[ \t]*$"
)
# A minister's title without the body, which a second title names: "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc".
MINISTER_ONLY = re.compile(r"(?i)bộ trưởng")
ISSUER_END = re.compile(
    r"(?i)\s+(?:về việc|về|v/v|phê duyệt|ban hành|hướng dẫn|quy định|sửa đổi|thành lập|tại|đã|theo|để|trong|"
    r"đối với|nhằm|trên)\s|[;,.()“\"\n:]"
)
# Where a title begins after number/date/issuer: "về việc ...", "phê duyệt Đề án ...", "“...”".
TITLE_OPEN = re.compile(
    r"(?i)^\s*,?\s*(?:về việc|v/v|về|phê duyệt|ban hành|hướng dẫn|quy định|sửa đổi|thành lập|triển khai|hỗ trợ|“|\")"
)
TITLE_LEAD = re.compile(r"(?i)^(?:về việc|v/v)\s+")


@cache
def title_end() -> re.Pattern[str]:
    """Where a title ends: a sentence or clause boundary, the main clause ("..., Chủ tịch Ủy ban nhân dân
    tỉnh yêu cầu"), a new cue, or "và" before another citation."""
    from extractor import vocab

    types = words_alternation(tuple(w for w, _ in vocab.mention_types()))
    return re.compile(
        rf"(?i);|\n|\.\s|\.$|\)|\s\(|,\s*(?=(?:ủy ban|uỷ ban|ubnd|sở|bộ|phòng|hội đồng|ban|các|chủ tịch|"
        rf"giám đốc|bộ trưởng|thủ tướng|trưởng ban)\s[^,]{{0,60}}"
        rf"(?:yêu cầu|đề nghị|ban hành|xây dựng|hướng dẫn|thông báo)\b)|\s+và (?=thực hiện|căn cứ)"
        rf"|,\s*(?=căn cứ|thực hiện)|\s+và\s+(?=(?:{types})\s+(?:số\s*)?\d)"
    )


# --- relations: the words right before a citation say how it is cited --------------------------------

# Between two citations of one enumeration: "...; Thông tư số ...", "... và Kế hoạch số ...", "\n- Nghị định ...".
CHAIN_GLUE = re.compile(r"(?i)^[\s,;\-–+•]*(?:(?:và|hoặc|cùng)\s+)?(?:(?:các|với)\s+)?$")
# A cue directly before the citation (the citation is its object):
#   "Căn cứ Nghị định", "Căn cứ vào", "căn cứ quy định tại", "Thực hiện", "triển khai thực hiện có hiệu quả",
#   "tiếp tục thực hiện", "triển khai thi hành", "để cụ thể hóa", "Ban hành kèm theo", "theo", "theo quy định tại".
CUE_BEFORE = re.compile(
    r"(?i)(?:(?P<based>căn cứ(?:\s+vào)?(?:\s+(?:quy định|nội dung|ý kiến)\s+(?:tại|của))?)"
    r"|(?P<promul>(?:ban hành\s+)?kèm theo)"
    r"|(?P<impl>(?:(?:tiếp tục|khẩn trương)\s+)?(?:(?:triển khai|tổ chức)\s+)?(?:thực hiện|thi hành)"
    r"(?:\s+(?:nghiêm túc|có hiệu quả|hiệu quả|tốt|đầy đủ|đúng))?|triển khai|(?:để\s+)?cụ thể hóa)"
    r"|(?P<theo>\btheo(?:\s+(?:quy định|hướng dẫn)\s+(?:tại|của))?|\bxét|trên cơ sở))"
    r"\s*(?:các\s+)?$"
)
# A cue whose object the citation belongs to: "triển khai thực hiện quyết liệt các nhiệm vụ và giải pháp
# đề ra tại Quyết định số 558/QĐ-UBND" (no preposition opening another phrase in between).
CUE_OBJECT = re.compile(
    r"(?i)(?P<cue>(?:triển khai\s+)?thực hiện|triển khai|thi hành)\s+(?P<obj>[^.;:()\n]{3,140}?)\s+"
    r"(?:đề ra|nêu|được giao|quy định)?\s*tại\s*$"
)
# Prepositions that open a phrase of their own: the citation after them is not the cue's object.
OBJECT_BREAK = re.compile(r"(?i)\b(?:từ|cho|với|trong|theo|của|để|nhằm|trên|đến|do|bởi|khi|nếu|sau|trước)\b")
# A sentence that opens with a cue governs every citation of its opening clause:
# "Thực hiện kết luận của Phó Thủ tướng ... (Thông báo số 12/TB-VPCP ...), Ủy ban nhân dân tỉnh yêu cầu".
OPENING_CUE = re.compile(
    r"(?i)(?:(?P<based>căn cứ)|(?P<impl>(?:tiếp tục\s+)?(?:triển khai\s+)?(?:thực hiện|thi hành)|triển khai)|"
    r"(?P<promul>(?:\(?\s*)ban hành kèm theo))\b"
)
# The main clause after an opening clause: ", Ủy ban nhân dân tỉnh yêu cầu", ", UBND huyện ban hành".
MAIN_CLAUSE = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")
# A proposal between an opening cue and a citation starts a clause of its own: "Căn cứ ...
# Xét đề nghị của Cục Thuế tỉnh Gia Lai tại Tờ trình số 2520/TTr-CT".
PROPOSAL = re.compile(r"(?i)\b(?:xét|theo đề nghị|đề nghị của)\b")
# The issuer named before a citation: "Theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số ...".
ISSUER_BEFORE = re.compile(r"(?i)\bcủa\s+(?P<who>(?:(?!\bcủa\b)[^,;:()\n]){3,120}?)\s+tại\s*$")
# The date and issuer told before a citation: "Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố
# đã ban hành Công văn số 3280/UBND-VX".
TOLD_BEFORE = re.compile(
    r"(?i)(?:^|[.;]\s*)(?:vào\s+)?(?P<date>ngày\s[^,]{6,30}?)\s*,\s*(?P<who>[^,;:]{3,120}?)\s+"
    r"(?:đã\s+)?(?:ban hành|có)\s*$"
)
# Where a sentence ends, for the window a cue is looked for in.
SENTENCE_END = re.compile(r"\.\s|\n")

# === header (matched on folding.ascii_fold of the text: lower case, no diacritics, same offsets) ======

# The quốc hiệu, as printed or as OCR reads it: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỌNG HOÀ XÃ HỘI ...".
QUOC_HIEU = re.compile(r"c[o0]ng\s*h[o0]a\s*x[a]\s*h[o0]i\s*ch[u]\s*ngh[i1l]a\s*vi[e]t\s*nam")
# The tiêu ngữ: "Độc lập - Tự do - Hạnh phúc", dashes sometimes lost.
TIEU_NGU = re.compile(r"d[o0]c\s*l[a]p\s*[-–—_]?\s*t[u]\s*d[o0]\s*[-–—_]?\s*h[a]nh\s*ph[u]c")
# The số label: "Số: 674/UBND-VX", "Số 12/QĐ-UBND", "Luật số: 51/2024/QH15", "Số: ## /CT-UBND" (handwritten);
# not "Số hiệu:" of a website's metadata table nor "số lượng".
NUMBER_LABEL = re.compile(r"(?<![a-z0-9])so\s*(?:[:;.]\s*|\s+(?=[\d/]))")
# The authentication block at the end of a consolidated text: "XÁC THỰC VĂN BẢN HỢP NHẤT" (some ministries print
# "XÁC NHẬN VĂN BẢN HỢP NHẤT").
AUTHENTICATED = re.compile(r"(?i)xác (?:thực|nhận) văn bản hợp nhất")
# The adoption sentence closing a law or a resolution, whose date is its date (there is no "Hà Nội, ngày" line):
# "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 8 thông qua ngày 27 tháng 11
# năm 2024.", "Nghị quyết này được Ủy ban Thường vụ Quốc hội … phiên họp thứ 45 thông qua ngày 17 tháng 5 năm 2025."
ADOPTED = re.compile(
    r"(?i)\b(?:bộ luật|luật|pháp lệnh|nghị quyết) này (?:đã )?được[^.;]{0,300}?\bthông qua(?: vào)?(?= ngày\b)"
)
# A Công báo page heading that names the document: "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 ...".
TYPE_NUMBER_HEADING = re.compile(
    r"^(?P<type>thong tu lien tich|thong tu|nghi dinh|nghi quyet|quyet dinh|chi thi|luat|phap lenh)\s+so\s+"
    r"(?P<num>\S+/\S+?)(?=\s+ngay\b)"
)
# The date of the header: "ngày 24 tháng 4 năm 2017", "ngày   tháng 7 năm 2023" (draft), OCR'd "ngảy l8 thảng 6".
# Day and month are read loosely ("ngày®9", "ngày *?†") so a hand-written or unreadable one is seen as such.
HEADER_DATE = re.compile(r"ngay(?P<d>[^\n]{0,8}?)thang(?P<m>[^\n]{0,8}?)nam\s*(?P<y>[12][\dlio]{3})")
# A day or month as printed: digits (OCR's l, i, o for 1, 1, 0), maybe split by a space.
DATE_PART = re.compile(r"^[\s.…_]*(?P<v>[\dlio](?:\s?[\dlio])?)[\s.…_]*$")
# A part left blank in a draft: nothing, dots, underscores.
BLANK_PART = re.compile(r"^[\s.…_]*$")
# "Quảng Bình, ngày", "TP. Hồ Chí Minh, ngày": the comma that ends the địa danh.
PLACE_COMMA = re.compile(r",\s*$")
# A trích yếu under the number: "V/v thực hiện ...", "“V/v ...”", "Về việc ...", "Vv: ...";
# a công văn may also write "Về ...".
SUBJECT_VV = re.compile(r"(?<![a-z0-9])[“\"]?\s*(?:v/v|v\s*/\s*v|ve viec|vv)\s*[:.]?\s*")
SUBJECT_VE = re.compile(r"(?<![a-z0-9])[“\"]?\s*ve\s+(?=[a-z])")
# "Kính gửi:", OCR'd "Kinh gửi".
KINH_GUI = re.compile(r"(?<![a-z0-9])kinh\s*gui\s*[:;.]?\s*")
# The closing block: "Nơi nhận:".
NOI_NHAN = re.compile(r"(?m)^\s*noi\s*nhan\s*[:;.]")
# Lines where the body begins (the header is over): legal bases, cues, items, articles.
BODY_START = re.compile(
    r"(?i)^(?:căn cứ|thực hiện|triển khai|theo đề nghị|xét đề nghị|xét tờ trình|để |trong |nhằm |ngày \d|"
    r"điều \d+[.:]|phần [ivx\d]|chương [ivx\d]|[ivx]{1,4}\.\s|\d{1,2}\.\s|quyết định:|nay |hiện nay|qua |sau khi|"
    r"vừa qua)"
)
# A signature block opener: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. BỘ TRƯỞNG", "TUQ. ...".
SIGN_OPENER = re.compile(r"^(TM|KT|Q|TL|TUQ|T\.M|K\.T)\s*\.\s*")
# A person's name: 2-5 capitalised syllables ("Y Phương", "Nguyễn Văn Long", "BÙI MINH THẠNH").
PERSON_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*|[A-ZĐÀ-Ỹ]+)(?:\s(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*|[A-ZĐÀ-Ỹ]+)){1,4}$")
# An agency named in capitals after TM.: "TM. ỦY BAN NHÂN DÂN HUYỆN".
CAPS_BODY = re.compile(r"^([A-ZĐÀ-Ỹ]{1,}(?:\s+[A-ZĐÀ-Ỹ]{1,})*)(?=\s+(?:KT|Q|TL|TUQ)\s*\.|\s*$)")
# A type and its issuer on one line: "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH".
TYPE_DASH_ISSUER = re.compile(r"^(?P<type>[^-–]{4,30}?)\s*[-–]\s*(?P<issuer>.+)$")
# A decision that carries its attachment: "(Ban hành kèm theo Quyết định số 684/QĐ-UBND, ngày 24/4/2013 ...)".
ATTACHED_TO = re.compile(
    r"(?i)(?:ban hành\s+)?kèm theo\s+(?P<type>quyết định|nghị định|thông tư|nghị quyết|chỉ thị)\s+(?:số\s*)+"
)
# "(TX, TP)", "; - ": separators between recipients.
RECIPIENT_SPLIT = re.compile(r";\s*(?=[-–+•]\s)|;\s*$")
BULLET = re.compile(r"^[-–+•]\s*")
# A line beginning with a unit word, or with "và" (no name opens with it), continues the issuer line above:
# "TỈNH QUẢNG BÌNH", "BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI".
UNIT_START = re.compile(r"(?i)^(tỉnh|huyện|thành phố|quận|thị xã|xã|phường|thị trấn|đặc khu|và)\b")
# OCR debris after a number: "985/QĐ-TTg_" (a seal's stroke), "46`", "892.".
NUMBER_DEBRIS = re.compile(r"[_`´'’‘|*~]+$|(?<=\d)[`´'’‘.,]+(?=\s*/)")
# A website's table of the document's metadata: "Số hiệu:", "Loại văn bản:", "Ngày ban hành:" (value on the
# same line or the next).
SITE_FIELD = re.compile(r"(?i)^(?P<label>số hiệu|số ký hiệu|loại văn bản|ngày ban hành)\s*:\s*(?P<value>.*)$")
# The enacting sentence that names the issuer: "Chính phủ ban hành Nghị định ...", "Bộ trưởng Bộ Y tế ban hành
# Thông tư ...", "Ủy ban nhân dân tỉnh ban hành Kế hoạch ..." (the sentence opens its line).
ENACTS = re.compile(
    r"^(?P<who>[A-ZĐÀ-Ỹ][^,;.:]{2,120}?)\s+(?:quyết định\s+)?ban hành\s+(?:Nghị định|Thông tư|Quyết định|"
    r"Nghị quyết|Kế hoạch|Chỉ thị|Quy chế|Quy định|Chương trình)\b"
)
# An issuer line that ends with its locality is a body of its own: "THUẾ TỈNH VĨNH LONG" under "CỤC THUẾ"; not one
# that ends with "XÃ HỘI" (society: "BỘ LAO ĐỘNG - THƯƠNG" / "BINH VÀ XÃ HỘI" is one name wrapped).
ENDS_WITH_PLACE = re.compile(
    r"(?i)\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã(?!\s+hội\s*$)|phường|đặc khu)\s+[A-ZĐÀ-Ỹ][^\s]*"
    r"(?:\s+[A-ZĐÀ-Ỹ][^\s]*){0,3}$"
)
# A ministry: "Bộ Tài chính", "Bộ Lao động - Thương binh và Xã hội" (not "Bộ Chỉ huy ...").
MINISTRY = re.compile(r"^Bộ (?!Chỉ huy|Chính trị|đội)")
# A footnote mark glued to a type line: "THÔNG TƯ1".
TRAILING_DIGITS = re.compile(r"\d+$")


@cache
def signature_title() -> re.Pattern[str]:
    """Titles of a signature block, longest first: "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "CHỦ TỊCH", "BỘ TRƯỞNG"."""
    from extractor import vocab

    titles = tuple(t.upper() for t in vocab.words("signature_titles"))
    return re.compile(rf"^(?:{words_alternation(titles)})\b")


# === targets ==========================================================================================

# "96%", "30% - 40%", "0,5 %", "100 %".
PERCENT = re.compile(r"(?<![\d,.])(?P<v>\d{1,3}(?:[,.]\d+)?)\s*%(?:\s*[-–]\s*(?P<v2>\d{1,3}(?:[,.]\d+)?)\s*%)?")
# A count opening a clause: "- 100 xã ...", "phấn đấu có 50 trung tâm", "đạt 1.500 học viên".
COUNT = re.compile(
    r"(?:^|[:;]\s*|(?:phấn đấu|đạt|có|thêm|tối thiểu|ít nhất)\s+)(?P<v>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P<noun>[^\W\d_]+)",
    re.IGNORECASE,
)
# Words that make a figure outside a goals section a goal: "phấn đấu 30% ...", "đạt 95%", "hoàn thành 100% việc ...".
GOAL_CUE = re.compile(r"(?i)\b(?:phấn đấu|đạt(?: tỷ lệ)?|chỉ tiêu|hoàn thành)\b")
# A year a goal is due: "đến năm 2020", "trong năm 2025", "đến hết ngày 31 tháng 12 năm 2025", "trước ngày 06 tháng
# 12 năm 2025", "năm 2025 đạt 70%".
YEAR_DUE = re.compile(
    r"(?i)(?:(?:đến|trong|vào|cuối|hết|trước)\s+(?:hết\s+)?(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+)?)?năm\s+(?P<y>(?:19|20)\d\d)"
)
# A plan's period: "giai đoạn 2023-2025", "giai đoạn 2026 - 2030".
PERIOD = re.compile(r"(?i)giai đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?P<y>(?:19|20)\d\d)")
# A year in a heading: "Mục tiêu đến năm 2015".
ANY_YEAR = re.compile(r"(?:19|20)\d\d")
# A plan's stated time frame: "Thời gian thực hiện: từ ... đến hết năm 2025".
TIME_FRAME = re.compile(r"(?i)thời gian thực hiện[^\n]*\n?[^\n]*?(?:đến|hết)[^\n]*?năm\s+(?P<y>(?:19|20)\d\d)")
# "Đối với cán bộ, công chức ...:": the group a '+' item's figures are about.
FOR_GROUP = re.compile(r"(?i)^đối với\s+(?P<g>[^:]+):")
# Where a figure's subject ends: a clause boundary or the next figure.
SUBJECT_END = re.compile(r";|\.\s|\.$|,\s*(?:trong đó|phấn đấu)|\s+và\s+(?=\d)|,\s*(?=\d+\s*%)")
SUBJECT_TAIL = re.compile(r"(?:\s+(?:và|hoặc|trong đó(?: có)?))+\s*$")
# The measure before a figure: "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95%", "tỷ lệ ... là 80%".
MEASURE_BEFORE = re.compile(
    r"(?i)(?P<subject>tỷ lệ\s[^;:.]{3,160}?)\s+(?:đạt|là|ở mức|lên|tăng lên|giảm xuống)\s*"
    r"(?:(?:trên|dưới|tối thiểu|ít nhất|khoảng)\s+)?$"
)
# What follows a figure when the measure stood before it: nothing, "trở lên", "vào năm 2025".
NOTHING_AFTER = re.compile(r"(?i)^\s*(?:trở lên|trở xuống)?\s*(?:(?:vào|đến|trong)\s+năm\s+\d{4})?\s*(?:[;.,]|$)")
# Words that give a figure after it the group: "được", "có", "thực hiện", "tham gia".
GROUP_VERB = re.compile(r"(?i)^(được|có|thực hiện|tham gia)\b")
# A thousands separator in a count: "1.500".
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
# A year column of a table of indicators: "Năm 2025", "2026", "KH 2030".
YEAR_COLUMN = re.compile(r"(?i)^(?:năm\s+|kh\s+|kế hoạch\s+)?(?P<y>(?:19|20)\d\d)$")
# The indicator and unit columns of such a table.
INDICATOR_COLUMN = re.compile(r"(?i)chỉ tiêu|tiêu chí|nội dung")
UNIT_COLUMN = re.compile(r"(?i)đơn vị(?: tính)?|đvt")
# A number in a table cell: "95", "95%", "1.200", "0,5".
CELL_NUMBER = re.compile(r"^(?P<v>\d{1,3}(?:\.\d{3})+|\d+(?:[,.]\d+)?)\s*(?P<pct>%)?$")


# --- header: helpers of zones.py, issuer.py ----------------------------------------------------------------

# Something like a symbol after "Số:", even with OCR debris where the digits are: "## /CT-UBND", "892. /UBND-TTHC".
SYMBOL_TAIL = re.compile(r"/\s?[A-ZĐ]{2,}")
# Where the number after "Số:" ends on its line: a wide gap, "V/v", or the place of a place-and-date.
NUMBER_VALUE_END = re.compile(r"\s{2,}|\s+(?=V/v\b|Về\s|[“\"]V/v)|\s+(?=[A-ZĐÀ-Ỹ][^\d,\n]{1,40},\s*ngày\b)")
# The rest of a joint symbol wrapped after a dash, alone on the next line: "Số: 01/2022/TTLT-VKSNDTC-" /
# "TANDTC-BCA-BQP-BLĐTBXH".
SYMBOL_WRAPPED = re.compile(r"[ \t]*[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ][A-ZĐ0-9&]*)*(?=[ \t]*(?:\n|$))")
# A line break after a dash inside a wrapped symbol: "TTLT-VKSNDTC-\n TANDTC".
DASH_THEN_BREAK = re.compile(r"-[ \t]*\n[ \t]*")
WORD = re.compile(r"\S+")
# A word of letters in the ascii view, digits and debris left out: "3quyet" -> "quyet".
BARE_WORD = re.compile(r"[a-z]{2,}")
LETTER_RUN = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")
LINE = re.compile(r"[^\n]+")
# A local government whose marks OCR lost: "UY BAN NHAN DAN TINH QUANG NGAI" (ascii view).
BARE_LOCAL_GOVERNMENT = re.compile(
    r"(?P<kind>uy ban nhan dan|hoi dong nhan dan)\s+(?P<unit>tinh|thanh pho|tp\.?)\s+(?P<place>[a-z ]{3,30})"
)
# "tỉnh" in a citation's title: the local body cited is the province's.
PROVINCE_WORD = re.compile(r"\btỉnh\b")


@cache
def party_motto() -> re.Pattern[str]:
    """A Party document's ô 1 ("ĐẢNG CỘNG SẢN VIỆT NAM"), in the ascii view."""
    from extractor import vocab
    from extractor.folding import ascii_fold

    return re.compile("|".join(re.escape(ascii_fold(w)) for w in vocab.words("party_motto")))


@cache
def protected_start(in_run: bool = False) -> re.Pattern[str]:
    """Lines that begin a header element or a paragraph of their own, whatever the line above: "1.", "V/v",
    "Số:", "Kính gửi", the quốc hiệu, "<place>, ngày" (not inside one emphasis run, where it may finish the
    place begun above: "*Thành phố Hồ Chí\\nMinh, ngày"), "Căn cứ", "Thực hiện"."""
    from extractor import vocab

    starts = vocab.words("paragraph_openers")
    place_date = "" if in_run else r"|[^\W\d_][^,\n]{1,40},\s*ngày\b"
    return re.compile(
        rf"^(?:{LINE_MARKER.pattern}|V/v\b|Số\s*:|Kính gửi|Nơi nhận|(?:{QUOC_HIEU_TEXT})|Độc lập"
        rf"{place_date}|(?:{words_alternation(starts)})\b)"
    )


@cache
def law_by_title(doc_type: str, title: str) -> re.Pattern[str]:
    """A law named again by its title alone: "Luật Bảo vệ dữ liệu cá nhân"."""
    return re.compile(rf"(?i)\b{re.escape(doc_type)}\s+{re.escape(title)}(?![^\W\d_])")


# "xã hội" (society) is not a commune: left out before reading a level from a name ("Ngân hàng Chính sách xã hội").
SOCIETY = re.compile(r"(?i)\bxã hội\b")
# A number's leading digits: "98/2013/tt" is numbered; a draft's "/kh-ubnd" is not.
NUMBERED = re.compile(r"^\d")
LEADING_NUMBER = re.compile(r"^\d+[a-z]?")
# "V/v ...", "Về việc ...", "Về ..." before a title, and punctuation, dropped from a title's key.
TITLE_KEY_LEAD = re.compile(r"^(v/v|về việc|về)\s*:?\s*")
NOT_WORD = re.compile(r"[^\w\s]")

YEAR_START = re.compile(r"^\d{4}")
# The year inside a number: "98/2013/tt-btc" -> 2013.
NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")
# A name that carries its locality: "... huyện Kbang", "... tỉnh Gia Lai".
LOCAL_UNIT_NAMED = re.compile(r"\b(huyện|quận|thị xã|xã|phường|thị trấn)\s+\S")
PROVINCE_UNIT_NAMED = re.compile(r"\b(tỉnh|thành phố)\s+\S")

# === language check (pipeline) ==========================================================================

WORD_LETTERS = re.compile(r"[^\W\d_]+")
# Letters only Vietnamese uses among Latin scripts, and its tone-marked vowels.
VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)

# === places =============================================================================================

NOT_KEY = re.compile(r"[^a-z0-9]")
PROVINCE_PREFIX = re.compile(r"(?i)^\s*(tỉnh|thành phố|tp\.?)\s+")
DISTRICT_PREFIX = re.compile(r"(?i)^\s*(huyện|quận|thị xã|thành phố)\s+")


# ====================================================================================================
# Sections below: agencies, outline, sections, tasks (owned with those modules; appended here so the
# sections above merge cleanly).
# ====================================================================================================

# === agencies =========================================================================================

# A space before closing punctuation, left by joining tokens: "tỉnh Quảng Nam ," -> "tỉnh Quảng Nam,".
AGENCY_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)])")
# Punctuation that separates unit words in a name: "các tỉnh, thành phố (trực thuộc ...)".
AGENCY_LEVEL_PUNCT = re.compile(r"[,;()]")

# === tables of duties =================================================================================

# A cell boundary in a row kept on one line: "1 | Tuyên truyền ... | Sở Thông tin và Truyền thông |  | Hằng năm".
TABLE_CELL_SPLIT = re.compile(r"\s*\|\s*")
# A column of partners, whatever else the header says: "Cơ quan phối hợp", "Đơn vị phối hợp thực hiện".
TABLE_SUPPORT_COLUMN = re.compile(r"phối hợp")
# What a column holds, by the cues of its header (folded); the earliest cue decides:
#   "STT", "TT", "Số TT" | "Tên nhiệm vụ", "Nội dung công việc" | "Cơ quan chủ trì", "Đơn vị thực hiện" |
#   "Thời gian hoàn thành", "Tiến độ", "Thời hạn".
TABLE_COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("label", re.compile(r"^(?:s?tt|số tt|số thứ tự)$")),
    ("text", re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động|giải pháp|tên")),
    ("lead", re.compile(r"chủ trì|thực hiện|trách nhiệm|đầu mối|cơ quan|đơn vị")),
    ("deadline", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành")),
)
# The label of a group of rows: "II", "B".
TABLE_GROUP_LABEL = re.compile(r"[IVXLC]+|[A-ZĐ]")
# A row's label opening a block: "1", "12.", "I.", "II. HOÀN THIỆN CƠ CHẾ ..." (a group with its title).
TABLE_ROW_LABEL = re.compile(r"(?P<label>[IVXLC]+|\d{1,3}(?:\.\d{1,2})*)\.?(?=\s|$)")

# === outline ==========================================================================================

# Item markers, tried in this order; each captures the marker and leaves the item's text after it.
#   "PHẦN I", "Phần thứ hai" | "Chương II" | "Mục 1" | "Điều 3." | "IV." | "2.1.", "2.1.a." | "1)" | "đ)" |
#   "-" | "+" | "•"
OUTLINE_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(r"^(?P<m>(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d+|thứ \w+))\b[.:\-–]?\s*")),
    ("chapter", re.compile(r"^(?P<m>(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+))\b[.:\-–]?\s*")),
    ("section", re.compile(r"^(?P<m>(?:MỤC|Mục)\s+(?:[IVXLC]+|\d+))\b[.:\-–]?\s*(?=\S)")),
    ("article", re.compile(r"^(?P<m>Điều\s+\d+[a-z]?)\s*[.:]\s*")),
    ("roman", re.compile(r"^(?P<m>[IVX]{1,5})\s*[.)\-–]\s*(?=\S)")),
    ("dotted", re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+(?:\.[a-zđ])?)\.?\s*[.)]?\s+(?=\S)")),
    ("arabic", re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s*(?=\S)")),
    ("letter", re.compile(r"^(?P<m>[a-zđ])\s*[).]\s*(?=\S)")),
    ("dash", re.compile(r"^(?P<m>[-–—−])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<m>\+)\s*(?=\S)")),
    ("bullet", re.compile(r"^(?P<m>[•·●▪◦*])\s*(?=\S)")),
)
# "V." and "X." are roman numerals only with their own punctuation ("V. TỔ CHỨC"), not "V-" of a code.
OUTLINE_ROMAN_V_X = re.compile(r"^[VX]\s*[.)]")
# A paragraph that introduces the items after it: "... cụ thể như sau:", "... các nội dung sau đây:".
OUTLINE_LEAD_IN_END = re.compile(r"(?i)(?:như sau|sau đây|dưới đây|cụ thể như sau|sau)\s*:\s*$")
# "Đơn vị chủ trì: Sở Giáo dục và Đào tạo": a short label, a colon, a value.
OUTLINE_KEY_VALUE = re.compile(r"^[^\W\d_][^:.;]{2,40}:\s*\S")
# A head that ends a sentence: "... theo quy định.", "...;", "... thực hiện./.".
OUTLINE_END_PUNCT = re.compile(r"[.;!?]$|\./\.$")
# A short title before a colon: "Bước 3: Tổng hợp ...".
OUTLINE_TITLED = re.compile(r"^[^:]{1,30}:\s")


@cache
def attachment_title() -> re.Pattern[str]:
    """The title line of an attached document, in capitals: "KẾ HOẠCH", "QUY ĐỊNH", "PHỤ LỤC", "BẢNG TIÊU CHÍ ...";
    the type words come from corpus/lexicons/duties.json ("attachment_words")."""
    from extractor import vocab

    names = tuple(w.upper() for w in vocab.load("duties.json")["attachment_words"]["words"])
    return re.compile(rf"^(?P<kind>{words_alternation(names)})\b")


# === tasks ============================================================================================

# A leading clause before the subject: "Căn cứ vào văn bản chỉ đạo này, ...", "Hàng năm, ...", "Trong năm 2013, ...",
# "Trên cơ sở Kế hoạch này, các sở, ban, ngành Tỉnh tổ chức ...", "Trong quá trình thực hiện Kế hoạch này, nếu có
# khó khăn, vướng mắc, đề nghị các bộ, ngành ...", "Đối với các nhiệm vụ triển khai trong năm 2025, các bộ ...".
TASK_LEADING_CLAUSE = re.compile(
    r"(?i)^(?:(?:căn cứ[^,]{0,120}|trên cơ sở[^,]{0,160}|định kỳ[^,]{0,30}|trong (?:năm|quý|tháng)[^,]{0,20}|"
    r"sau khi[^,]{0,120}|để[^,]{0,160}|ngoài[^,]{0,160}|đối với[^,]{0,120}|(?:trong )?quá trình[^,]{0,100}|"
    r"nếu[^,]{0,100}|trường hợp[^,]{0,120}),\s*|(?:hàng|hằng) (?:năm|quý|tháng),?\s*)"
)
# A time limit between the subject and its predicate, up to its comma: "Cục Người có công trong thời gian 03 ngày
# làm việc kể từ ngày nhận đủ giấy tờ, có trách nhiệm ...", "Sở Tài chính trong thời hạn 10 ngày, có ý kiến ...",
# "... trong vòng 05 ngày làm việc, ...", "... chậm nhất ngày 15 tháng 12, ...".
TASK_TIME_LIMIT = re.compile(r"(?i)^(?:trong (?:thời hạn|thời gian|vòng)|chậm nhất)[^,;:.]{0,160},\s*")
# A comma inside a leading clause, after which the subject may begin.
TASK_COMMA = re.compile(r",\s*")
# Cues of support: "phối hợp với", "phối hợp chặt chẽ với", "phối hợp cụ thể với", "cùng với", "cùng", "tham gia với";
# not "Hội đồng nhân dân cùng cấp".
TASK_SUPPORT_CUE = re.compile(
    r"(?i)\b(?:phối hợp(?:\s+(?:chặt chẽ|tốt|thường xuyên|cụ thể|kịp thời|đồng bộ))?(?:\s+với)?|"
    r"cùng với|cùng(?!\s+cấp)|tham gia với)\s+(?:(?:các |những )?hoạt động của\s+)?"
)
# A body directed by the lead partners with others, which does not make them the lead's partners:
# "chỉ đạo các cơ quan liên quan phối hợp với Hội khuyến học" (a body must follow the verb: not "được giao chủ động").
TASK_DIRECTED = re.compile(r"(?i)\b(?:chỉ đạo|hướng dẫn|đề nghị|yêu cầu|giao|vận động)\s+")
# ... unless the cue follows "chủ trì" or opens the clause: "Sở X chủ trì, phối hợp với ...".
TASK_DIRECTED_LEAD = re.compile(r"(?i)(?:chủ trì|^)\s*,?\s*$")
# Clause boundaries inside an item.
TASK_CLAUSE_SPLIT = re.compile(r"[;.]")
# Closing formulas, never duties: "Yêu cầu các đơn vị nghiêm túc triển khai thực hiện./.", "Chủ tịch Ủy ban nhân dân
# Thành phố đề nghị các cơ quan, đơn vị khẩn trương, nghiêm túc triển khai ...", "Trên đây là ...", "Nơi nhận:".
TASK_CLOSING = re.compile(
    r"(?i)^(?:[^.;:,]{0,60}?\s)?(?:kính\s+)?(?:yêu cầu|đề nghị)\s+(?:các|thủ trưởng|giám đốc|chủ tịch|quý)\b"
    r"[^.]{0,100}?(?:nghiêm túc|khẩn trương|triển khai|thực hiện tốt|thực hiện đầy đủ|thực hiện các nội dung)"
    r"|^(?:trên đây là|quyết định (?:này )?có hiệu lực|thông tư này có hiệu lực|kế hoạch này|văn bản này|nơi nhận|"
    r"lưu\s*:)"
)
# An unlabelled closing paragraph about difficulties: "Trong quá trình thực hiện, nếu có vướng mắc, kính đề nghị ...".
TASK_DIFFICULTY = re.compile(
    r"(?i)^(?:trong )?quá trình (?:thực hiện|triển khai|tổ chức)[^.]{0,80}?(?:khó khăn|vướng mắc)"
)
# The end of the document's body: "... thực hiện nghiêm túc, hiệu quả Chỉ thị này./.".
TASK_BODY_END = re.compile(r"\./\.\s*$")
# A lead-in that names who carries out the items after it: "... yêu cầu Thủ trưởng các đơn vị, Chủ tịch UBND các
# huyện triển khai thực hiện một số nội dung sau:", "Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh:".
TASK_LEAD_IN_CUE = re.compile(r"(?i)\b(?:yêu cầu|đề nghị|giao)\s+")
TASK_LEAD_IN_END = re.compile(r"(?i)(?:(?:sau|dưới đây|như sau)\s*(?:đây)?\s*:?|:)\s*$")
# An item that introduces its sub-items: "... thực hiện các chương trình có liên quan như:", "... các nhiệm vụ sau:".
TASK_INTRODUCES = re.compile(r":\s*$")
# The last clause of an item that also introduces sub-items: "...; tổ chức thực hiện các nhiệm vụ sau:".
TASK_LAST_CLAUSE = re.compile(r";[^;]*:\s*$")
# A request in a letter without items: "Bộ Xây dựng đề nghị Bộ Tài chính, Bộ Kế hoạch và Đầu tư bố trí vốn ...".
TASK_REQUEST = re.compile(r"(?i)\b(?:đề nghị|yêu cầu|giao)\s+")
# "Giao ..." inside parentheses names the lead of the item: "(Giao Công an tỉnh chủ trì, phối hợp với ...)".
TASK_PAREN_ASSIGN = re.compile(r"(?i)\(\s*(?=giao\s)")
# Execution clauses: "... chịu trách nhiệm thi hành Quyết định này".
TASK_EXECUTION_CLAUSE = re.compile(r"(?i)chịu trách nhiệm (?:thi hành|tổ chức thực hiện|hướng dẫn thi hành)")
# Articles that issue, approve or bring into force: "Điều 1. Ban hành kèm theo ...",
# "Điều 2. Quyết định này có hiệu lực".
TASK_EFFECT_ARTICLE = re.compile(r"(?i)^(?:phê duyệt|ban hành|quyết định này có hiệu lực|.{0,40}có hiệu lực)")
# A signer's name on a line of its own: "Nguyễn Văn Thanh".
TASK_PERSON_NAME = re.compile(r"^[A-ZĐ][a-zđà-ỹ]*(?:\s[A-ZĐ][a-zđà-ỹ]*){1,4}$")
# A short title before a colon: "Bước 3: ...".
TASK_TITLE_PREFIX = re.compile(r"^[^:]{1,30}:\s*")
# A sentence boundary before a capital: "... hiện đại. Các cơ sở giáo dục đại học tổ chức ...".
TASK_SENTENCE_BREAK = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ])")
# Collective subjects the agency vocabulary does not list: "Các phương tiện thông tin đại chúng", "Mỗi địa phương",
# "Ngành giáo dục các cấp", "Cấp ủy, chính quyền mỗi địa phương".
TASK_GENERIC_OPENER = re.compile(r"^(?:Các|Mỗi|Từng|Tất cả các|Ngành|Cấp ủy|Cấp uỷ)(?=[\s,])")
# Nouns that name actors (bodies, collectives), as opposed to things ("Các nội dung chi, mức chi ...", "Các trường
# hợp quy định tại ..."); folded text.
TASK_ACTOR = re.compile(
    r"\b(?:phương tiện thông tin|địa phương|ngành|cơ quan|đơn vị|tổ chức|doanh nghiệp|cơ sở giáo dục|"
    r"trường(?! hợp)|hội(?! đồng nhân)|đoàn thể|cấp ủy|chính quyền|lực lượng|cá nhân|hộ gia đình|nhà trường|báo chí)\b"
)
# Groups of institutions, which a heading names as a topic rather than as actors; folded text.
TASK_INSTITUTION = re.compile(r"\b(?:cơ sở giáo dục|trung tâm|trường|cơ sở học tập)\b")

# --- deadlines ---
# "trước ngày 31/12/2023", "chậm nhất là ngày ...", "hoàn thành trước ngày ...".
TASK_DEADLINE_DATE = re.compile(r"(?i)(?:trước|chậm nhất(?: là)?|hoàn thành trước|hoàn thành trong|hạn cuối)\s+ngày\s+")
# "trong năm 2024", "cuối năm 2025", "trước quý III năm 2024", "trong tháng 12/2025", "định kỳ hàng năm".
TASK_DEADLINE_PERIOD = re.compile(
    r"(?i)\b(?:(?:trước|trong|cuối|đầu|giữa|từ)\s+(?:năm\s+\d{4}|quý\s+[IVX1-4]+(?:\s+năm\s+\d{4})?|"
    r"tháng\s+\d{1,2}(?:\s*/\s*|\s+năm\s+)\d{4})|trước ngày \d{1,2} hàng (?:tháng|quý)|"
    r"định kỳ[^.;:]{0,12}?(?:hàng|hằng) (?:năm|quý|tháng)|quý\s+[IVX]+\s+năm\s+\d{4})"
)
# "Hàng năm, ...", "...; hằng quý ...": a recurring duty.
TASK_ANNUAL = re.compile(r"(?i)(?:^|[.;:,]\s*)(?P<w>(?:hàng|hằng) (?:năm|quý|tháng))\b")
# "thực hiện hàng năm": an annual action (the word before must be a verb).
TASK_ANNUAL_ACTION = re.compile(r"(?i)\b(?P<v>[^\s,.;]+(?:\s[^\s,.;]+)?)\s+(?P<w>(?:hàng|hằng) năm)\b")

# --- fields of a plan laid out as fields ---
# "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.", "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.",
# "Cơ quan thực hiện: Bộ Công an tiến hành rà soát ...; các bộ, ...", "Chủ trì: ...".
FIELD_LEAD = re.compile(
    r"(?i)^(?:(?:cơ quan|đơn vị|bộ phận)\s+(?:được giao\s+)?(?:chủ trì|thực hiện|chịu trách nhiệm|đầu mối)"
    r"(?:\s+(?:tham mưu|thực hiện|triển khai))*|chủ trì(?:\s+thực hiện)?)\s*:\s*(?P<v>.+)$"
)
# "Cơ quan phối hợp: ...", "Đơn vị phối hợp thực hiện: ...", "Phối hợp: ...".
FIELD_SUPPORT = re.compile(r"(?i)^(?:(?:cơ quan|đơn vị)\s+)?phối hợp(?:\s+thực hiện)?\s*:\s*(?P<v>.+)$")
# "Thời gian thực hiện: Hằng năm.", "Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.", "Thời gian thực hiện:".
FIELD_TIME = re.compile(
    r"(?i)^(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành|hoàn tất|ban hành|trình))?\s*:\s*(?P<v>.*)$"
)
# "Nội dung: rà soát các văn bản quy phạm pháp luật ...": the task's text.
FIELD_CONTENT = re.compile(r"(?i)^nội dung(?:\s+(?:công việc|thực hiện|nhiệm vụ))?\s*:\s*(?P<v>.+)$")
# "Sản phẩm: ...", "Kết quả dự kiến: ...": a field, not a task.
FIELD_OTHER = re.compile(r"(?i)^(?:sản phẩm|kết quả)(?:\s+(?:đầu ra|dự kiến))?\s*:")
# Parts of a field's value: "Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan."
FIELD_PARTS = re.compile(r"\s*;\s*")
# A deadline field's value that is one date: "trước ngày 30/10/2024", "Chậm nhất ngày ...".
FIELD_DATE_VALUE = re.compile(r"(?i)^(?:trước|chậm nhất|trong|hoàn thành)?\s*(?:ngày)?")

# === sections ==========================================================================================

# What a section holds, by its heading (folded, without a trailing colon), first match wins:
#   "MỤC TIÊU", "Chỉ tiêu cụ thể" | "MỤC ĐÍCH, YÊU CẦU", "Quan điểm", "Thuận lợi, khó khăn", "Đối tượng áp dụng" |
#   "Thời gian", "Kinh phí", "Nguồn vốn thực hiện" | "NHIỆM VỤ, GIẢI PHÁP", "Tổ chức thực hiện", "Trách nhiệm của ...".
SECTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("target", re.compile(r"^(?:các )?(?:mục tiêu|chỉ tiêu)\b")),
    (
        "context",
        re.compile(
            r"^(?:mục đích|yêu cầu$|quan điểm|thuận lợi|khó khăn|tình hình|kết quả|"
            r"đánh giá (?:chung|tình hình|kết quả)|sự cần thiết|phạm vi|đối tượng|nguyên tắc|giải thích|căn cứ|"
            r"điều kiện|mức hỗ trợ|hiệu lực|"
            r"xác định đối tượng|bối cảnh|định hướng|tầm nhìn|những hạn chế|hạn chế|nguyên nhân)"
        ),
    ),
    (
        "descriptive",
        re.compile(r"^(?:thời gian|kinh phí|phương thức|tiến độ|nguồn vốn|nguồn kinh phí|chi phí|dự toán|thời hạn)"),
    ),
    (
        "duty",
        re.compile(
            r"^(?:(?:các |những )?nhiệm vụ|giải pháp|nội dung|tổ chức thực hiện|trách nhiệm|phân công|"
            r"triển khai thực hiện|chế độ (?:phối hợp|báo cáo)|các bước|trình tự|giao trách nhiệm)"
        ),
    ),
)

# === issuers ==========================================================================================

# A name that already carries its place: "Sở Tài chính tỉnh Bắc Giang", "UBND huyện Kbang" (not "xã hội").
ISSUER_HAS_PLACE = re.compile(r"\b(tỉnh|huyện|quận|thị xã|xã(?! hội)|phường|thị trấn|thành phố)\s+\S")
# A Party committee with its place: "Tỉnh ủy Gia Lai", "Thành ủy Hà Nội".
ISSUER_PARTY_PLACE = re.compile(r"(?i)\b(tỉnh|thành) ủy\s+[A-ZĐÀ-Ỹ]")

# === doc: tokens by one split ===========================================================================

# TOKEN as a capturing split: "Sở GD&ĐT chủ trì" -> ["", "Sở", " ", "GD", "", "&", "", "ĐT", " ", "chủ", ...].
TOKEN_SPLIT = re.compile(r"([^\W_]+|[^\w\s])")


# === intake and officialness: text-level patterns (byte-level checks stay in extractor/intake/) =========

# On the folded view (lower case, no tone or vowel marks, đ -> d):
OFFICIAL_MARKS: dict[str, re.Pattern[str]] = {
    # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    "national motto": re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia|doc\s+lap\W+tu\s+do\W+hanh\s+phuc"),
    # "Số: 674/UBND-VX", "Số: /KH-UBND" (a draft), "Số 12/2013/QĐ-TTg"
    "number": re.compile(r"(?m)^\W*so\s*:|\bso\s*:?\s*\d+\s*/"),
    # "Quảng Bình, ngày 24 tháng 4 năm 2017", "ngày   tháng 7 năm 2023" (a draft)
    "date": re.compile(r"ngay\s+\S{0,4}\s*thang\s+\S{0,4}\s*nam\s+\d{4}"),
    # "Kính gửi:", "Căn cứ Luật ...", "Nơi nhận:", "V/v thực hiện ..."
    "address or legal basis": re.compile(r"(?m)kinh\s+gui\s*:|^\W*can\s+cu\s|noi\s+nhan\s*:|\bv/v\b"),
}

# On the original text: a ký hiệu ("674/UBND-VX", "22/2013/QĐ-TTg", Party style "259-KH/TU").
OFFICIAL_SYMBOL = re.compile(
    r"\b\d{1,6}(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐa-z0-9&]+)+|\b\d{1,6}-[A-ZĐ]{1,6}/[A-ZĐ]{1,6}\b"
)

# A line that names an issuing body, in capitals as ô 2 prints it ("ỦY BAN NHÂN DÂN", "BỘ TÀI CHÍNH").
OFFICIAL_ISSUER_LINE = re.compile(
    r"(?m)^\W*(?:uy\s+ban\s+nhan\s+dan|ubnd|hoi\s+dong\s+nhan\s+dan|hdnd|chinh\s+phu|quoc\s+hoi|thu\s+tuong|"
    r"bo\s+\w|so\s+\w|phong\s+\w|van\s+phong|tinh\s+uy|thanh\s+uy|huyen\s+uy|ban\s+chap\s+hanh|"
    r"ban\s+chi\s+dao|dang\s+uy|tong\s+cuc|cuc\s+\w)"
)

# Numbered structure at the start of a line: "Điều 3.", "Chương II", "Mục 1", "IV.", "2.", "1.2.", "a)".
OFFICIAL_STRUCTURE = re.compile(
    r"(?m)^[\s*#|]*((?:dieu\s+\d+|chuong\s+[ivxlc]+|muc\s+\d+|phan\s+[ivxlc]+)[.:]?"
    r"|[ivxlc]{1,5}\.|\d{1,3}(?:\.\d{1,3})*\.|[a-z]\))(?=\s)"
)

OFFICIAL_WORD = re.compile(r"[^\W\d_]+")

# --- patterns ------------------------------------------------------------------------------------
# Lines of the right column: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (also "HOÀ"), "Độc lập - Tự do -
# Hạnh phúc", "Quảng Bình, ngày 24 tháng 4 năm 2017", "Hà Nội, ngày    tháng    năm 2023".
LAYOUT_RIGHT_MARKER = re.compile(r"C[ỘÔO]NG\s*H[ÒOÓ]A|Độc\s*lập|ngày\b.{0,20}tháng\b.{0,20}năm\b", re.IGNORECASE)

# First words of the body: recipients, legal bases, the document type line.
LAYOUT_BODY_START = re.compile(
    r"^\s*(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|"
    r"(?:QUYẾT\s+ĐỊNH|KẾ\s+HOẠCH|THÔNG\s+TƯ|CHỈ\s+THỊ|NGHỊ\s+(?:ĐỊNH|QUYẾT)|THÔNG\s+BÁO|"
    r"BÁO\s+CÁO|TỜ\s+TRÌNH|HƯỚNG\s+DẪN|CÔNG\s+VĂN)\s*:?\s*$)"
)

# Text a signature shows about itself. Real captions: "ttcbth@quangngai.gov.vn 09.01.2025 10:21:11 +07:00",
# "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi / Cơ quan: Tỉnh Quảng Ngãi / Thời gian ký: 15/01/2025 17:10:17",
# "Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ / Email: ... / Thời gian ký: 25.09.2024 16:09:37 +07:00".
PDFMARK_CAPTION = re.compile(
    r"@|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}|K[ýy]\s*bởi|Người\s*k[ýy]|Thời\s*gian\s*k[ýy]|"
    r"Cơ\s*quan\s*:|Digitally\s+signed|Signed\s+by|Signature\s+valid",
    re.IGNORECASE,
)

# "D:20250108173049+07'00'" (PDF date; everything after the year is optional)
PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2})'?(\d{2})?'?|(Z))?")

HOCR_CHAR = re.compile(
    r"<span class='ocrx_cinfo' title='x_bboxes (\d+) (\d+) (\d+) (\d+); x_conf ([\d.]+)'>(.*?)</span>", re.S
)

HOCR_PARAGRAPH = re.compile(r"<p class='ocr_par'[^>]*>(.*?)</p>", re.S)

LEGACY_WORD = re.compile(r"[^\W\d_]+")

LEGACY_TOKEN = re.compile(r"(\s+)")

LEGACY_ASCII_SMALL = re.compile(r"[a-z]")


@cache
def literal_alternation(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a table of literal sequences, longest first (a legacy encoding's code table)."""
    return re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))


@cache
def from_data(pattern: str) -> re.Pattern[str]:
    """A pattern kept as data in corpus/lexicons (a legacy font's name), compiled once."""
    return re.compile(pattern)

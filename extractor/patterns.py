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

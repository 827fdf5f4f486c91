"""Header accuracy on documents the rules were not written against: the Công báo corpus in
../shared/scale, whose metadata gives each document's số hiệu (in its slug) and type.

    python benchmarks/check_scale_headers.py [--show N]

Prints how many numbers and types match, how many issuers agree with the body their symbol names
("05/2024/TT-BLĐTBXH" -> Bộ Lao động - Thương binh và Xã hội; every body of a joint symbol), the same
two checks on every numbered reference of these texts (type against the symbol's type code, a Quốc
hội symbol being a law, code, ordinance or resolution), and the first N misses. Many misses are
source files whose header did not survive text extraction (a continuation page, an empty file).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import unicodedata
from pathlib import Path

from extractor import issuers, symbols
from extractor.errors import BadInput
from extractor.folding import fold
from extractor.pipeline import extract_text

BASE = Path(__file__).resolve().parents[2] / "shared" / "scale" / "hrmaster1982-dev_phapluat-8chude-data"
TYPES = {
    "VB HN": "Văn bản hợp nhất",
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "TT Liên tịch": "Thông tư liên tịch",
}


def ascii_key(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def issuer_agrees(number: str | None, issuer: str | None) -> bool | None:
    """Does the issuer read name every body the symbol's issuer codes name? None when a code is unknown."""
    sym = symbols.parse(number) if number else None
    if not sym or not sym.issuer_codes:
        return None
    names = [issuers.for_code(code)[0] for code in sym.issuer_codes]
    if any(n is None for n in names):
        return None
    got = [fold(part) for part in (issuer or "").split(" - ")]
    return all(any(fold(n).split(" - ")[0] in g for g in got) for n in names if n)


LEGISLATIVE = ("Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết")


def type_agrees(number: str | None, doc_type: str | None) -> bool | None:
    """Does the type read agree with the symbol's type code? None when the symbol names no type."""
    sym = symbols.parse(number) if number else None
    if not sym or not doc_type:
        return None
    if sym.type_code is None and sym.issuer_codes and re.match(r"(UBTV)?QH", sym.issuer_codes[0]):
        return doc_type in LEGISLATIVE
    expected = symbols.type_name(sym.type_code) if sym.type_code else None
    return None if expected is None else doc_type == expected


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    misses: list[tuple[str | None, ...]] = []
    seen = set()
    for line in (BASE / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        path = BASE / meta["json_path"].replace(".json", ".txt")
        if not path.exists() or path in seen:
            continue
        seen.add(path)
        try:
            record = extract_text(path.read_text(encoding="utf-8"), str(path)).record
        except BadInput:
            counts["unreadable"] += 1
            continue
        doc = record.document
        for ref in record.references:
            for what, agrees in (
                ("type", type_agrees(ref.number, ref.doc_type)),
                ("issuer", issuer_agrees(ref.number, ref.issuer)),
            ):
                counts[f"reference {what} checked"] += agrees is not None
                counts[f"reference {what} agrees"] += bool(agrees)
                if agrees is False:
                    misses.append((path.name, f"reference {what}", ref.number, ref.doc_type, ref.issuer))
        expected_number = re.sub(r"^.*?-so-", "", re.sub(r"-\d+$", "", meta["slug"])).replace("-", "")
        expected_type = TYPES.get(meta["loai"], meta["loai"])
        counts["documents"] += 1
        counts["number"] += ascii_key(doc.number or "") == expected_number
        counts["type"] += doc.doc_type == expected_type
        counts["date"] += doc.issued_date is not None
        counts["issuer"] += doc.issuer is not None
        agrees = issuer_agrees(doc.number, doc.issuer)
        counts["issuer checked"] += agrees is not None
        counts["issuer agrees"] += bool(agrees)
        if agrees is False:
            misses.append((path.name, "issuer", doc.number, doc.issuer))
        if ascii_key(doc.number or "") != expected_number or doc.doc_type != expected_type:
            misses.append((path.name, meta["slug"], doc.number, expected_type, doc.doc_type))
    n = counts["documents"]
    print(
        f"{n} documents: number {counts['number']}/{n}, type {counts['type']}/{n}, "
        f"date found {counts['date']}/{n}, issuer found {counts['issuer']}/{n}, issuer agrees with its symbol "
        f"{counts['issuer agrees']}/{counts['issuer checked']}, unreadable {counts['unreadable']}"
    )
    print(
        f"references: type agrees with its symbol {counts['reference type agrees']}/"
        f"{counts['reference type checked']}, issuer {counts['reference issuer agrees']}/"
        f"{counts['reference issuer checked']}"
    )
    for m in misses[: args.show]:
        print("  miss:", *m)


if __name__ == "__main__":
    main()

"""A corpus of malformed files for the intake and the extractor, built from the sample corpus.

    cases = generate(folder, count=300, seed=13)   # [Case(path, kind), ...], deterministic for a seed

Kinds, in proportions fixed below: PDFs and DOCX files of corpus documents (tests/builders.py)
truncated at a random byte or with random bits flipped; random bytes; Vietnamese word salads (some
with header words in them); documents with a line of 20 K to 6 M characters; corpus documents in other
encodings (UTF-16 with and without BOM, Windows-1258, TCVN3, VNI, UTF-8 with Latin-1 bytes, Latin-1
mojibake); control characters and one line repeated; and intact documents, so "accepted" means something.
Every file is read by `extractor.bounded.extract_file` as the CLI and the API read uploads: the result
must be a record or a BadInput, within the limits (tests/test_fuzz.py samples it, benchmarks/fuzz_intake.py
runs a thousand and more).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builders import CORPUS, corpus_text, encode_cp1258, encode_legacy, make_docx, make_pdf

from extractor.errors import BadInput
from extractor.intake import Limits

DOCUMENTS = [  # short and long, letters, plans and decisions; all lay out in the builders
    "quangbinh-674-UBND-VX-2017",
    "kbang-1132-UBND-VX-2021",
    "vinhlong-684-QD-UBND-2013",
    "ttg-22-2013-QD-TTg-2013",
    "langgiang-KH-UBND-2023-draft",
    "bxd-2428-BXD-QLN-2013",
]
# kind -> share of the corpus
SHARES = {
    "pdf-truncated": 0.12,
    "pdf-bitflip": 0.12,
    "docx-truncated": 0.12,
    "docx-bitflip": 0.12,
    "random-bytes": 0.10,
    "word-salad": 0.10,
    "huge-line": 0.06,
    "encoding": 0.16,
    "controls-repeats": 0.04,
    "intact": 0.06,
}
SALAD_WORDS = [
    "nhà",
    "nước",
    "cây",
    "xanh",
    "bay",
    "về",
    "trời",
    "mưa",
    "hôm",
    "nay",
    "em",
    "đi",
    "học",
    "bài",
    "thơ",
    "tình",
    "yêu",
    "quê",
    "hương",
    "ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "huyện",
    "sở",
    "giáo",
    "dục",
    "đào",
    "tạo",
    "kế",
    "hoạch",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "phối",
    "hợp",
    "chủ",
    "trì",
    "báo",
    "cáo",
    "năm",
    "tháng",
    "ngày",
]


@dataclass(frozen=True)
class Case:
    path: Path
    kind: str


def generate(folder: Path, count: int, seed: int = 13) -> list[Case]:
    """`count` files in `folder` (made if missing), the same files for the same seed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = _bases(folder / "_bases")
    makers: dict[str, Callable[[random.Random, dict[str, bytes]], tuple[bytes, str]]] = {
        "pdf-truncated": lambda r, b: (_truncate(r, b[_pick(r, "pdf")]), "pdf"),
        "pdf-bitflip": lambda r, b: (_flip(r, b[_pick(r, "pdf")]), "pdf"),
        "docx-truncated": lambda r, b: (_truncate(r, b[_pick(r, "docx")]), "docx"),
        "docx-bitflip": lambda r, b: (_flip(r, b[_pick(r, "docx")]), "docx"),
        "random-bytes": lambda r, b: (r.randbytes(r.choice([1, 10, 100, 4096, 65536, 1 << 20])), "bin"),
        "word-salad": _salad,
        "huge-line": _huge_line,
        "encoding": _encoding,
        "controls-repeats": _controls,
        "intact": _intact,
    }
    cases = []
    kinds = [k for k, share in SHARES.items() for _ in range(max(1, round(share * count)))]
    rng.shuffle(kinds)
    for i, kind in enumerate(kinds[:count]):
        data, suffix = makers[kind](rng, bases)
        path = folder / f"{i:05d}-{kind}.{suffix}"
        if not path.exists() or path.stat().st_size != len(data):
            path.write_bytes(data)
        cases.append(Case(path, kind))
    return cases


def _pick(rng: random.Random, ext: str) -> str:
    return f"{rng.choice(DOCUMENTS)}.{ext}"


def _bases(folder: Path) -> dict[str, bytes]:
    """Each corpus document as PDF, DOCX and text, built once per folder."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for stem in DOCUMENTS:
        text = corpus_text(stem)
        for ext, build in (("pdf", make_pdf), ("docx", make_docx)):
            path = folder / f"{stem}.{ext}"
            if not path.exists():
                build(text, path)
            out[path.name] = path.read_bytes()
        out[f"{stem}.txt"] = (CORPUS / f"{stem}.txt").read_bytes()
    return out


def _intact(rng: random.Random, bases: dict[str, bytes]) -> tuple[bytes, str]:
    ext = rng.choice(["pdf", "docx", "txt"])
    return bases[_pick(rng, ext)], ext


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 64, 512])):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _salad(rng: random.Random, bases: dict[str, bytes]) -> tuple[bytes, str]:
    words = rng.choices(SALAD_WORDS, k=rng.choice([5, 30, 300, 3000]))
    if rng.random() < 0.3:  # header words mixed in, but no header
        words[rng.randrange(len(words))] = "QUYẾT ĐỊNH"
    sep = rng.choice([" ", "\n", ", "])
    return sep.join(words).encode(), "txt"


def _huge_line(rng: random.Random, bases: dict[str, bytes]) -> tuple[bytes, str]:
    text = corpus_text(rng.choice(DOCUMENTS))
    unit = rng.choice(["Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì; ", "x", "Điều 1. ", "a b c "])
    line = unit * (rng.choice([20_000, 200_000, 6_000_000]) // len(unit))
    where = rng.choice(["alone", "after", "middle"])
    if where == "alone":
        return line.encode(), "txt"
    if where == "after":
        return (text + "\n" + line).encode(), "txt"
    half = len(text) // 2
    return (text[:half] + line + text[half:]).encode(), "txt"


def _encoding(rng: random.Random, bases: dict[str, bytes]) -> tuple[bytes, str]:
    text = corpus_text(rng.choice(DOCUMENTS))
    how = rng.choice(
        ["utf-16", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni", "utf8+latin1", "mojibake", "utf-32"]
    )
    if how == "cp1258":
        return encode_cp1258(text), "txt"
    if how in ("tcvn3", "vni"):
        legacy = encode_legacy(text, how)
        return (legacy.encode("cp1252", "replace") if rng.random() < 0.5 else legacy.encode()), "txt"
    if how == "utf8+latin1":
        data = bytearray(text.encode())
        for _ in range(rng.choice([1, 3, 10, 100])):
            i = rng.randrange(len(data))
            while i < len(data) and data[i] >= 0x80:  # between characters, not inside one
                i += 1
            data[i:i] = "é".encode("latin-1")
        return bytes(data), "txt"
    if how == "mojibake":
        return text.encode().decode("latin-1").encode(), "txt"
    return text.encode(how), "txt"


def _controls(rng: random.Random, bases: dict[str, bytes]) -> tuple[bytes, str]:
    how = rng.choice(["c0", "allowed", "dieu", "dieu-line", "so"])
    if how == "c0":
        return bytes(rng.randrange(1, 32) for _ in range(rng.choice([10, 1000]))), "txt"
    if how == "allowed":
        return bytes(rng.choice(b"\t\n\r\x0b\x0c\x1a\x1b") for _ in range(1000)), "txt"
    if how == "dieu":
        return "Điều 1.\n".encode() * rng.choice([10, 100_000, 1_000_000]), "txt"
    if how == "dieu-line":
        return "Điều 1. ".encode() * rng.choice([10, 100_000, 1_000_000]), "txt"
    return "Số: 1/UBND\n".encode() * 1000, "txt"


@dataclass(frozen=True)
class Outcome:
    case: Case
    status: str  # "accepted" | "refused" | "crashed"
    code: str | None  # the refusal's code (E1xx), or the exception's class for a crash
    detail: str
    seconds: float


def read(case: Case, limits: Limits) -> Outcome:
    """Read one file as the CLI and the API do (extractor.bounded)."""
    from extractor.bounded import extract_file

    started = time.monotonic()
    try:
        result = extract_file(case.path, limits=limits)
    except BadInput as exc:
        return Outcome(case, "refused", exc.code, exc.message, time.monotonic() - started)
    except Exception as exc:  # anything else is a crash: what the fuzzing is for
        return Outcome(case, "crashed", type(exc).__name__, str(exc)[:500], time.monotonic() - started)
    number = result.record.document.number or "-"
    return Outcome(case, "accepted", None, f"{number}; {'; '.join(result.intake.warnings)}", time.monotonic() - started)

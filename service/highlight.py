"""The document's text as HTML with every finding highlighted (the CLI's --format html, the UI's view).

Spans may nest (an agency inside a task) and overlap; the text is cut at every span boundary and
each piece is marked with the kinds that cover it, innermost colour on top. Line breaks are kept.
displaCy's span view was tried first: it boxes every token and loses line breaks, which makes a
Vietnamese letter unreadable, so the spaCy Doc keeps the spans and this module draws them.
"""

from __future__ import annotations

import html

from models.record import ExtractionResult

COLORS = {
    "header": "#ede7f6",
    "reference": "#ffe082",
    "agency": "#a5d6a7",
    "task": "#e3f2fd",
    "target": "#ffab91",
    "deadline": "#f8bbd0",
    "date": "#f8bbd0",
    "recipient": "#ede7f6",
    "signer": "#ede7f6",
}
# Narrow spans are drawn over wide ones.
_PRIORITY = {
    "task": 0,
    "header": 1,
    "recipient": 1,
    "signer": 1,
    "target": 2,
    "reference": 3,
    "agency": 4,
    "deadline": 5,
    "date": 5,
}

STYLE = """
.vb-doc{white-space:pre-wrap;line-height:1.7;font-family:'Noto Serif','DejaVu Serif',serif}
.vb-doc mark{padding:0 1px;border-radius:2px;color:inherit}
.vb-legend span{padding:2px 6px;margin-right:6px;border-radius:3px}
"""


def highlight(result: ExtractionResult) -> str:
    """`<div class="vb-doc">` with `<mark data-kinds=... title=...>` around covered text."""
    text = result.text
    spans = [s for s in result.spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out = ['<div class="vb-doc" lang="vi">']
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if not covering:
            out.append(piece)
            continue
        top = max(covering, key=lambda s: (_PRIORITY.get(s.kind, 0), -(s.end - s.start)))
        kinds = " ".join(sorted({s.kind for s in covering}))
        title = html.escape("; ".join(f"{s.kind}: {s.label}" for s in covering), quote=True)
        fields = html.escape(" ".join(sorted({s.field for s in covering if s.field})), quote=True)
        out.append(
            f'<mark data-kinds="{kinds}" data-fields="{fields}" title="{title}" '
            f'style="background:{COLORS.get(top.kind, "#eee")}">{piece}</mark>'
        )
    out.append("</div>")
    return "".join(out)


def legend() -> str:
    names = {
        "header": "Thể thức",
        "reference": "Văn bản dẫn chiếu",
        "agency": "Cơ quan",
        "task": "Nhiệm vụ",
        "target": "Chỉ tiêu",
    }
    return (
        '<div class="vb-legend">'
        + "".join(f'<span style="background:{COLORS[k]}">{v}</span>' for k, v in names.items())
        + "</div>"
    )


def page(results: list[ExtractionResult]) -> str:
    body = "<hr>".join(
        f"<h2>{html.escape(r.record.document.number or r.record.source)}</h2>"
        f"<p>{html.escape(r.record.source)}</p>{highlight(r)}"
        for r in results
    )
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>vanban</title>"
        f"<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}{STYLE}</style></head>"
        f"<body>{legend()}{body}</body></html>\n"
    )

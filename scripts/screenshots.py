"""Screenshots of the web UI for the README (docs/screenshots/), taken with headless Chromium.

    .venv/bin/python scripts/screenshots.py

Starts `vanban serve` over a temporary copy of the sample corpus, logs in with an admin key, and saves
the document view, the lineage graph, the duty board and the gap report as small PNGs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from live_server import VANBAN, live_server  # noqa: E402  (tests/ holds the live server helper)

OUT = ROOT / "docs" / "screenshots"
PAGES = [  # (file, path, what to wait for)
    ("document.png", None, ".vb-doc"),
    ("lineage.png", "/lineage?number=22/2013/QĐ-TTg", "#lineage[data-ready=true] canvas"),
    ("duties.png", "/duties?agency=Sở Giáo dục và Đào tạo", "table.duties"),
    ("gaps.png", "/gaps?number=22/2013/QĐ-TTg&jurisdiction=Hồ Chí Minh", "table.gaps"),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server:
        subprocess.run(
            [str(VANBAN), "ingest", str(ROOT / "corpus" / "documents")], env=server.env, check=True, capture_output=True
        )
        key = server.key("admin", "--name", "Quản trị")
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            page = browser.new_page(viewport={"width": 1360, "height": 860}, locale="vi-VN")
            page.goto(f"{server.url}/login")
            page.fill("#key", key)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server.url}/")
            page.goto(f"{server.url}/documents?q=người có công nhà ở")
            document = page.get_attribute("table.list a[href^='/documents/']", "href")
            for name, path, ready in PAGES:
                page.goto(server.url + (path or document or "/"))
                page.wait_for_selector(ready)
                page.wait_for_timeout(300)  # the graph's layout settles
                target = OUT / name
                page.screenshot(path=str(target))
                # a palette of 128 colours keeps each file small without losing legibility
                Image.open(target).convert("RGB").quantize(128).save(target, optimize=True)
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
            browser.close()


if __name__ == "__main__":
    main()

"""The A4 文明实践菜单 sheets of the demo, printed by Chromium as the notice board gets them.

The county centre's 32 items and a station's 2 must each fill one A4 page (32 items in
11 pt once spilled six of them onto a second page; 2 items left most of the page blank),
with every item and step in 14 pt or more and how to order (steps and QR code) on it.
Read back with poppler (``pdfinfo`` for the pages, ``pdftotext`` for the words); the type
sizes are the browser's computed ones under print media.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import require_browser

from site_plugins import routes

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ("browser",)
require_browser()

A4 = (595, 842)  # points
PT = 14  # the smallest body text readable at a metre


# The smallest computed font size (pt) of the items' and the steps' text, as printed.
SMALLEST = """() => Math.min(...Array.from(
    document.querySelectorAll('.wm-menu-sheet__items li, .wm-menu-sheet__items li *,'
        + ' .wm-menu-sheet__steps li'),
    el => parseFloat(getComputedStyle(el).fontSize) * 0.75))"""


def printed(browser: Browser, url: str, pdf: Path) -> float:
    """Prints ``url`` to ``pdf``; returns the smallest type size of its items (pt)."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        page.emulate_media(media="print")
        smallest: float = page.evaluate(SMALLEST)
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    return smallest


def pages_and_size(pdf: Path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    width, _, height = fields["Page size"].split()[:3]
    return int(fields["Pages"]), (round(float(width)), round(float(height)))


def text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return re.sub(r"\s+", "", done.stdout)


@pytest.mark.parametrize(
    ("unit", "title"),
    [("centre", "党史学习讲座"), ("chengguan/jiefang", "社区法律服务")],
)
def test_a_menu_sheet_fills_one_a4_page_in_large_type(
    browser: Browser, site_url: str, tmp_path: Path, unit: str, title: str
) -> None:
    pdf = tmp_path / "menu.pdf"
    smallest = printed(browser, site_url + "/" + routes.unit_menu_sheet(unit), pdf)
    assert pages_and_size(pdf) == (1, A4)
    assert smallest >= PT
    words = text(pdf)
    assert title in words and "怎么点单" in words and "微信扫码点单" in words  # and the code

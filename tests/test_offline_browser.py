"""The offline copy opened from disk, in Chromium (what each page kind requests when
served: tests/test_page_kinds.py).

The offline copy (``make kiosk``): opened as ``file://…/index.html``, a 栏目 tab leads to
a page (not a folder listing), and search finds and opens an activity.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import require_browser

from site_plugins.kiosk import make_kiosk

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ("browser",)
require_browser()

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def kiosk(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site's offline copy, as `make kiosk` writes it."""
    out = tmp_path_factory.mktemp("kiosk") / "kiosk"
    make_kiosk(demo_site, out)
    return out


def test_offline_copy_opens_from_disk(browser: Browser, kiosk: Path) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = ctx.new_page()
    try:
        page.goto((kiosk / "index.html").as_uri(), wait_until="load")
        # A 栏目 tab: the stations page itself, not the folder's listing.
        page.locator(".md-tabs a", has_text="实践站").first.click()
        page.wait_for_load_state("load")
        assert page.url == (kiosk / "stations" / "index.html").as_uri()
        assert page.locator("h1").first.text_content() == "实践站"
        # Search, from disk: results, and a result opens its page.
        page.locator("[data-wm-search-open]").click()
        page.fill("#wm-search-input", "义诊")
        result = page.locator(".wm-search__results a.wm-search__link").first
        result.wait_for()
        assert "找到" in (page.locator(".wm-search__status").text_content() or "")
        title = (result.locator(".wm-search__title").text_content() or "").strip()
        result.click()
        page.wait_for_load_state("load")
        # A result may be a part of a page (a menu item: …/menu/index.html#centre-yizhen).
        opened, _, part = page.url.partition("#")
        assert opened.startswith(kiosk.as_uri()) and opened.endswith("/index.html")
        shown = page.locator(f"[id='{part}']") if part else page.locator("h1").first
        assert title in (shown.text_content() or "")
    finally:
        ctx.close()

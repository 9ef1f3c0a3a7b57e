"""The portal on a phone, measured in Chromium: skip link, 栏目 by keyboard, tel: links and
the photo viewer. Tap targets on every page kind: tests/test_page_kinds.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import require_browser
from page_kinds import KINDS, page_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ("browser",)
require_browser()

MIN_TAP = 44
PHONE = {"width": 390, "height": 844}


def _phone(browser: Browser, url: str) -> Page:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    return page


@pytest.mark.parametrize("kind", ["home", "activity", "guide", "bulletin"])
def test_skip_link_is_first_and_lands_on_content(
    browser: Browser, site_url: str, demo_site: Path, kind: str
):
    page = _phone(browser, site_url + page_path(demo_site, KINDS[kind]))
    try:
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.textContent.trim()")
        assert first == "跳到正文"
        assert page.locator(".wm-skip").bounding_box()["y"] >= 0  # shown when focused
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#wm-main"
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('.md-content')")
        assert inside, "after the skip link, Tab goes on inside the page's content"
    finally:
        page.context.close()


def test_sections_reachable_by_keyboard_on_a_phone(browser: Browser, site_url: str):
    """栏目 are plain visible links: Tab reaches each one, and none is hidden."""
    page = _phone(browser, site_url + "/")
    try:
        seen = []
        for _ in range(30):
            page.keyboard.press("Tab")
            el = page.evaluate(
                "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
                " return [e.className, e.textContent.trim(), r.width > 0 && r.height > 0]; })()"
            )
            assert el[2], f"Tab landed on an invisible element: {el}"
            if "md-tabs__link" in el[0]:
                seen.append(el[1])
        assert seen[:6] == ["首页", "实践站", "月度主题", "好人榜", "月度通报", "投稿指南"]
    finally:
        page.context.close()


def test_office_phone_is_a_tel_link(demo_site: Path):
    station = demo_site / page_path(demo_site, KINDS["station"]).strip("/") / "index.html"
    html = station.read_text(encoding="utf-8")
    assert 'href="tel:05396151457"' in html


def test_photo_viewer_opens_and_closes(browser: Browser, site_url: str, demo_site: Path):
    pages = sorted(demo_site.glob("stations/*/*/activities/*/index.html"))
    with_photos = [p for p in pages if 'class="wm-zoom"' in p.read_text(encoding="utf-8")]
    assert with_photos, "the demo has activities with photos"
    path = "/" + with_photos[0].parent.relative_to(demo_site).as_posix() + "/"
    page = _phone(browser, site_url + path)
    try:
        page.locator("a.wm-zoom").first.click()
        viewer = page.locator(".wm-viewer")
        assert viewer.is_visible()
        assert page.evaluate("document.activeElement.textContent") == "关闭"
        src = page.locator(".wm-viewer__img").get_attribute("src") or ""
        assert src.endswith(".jpg")
        page.keyboard.press("Escape")
        assert not viewer.is_visible()
        assert "wm-zoom" in page.evaluate("document.activeElement.className")
    finally:
        page.context.close()


def test_feed_opens_as_a_chinese_page(browser: Browser, site_url: str):
    """The Atom feed, opened in a browser, is shown through assets/feed.xsl."""
    page = _phone(browser, site_url + "/feed.xml")
    try:
        text = page.locator("body").inner_text()
        assert "订阅源" in text and "最新活动" in text
        assert "This XML file does not appear" not in text
        assert page.locator("li a").count() > 10
    finally:
        page.context.close()

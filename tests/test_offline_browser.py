"""What a page loads, and the offline copy opened from disk, in Chromium.

No request the page does not need: on every page kind, each request is for something the
page's own HTML or one of its stylesheets names (Material's script used to fetch
``sitemap.xml`` beside every feed link: 77 KB on the home page, a 404 twice on each
station page), none fails, none repeats.

The offline copy (``make kiosk``): opened as ``file://…/index.html``, a 栏目 tab leads to
a page (not a folder listing), and search finds and opens an activity.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

import pytest
from browser import require_browser
from page_kinds import KINDS, page_path

from site_plugins.kiosk import make_kiosk

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ("browser",)
require_browser()

PHONE = {"width": 390, "height": 844}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
# Every address the page itself names (links, scripts, images and their srcsets).
NAMED_JS = """
() => {
  const out = [];
  for (const el of document.querySelectorAll('[href], [src], [srcset]')) {
    if (el.href && typeof el.href === 'string') out.push(el.href);
    if (el.src) out.push(el.src);
    for (const part of (el.getAttribute('srcset') || '').split(',')) {
      const url = part.trim().split(/\\s+/)[0];
      if (url) out.push(new URL(url, document.baseURI).href);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_request_the_page_does_not_need(
    browser: Browser, site_url: str, demo_site: Path, kind: str
) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = ctx.new_page()
    requests: list[Any] = []

    # A def, not requests.append: Playwright tags its handlers, which a builtin refuses.
    def finished(request: Any) -> None:
        requests.append(request)

    page.on("requestfinished", finished)
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    try:
        page.goto(site_url + page_path(demo_site, KINDS[kind]), wait_until="load")
        # Material's sitemap fetches started at DOMContentLoaded: a local server answers a
        # request like them well within this (cheaper than waiting for network idle).
        page.wait_for_timeout(400)
        named = {urldefrag(u).url for u in page.evaluate(NAMED_JS)} | {page.url}
        for request in requests:
            if request.resource_type == "stylesheet":
                css = request.response().text()
                named |= {urljoin(request.url, u) for u in CSS_URL.findall(css)}
        urls = [urldefrag(r.url).url for r in requests]
        statuses = {r.url: r.response().status for r in requests}
    finally:
        ctx.close()
    assert not failed, failed
    assert not [u for u in urls if "sitemap" in u]
    assert [u for u, s in statuses.items() if s >= 400] == []
    assert len(urls) == len(set(urls)), sorted(urls)
    unasked = sorted(u for u in urls if u not in named)
    assert unasked == [], f"{kind}: requests the page does not name: {unasked}"
    # Not an empty pass: the page did load its own stylesheets and scripts.
    assert any(u.endswith(".css") for u in urls) and any(u.endswith(".js") for u in urls)


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

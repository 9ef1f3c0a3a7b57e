"""The demo site in headless Chromium: 适老化 reading modes, contrast, and no outside loads.

The 「大字」 (large font) and 「高对比」 (high contrast) buttons of the toolbar above the
header: they change what the reader sees, report their state through aria-pressed, work
from the keyboard, and are remembered from page to page. Colours are measured from the
computed styles and compared with WCAG contrast ratios: 4.5:1 for every text colour by
default, 7:1 in high-contrast mode. Finally, no page loads anything from another host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import PHONE, contrast, require_browser, settle, text_contrast

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytest_plugins = ("browser",)
require_browser()

LARGE = 'button[data-wm-mode="large"]'
CONTRAST = 'button[data-wm-mode="contrast"]'
BODY_TEXT = ".wm-body p"
LINK = ".wm-neighbours a"
AA, AAA = 4.5, 7.0

# Records, as the header is parsed, which classes <html> had by then: the saved modes must
# already be there, i.e. applied before anything visible was painted.
WATCH_HEADER = """
new MutationObserver(function (records, observer) {
  if (document.querySelector("header.md-header")) {
    window.__wmClassesAtHeader = document.documentElement.className;
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def _first_page(site: Path, pattern: str, *needs: str) -> str:
    """URL path of the first page matching ``pattern`` whose HTML has every class in ``needs``."""
    for path in sorted(site.glob(pattern)):
        html = path.read_text(encoding="utf-8")
        if all(f'class="{cls}' in html for cls in needs):
            return "/" + path.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"the demo site has no {pattern} with {needs}")


@pytest.fixture(scope="module")
def activity(demo_site: Path) -> str:
    """An activity page with the parts measured below: body text, facts, crumbs, links."""
    return _first_page(
        demo_site, "stations/*/*/activities/*/index.html", "wm-body", "wm-facts", "wm-neighbours"
    )


@pytest.fixture(scope="module")
def honoree(demo_site: Path) -> str:
    return _first_page(demo_site, "stations/*/*/honorees/*/index.html")


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    return page


def _px(page: Page, selector: str, prop: str) -> float:
    value = page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}")
    return float(value.removesuffix("px"))


def _pressed(page: Page, selector: str) -> str | None:
    return page.locator(selector).get_attribute("aria-pressed")


def _html_classes(page: Page) -> set[str]:
    return set(page.evaluate("document.documentElement.className").split())


def test_toolbar_has_two_labelled_buttons(context: BrowserContext, site_url: str, activity: str):
    page = _open(context, site_url + activity)
    for selector, label in ((LARGE, "大字"), (CONTRAST, "高对比")):
        button = page.locator(selector)
        assert button.evaluate("e => e.tagName") == "BUTTON"
        assert button.inner_text().strip() == label
        assert button.get_attribute("type") == "button"
        assert _pressed(page, selector) == "false"
        assert button.is_visible()
        box = button.bounding_box()
        assert box is not None
        assert box["width"] >= 44 and box["height"] >= 44, f"{label} tap target {box}"
        # Above the header, inside Material's banner (no dismiss button there).
        header_top = page.locator("header.md-header").bounding_box()
        assert header_top is not None and box["y"] + box["height"] <= header_top["y"]
    assert page.locator(".md-banner__button").count() == 0


def test_large_font_enlarges_persists_and_restores(
    context: BrowserContext, site_url: str, activity: str
):
    url = site_url + activity
    page = _open(context, url)
    size, line = _px(page, BODY_TEXT, "fontSize"), _px(page, BODY_TEXT, "lineHeight")

    page.click(LARGE)
    assert _pressed(page, LARGE) == "true"
    assert _pressed(page, CONTRAST) == "false"
    large, large_line = _px(page, BODY_TEXT, "fontSize"), _px(page, BODY_TEXT, "lineHeight")
    assert large >= 1.2 * size, (size, large)
    assert large_line > line * 1.25, (line, large_line)
    box = page.locator(LARGE).bounding_box()
    assert box is not None and box["height"] >= 44

    # A new page in the same browser: still large, and already so when the header was parsed.
    page.close()
    context.add_init_script(WATCH_HEADER)
    page = _open(context, url)
    assert "wm-large" in page.evaluate("window.__wmClassesAtHeader").split()
    assert _pressed(page, LARGE) == "true"
    assert _px(page, BODY_TEXT, "fontSize") == large

    page.click(LARGE)
    assert _pressed(page, LARGE) == "false"
    assert _px(page, BODY_TEXT, "fontSize") == size
    page.reload()
    assert "wm-large" not in _html_classes(page)
    assert _px(page, BODY_TEXT, "fontSize") == size


def test_keyboard_only(context: BrowserContext, site_url: str, activity: str):
    page = _open(context, site_url + activity)
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{LARGE}')"):
            break
    else:
        pytest.fail("Tab never reached the 大字 button")
    # A visible focus ring.
    ring = page.locator(LARGE).evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert ring[0] != "none" and float(ring[1].removesuffix("px")) >= 2, ring

    page.keyboard.press("Space")
    assert _pressed(page, LARGE) == "true" and "wm-large" in _html_classes(page)
    page.keyboard.press("Enter")
    assert _pressed(page, LARGE) == "false" and "wm-large" not in _html_classes(page)

    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.matches('{CONTRAST}')")
    page.keyboard.press("Enter")
    assert _pressed(page, CONTRAST) == "true" and "wm-contrast" in _html_classes(page)


def test_high_contrast_colours(context: BrowserContext, site_url: str, activity: str):
    page = _open(context, site_url + activity)
    page.click(CONTRAST)
    assert _pressed(page, CONTRAST) == "true"
    settle(page)
    checks = {
        "body text": BODY_TEXT,
        "link": LINK,
        "breadcrumb": ".wm-crumbs",
        "breadcrumb link": ".wm-crumbs a",
        "fact label": ".wm-facts dt",
        "title": "article h1",
        "header": ".md-header__topic",
        "footer": ".md-copyright",
        "toolbar button": LARGE,
        "pressed button": CONTRAST,
    }
    ratios = {name: round(text_contrast(page, sel), 2) for name, sel in checks.items()}
    assert all(r >= AAA for r in ratios.values()), ratios
    underline = page.locator(LINK).first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in underline

    # Remembered on the next page too.
    other = _open(context, site_url + "/guide/")
    assert "wm-contrast" in _html_classes(other)
    assert text_contrast(other, ".md-content p") >= AAA


def test_default_colours_readable(context: BrowserContext, site_url: str, activity: str):
    page = _open(context, site_url + activity)
    checks = {
        "body text": BODY_TEXT,
        "link": LINK,
        "breadcrumb": ".wm-crumbs",
        "breadcrumb link": ".wm-crumbs a",
        "fact label": ".wm-facts dt",
        "title": "article h1",
        "header": ".md-header__topic",
        "footer": ".md-copyright",
        "toolbar button": LARGE,
    }
    ratios = {name: round(text_contrast(page, sel), 2) for name, sel in checks.items()}
    assert all(r >= AA for r in ratios.values()), ratios
    # Keyboard focus turns links to the accent colour: that must stay readable too.
    page.locator(LINK).first.focus()
    settle(page)
    assert text_contrast(page, LINK + ":focus") >= AA


def test_without_javascript_and_in_print(
    browser_no_js: Page, context: BrowserContext, site_url: str, activity: str
):
    # No JavaScript: buttons that could do nothing are not shown, and take no room.
    page = browser_no_js
    page.goto(site_url + activity)
    assert not page.locator(LARGE).is_visible()
    # The masthead (emblem and name) stays; only the toolbar takes no room.
    toolbar = page.locator(".wm-reading").bounding_box()
    assert toolbar is None or toolbar["height"] == 0
    assert page.locator(BODY_TEXT).is_visible()

    # Print: no toolbar, and high contrast does not print yellow on white paper.
    page = _open(context, site_url + activity)
    page.click(CONTRAST)
    page.emulate_media(media="print")
    settle(page)
    assert not page.locator(LARGE).is_visible()
    assert text_contrast(page, BODY_TEXT) >= AAA


@pytest.fixture
def browser_no_js(browser: Browser) -> Iterator[Page]:
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def test_loads_nothing_from_other_hosts(
    context: BrowserContext, site_url: str, activity: str, honoree: str
):
    local: list[str] = []
    context.on("request", lambda request: local.append(request.url))
    for path in ("/", activity, honoree, "/guide/"):
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        # Hints that open connections without a request event of their own.
        hints = page.eval_on_selector_all(
            "link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=prefetch],"
            " link[rel~=preload], link[rel~=stylesheet], link[rel~=icon],"
            " script[src], img[src], iframe[src]",
            "els => els.map(e => e.href || e.src)",
        )
        foreign = [h for h in hints if h and not h.startswith(site_url)]
        assert not foreign, f"{path} points at other hosts: {foreign}"
        page.close()
    assert context.external_requests == []  # type: ignore[attr-defined]
    assert any(url.endswith(".js") for url in local), "the pages' scripts were not recorded"


def test_contrast_formula():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1)
    # Material's grey #757575 on white, and its red #ef5552: the values quoted in the CSS.
    assert contrast((0x75, 0x75, 0x75), (255, 255, 255)) == pytest.approx(4.61, abs=0.01)
    assert contrast((0xEF, 0x55, 0x52), (255, 255, 255)) == pytest.approx(3.45, abs=0.01)

"""Every page kind (tests/page_kinds.py), opened in headless Chromium as the public opens it:
on a phone (390 px) and on a desktop (1280 px). One visit per width checks all of:

- **axe-core, 0 serious or critical violations** (vendored from npm, pinned:
  tests/vendor/axe-core/, ``scripts/vendor_axe.py``; WCAG 2.x A/AA and best practice) in the
  normal, 「大字」 and 「高对比」 reading modes. A reading mode is a class on <html>
  (reading-mode.js): the page is loaded once per width and the class switched in place, as
  the header's buttons do, with transitions off so colours are measured settled. 「大字」
  changes sizes, not colours (only its own pressed button is recoloured), so in that mode
  the colour-contrast rule, most of axe's time, runs on the reading buttons alone; every
  other rule runs on the whole page in every mode, at both widths.
- **Tap targets** (phone): every visible link and button outside running text (a sentence
  in a paragraph, which WCAG exempts) is at least 44 × 44 CSS pixels.
- **No request the page does not need** (phone): each request is for something the page's
  own HTML or one of its stylesheets names (Material's script used to fetch
  ``sitemap.xml`` beside every feed link: 77 KB on the home page, a 404 twice on each station
  page), none fails, none repeats.

One test per kind: `make test` hands them out one by one (tests/conftest.py, SPREAD). The
/admin/ form is Decap's and not ours: not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

import pytest
from browser import require_browser
from page_kinds import KINDS, page_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ("browser",)
require_browser()

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_TAP = 44
# Reading mode → its class on <html> (theme_overrides/partials/reading-mode.html).
MODES = {"normal": "", "large": "wm-large", "contrast": "wm-contrast"}
BLOCKING = {"serious", "critical"}
# 「大字」 recolours nothing but its own pressed button (reading-mode.css, portal.css).
LARGE_RECOLOURS = ".wm-reading__button"

NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)
RUN_ALL = "{resultTypes: ['violations']}"
RUN_WITHOUT_CONTRAST = "{resultTypes: ['violations'], rules: {'color-contrast': {enabled: false}}}"
RUN_CONTRAST_ONLY = "{resultTypes: ['violations'], runOnly: ['color-contrast']}"

# Targets smaller than 44 px, except links inside running text (p, figcaption, li of
# plain prose in the Markdown body), which WCAG exempts; hidden ones do not count.
SMALL_TARGETS_JS = """
(min) => {
  const inText = (el) => {
    const block = el.closest('p, figcaption, .wm-body li, .md-typeset > ul > li, .md-typeset > ol > li, .admonition li, dd');
    return block && block.textContent.trim() !== el.textContent.trim();
  };
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, [role=button], input, select')) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === 'hidden' || el.closest('[hidden]')) continue;
    if (el.closest('.wm-skip, .md-footer-meta, .md-top') && el.matches('.wm-skip')) continue;
    if (inText(el)) continue;
    if (r.width < min - 0.5 || r.height < min - 0.5)
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
}
"""

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


# --- axe ------------------------------------------------------------------------------


def run_axe(page: Page, options: str = RUN_ALL, context: str = "document") -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    result: dict[str, Any] = page.evaluate(f"() => axe.run({context}, {options})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['impact']} {v['id']} ×{len(v['nodes'])}: {v['help']} — {targets}")
    return "\n".join(lines)


def prepare_for_axe(page: Page) -> None:
    page.add_style_tag(content=NO_TRANSITIONS)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))


def set_mode(page: Page, name: str) -> None:
    page.evaluate(
        """(on) => { const c = document.documentElement.classList;
                     c.remove('wm-large', 'wm-contrast'); if (on) c.add(on); }""",
        MODES[name],
    )


def violations_in(page: Page, mode: str) -> list[dict[str, Any]]:
    set_mode(page, mode)
    if mode != "large":
        return run_axe(page)
    buttons = f"{{include: [[{LARGE_RECOLOURS!r}]]}}"
    return run_axe(page, RUN_WITHOUT_CONTRAST) + run_axe(page, RUN_CONTRAST_ONLY, buttons)


def axe_failures(page: Page, label: str) -> list[str]:
    prepare_for_axe(page)
    failures = []
    for mode in MODES:
        found = [v for v in violations_in(page, mode) if v["impact"] in BLOCKING]
        if found:
            failures.append(f"axe {label} {mode}:\n{describe(found)}")
    return failures


# --- requests -------------------------------------------------------------------------


def request_failures(page: Page, requests: list[Any], failed: list[str]) -> list[str]:
    """What is wrong with the requests the page made while it loaded."""
    named = {urldefrag(u).url for u in page.evaluate(NAMED_JS)} | {page.url}
    for request in requests:
        if request.resource_type == "stylesheet":
            css = request.response().text()
            named |= {urljoin(request.url, u) for u in CSS_URL.findall(css)}
    urls = [urldefrag(r.url).url for r in requests]
    statuses = {r.url: r.response().status for r in requests}
    problems = {
        "failed": failed,
        "sitemap": [u for u in urls if "sitemap" in u],
        "status ≥ 400": [u for u, s in statuses.items() if s >= 400],
        "repeated": sorted({u for u in urls if urls.count(u) > 1}),
        "not named by the page": sorted(u for u in urls if u not in named),
    }
    out = [f"requests {what}: {found}" for what, found in problems.items() if found]
    # Not an empty pass: the page did load its own stylesheets and scripts.
    if not (any(u.endswith(".css") for u in urls) and any(u.endswith(".js") for u in urls)):
        out.append(f"requests: no stylesheet or no script loaded: {urls}")
    return out


# --- the sweep ------------------------------------------------------------------------


def open_page(
    browser: Browser, url: str, viewport: dict[str, int]
) -> tuple[Page, list[Any], list[str]]:
    phone = viewport["width"] < 600
    context = browser.new_context(
        viewport=viewport, is_mobile=phone, has_touch=phone, locale="zh-CN"
    )
    context.add_init_script("try{localStorage.removeItem('wm-reading-mode')}catch(e){}")
    page = context.new_page()
    requests: list[Any] = []
    failed: list[str] = []

    # A def, not requests.append: Playwright tags its handlers, which a builtin refuses.
    def finished(request: Any) -> None:
        requests.append(request)

    page.on("requestfinished", finished)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(url, wait_until="load")
    return page, requests, failed


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_page_kind_on_a_phone_and_a_desktop(
    browser: Browser, site_url: str, demo_site: Path, kind: str
) -> None:
    url = site_url + page_path(demo_site, KINDS[kind])
    failures = []
    page, requests, failed = open_page(browser, url, PHONE)
    try:
        # Material's sitemap fetches started at DOMContentLoaded: a local server answers a
        # request like them well within this (cheaper than waiting for network idle).
        page.wait_for_timeout(400)
        failures += request_failures(page, requests, failed)
        small = page.evaluate(SMALL_TARGETS_JS, MIN_TAP)
        if small:
            failures.append("tap targets under 44 px:\n" + "\n".join(small))
        failures += axe_failures(page, "390px")
    finally:
        page.context.close()
    page, _, _ = open_page(browser, url, DESKTOP)
    try:
        failures += axe_failures(page, "1280px")
    finally:
        page.context.close()
    assert not failures, f"{kind}:\n" + "\n".join(failures)


# --- the sweep's instruments measure something -------------------------------------------


def test_a_reading_mode_is_really_switched(browser: Browser, site_url: str) -> None:
    """The sweep's modes are live: the class switch changes the page's type and colours."""
    page, _, _ = open_page(browser, site_url + "/", PHONE)
    try:
        prepare_for_axe(page)
        look = "() => { const s = getComputedStyle(document.body); return [s.fontSize, s.color]; }"
        normal = page.evaluate(look)
        set_mode(page, "large")
        large = page.evaluate(look)
        set_mode(page, "contrast")
        contrast = page.evaluate(look)
    finally:
        page.context.close()
    assert large[0] != normal[0], (normal, large)
    assert contrast[1] != normal[1], (normal, contrast)


BAD_PAGE = (
    '<html lang="zh"><head><title>样例</title></head><body><main>'
    '<p style="color:#bbb;background:#fff">浅灰色的字</p><button></button>'
    '<a href="#x" style="display:inline-block;width:20px;height:20px">小</a>'
    "</main></body></html>"
)


def test_axe_and_the_tap_check_report_a_bad_page(browser: Browser) -> None:
    """Grey on white, an unnamed button, a 20 px link: the sweep passing means something."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.set_content(BAD_PAGE)
        small = page.evaluate(SMALL_TARGETS_JS, MIN_TAP)
        prepare_for_axe(page)
        found = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    finally:
        context.close()
    assert {"color-contrast", "button-name"} <= found, found
    assert any("20×20" in s for s in small), small

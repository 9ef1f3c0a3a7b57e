"""axe-core over every page kind: 0 serious or critical violations.

Each kind of page (home, station lists, township, station, a station's month, activity,
honoree, honour roll, themes, bulletins, guide) is opened in headless Chromium at a phone
width (390 px) and a desktop width (1280 px), in the normal, 「大字」 and 「高对比」 reading
modes, and checked with axe-core (vendored from npm, pinned: tests/vendor/axe-core/,
``scripts/vendor_axe.py``). The /admin/ form is Decap's and not ours: not checked here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import require_browser

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ("browser",)
require_browser()

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
# The value reading-mode.js stores; the inline script in the header applies it at once.
MODES = {"normal": "", "large": "large", "contrast": "contrast"}
BLOCKING = {"serious", "critical"}

# One page of each kind, as a glob under the built site (the first match is taken).
KINDS = {
    "home": "index.html",
    "stations": "stations/index.html",
    "township": "stations/*/index.html",
    "station": "stations/*/*/index.html",
    "station-month": "stations/*/*/2026/*/index.html",
    "activity": "stations/*/*/activities/*/index.html",
    "honoree": "stations/*/*/honorees/*/index.html",
    "honor-roll": "honorees/index.html",
    "themes": "themes/index.html",
    "theme-year": "themes/2026/index.html",
    "theme-month": "themes/2026/06/index.html",
    "bulletins": "bulletins/index.html",
    "bulletin": "bulletins/2026/06/index.html",
    "guide": "guide/index.html",
    "guide-reference": "guide/reference/index.html",
}


def page_path(site: Path, pattern: str) -> str:
    """Site path of the first built page matching ``pattern``."""
    found = sorted(site.glob(pattern))
    assert found, f"the demo site has no {pattern}"
    return "/" + found[0].relative_to(site).as_posix().removesuffix("index.html")


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as loaded, WCAG 2.x A/AA and best practice."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['impact']} {v['id']} ×{len(v['nodes'])}: {v['help']} — {targets}")
    return "\n".join(lines)


def open_page(browser: Browser, url: str, width: int, mode: str) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=width < 600,
        has_touch=width < 600,
        locale="zh-CN",
    )
    context.add_init_script(f"try{{localStorage.setItem('wm-reading-mode', {mode!r})}}catch(e){{}}")
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_serious_violations(browser: Browser, site_url: str, demo_site: Path, kind: str):
    url = site_url + page_path(demo_site, KINDS[kind])
    failures = []
    for width in WIDTHS:
        for name, mode in MODES.items():
            page = open_page(browser, url, width, mode)
            try:
                found = [v for v in run_axe(page) if v["impact"] in BLOCKING]
            finally:
                page.context.close()
            if found:
                failures.append(f"{kind} {width}px {name}:\n{describe(found)}")
    assert not failures, "\n".join(failures)

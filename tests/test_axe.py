"""axe-core over every page kind: 0 serious or critical violations.

Each kind of page (tests/page_kinds.py) is opened in headless Chromium at a phone width
(390 px) and a desktop width (1280 px) and checked with axe-core (vendored from npm,
pinned: tests/vendor/axe-core/, ``scripts/vendor_axe.py``) in the normal, 「大字」 and
「高对比」 reading modes. The /admin/ form is Decap's and not ours: not checked here.

A reading mode is a class on <html> (reading-mode.js); the page is loaded once per width
and the class switched in place, as the header's buttons do, rather than loaded again.
「大字」 changes sizes, not colours (only its own pressed button is recoloured), so in that
mode the colour-contrast rule, most of axe's time, runs on the reading buttons alone; every
other rule runs on the whole page in every mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import require_browser
from page_kinds import KINDS, page_path

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ("browser",)
require_browser()

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
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


def run_axe(page: Page, options: str = RUN_ALL, context: str = "document") -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.x A/AA and best practice)."""
    result: dict[str, Any] = page.evaluate(f"() => axe.run({context}, {options})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['impact']} {v['id']} ×{len(v['nodes'])}: {v['help']} — {targets}")
    return "\n".join(lines)


def open_page(browser: Browser, url: str, width: int) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        is_mobile=width < 600,
        has_touch=width < 600,
        locale="zh-CN",
    )
    context.add_init_script("try{localStorage.removeItem('wm-reading-mode')}catch(e){}")
    page = context.new_page()
    page.goto(url, wait_until="load")
    # Switched in place, a mode would otherwise be measured halfway through Material's
    # colour transitions (links fade over 125 ms).
    page.add_style_tag(content=NO_TRANSITIONS)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page


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


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_serious_violations(browser: Browser, site_url: str, demo_site: Path, kind: str):
    url = site_url + page_path(demo_site, KINDS[kind])
    failures = []
    for width in WIDTHS:
        page = open_page(browser, url, width)
        try:
            for mode in MODES:
                found = [v for v in violations_in(page, mode) if v["impact"] in BLOCKING]
                if found:
                    failures.append(f"{kind} {width}px {mode}:\n{describe(found)}")
        finally:
            page.context.close()
    assert not failures, "\n".join(failures)


def test_a_reading_mode_is_really_switched(browser: Browser, site_url: str) -> None:
    """The sweep's modes are live: the class switch changes the page's type and colours."""
    page = open_page(browser, site_url + "/", 390)
    try:
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


def test_axe_reports_a_real_violation(browser: Browser) -> None:
    """Grey on white and an unnamed button: the sweep above passing means something."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="zh"><head><title>样例</title></head><body><main>'
            '<p style="color:#bbb;background:#fff">浅灰色的字</p><button></button>'
            "</main></body></html>"
        )
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = {v["id"] for v in run_axe(page) if v["impact"] in BLOCKING}
    finally:
        context.close()
    assert {"color-contrast", "button-name"} <= found, found

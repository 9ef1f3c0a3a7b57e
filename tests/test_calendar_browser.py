"""The reader's current month is highlighted by the browser, not by the build."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from browser import require_browser

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

pytest_plugins = ("browser",)
require_browser()


@pytest.mark.parametrize("month", [3, 11])
def test_readers_month_is_highlighted(context: BrowserContext, site_url: str, month: int) -> None:
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2026, month, 15, 10, 0))
    page.goto(f"{site_url.rstrip('/')}/themes/2026/")
    current = page.locator(".wm-month-cell.wm-current")
    assert current.count() == 1
    assert current.get_attribute("data-month") == f"2026-{month:02d}"
    assert current.get_attribute("aria-current") == "date"


def test_no_highlight_in_another_year(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2031, 6, 15, 10, 0))
    page.goto(f"{site_url.rstrip('/')}/themes/2026/")
    assert page.locator(".wm-month-cell").count() == 12
    assert page.locator(".wm-current").count() == 0

"""One page of each kind of the demo site, shared by the suites that check every kind.

The browser sweep (tests/test_page_kinds.py: axe-core, tap targets, requests) and the W3C
Nu checker (tests/test_html_valid.py) read the same list, so a new page kind added here is
checked by both. Each value is a glob under the built site; the first match (in
sorted order) is the page checked.
"""

from __future__ import annotations

from pathlib import Path

KINDS = {
    "home": "index.html",
    "stations": "stations/index.html",
    "township": "stations/*/index.html",
    "station": "stations/*/*/index.html",
    "station-month": "stations/*/*/2026/*/index.html",
    "activity": "stations/*/*/activities/*/index.html",
    "plan": "stations/*/*/plans/*/index.html",
    "honoree": "stations/*/*/honorees/*/index.html",
    "honor-roll": "honorees/index.html",
    "centre": "centre/index.html",
    "team": "centre/teams/*/index.html",
    "menu": "menu/index.html",
    "unit-menu": "stations/*/*/menu/index.html",
    "venues": "venues/index.html",
    "themes": "themes/index.html",
    "theme-year": "themes/2026/index.html",
    "theme-month": "themes/2026/06/index.html",
    "bulletins": "bulletins/index.html",
    "bulletin": "bulletins/2026/06/index.html",
    "open-data": "open-data/index.html",
    "guide": "guide/index.html",
    "guide-reference": "guide/reference/index.html",
}


def page_file(site: Path, pattern: str) -> Path:
    """The first built file matching ``pattern``."""
    found = sorted(site.glob(pattern))
    assert found, f"the demo site has no {pattern}"
    return found[0]


def page_path(site: Path, pattern: str) -> str:
    """Site path of the first built page matching ``pattern``."""
    return "/" + page_file(site, pattern).relative_to(site).as_posix().removesuffix("index.html")

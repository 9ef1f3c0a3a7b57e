"""Which pages and files the city portal has.

``/`` counties side by side; ``/bulletins/`` and one city 通报 per period (the same
addresses as a county's 通报); ``/honorees/`` the merged honor roll; ``/plans/`` the
merged calendar of plans; ``search/city.json`` the index the portal's search box reads.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import partial

from site_plugins import routes
from site_plugins.bulletins.views import period_url
from site_plugins.city import report, views
from site_plugins.city.exports import CountyExport
from site_plugins.plans import Planned, PlannedFile, PlannedPage

COLUMN_HOME = "首页"
COLUMN_BULLETINS = "全市通报"


def search_index(exports: Sequence[CountyExport], today: dt.date) -> str:
    """[kind, name, where, detail, url] for every honoree, station and coming plan."""
    rows: list[list[str | None]] = []
    for e in exports:
        for s in e.tables.get("stations", ()):
            where = f"{e.entry.name}{s.get('township_name', '')}"
            rows.append(
                ["实践站", str(s.get("full_name", "")), where, "", e.link(str(s.get("url", "")))]
            )
    for h in views.honorees(exports):
        rows.append(["身边好人", h.name, f"{h.county}{h.place}", h.detail, h.url])
    for p in views.plans(exports, today):
        rows.append(["活动预告", p.name, f"{p.county}{p.place}", f"{p.when} {p.detail}", p.url])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"


def plan(
    name: str, exports: Sequence[CountyExport], today: dt.date, stale_after_days: int
) -> list[Planned]:
    periods = report.periods(exports)
    stale = views.stale_slugs(exports, today, stale_after_days)
    pages: list[Planned] = [
        PlannedPage(
            routes.HOME,
            None,
            "city-home.html",
            COLUMN_HOME,
            partial(views.home_view, name, exports, today, stale_after_days),
            column_type="首页",
            exists=True,
        ),
        PlannedPage(
            routes.BULLETINS,
            "全市通报",
            "city-bulletins.html",
            COLUMN_BULLETINS,
            partial(views.bulletins_view, name, periods),
        ),
        PlannedPage(
            routes.HONOR_ROLL,
            "身边好人",
            "city-honorees.html",
            "身边好人",
            partial(views.roll_view, name, exports),
        ),
        PlannedPage(
            routes.CITY_PLANS,
            "活动预告",
            "city-plans.html",
            "活动预告",
            partial(views.plans_view, name, exports, today),
        ),
        PlannedFile(routes.CITY_SEARCH, search_index(exports, today)),
    ]
    for period in periods:
        pages.append(
            PlannedPage(
                period_url(period),
                f"{name}{period.label}工作通报",
                "city-bulletin.html",
                COLUMN_BULLETINS,
                partial(views.bulletin_view, name, exports, period, periods, stale),
            )
        )
    return pages

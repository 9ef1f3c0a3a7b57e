"""Which 通报 pages and notice-board sheets the site has.

``/bulletins/`` (every month), ``/bulletins/<year>/<month>/`` (the county) and one per
township; with sheets on, ``/sheets/<year>/<month>/`` and one sheet per station and paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from site_plugins import routes
from site_plugins.bulletins import report, sheet, views
from site_plugins.bulletins.report import Month
from site_plugins.content.catalogue import Catalogue, Period, Station
from site_plugins.media.renditions import PhotoSet
from site_plugins.plans import (
    COUNTED,
    PLAN_REPORTS,
    UNITS,
    Dependency,
    Planned,
    PlannedPage,
    counted_dependency,
    township_honorees,
)

COLUMN = "月度通报"
COUNTS = frozenset({"activities", "honorees", "stations", "themes", "county"})


def _no_photos() -> Mapping[str, PhotoSet]:
    return {}


@dataclass(frozen=True)
class BulletinOptions:
    months: tuple[Month, ...]  # the months that have a 通报 (report.bulletin_months)
    sheet_months: tuple[Month, ...] = ()  # the months whose sheets are made; () for none
    site_url: str = ""  # what the sheets' QR codes point into
    # The photo renditions, read when a sheet is drawn (made after the plan).
    photos: Callable[[], Mapping[str, PhotoSet]] = field(default=_no_photos)


def plan(catalogue: Catalogue, options: BulletinOptions) -> list[Planned]:
    periods = report.periods_of(options.months)
    pages: list[Planned] = [
        PlannedPage(
            routes.BULLETINS,
            COLUMN,
            "bulletins.html",
            COLUMN,
            partial(views.index_view, catalogue, periods),
            # Each period's activity count, theme and link; no entry of its own.
            frozenset({COUNTED, "months", "themes", "county"}),
        )
    ]
    for period in periods:
        pages.append(_bulletin(catalogue, periods, period, None, f"{period.label}工作通报"))
        for township in catalogue.townships:
            title = f"{township.name}{period.label}工作通报"
            pages.append(_bulletin(catalogue, periods, period, township.slug, title))
    for month in options.sheet_months:
        label = report.month_label(month)
        pages.append(
            PlannedPage(
                routes.sheets_month(month),
                f"{label}张贴公示",
                "sheets.html",
                COLUMN,
                partial(views.sheets_index_view, catalogue, month),
                frozenset({"stations"}),
            )
        )
        for station in catalogue.stations:
            for paper in sheet.PAPERS:
                pages.append(_sheet(catalogue, options, station, month, paper))
    return pages


def _bulletin(
    catalogue: Catalogue,
    periods: tuple[Period, ...],
    period: Period,
    township: str | None,
    title: str,
) -> PlannedPage:
    def view() -> views.Bulletin:
        found = report.period_report(catalogue, period, township)
        return views.bulletin_view(catalogue, found, periods)

    url = views.period_url(period, township)
    return PlannedPage(url, title, "bulletin.html", COLUMN, view, period_depends(period, township))


def period_depends(period: Period, township: str | None) -> frozenset[Dependency]:
    """What a period's 通报 shows (report.period_report): the counted fields of the
    activities in scope over the period and the one before it (the comparison; the
    previous period's own rows count the period before that, but only their totals are
    shown, which do not read it), the stations' names (``units``), the honorees (a
    township's own), the plans none reported (``plans``, ``plan-reports``), the 四单
    orders, and the links to every period's 通报 (``months``). Never an activity's
    title: editing one leaves every 通报 as it was."""
    months = {*period.months, *period.previous.months}
    counted = {counted_dependency(y, m, township) for y, m in months}
    honorees = "honorees" if township is None else township_honorees(township)
    shown = {UNITS, honorees, "plans", PLAN_REPORTS, "service", "months", "themes", "county"}
    return frozenset(counted | shown)


def bulletin_depends(township: str | None) -> frozenset[str]:
    """A township's 通报 counts only its own stations' records (the county's, every one),
    and links to every month's 通报 (its workbook too: site_plugins.open_data)."""
    if township is None:
        return COUNTS
    return frozenset({f"township:{township}", "months", "themes", "county"})


def _sheet(
    catalogue: Catalogue, options: BulletinOptions, station: Station, month: Month, paper: str
) -> PlannedPage:
    def view() -> sheet.Sheet:
        return sheet.station_sheet(
            catalogue, station, month, paper, photos=options.photos(), site_url=options.site_url
        )

    title = f"{station.name}{report.month_label(month)}公示（{sheet.PAPERS[paper].name}）"
    depends = frozenset({f"station:{station.key}", "themes", "county"})
    return PlannedPage(
        sheet.sheet_url(station, month, paper), title, "sheet.html", COLUMN, view, depends
    )

"""Data for the theme calendar: years, a year of twelve months, one month's review page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from site_plugins import dates, figures, routes
from site_plugins.bulletins.report import bulletin_months
from site_plugins.calendar.festivals import Observance
from site_plugins.content.catalogue import Activity, Catalogue, MonthlyTheme, ThemeYear
from site_plugins.plans import Crumb, Link, View

MONTH_NAMES = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


@dataclass(frozen=True)
class Day:
    date: str  # 6月19日
    iso: str
    name: str
    note: str
    kind: str


@dataclass(frozen=True)
class MonthCell:
    month: int
    key: str  # 2026-06, for the reader's-today highlight
    label: str  # 六月
    theme: MonthlyTheme | None  # None: 待定 in a draft year
    days: list[Day]
    activities: int
    url: str


@dataclass(frozen=True)
class ListedActivity:
    date: str  # 2026-06-19
    title: str
    url: str


@dataclass(frozen=True)
class StationGroup:
    name: str
    url: str
    activities: list[ListedActivity]


@dataclass(frozen=True)
class TownshipGroup:
    name: str
    url: str
    stations: list[StationGroup]
    inactive: list[Link]  # stations with no activity this month


def theme_activities(catalogue: Catalogue, year: int, month: int) -> list[Activity]:
    """Activities serving this month's theme (主题活动), newest first."""
    return figures.theme_activities(catalogue.activities_newest_first, (year, month))


def lists_county_month(count: int, list_limit: int | None) -> bool:
    """Whether the county's theme month page lists its ``count`` activities themselves,
    or (above ``list_limit``) only how many each unit has; its plan depends on which."""
    return list_limit is None or count <= list_limit


def days(observances: Sequence[Observance]) -> list[Day]:
    return [
        Day(dates.month_day(o.date), dates.iso(o.date), o.name, o.note, o.kind) for o in observances
    ]


@dataclass(frozen=True)
class YearLink:
    year: int
    url: str
    draft: bool
    activities: int


@dataclass(frozen=True)
class ThemeYears(View):
    """Every year that has monthly themes."""

    context_name: ClassVar[str] = "theme_years"
    years: list[YearLink]


def years_view(catalogue: Catalogue) -> ThemeYears:
    return ThemeYears(
        [
            YearLink(
                y.year,
                routes.theme_year(y.year),
                y.draft,
                sum(1 for a in catalogue.activities if a.date.year == y.year),
            )
            for y in catalogue.theme_years
        ]
    )


@dataclass(frozen=True)
class ThemeYearView(View):
    """A year's twelve themes, festivals and activity counts on one sheet."""

    context_name: ClassVar[str] = "theme_year"
    year: int
    draft: bool
    cells: list[MonthCell]
    ics: str | None
    county: str


def year_view(
    catalogue: Catalogue,
    theme_year: ThemeYear,
    by_month: dict[int, list[Observance]],
    *,
    has_ics: bool,
) -> ThemeYearView:
    year = theme_year.year
    counts = figures.theme_counts(catalogue.activities, year)
    cells = [
        MonthCell(
            month,
            f"{year}-{month:02d}",
            f"{MONTH_NAMES[month - 1]}月",
            theme_year.month(month),
            days(by_month.get(month, [])),
            counts[month - 1],
            routes.theme_month((year, month)),
        )
        for month in range(1, 13)
    ]
    return ThemeYearView(
        year=year,
        draft=theme_year.draft,
        cells=cells,
        ics=routes.themes_ics(year) if has_ics else None,
        county=catalogue.county.meta.name,
    )


@dataclass(frozen=True)
class TownshipRow:
    """One township's line in a month's county table."""

    name: str
    url: str  # the township's page of this month
    active: int  # stations with at least one activity
    stations: int
    activities: int


@dataclass(frozen=True)
class ThemeMonth(View):
    """A month's theme, its days and what the county (or one township) did for it."""

    context_name: ClassVar[str] = "theme_month"
    year: int
    month: int
    key: str  # 2026-06, for the reader's-today highlight
    crumbs: list[Crumb]
    theme: MonthlyTheme | None
    days: list[Day]
    undated: list[str]  # days the theme names that have no known date
    township: str | None  # the township's institute, on a township's page
    county_month_url: str
    bulletin_url: str | None  # the month's 通报 (all activities), once the month has begun
    total: int
    stations_active: int
    stations_total: int
    rows: list[TownshipRow]
    groups: list[TownshipGroup]
    year_url: str
    previous: str | None
    next: str | None


def month_view(
    catalogue: Catalogue,
    theme_year: ThemeYear,
    month: int,
    observances: Sequence[Observance],
    *,
    township: str | None = None,
    undated: Sequence[str] = (),
    list_limit: int | None = None,
    activities_of: Callable[[], list[Activity]] | None = None,
) -> ThemeMonth:
    """The county's month page, or with ``township`` (a slug) that township's.

    The county page always has a table by township; it lists the activities themselves
    only up to ``list_limit`` of them, so that it does not grow with the county: above
    that, each township's month page lists its own. ``activities_of`` may give the
    month's activities from a cache shared by the month's pages.
    """
    year = theme_year.year
    if activities_of is not None:
        activities = activities_of()
    else:
        activities = theme_activities(catalogue, year, month)
    by_station: dict[str, list[Activity]] = {}
    for activity in activities:
        by_station.setdefault(activity.unit_key, []).append(activity)
    listing = township is not None or lists_county_month(len(activities), list_limit)
    groups: list[TownshipGroup] = []
    rows: dict[str, TownshipRow] = {}

    def listed(own: list[Activity]) -> list[ListedActivity]:
        ordered = sorted(own, key=lambda a: (a.date, a.slug))
        return [ListedActivity(dates.iso(a.date), a.title, a.url) for a in ordered]

    # The centre's own work counts on the county's page (and is listed first there).
    centre_own = by_station.get(routes.CENTRE_KEY, []) if township is None else []
    if centre_own and listing:
        name = catalogue.county.meta.centre
        groups.append(
            TownshipGroup(
                name, routes.CENTRE, [StationGroup("中心", routes.CENTRE, listed(centre_own))], []
            )
        )
    for place in catalogue.townships:
        stations, inactive = [], []
        # The 所's own activities count in its township's total, listed before its stations'.
        institute_own = by_station.get(place.slug, [])
        count, active = len(institute_own), 0
        # The activities themselves are listed only where the page shows them: its own
        # township's, or every township's on a county page that is not too long.
        listed_here = listing and township in (None, place.slug)
        if listed_here and institute_own:
            stations.append(StationGroup("实践所", place.url, listed(institute_own)))
        for station in catalogue.stations_of(place.slug):
            own = by_station.get(station.key, [])
            count += len(own)
            active += bool(own)
            if not listed_here:
                continue
            if own:
                stations.append(StationGroup(station.name, station.url, listed(own)))
            else:
                inactive.append(Link(station.name, station.url))
        url = routes.township_theme_month((year, month), place.slug)
        total = len(catalogue.stations_of(place.slug))
        rows[place.slug] = TownshipRow(place.institute, url, active, total, count)
        if listed_here:
            groups.append(TownshipGroup(place.institute, place.url, stations, inactive))
    here = next((t for t in catalogue.townships if t.slug == township), None)
    shown = [rows[here.slug]] if here else list(rows.values())

    def link(other: int) -> str:
        if here is None:
            return routes.theme_month((year, other))
        return routes.township_theme_month((year, other), here.slug)

    county_month = routes.theme_month((year, month))
    crumbs = [Crumb("月度主题", routes.THEMES), Crumb(f"{year}年", routes.theme_year(year))]
    if here is not None:
        crumbs.append(Crumb(f"{month}月", county_month))
    return ThemeMonth(
        year=year,
        month=month,
        key=f"{year}-{month:02d}",
        crumbs=crumbs,
        theme=theme_year.month(month),
        days=days(observances),
        undated=list(undated),
        township=here.institute if here else None,
        county_month_url=county_month,
        bulletin_url=routes.bulletin((year, month), here.slug if here else None)
        if (year, month) in bulletin_months(catalogue)
        else None,
        total=sum(r.activities for r in shown) + len(centre_own),
        stations_active=sum(r.active for r in shown),
        stations_total=sum(r.stations for r in shown),
        rows=[] if here else shown,
        groups=groups,
        year_url=routes.theme_year(year),
        previous=link(month - 1) if month > 1 else None,
        next=link(month + 1) if month < 12 else None,
    )

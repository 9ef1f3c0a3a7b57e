"""Which hub pages and feeds the site has: the stations index, every township and station
(with its later list pages and its month pages), the home page's view, and the feeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from site_plugins import dates, routes
from site_plugins.calendar import ics
from site_plugins.content.catalogue import Activity, Catalogue, Plan, Station, VolunteerTeam
from site_plugins.hubs import feeds, views
from site_plugins.hubs.pagination import paginate
from site_plugins.plans import (
    COUNTED,
    UNITS,
    Dependency,
    Planned,
    PlannedFile,
    PlannedPage,
    activity_dependency,
    month_counts_dependency,
    unit_dependency,
)
from site_plugins.service import plans as service_plans

COLUMN = "实践站"


@dataclass(frozen=True)
class HubOptions:
    per_page: int = 20  # activities per station page; month pages list five times as many
    feed_limit: int = 50
    site_url: str = ""  # feeds need absolute links; "/" when the site has no address
    photos: views.Photos = views.no_photos  # published photos, for list thumbnails


def plan(catalogue: Catalogue, options: HubOptions) -> list[Planned]:
    pages: list[Planned] = [
        PlannedPage(
            routes.HOME,
            None,
            "home.html",
            "首页",
            partial(views.home_view, catalogue, photos=options.photos),
            home_depends(catalogue),
            column_type="首页",
            feeds=routes.HOME,
            exists=True,
        ),
        PlannedPage(
            routes.STATIONS,
            "实践站",
            "stations.html",
            COLUMN,
            partial(views.stations_index_view, catalogue),
            frozenset({UNITS, "county"}),  # every station's name, by township
        ),
    ]
    pages.append(
        PlannedPage(
            routes.VENUES,
            "实践阵地",
            "venues.html",
            COLUMN,
            partial(views.venues_view, catalogue),
            frozenset({UNITS, "county"}),  # the stations' own venues (station.yml)
        )
    )
    pages += centre_pages(catalogue, options.per_page, options.photos)
    for township in catalogue.townships:
        # Its own 所's and stations' records, and the 四单 panel (the county's menus and
        # orders: whether there are any, the menus to order from); nothing of the others.
        depends = frozenset({f"township:{township.slug}", "service", "county"})
        pages.append(
            PlannedPage(
                township.url,
                township.institute,
                "township.html",
                "实践所",
                partial(views.township_view, catalogue, township),
                depends,
                feeds=township.url,
            )
        )
        pages += team_pages(catalogue, township.teams)
        own = catalogue.unit_activities(township.slug)
        pages += unit_month_pages(catalogue, township.slug, own, options.per_page, options.photos)
    for station in catalogue.stations:
        pages += station_pages(catalogue, station, options.per_page, options.photos)
    for found in feeds.feed_texts(catalogue, options.site_url, options.feed_limit):
        depends = _feed_depends(found.unit)
        pages.append(PlannedFile(found.atom_path, make=found.atom, depends=depends))
        pages.append(PlannedFile(found.json_path, make=found.json, depends=depends))
    pages += plan_calendars(catalogue, options.site_url)
    pages += service_plans.plan(catalogue, options.site_url)
    return pages


def centre_pages(
    catalogue: Catalogue, per_page: int, photos: views.Photos = views.no_photos
) -> list[Planned]:
    """The centre's own page (with later list pages) and its teams' pages."""
    activities = catalogue.unit_activities(routes.CENTRE_KEY)
    depends = frozenset({"centre", "county"})
    name = catalogue.county.meta.centre
    pages: list[Planned] = []
    for piece in paginate(activities, per_page, routes.CENTRE):
        title = name if piece.pager.number == 1 else f"{name}（第{piece.pager.number}页）"
        hub = partial(views.centre_view, catalogue, piece.items, piece.pager, photos)
        pages.append(
            PlannedPage(piece.url, title, "centre.html", "中心", hub, depends, feeds=routes.CENTRE)
        )
    pages += unit_month_pages(catalogue, routes.CENTRE_KEY, activities, per_page, photos)
    return pages + team_pages(catalogue, catalogue.unit_teams(routes.CENTRE_KEY))


def unit_month_pages(
    catalogue: Catalogue,
    unit_key: str,
    activities: Sequence[Activity],
    per_page: int,
    photos: views.Photos = views.no_photos,
) -> list[Planned]:
    """The month archives of the centre's or a township 所's own activities, as a station
    has (``centre/2026/06/``, ``stations/<t>/2026/06/``): the hub lists the newest only."""
    unit = catalogue.unit(unit_key)
    column = "中心" if unit_key == routes.CENTRE_KEY else "实践所"
    pages: list[Planned] = []
    for month, items in _by_month(activities).items():
        title = f"{unit.name} {dates.month_text(month)}活动"
        for piece in paginate(items, per_page * 5, routes.unit_month(unit_key, month)):
            view = partial(
                views.unit_month_view,
                catalogue,
                unit_key,
                month,
                items=piece.items,
                pager=piece.pager,
                photos=photos,
            )
            depends = list_depends(unit_key, piece.items, month)
            pages.append(PlannedPage(piece.url, title, "station-month.html", column, view, depends))
    return pages


def home_depends(catalogue: Catalogue) -> frozenset[Dependency]:
    """The home page counts every activity (its year's figures), lists the latest ones,
    the stations' and honorees' counts, the plans, the honorees and the 四单 panel."""
    latest = views.latest_activities(catalogue)
    return frozenset(
        {COUNTED, UNITS, "honorees", "plans", "service", "county", "themes"}
        | {activity_dependency(a.unit_key, a.slug) for a in latest}
    )


def list_depends(
    unit_key: str, items: Sequence[Activity], month: dates.Month | None = None
) -> frozenset[Dependency]:
    """A page of a unit's activity list (its later pages; with ``month``, a month page):
    the entries it lists, the unit's own record (its name) and its month counts (how
    many pages, and the month links a list page shows; a month page, only its month's
    count); an entry moving to another page changes these names."""
    return (
        _own_record(unit_key)
        | {month_counts_dependency(unit_key, month), "county"}
        | {activity_dependency(a.unit_key, a.slug) for a in items}
    )


def _own_record(unit_key: str) -> frozenset[Dependency]:
    """A station's own record (``unit:<key>``: its name and teams); a 所's or the
    centre's are in township.yml or centre.yml, which every page shows (``county``)."""
    return frozenset({f"unit:{unit_key}"}) if "/" in unit_key else frozenset({"county"})


def _by_month(activities: Iterable[Activity]) -> dict[dates.Month, list[Activity]]:
    months: dict[dates.Month, list[Activity]] = {}
    for activity in activities:
        months.setdefault((activity.date.year, activity.date.month), []).append(activity)
    return months


def team_pages(catalogue: Catalogue, teams: Iterable[VolunteerTeam]) -> list[Planned]:
    """One page per team of a unit; it lists the team's activities in every unit
    (``team:<ref>``, see site_plugins.incremental.diff) and shows the team as its unit's
    file describes it: a station's own record (``unit:<key>``); a 所's or the centre's
    teams are in township.yml or centre.yml, which every page shows."""
    return [
        PlannedPage(
            team.url,
            team.name,
            "team.html",
            "志愿服务队",
            partial(views.team_view, catalogue, team),
            _own_record(team.unit_key) | {f"team:{team.ref}", "county"},
        )
        for team in teams
    ]


def _feed_depends(unit: str | None) -> frozenset[str]:
    """A feed lists its unit's activities, each with its unit's name; the county's, every
    activity."""
    if unit is None:
        return frozenset({"activities", "stations", "county"})
    return frozenset({unit_dependency(unit), "county"})


def plan_calendars(catalogue: Catalogue, site_url: str) -> list[Planned]:
    """The county's and each station's calendar of announced activities (活动预告): every
    plan, past ones too, so a subscribed phone keeps what it showed."""
    if not site_url.startswith(("http://", "https://")) or not catalogue.plans:
        return []  # calendar apps need absolute links; and no plans, no calendar
    stamp = dt.datetime.combine(catalogue.reference_date, dt.time(), dt.UTC)
    centre = catalogue.county.meta.centre

    def events(plans: Iterable[Plan]) -> list[ics.PlanEvent]:
        return [
            ics.PlanEvent(
                f"{p.unit_key}/{p.slug}",
                p.title,
                p.date,
                p.meta.end_date or p.date,
                views.plan_place(catalogue, p),
                "；".join(x for x in (p.meta.time, p.meta.who, p.meta.bring) if x),
                p.url,
            )
            for p in plans
        ]

    depends = frozenset({"plans", "stations"})
    files: list[Planned] = [
        PlannedFile(
            routes.plans_ics(),
            ics.plans_ics(
                events(catalogue.plans),
                calendar_name=f"{centre}活动预告",
                site_url=site_url,
                stamp=stamp,
            ),
            depends=depends,
        )
    ]
    # The centre's own, each township's (its 所's and its stations'), each station's.
    calendars = [(catalogue.unit(routes.CENTRE_KEY), catalogue.unit_plans(routes.CENTRE_KEY))]
    calendars += [
        (catalogue.unit(t.slug), catalogue.township_plans(t.slug)) for t in catalogue.townships
    ]
    calendars += [
        (catalogue.unit(s.key), catalogue.station_plans(s.key)) for s in catalogue.stations
    ]
    for unit, plans in calendars:
        if not plans:
            continue  # its page offers no calendar either
        text = ics.plans_ics(
            events(plans),
            calendar_name=f"{unit.name}活动预告",
            site_url=site_url,
            stamp=stamp,
        )
        files.append(PlannedFile(routes.plans_ics(unit.url), text, depends=depends))
    return files


def station_pages(
    catalogue: Catalogue, station: Station, per_page: int, photos: views.Photos = views.no_photos
) -> list[Planned]:
    """The station's page (with later list pages) and one page per month it was active."""
    activities = catalogue.station_activities(station.key)
    depends = frozenset({f"station:{station.key}", "county", "themes"})
    pages: list[Planned] = []
    for piece in paginate(activities, per_page, station.url):
        title = station.full_name
        shown = depends  # page 1 shows the station's figures, plans, honorees and orders
        if piece.pager.number > 1:
            title += f"（第{piece.pager.number}页）"
            shown = list_depends(station.key, piece.items)
        hub = partial(views.station_view, catalogue, station, piece.items, piece.pager, photos)
        pages.append(
            PlannedPage(piece.url, title, "station.html", COLUMN, hub, shown, feeds=station.url)
        )
    pages += team_pages(catalogue, station.teams)
    for month, items in _by_month(activities).items():
        base = routes.station_month(station.key, month)
        title = f"{station.name} {dates.month_text(month)}活动"
        # Month pages list more per page: they are read as a whole month's record.
        for piece in paginate(items, per_page * 5, base):
            view = partial(
                views.month_view,
                catalogue,
                station,
                month,
                items=piece.items,
                pager=piece.pager,
                photos=photos,
            )
            shown = list_depends(station.key, piece.items, month)
            pages.append(PlannedPage(piece.url, title, "station-month.html", COLUMN, view, shown))
    return pages

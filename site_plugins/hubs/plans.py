"""Which hub pages and feeds the site has: the stations index, every township and station
(with its later list pages and its month pages), the home page's view, and the feeds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from site_plugins import dates, routes
from site_plugins.content.catalogue import Activity, Catalogue, Station
from site_plugins.hubs import feeds, views
from site_plugins.hubs.pagination import paginate
from site_plugins.plans import Planned, PlannedFile, PlannedPage

COLUMN = "实践站"
ALL_ACTIVITIES = frozenset({"activities", "stations", "honorees", "county", "themes"})


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
            ALL_ACTIVITIES,
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
            frozenset({"stations"}),
        ),
    ]
    for township in catalogue.townships:
        pages.append(
            PlannedPage(
                township.url,
                township.institute,
                "township.html",
                "实践所",
                partial(views.township_view, catalogue, township),
                frozenset({f"township:{township.slug}", "activities", "stations", "county"}),
            )
        )
    for station in catalogue.stations:
        pages += station_pages(catalogue, station, options.per_page, options.photos)
    for path, text in feeds.build_feeds(catalogue, options.site_url, options.feed_limit).items():
        pages.append(PlannedFile(path, text, depends=frozenset({"activities", "stations"})))
    return pages


def station_pages(
    catalogue: Catalogue, station: Station, per_page: int, photos: views.Photos = views.no_photos
) -> list[Planned]:
    """The station's page (with later list pages) and one page per month it was active."""
    activities = catalogue.station_activities(station.key)
    depends = frozenset({f"station:{station.key}", "county", "themes"})
    pages: list[Planned] = []
    for piece in paginate(activities, per_page, station.url):
        title = station.full_name
        if piece.pager.number > 1:
            title += f"（第{piece.pager.number}页）"
        hub = partial(views.station_view, catalogue, station, piece.items, piece.pager, photos)
        pages.append(
            PlannedPage(piece.url, title, "station.html", COLUMN, hub, depends, feeds=station.url)
        )
    months: dict[dates.Month, list[Activity]] = {}
    for activity in activities:
        months.setdefault((activity.date.year, activity.date.month), []).append(activity)
    for month, items in months.items():
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
            pages.append(PlannedPage(piece.url, title, "station-month.html", COLUMN, view, depends))
    return pages

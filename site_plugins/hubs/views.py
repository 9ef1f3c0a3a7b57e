"""Data for the hub templates: county home, stations index, township and station pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from site_plugins.content.catalogue import Activity, Catalogue, Honoree, Station, Township
from site_plugins.hubs import charts, stats
from site_plugins.hubs.pagination import Pager

STAR_NAMES = ("一", "二", "三", "四", "五")
SIX_HAVES = (
    ("venue", "有场所"),
    ("signage", "有标识"),
    ("team", "有队伍"),
    ("projects", "有项目"),
    ("rules", "有制度"),
    ("display", "有展示"),
)


@dataclass(frozen=True)
class ActivityItem:
    title: str
    url: str
    date: str  # 2026-06-19
    place: str  # 青石镇张庄村
    category: str


@dataclass(frozen=True)
class HonoreeItem:
    name: str
    url: str
    category: str
    summary: str
    place: str
    honour: str  # latest honour, e.g. 2026年第二季度 · 县级
    thumb: str | None  # site path of the photo, if any


@dataclass(frozen=True)
class Check:
    label: str
    met: bool


@dataclass(frozen=True)
class StationRow:
    name: str
    url: str
    kind: str
    month: int
    year: int
    last: str  # date text or 无
    inactive: bool


@dataclass(frozen=True)
class MonthLink:
    label: str
    url: str
    count: int


def place(catalogue: Catalogue, station_key: str) -> str:
    station = catalogue.station(station_key)
    return catalogue.township(station.township).name + station.name


def activity_items(catalogue: Catalogue, activities: Iterable[Activity]) -> list[ActivityItem]:
    labels = catalogue.county.labels.team_categories
    return [
        ActivityItem(
            a.title,
            a.url,
            a.date.isoformat(),
            place(catalogue, a.station_key),
            labels.label(a.category),
        )
        for a in activities
    ]


def honoree_items(catalogue: Catalogue, honorees: Iterable[Honoree]) -> list[HonoreeItem]:
    labels = catalogue.county.labels
    items = []
    for h in honorees:
        latest = h.latest_honour
        items.append(
            HonoreeItem(
                h.name + ("（集体）" if h.is_group else ""),
                h.url,
                labels.honoree_categories.label(h.category),
                h.meta.summary,
                place(catalogue, h.station_key),
                f"{latest.period.label} · {labels.honour_levels.label(latest.level)}",
                h.photo.src if h.photo else None,
            )
        )
    return items


def figures(catalogue: Catalogue, activities: Sequence[Activity], title: str) -> dict[str, object]:
    """This year's totals and charts for any set of activities."""
    year = catalogue.reference_date.year
    this_year = stats.in_year(activities, year)
    labels = catalogue.county.labels.team_categories
    categories = [
        (labels.label(code), count)
        for code, count in stats.category_counts(this_year, list(labels.labels))
    ]
    return {
        "year": year,
        "totals": stats.totals(this_year),
        "month_chart": Markup(
            charts.monthly_bars(stats.monthly_counts(this_year, year), f"{title}{year}年各月活动数")
        ),
        "category_chart": Markup(
            charts.category_bars(categories, f"{title}{year}年活动按服务类别")
        ),
    }


def month_links(station: Station, activities: Sequence[Activity]) -> list[MonthLink]:
    return [
        MonthLink(f"{y}年{m}月", month_url(station, y, m), n)
        for y, m, n in stats.months_with_activities(activities)
    ]


def month_url(station: Station, year: int, month: int) -> str:
    return f"{station.url}{year}/{month:02d}/"


def station_view(
    catalogue: Catalogue, station: Station, items: Sequence[Activity], pager: Pager
) -> dict[str, object]:
    meta = station.meta
    labels = catalogue.county.labels
    township = catalogue.township(station.township)
    activities = catalogue.station_activities(station.key)
    first = pager.number == 1  # the station's own facts and figures show on page 1 only
    return {
        "name": station.full_name,
        "kind": meta.kind,
        "township": township,
        "star": f"{'★' * meta.star}{'☆' * (5 - meta.star)}（{STAR_NAMES[meta.star - 1]}星）"
        if meta.star
        else None,
        "established": _date_text(meta.established) if meta.established else None,
        "six_haves": [Check(label, getattr(meta.six_haves, key)) for key, label in SIX_HAVES],
        "teams": [
            (t.name, labels.team_categories.label(t.category), t.members) for t in station.teams
        ],
        "platforms": [labels.platforms.label(code) for code in station.platforms],
        "office": meta.office,
        "intro": meta.intro,
        "figures": figures(catalogue, activities, station.name) if first else None,
        "honorees": honoree_items(catalogue, catalogue.station_honorees(station.key))
        if first
        else [],
        "activities": activity_items(catalogue, items),
        "total": len(activities),
        "pager": pager,
        "months": month_links(station, activities),
        "feed": f"{station.url}feed.xml",
        "feed_json": f"{station.url}feed.json",
    }


def month_view(
    catalogue: Catalogue,
    station: Station,
    year: int,
    month: int,
    *,
    items: Sequence[Activity],
    pager: Pager,
) -> dict[str, object]:
    theme = catalogue.theme(year, month)
    return {
        "name": f"{station.full_name} · {year}年{month}月",
        "station": station,
        "township": catalogue.township(station.township),
        "theme": theme,
        "activities": activity_items(catalogue, items),
        "pager": pager,
    }


def township_rows(catalogue: Catalogue, township: Township) -> list[StationRow]:
    today = catalogue.reference_date
    rows = []
    for station in catalogue.stations_of(township.slug):
        activities = catalogue.station_activities(station.key)
        last = stats.last_activity(activities, today)
        rows.append(
            StationRow(
                station.name,
                station.url,
                station.meta.kind,
                len(stats.in_month(activities, today.year, today.month)),
                len(stats.in_year(activities, today.year)),
                last.isoformat() if last else "无",
                stats.is_inactive(activities, today),
            )
        )
    return rows


def township_view(catalogue: Catalogue, township: Township) -> dict[str, object]:
    activities = [
        a for s in catalogue.stations_of(township.slug) for a in catalogue.station_activities(s.key)
    ]
    today = catalogue.reference_date
    return {
        "name": township.institute,
        "township": township,
        "intro": township.meta.intro,
        "office": township.meta.office,
        "rows": township_rows(catalogue, township),
        "figures": figures(catalogue, activities, township.name),
        "today": _date_text(today),
        "month_label": f"{today.month}月",
        "inactive_days": stats.INACTIVE_AFTER_DAYS,
        "latest": activity_items(
            catalogue, _up_to(sorted(activities, key=lambda a: a.date, reverse=True), today)[:10]
        ),
    }


def stations_index_view(catalogue: Catalogue) -> dict[str, object]:
    return {
        "townships": [
            (t, [(s.name, s.url) for s in catalogue.stations_of(t.slug)])
            for t in catalogue.townships
        ]
    }


def home_view(catalogue: Catalogue, latest: int = 10, honorees: int = 6) -> dict[str, object]:
    today = catalogue.reference_date
    return {
        "county": catalogue.county.meta,
        "figures": figures(catalogue, catalogue.activities, "全县"),
        "stations": len(catalogue.stations),
        "honoree_count": len(catalogue.honorees),
        "theme": catalogue.theme(today.year, today.month),
        "theme_url": f"themes/{today.year}/{today.month:02d}/",
        "latest": activity_items(
            catalogue, _up_to(catalogue.activities_newest_first, today)[:latest]
        ),
        "honorees": honoree_items(catalogue, catalogue.honorees_newest_first[:honorees]),
        "townships": [(t, len(catalogue.stations_of(t.slug))) for t in catalogue.townships],
        "feed": "feed.xml",
        "feed_json": "feed.json",
    }


def _up_to(activities: Sequence[Activity], today: dt.date) -> list[Activity]:
    """Activities that have happened by ``today``: planned ones are not 'latest'."""
    return [a for a in activities if a.date <= today]


def _date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"

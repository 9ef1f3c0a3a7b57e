"""Data for the theme calendar: years, a year of twelve months, one month's review page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_plugins.calendar.festivals import Observance
from site_plugins.content.catalogue import Activity, Catalogue, MonthlyTheme, ThemeYear

MONTH_NAMES = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def year_url(year: int) -> str:
    return f"themes/{year}/"


def month_url(year: int, month: int) -> str:
    return f"themes/{year}/{month:02d}/"


def ics_path(year: int) -> str:
    return f"themes/{year}.ics"


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
class StationGroup:
    name: str
    url: str
    activities: list[tuple[str, str, str]]  # (date, title, url)


@dataclass(frozen=True)
class TownshipGroup:
    name: str
    url: str
    stations: list[StationGroup]
    inactive: list[tuple[str, str]]  # (name, url) of stations with no activity this month


def theme_activities(catalogue: Catalogue, year: int, month: int) -> list[Activity]:
    """Activities serving this month's theme: dated in it, or naming it explicitly."""
    return [
        a
        for a in catalogue.activities_newest_first
        if a.date.year == year and a.theme_month == month
    ]


def days(observances: Sequence[Observance]) -> list[Day]:
    return [
        Day(f"{o.date.month}月{o.date.day}日", o.date.isoformat(), o.name, o.note, o.kind)
        for o in observances
    ]


def years_view(catalogue: Catalogue) -> dict[str, object]:
    return {
        "years": [
            (
                y.year,
                year_url(y.year),
                y.draft,
                sum(1 for a in catalogue.activities if a.date.year == y.year),
            )
            for y in catalogue.theme_years
        ]
    }


def year_view(
    catalogue: Catalogue,
    theme_year: ThemeYear,
    by_month: dict[int, list[Observance]],
    *,
    has_ics: bool,
) -> dict[str, object]:
    year = theme_year.year
    counts = [0] * 12
    for activity in catalogue.activities:
        if activity.date.year == year:
            counts[activity.theme_month - 1] += 1
    cells = [
        MonthCell(
            month,
            f"{year}-{month:02d}",
            f"{MONTH_NAMES[month - 1]}月",
            theme_year.month(month),
            days(by_month.get(month, [])),
            counts[month - 1],
            month_url(year, month),
        )
        for month in range(1, 13)
    ]
    return {
        "year": year,
        "draft": theme_year.draft,
        "cells": cells,
        "ics": ics_path(year) if has_ics else None,
        "county": catalogue.county.meta.name,
    }


@dataclass(frozen=True)
class TownshipRow:
    """One township's line in a month's county table."""

    name: str
    url: str  # the township's page of this month
    active: int  # stations with at least one activity
    stations: int
    activities: int


def township_month_url(year: int, month: int, township: str) -> str:
    return f"{month_url(year, month)}{township}/"


def month_view(
    catalogue: Catalogue,
    theme_year: ThemeYear,
    month: int,
    observances: Sequence[Observance],
    *,
    township: str | None = None,
    list_limit: int | None = None,
    activities_of: Callable[[], list[Activity]] | None = None,
) -> dict[str, object]:
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
        by_station.setdefault(activity.station_key, []).append(activity)
    groups: list[TownshipGroup] = []
    rows: dict[str, TownshipRow] = {}
    for place in catalogue.townships:
        stations, inactive = [], []
        count = 0
        for station in catalogue.stations_of(place.slug):
            own = sorted(by_station.get(station.key, []), key=lambda a: (a.date, a.slug))
            count += len(own)
            if own:
                listed = [(a.date.isoformat(), a.title, a.url) for a in own]
                stations.append(StationGroup(station.name, station.url, listed))
            else:
                inactive.append((station.name, station.url))
        url = township_month_url(year, month, place.slug)
        total = len(stations) + len(inactive)
        rows[place.slug] = TownshipRow(place.institute, url, len(stations), total, count)
        if township in (None, place.slug):
            groups.append(TownshipGroup(place.institute, place.url, stations, inactive))
    here = next((t for t in catalogue.townships if t.slug == township), None)
    shown = [rows[here.slug]] if here else list(rows.values())

    def link(other: int) -> str:
        if here is None:
            return month_url(year, other)
        return township_month_url(year, other, here.slug)

    return {
        "year": year,
        "month": month,
        "key": f"{year}-{month:02d}",
        "theme": theme_year.month(month),
        "days": days(observances),
        "township": here.institute if here else None,
        "county_month_url": month_url(year, month),
        "total": sum(r.activities for r in shown),
        "stations_active": sum(r.active for r in shown),
        "stations_total": sum(r.stations for r in shown),
        "rows": [] if here else shown,
        "groups": groups if here or list_limit is None or len(activities) <= list_limit else [],
        "year_url": year_url(year),
        "previous": link(month - 1) if month > 1 else None,
        "next": link(month + 1) if month < 12 else None,
    }

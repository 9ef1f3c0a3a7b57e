"""Data for the theme calendar: years, a year of twelve months, one month's review page."""

from __future__ import annotations

from collections.abc import Sequence
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


def month_view(
    catalogue: Catalogue, theme_year: ThemeYear, month: int, observances: Sequence[Observance]
) -> dict[str, object]:
    year = theme_year.year
    activities = theme_activities(catalogue, year, month)
    by_station: dict[str, list[Activity]] = {}
    for activity in activities:
        by_station.setdefault(activity.station_key, []).append(activity)
    groups = []
    for township in catalogue.townships:
        stations, inactive = [], []
        for station in catalogue.stations_of(township.slug):
            own = sorted(by_station.get(station.key, []), key=lambda a: (a.date, a.slug))
            if own:
                rows = [(a.date.isoformat(), a.title, a.url) for a in own]
                stations.append(StationGroup(station.name, station.url, rows))
            else:
                inactive.append((station.name, station.url))
        groups.append(TownshipGroup(township.institute, township.url, stations, inactive))
    previous = month_url(year, month - 1) if month > 1 else None
    following = month_url(year, month + 1) if month < 12 else None
    return {
        "year": year,
        "month": month,
        "key": f"{year}-{month:02d}",
        "theme": theme_year.month(month),
        "days": days(observances),
        "total": len(activities),
        "stations_active": len(by_station),
        "stations_total": len(catalogue.stations),
        "groups": groups,
        "year_url": year_url(year),
        "previous": previous,
        "next": following,
    }

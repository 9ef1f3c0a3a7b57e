"""What the city portal's templates show: typed views made from the counties' exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from site_plugins import dates, routes
from site_plugins.bulletins.views import period_url
from site_plugins.city import report
from site_plugins.city.exports import CountyExport
from site_plugins.content.catalogue import Period
from site_plugins.plans import Link, View

HONOREES_SHOWN = 100  # the roll page lists the newest; search finds every one
PLANS_SHOWN = 300


@dataclass(frozen=True)
class CountyStatus:
    name: str
    site: str
    open_data: str | None
    has_data: bool
    stale: bool
    status: str  # 正常 / 数据未更新（最后更新 …）/ 未取得数据：…
    month: report.CountyFigures | None
    year: report.CountyFigures | None
    honorees: int


@dataclass(frozen=True)
class CityHome(View):
    context_name: ClassVar[str] = "city"
    name: str
    as_of: str
    month_label: str | None
    year_label: str | None
    counties: list[CountyStatus]
    month_totals: dict[str, float] | None
    latest_bulletin: str | None
    stale_after_days: int


def status_text(export: CountyExport, today: dt.date, after_days: int) -> str:
    if not export.has_data:
        since = f"（最后一次取得：{export.received.isoformat()}）" if export.received else ""
        return f"{export.problem}{since}"
    fresh = export.fresh_on
    if export.stale(today, after_days) and fresh is not None:
        return f"数据未更新：自 {fresh.isoformat()} 起已 {(today - fresh).days} 天"
    return f"正常（数据截至 {export.as_of.isoformat() if export.as_of else '—'}）"


def stale_slugs(exports: Sequence[CountyExport], today: dt.date, after_days: int) -> set[str]:
    return {e.entry.slug for e in exports if e.stale(today, after_days)}


def home_view(
    name: str, exports: Sequence[CountyExport], today: dt.date, after_days: int
) -> CityHome:
    periods = report.periods(exports)
    months = [p for p in periods if p.month and p.sort_key <= (today.year, today.month)]
    years = [p for p in periods if p.kind == "年"]
    month = months[-1] if months else None
    year = years[-1] if years else None
    stale = stale_slugs(exports, today, after_days)
    month_fig = report.city_figures(exports, month.key, stale) if month else None
    year_fig = report.city_figures(exports, year.key, stale) if year else None
    by_slug = {r.slug: r for r in month_fig.counties} if month_fig else {}
    year_slug = {r.slug: r for r in year_fig.counties} if year_fig else {}
    return CityHome(
        name=name,
        as_of=dates.day_text(today),
        month_label=month.label if month else None,
        year_label=year.label if year else None,
        counties=[
            CountyStatus(
                name=e.entry.name,
                site=e.entry.site_url,
                open_data=e.link(routes.OPEN_DATA),
                has_data=e.has_data,
                stale=e.entry.slug in stale,
                status=status_text(e, today, after_days),
                month=by_slug.get(e.entry.slug),
                year=year_slug.get(e.entry.slug),
                honorees=len(e.tables.get("honorees", ())),
            )
            for e in exports
        ],
        month_totals=month_fig.totals if month_fig else None,
        latest_bulletin=period_url(month) if month else None,
        stale_after_days=after_days,
    )


@dataclass(frozen=True)
class CityBulletin(View):
    context_name: ClassVar[str] = "city_bulletin"
    title: str
    label: str
    figures: report.CityFigures
    rules: tuple[str, ...]
    others: list[Link]  # the same kind's other periods


def bulletin_view(
    name: str,
    exports: Sequence[CountyExport],
    period: Period,
    periods: Sequence[Period],
    stale: set[str],
) -> CityBulletin:
    return CityBulletin(
        title=f"{name}新时代文明实践{period.label}工作通报",
        label=period.label,
        figures=report.city_figures(exports, period.key, stale),
        rules=report.RULES,
        others=[Link(p.label, period_url(p)) for p in periods if p.kind == period.kind],
    )


@dataclass(frozen=True)
class CityBulletinList(View):
    context_name: ClassVar[str] = "city_bulletins"
    name: str
    months: list[Link]
    longer: list[Link]
    rules: tuple[str, ...]


def bulletins_view(name: str, periods: Sequence[Period]) -> CityBulletinList:
    newest = list(reversed(periods))
    return CityBulletinList(
        name=name,
        months=[Link(p.label, period_url(p)) for p in newest if p.month],
        longer=[Link(p.label, period_url(p)) for p in newest if not p.month],
        rules=report.RULES,
    )


@dataclass(frozen=True)
class Entry:
    """An honoree or a plan of some county, linked into that county's site."""

    county: str
    place: str  # 乡镇 + 村
    name: str
    url: str | None
    when: str
    detail: str
    sort: str


@dataclass(frozen=True)
class CityRoll(View):
    context_name: ClassVar[str] = "city_roll"
    name: str
    total: int
    shown: list[Entry]
    search: str  # the search index's address


def _places(export: CountyExport) -> dict[str, str]:
    """Unit code → name: a station, a township's 所 or the county centre (``centre``)."""
    places = {"centre": "县中心"}
    places.update(
        (str(t.get("township")), str(t.get("institute", "")))
        for t in export.tables.get("townships", ())
    )
    places.update(
        (str(s.get("station")), f"{s.get('township_name', '')}{s.get('name', '')}")
        for s in export.tables.get("stations", ())
    )
    return places


def honorees(exports: Sequence[CountyExport]) -> list[Entry]:
    """Every county's honorees, newest honour first (ties: county order, then as listed)."""
    found = []
    for e in exports:
        places = _places(e)
        for h in e.tables.get("honorees", ()):
            found.append(
                Entry(
                    county=e.entry.name,
                    place=places.get(str(h.get("station")), ""),
                    name=str(h.get("name", "")),
                    url=e.link(str(h.get("url", ""))),
                    when=f"{h.get('honour_period', '')} · {h.get('honour_level', '')}",
                    detail=f"{h.get('category', '')}：{h.get('summary', '')}",
                    sort=str(h.get("honour_key", "")),
                )
            )
    return sorted(found, key=lambda x: _newest(x.sort), reverse=True)


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _newest(key: str) -> tuple[int, int]:
    period = report.parse_period(key)
    return period.sort_key if period else (0, 0)


def roll_view(name: str, exports: Sequence[CountyExport]) -> CityRoll:
    every = honorees(exports)
    return CityRoll(name, len(every), every[:HONOREES_SHOWN], routes.CITY_SEARCH)


def plans(exports: Sequence[CountyExport], today: dt.date) -> list[Entry]:
    """Every county's plans still ahead on ``today``, soonest first."""
    found = []
    for e in exports:
        places = _places(e)
        for p in e.tables.get("plans", ()):
            start, end = _date(p.get("date")), _date(p.get("end_date"))
            if start is None or (end or start) < today:
                continue
            found.append(
                Entry(
                    county=e.entry.name,
                    place=places.get(str(p.get("station")), ""),
                    name=str(p.get("title", "")),
                    url=e.link(str(p.get("url", ""))),
                    when=f"{dates.day_text(start)} {p.get('time') or ''}".strip(),
                    detail=str(p.get("location", "")),
                    sort=f"{start.isoformat()}|{e.entry.slug}|{p.get('slug', '')}",
                )
            )
    return sorted(found, key=lambda x: x.sort)


@dataclass(frozen=True)
class MonthPlans:
    label: str
    entries: list[Entry]


@dataclass(frozen=True)
class CityPlans(View):
    context_name: ClassVar[str] = "city_plans"
    name: str
    as_of: str
    months: list[MonthPlans]
    total: int
    shown: int


def plans_view(name: str, exports: Sequence[CountyExport], today: dt.date) -> CityPlans:
    every = plans(exports, today)
    months: dict[str, list[Entry]] = {}
    for entry in every[:PLANS_SHOWN]:
        year, month = entry.sort[:4], entry.sort[5:7]
        months.setdefault(f"{year}年{int(month)}月", []).append(entry)
    return CityPlans(
        name,
        dates.day_text(today),
        [MonthPlans(label, entries) for label, entries in months.items()],
        len(every),
        min(len(every), PLANS_SHOWN),
    )

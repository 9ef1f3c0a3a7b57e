"""The monthly 通报: what a county or a township did in one month, computed from the catalogue.

Plain functions over catalogue records, no MkDocs: :func:`monthly_report` gives the
figures a bulletin page (and a test) needs, :func:`bulletin_months` says which months
have one. The rules a reader must be able to check are constants here, shown on the page
word for word, so the page and the code cannot drift apart:

* an activity belongs to the month of its (start) date;
* stations that did well (较好): ranked by activities, then beneficiaries; the top fifth
  of the stations in scope (at least one, at most ten), ties at the cut-off included;
* stations with no activity in the month are 未开展 (a count and names of stations —
  institutions, never of people);
* an honoree belongs to a month when one of its honours was given for that month; a
  quarter's honours count in the quarter's last month, a year's in December (the same
  order :attr:`Period.sort_key` uses everywhere else on the site).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_plugins import dates
from site_plugins.content.catalogue import (
    CENTRE_KEY,
    Activity,
    Catalogue,
    Honoree,
    Honour,
    MonthlyTheme,
    Period,
    Plan,
    Station,
)
from site_plugins.figures import activity_month, unclassified, work_counts

Month = tuple[int, int]  # (year, month)

GOOD_SHARE = 0.2
GOOD_MIN = 1
GOOD_MAX = 10

MONTH_RULE = "活动按开始日期计入月份；跨月的多日活动计入开始的月份。"
GOOD_RULE = (
    "开展情况较好：本月开展过活动的实践站，按活动次数从多到少排序，次数相同的按受益群众人次"
    "从多到少；取本范围实践站总数的五分之一（向上取整，至少 1 个，最多 10 个），与最后一名"
    "活动次数和受益人次都相同的一并列入。"
)
INACTIVE_RULE = "未开展：本月没有任何活动记录的实践站。"
HONOUR_RULE = (
    "身边好人计入所获荣誉的期次所在月份：月度荣誉计入当月；季度荣誉计入该季度最后一个月"
    "（3、6、9、12月）；年度荣誉计入当年12月。同一人（组）本月获多项荣誉只计一次。"
)
WORK_RULE = (
    "五项工作内容：按活动填写的工作内容计数，一次活动写了几项就在几项下各计一次；"
    "没有填写工作内容的活动另行列出。"
)
QUOTA_RULE = (
    "信息报送：县里规定每个实践站每月应发布的活动报道篇数（季度、年度按月数累计）；"
    "本期尚未结束时只标注进度，不算未完成。"
)
RULES = (MONTH_RULE, GOOD_RULE, INACTIVE_RULE, HONOUR_RULE, WORK_RULE, QUOTA_RULE)

_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthOutOfRange(ValueError):
    """A month with no bulletin: outside the content, or after the reference date."""


# --- months -----------------------------------------------------------------------------


def parse_month(text: str) -> Month:
    """``2026-06`` → ``(2026, 6)``; a clear Chinese error for anything else."""
    match = _MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MonthOutOfRange(f"月份“{text}”格式不对：请写成 年-月，例如 2026-06")
    return int(match.group(1)), int(match.group(2))


def month_label(month: Month) -> str:
    return dates.month_text(month)


def previous_month(month: Month) -> Month:
    year, number = month
    return (year - 1, 12) if number == 1 else (year, number - 1)


def honour_month(period: Period) -> Month:
    """The month an honour counts in (see :data:`HONOUR_RULE`)."""
    return period.sort_key


def bulletin_months(catalogue: Catalogue) -> tuple[Month, ...]:
    """Months with a bulletin, oldest first: those with activities or a monthly theme,
    up to the month of the catalogue's reference date (planned months have none yet)."""
    # Asked once per bulletin page: the catalogue keeps the activity months.
    months = set(catalogue.activity_months)
    months |= {(y.year, m.month) for y in catalogue.theme_years for m in y.months}
    today = catalogue.reference_date
    return tuple(sorted(m for m in months if m <= (today.year, today.month)))


def periods_of(months: Sequence[Month]) -> tuple[Period, ...]:
    """Every period with a 通报: the months with one (:func:`bulletin_months`), then each
    quarter and each year that has one of them (a running quarter or year too: its figures
    are as of the build date), oldest first within each kind."""
    quarters = sorted({(y, (m - 1) // 3 + 1) for y, m in months})
    years = sorted({y for y, _ in months})
    return (
        *(Period(y, month=m) for y, m in months),
        *(Period(y, quarter=q) for y, q in quarters),
        *(Period(y) for y in years),
    )


def check_month(catalogue: Catalogue, month: Month) -> None:
    """Raise :class:`MonthOutOfRange` with a message saying which months there are."""
    months = bulletin_months(catalogue)
    if month in months:
        return
    today = catalogue.reference_date
    if not months:
        raise MonthOutOfRange(
            f"{month_label(month)}没有通报：内容中还没有 {today.year}年{today.month}月及以前的"
            "活动或月度主题"
        )
    span = f"{month_label(months[0])}至{month_label(months[-1])}"
    if month > (today.year, today.month):
        why = f"晚于统计截止日 {today.isoformat()}（可用 SOURCE_DATE_EPOCH 指定截止日）"
    elif months[0] <= month <= months[-1]:
        why = "这个月既没有活动也没有月度主题"
    else:
        why = "不在内容的时间范围内"
    raise MonthOutOfRange(f"{month_label(month)}没有通报：{why}。可选的月份：{span}")


# --- the report -------------------------------------------------------------------------


@dataclass(frozen=True)
class StationMonth:
    """One station's month, with last month's activity count beside it."""

    key: str  # township/village
    name: str
    township: str  # the township's name
    url: str  # the station page
    activities: int
    volunteers: int
    beneficiaries: int
    service_hours: float
    previous: int  # activities last month

    @property
    def active(self) -> bool:
        return self.activities > 0


@dataclass(frozen=True)
class Figures:
    """One month's totals over a set of stations."""

    stations: int
    active: int
    activities: int
    volunteers: int
    beneficiaries: int
    service_hours: float


@dataclass(frozen=True)
class TownshipMonth:
    slug: str
    name: str
    figures: Figures
    previous: Figures


@dataclass(frozen=True)
class HonoreeMonth:
    """An honoree of the month, with the honours that put them in it."""

    station_key: str
    slug: str
    name: str
    is_group: bool
    category: str  # code
    url: str
    summary: str
    honours: tuple[Honour, ...]


@dataclass(frozen=True)
class Report:
    """A month's bulletin for the county (``township`` None) or one township."""

    period: Period  # a month, a quarter or a year
    township: str | None  # slug
    theme: MonthlyTheme | None  # monthly reports only
    stations: tuple[StationMonth, ...]  # every station in scope, township then folder order
    # The 中心's and 所's own work in scope (the centre, then each township; a township's
    # report: its 所): counted in the totals, never among the stations ranked or listed
    # as 未开展, and owing no 信息报送 quota (that is set per station).
    units: tuple[StationMonth, ...]
    figures: Figures
    previous: Figures  # last month, same stations
    good: tuple[StationMonth, ...]  # ranked
    inactive: tuple[StationMonth, ...]  # in station order
    townships: tuple[TownshipMonth, ...]  # county reports only
    honorees: tuple[HonoreeMonth, ...]
    honoree_counts: tuple[tuple[str, int], ...]  # (category code, count), county order
    work_counts: tuple[tuple[str, int], ...]  # (五项 code, activities), county order
    unclassified: int  # activities with no 五项 item
    unreported: tuple[Plan, ...]  # plans of the period, past, with no report naming them
    quota: int | None  # reports each station owes over the period (信息报送), if set
    running: bool  # the period has not ended by the build date

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def last_month(self) -> Month:
        """The period's last month: its figures are as of that month's end."""
        return self.period.months[-1]


def monthly_report(
    catalogue: Catalogue, year: int, month: int, township: str | None = None
) -> Report:
    """The bulletin of ``year``-``month`` for the county, or for ``township`` (a slug).

    Raises :class:`MonthOutOfRange` for a month without a bulletin and ``KeyError`` for
    an unknown township.
    """
    check_month(catalogue, (year, month))
    return period_report(catalogue, Period(year, month=month), township)


def period_report(catalogue: Catalogue, period: Period, township: str | None = None) -> Report:
    """The bulletin of a month, a quarter or a year, for the county or ``township``: the
    same figures over every month of the period, compared with the period before.

    Made once per catalogue, period and township: the 通报 page, its workbook and the
    open-data tables all read this one report (the catalogue keeps it, see
    :meth:`Catalogue.derived`)."""
    return catalogue.derived(
        (period_report, period, township), lambda: fresh_report(catalogue, period, township)
    )


def fresh_report(catalogue: Catalogue, period: Period, township: str | None = None) -> Report:
    """:func:`period_report` computed anew, bypassing the catalogue's memo."""
    months = set(period.months)
    stations = _stations_in_scope(catalogue, township)
    rows = station_months(catalogue, stations, months, set(period.previous.months))
    previous_rows = station_months(
        catalogue, stations, set(period.previous.months), set(period.previous.previous.months)
    )
    unit_keys = _units_in_scope(catalogue, township)
    units = unit_months(catalogue, unit_keys, months, set(period.previous.months))
    previous_units = unit_months(
        catalogue, unit_keys, set(period.previous.months), set(period.previous.previous.months)
    )
    townships: tuple[TownshipMonth, ...] = ()
    if township is None:
        townships = tuple(
            _township_month(catalogue, t.slug, [*rows, *units], [*previous_rows, *previous_units])
            for t in catalogue.townships
        )
    keys = [*unit_keys, *(s.key for s in stations)]
    honorees = honorees_of_month(catalogue, months, set(keys))
    activities = [
        a
        for key in keys
        for m in sorted(months)
        for a in catalogue.station_month_activities(key, *m)
    ]
    return Report(
        period=period,
        township=township,
        theme=catalogue.theme(period.year, period.month) if period.month else None,
        stations=rows,
        units=units,
        figures=figures(rows, units),
        previous=figures(previous_rows, previous_units),
        good=well_done(rows),
        inactive=tuple(r for r in rows if not r.active),
        townships=townships,
        honorees=honorees,
        honoree_counts=honoree_counts(catalogue, honorees),
        work_counts=tuple(work_counts(activities, list(catalogue.county.labels.five_items.labels))),
        unclassified=unclassified(activities),
        unreported=tuple(
            p
            for key in keys
            for p in catalogue.station_plans(key)
            if activity_month(p) in months
            and p.date < catalogue.reference_date
            and catalogue.report_of(p) is None
        ),
        quota=quota * len(period.months) if (quota := catalogue.county.meta.report_quota) else None,
        running=period.months[-1]
        >= (catalogue.reference_date.year, catalogue.reference_date.month),
    )


def _stations_in_scope(catalogue: Catalogue, township: str | None) -> tuple[Station, ...]:
    if township is None:
        return tuple(s for t in catalogue.townships for s in catalogue.stations_of(t.slug))
    catalogue.township(township)  # KeyError for an unknown slug
    return catalogue.stations_of(township)


def _units_in_scope(catalogue: Catalogue, township: str | None) -> list[str]:
    """The 中心 and 所 whose own work a report counts: all of them for the county."""
    if township is not None:
        return [township]
    return [CENTRE_KEY, *(t.slug for t in catalogue.townships)]


def unit_months(
    catalogue: Catalogue, keys: Iterable[str], months: set[Month], before: set[Month]
) -> tuple[StationMonth, ...]:
    """The 中心's and 所's own figures over ``months``: rows like a station's."""
    rows = []
    for key in keys:
        unit = catalogue.unit(key)
        own = [a for m in sorted(months) for a in catalogue.station_month_activities(key, *m)]
        parent = catalogue.township(key).name if unit.level == "所" else ""
        rows.append(
            StationMonth(
                key=key,
                name=unit.name,
                township=parent,
                url=unit.url,
                activities=len(own),
                volunteers=sum(a.meta.volunteers for a in own),
                beneficiaries=sum(a.meta.beneficiaries for a in own),
                service_hours=round(sum(a.meta.service_hours for a in own), 1),
                previous=sum(len(catalogue.station_month_activities(key, *m)) for m in before),
            )
        )
    return tuple(rows)


def month_activities(catalogue: Catalogue, station_key: str, month: Month) -> list[Activity]:
    """One station's activities of ``month``, oldest first (same day: by file name)."""
    own = catalogue.station_month_activities(station_key, *month)
    return sorted(own, key=lambda a: (a.date, a.slug))


def station_months(
    catalogue: Catalogue, stations: Iterable[Station], months: set[Month], before: set[Month]
) -> tuple[StationMonth, ...]:
    """Each station's figures over ``months``, with its activity count over ``before``."""
    rows = []
    for station in stations:
        own = [
            a for m in sorted(months) for a in catalogue.station_month_activities(station.key, *m)
        ]
        rows.append(
            StationMonth(
                key=station.key,
                name=station.name,
                township=catalogue.township(station.township).name,
                url=station.url,
                activities=len(own),
                volunteers=sum(a.meta.volunteers for a in own),
                beneficiaries=sum(a.meta.beneficiaries for a in own),
                service_hours=round(sum(a.meta.service_hours for a in own), 1),
                previous=sum(
                    len(catalogue.station_month_activities(station.key, *m)) for m in before
                ),
            )
        )
    return tuple(rows)


def figures(rows: Sequence[StationMonth], units: Sequence[StationMonth] = ()) -> Figures:
    """Totals over stations' rows and the 中心's/所's own ``units``: the units' work counts
    in the activities and people, not among the stations (nor the active ones)."""
    both = [*rows, *units]
    return Figures(
        stations=len(rows),
        active=sum(1 for r in rows if r.active),
        activities=sum(r.activities for r in both),
        volunteers=sum(r.volunteers for r in both),
        beneficiaries=sum(r.beneficiaries for r in both),
        service_hours=round(sum(r.service_hours for r in both), 1),
    )


def good_quota(station_count: int) -> int:
    """How many stations :data:`GOOD_RULE` names before ties: a fifth, 1 to 10."""
    return min(GOOD_MAX, max(GOOD_MIN, math.ceil(station_count * GOOD_SHARE)))


def well_done(rows: Sequence[StationMonth]) -> tuple[StationMonth, ...]:
    """The stations that did well (:data:`GOOD_RULE`), best first."""
    ranked = sorted(
        (r for r in rows if r.active), key=lambda r: (-r.activities, -r.beneficiaries, r.key)
    )
    quota = good_quota(len(rows))
    if len(ranked) <= quota:
        return tuple(ranked)
    last = ranked[quota - 1]
    tied = [
        r
        for r in ranked[quota:]
        if (r.activities, r.beneficiaries) == (last.activities, last.beneficiaries)
    ]
    return (*ranked[:quota], *tied)


def _township_month(
    catalogue: Catalogue,
    slug: str,
    rows: Sequence[StationMonth],
    previous_rows: Sequence[StationMonth],
) -> TownshipMonth:
    prefix = f"{slug}/"
    own = [r for r in rows if r.key == slug]
    own_before = [r for r in previous_rows if r.key == slug]
    return TownshipMonth(
        slug=slug,
        name=catalogue.township(slug).name,
        figures=figures([r for r in rows if r.key.startswith(prefix)], own),
        previous=figures([r for r in previous_rows if r.key.startswith(prefix)], own_before),
    )


def honours_in_month(honoree: Honoree, month: Month) -> tuple[Honour, ...]:
    return tuple(h for h in honoree.honours if honour_month(h.period) == month)


def honorees_of_month(
    catalogue: Catalogue, months: set[Month], station_keys: set[str] | None = None
) -> tuple[HonoreeMonth, ...]:
    """Honorees with an honour counted in one of ``months`` (:data:`HONOUR_RULE`), by
    category (the county's order), then station order, then file name."""
    order = {
        code: index for index, code in enumerate(catalogue.county.labels.honour_categories.labels)
    }
    stations = {u.key: index for index, u in enumerate(catalogue.units)}
    by_month = _honorees_by_month(catalogue)
    # Only the honorees honoured in one of the months, in the catalogue's order: every
    # 通报 (442 of them in a county of 700 stations) asks, so it is looked up, not scanned.
    candidates = sorted({i for m in months for i in by_month.get(m, ())})
    found = []
    for honoree in (catalogue.honorees[i] for i in candidates):
        if station_keys is not None and honoree.unit_key not in station_keys:
            continue
        honours = tuple(h for h in honoree.honours if honour_month(h.period) in months)
        if honours:
            found.append(
                HonoreeMonth(
                    station_key=honoree.unit_key,
                    slug=honoree.slug,
                    name=honoree.name,
                    is_group=honoree.is_group,
                    category=honoree.category,
                    url=honoree.url,
                    summary=honoree.meta.summary,
                    honours=honours,
                )
            )
    found.sort(key=lambda h: (order.get(h.category, len(order)), stations[h.station_key], h.slug))
    return tuple(found)


def _honorees_by_month(catalogue: Catalogue) -> dict[Month, tuple[int, ...]]:
    """Positions in ``catalogue.honorees`` of those with an honour counted in each month."""
    return catalogue.derived((_honorees_by_month,), lambda: _index_honorees(catalogue))


def _index_honorees(catalogue: Catalogue) -> dict[Month, tuple[int, ...]]:
    found: dict[Month, list[int]] = {}
    for index, honoree in enumerate(catalogue.honorees):
        for month in sorted({honour_month(h.period) for h in honoree.honours}):
            found.setdefault(month, []).append(index)
    return {month: tuple(indexes) for month, indexes in found.items()}


def honoree_counts(
    catalogue: Catalogue, honorees: Sequence[HonoreeMonth]
) -> tuple[tuple[str, int], ...]:
    """(category code, honorees) for every category of the county's set, zeros included,
    then any other code found (a county may have renamed its set since)."""
    codes = list(catalogue.county.labels.honour_categories.labels)
    codes += sorted({h.category for h in honorees} - set(codes))
    return tuple((code, sum(1 for h in honorees if h.category == code)) for code in codes)


def reference_text(day: dt.date) -> str:
    return dates.day_text(day)

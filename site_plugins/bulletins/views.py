"""Data for the bulletin and sheet templates: labels resolved, numbers formatted, URLs made.

Templates get data, not logic; the figures themselves come from :mod:`.report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from markupsafe import Markup

from site_plugins import dates, figures, routes
from site_plugins.bulletins import report as rp
from site_plugins.bulletins.report import Figures, Month, Report, StationMonth
from site_plugins.bulletins.sheet import PAPERS, sheet_url
from site_plugins.content.catalogue import Catalogue, MonthlyTheme, Period
from site_plugins.hubs import charts
from site_plugins.plans import Crumb, Link, View
from site_plugins.service.figures import ORDER_RULES, PeriodOrders, period_orders
from site_plugins.service.views import records, scope_orders

bulletin_url = routes.bulletin


def period_url(period: Period, township: str | None = None) -> str:
    """The 通报 of a month, a quarter or a year, the county's or a township's."""
    if period.month:
        return routes.bulletin((period.year, period.month), township)
    if period.quarter:
        return routes.quarter_bulletin(period.year, period.quarter, township)
    return routes.annual_bulletin(period.year, township)


def period_words(period: Period) -> str:
    """How a 通报's opening names its period: 6月份, 第二季度, 2026年."""
    if period.month:
        return f"{period.month}月份"
    if period.quarter:
        return period.label.removeprefix(f"{period.year}年")
    return f"{period.year}年"


def change_text(now: float, before: float) -> str:
    """+3 / −2 / 持平: signs and words, never a colour alone."""
    diff = round(now - before, 1)
    if diff == 0:
        return "持平"
    number = f"{abs(diff):g}"
    return f"+{number}" if diff > 0 else f"−{number}"


@dataclass(frozen=True)
class Comparison:
    label: str
    now: str
    before: str
    change: str


@dataclass(frozen=True)
class StationRow:
    key: str
    name: str
    township: str
    url: str
    month_url: str | None
    activities: int
    previous: int
    change: str
    volunteers: int
    beneficiaries: int
    hours: str
    quota: str | None  # 信息报送: 完成 / 未完成 / 进行中, when the county sets a quota


@dataclass(frozen=True)
class TownshipRow:
    slug: str
    name: str
    url: str  # its bulletin this month
    stations: int
    active: int
    activities: int
    previous: int
    change: str
    beneficiaries: int


@dataclass(frozen=True)
class HonoreeCard:
    name: str
    url: str
    category: str
    honour: str
    place: str
    summary: str


def comparisons(now: Figures, before: Figures) -> list[Comparison]:
    rows: list[tuple[str, float, float, str]] = [
        ("开展活动", now.activities, before.activities, "次"),
        ("开展活动的实践站", now.active, before.active, "个"),
        ("参与志愿者", now.volunteers, before.volunteers, "人次"),
        ("受益群众", now.beneficiaries, before.beneficiaries, "人次"),
        ("志愿服务时长", now.service_hours, before.service_hours, "小时"),
    ]
    return [
        Comparison(label, f"{a:g} {unit}", f"{b:g} {unit}", change_text(a, b))
        for label, a, b, unit in rows
    ]


def station_rows(report: Report) -> list[StationRow]:
    return [_station_row(r, report.period, quota_status(report, r)) for r in report.stations]


def quota_status(report: Report, row: StationMonth) -> str | None:
    """信息报送 of one station: 完成, or 未完成 once the period is over, else 进行中."""
    if report.quota is None:
        return None
    if row.activities >= report.quota:
        return "完成"
    return "进行中" if report.running else "未完成"


def _station_row(row: StationMonth, period: Period, quota: str | None = None) -> StationRow:
    # A month's count links to the station's month page; a quarter's or year's, to the
    # station's page with every month listed.
    listing = None
    if row.active:
        month = (period.year, period.month) if period.month else None
        listing = routes.station_month(row.key, month) if month else row.url
    return StationRow(
        key=row.key,
        name=row.name,
        township=row.township,
        url=row.url,
        month_url=listing,
        activities=row.activities,
        previous=row.previous,
        change=change_text(row.activities, row.previous),
        volunteers=row.volunteers,
        beneficiaries=row.beneficiaries,
        hours=f"{row.service_hours:g}",
        quota=quota,
    )


@dataclass(frozen=True)
class StationGroup:
    township: str
    stations: list[Link]


def _grouped(rows: Sequence[StationMonth]) -> list[StationGroup]:
    """Stations by township name, in station order."""
    groups: dict[str, list[Link]] = {}
    for row in rows:
        groups.setdefault(row.township, []).append(Link(row.name, row.url))
    return [StationGroup(township, links) for township, links in groups.items()]


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class Bulletin(View):
    """A month's 通报 of the county or of one township."""

    context_name: ClassVar[str] = "bulletin"
    title: str
    crumbs: list[Crumb]
    issuer: str
    scope: str
    is_county: bool
    key: str  # 2026-06, 2026-Q2 or 2026: which period, for scripts and print
    kind: str  # 月 / 季度 / 年
    year: int
    serial: int  # the 文号's number in the year: the month; 13–16 a quarter; 17 the year
    theme: MonthlyTheme | None
    theme_url: str | None
    lead: str
    comparisons: list[Comparison]
    previous_label: str
    good: list[StationRow]
    good_quota: int
    inactive: list[StationGroup]
    inactive_count: int
    townships: list[TownshipRow]
    stations: list[StationRow]
    units: list[StationRow]  # the 中心's and 所's own work (counted in the totals)
    honoree_counts: list[Count]
    honoree_total: int
    unreported: list[Link]  # plans whose day has passed with no report yet (for the editors)
    quota: int | None  # reports each station owes over the period
    quota_done: int  # stations that met it
    work_counts: list[Count]  # 五项工作内容
    work_chart: Markup | None  # None when no activity of the month names an item
    unclassified: int
    honorees: list[HonoreeCard]
    rules: tuple[str, ...]
    as_of: str
    county_url: str | None
    township_links: list[Link]
    previous: Link | None  # name: the month's label
    next: Link | None
    index_url: str
    # This 通报 as .xlsx (made by the open_data plugin), for the editor to send upward.
    workbook: str | None = None
    # 四单 of the period (site_plugins.service): orders taken, served and reviewed in it.
    orders: PeriodOrders | None = None
    order_rules: tuple[str, ...] = ORDER_RULES


def _unit_name(catalogue: Catalogue, unit_key: str) -> str:
    """A station's own name (石桥村), a 所's or the centre's short one (青石镇, 县中心)."""
    if "/" in unit_key:
        return catalogue.station(unit_key).name
    return catalogue.unit(unit_key).short_name


def lead(catalogue: Catalogue, report: Report, scope: str) -> str:
    """The opening paragraph, in the words of a township's 月度通报."""
    f = report.figures
    text = (
        f"{period_words(report.period)}，{scope}{f.stations}个新时代文明实践站中，{f.active}个开展了活动，"
        f"共开展活动{f.activities}次，参与志愿者{f.volunteers}人次，受益群众{f.beneficiaries}人次，"
        f"志愿服务{f.service_hours:g}小时。"
    )
    if report.good:
        names = "、".join(
            r.name if report.township else f"{r.township}{r.name}" for r in report.good
        )
        text += f"本{report.period.kind}开展情况较好的实践站有：{names}。"
    if report.inactive:
        text += f"未开展活动的实践站{len(report.inactive)}个（名单见下）。"
    else:
        text += "各实践站均开展了活动。"
    return text


def bulletin_view(catalogue: Catalogue, report: Report, periods: Sequence[Period]) -> Bulletin:
    """``periods``: every period with a 通报, for the links to the previous and next one."""
    county = catalogue.county.meta
    township = catalogue.township(report.township) if report.township else None
    scope = township.name if township else county.name
    labels = catalogue.county.labels
    five = labels.five_items
    period = report.period
    alike = [p for p in periods if p.kind == period.kind]
    position = alike.index(period)
    previous = alike[position - 1] if position > 0 else None
    following = alike[position + 1] if position + 1 < len(alike) else None
    honorees = [
        HonoreeCard(
            name=h.name + ("（集体）" if h.is_group else ""),
            url=h.url,
            category=labels.honour_categories.label(h.category),
            honour="；".join(
                f"{x.period.label} · {labels.honour_levels.label(x.level)}"
                + (f" · {x.title}" if x.title else "")
                for x in h.honours
            ),
            place=catalogue.place(h.station_key),
            summary=h.summary,
        )
        for h in report.honorees
    ]
    county_url = period_url(period) if township else None
    crumbs = [Crumb("月度通报", routes.BULLETINS)]
    if county_url is not None:
        crumbs.append(Crumb(f"{period.label}全县通报", county_url))
    return Bulletin(
        title=f"{scope}新时代文明实践{period.label}工作通报",
        crumbs=crumbs,
        issuer=township.institute if township else county.centre,
        scope=scope,
        is_county=township is None,
        key=period.key,
        kind=period.kind,
        year=period.year,
        serial=period.month or (12 + period.quarter if period.quarter else 17),
        theme=report.theme,
        theme_url=routes.theme_month(report.last_month) if report.theme else None,
        lead=lead(catalogue, report, "全县" if township is None else "全镇"),
        comparisons=comparisons(report.figures, report.previous),
        previous_label=period.previous.label,
        good=[_station_row(r, period) for r in report.good],
        good_quota=rp.good_quota(len(report.stations)),
        inactive=_grouped(report.inactive),
        inactive_count=len(report.inactive),
        townships=[
            TownshipRow(
                slug=t.slug,
                name=t.name,
                url=period_url(period, t.slug),
                stations=t.figures.stations,
                active=t.figures.active,
                activities=t.figures.activities,
                previous=t.previous.activities,
                change=change_text(t.figures.activities, t.previous.activities),
                beneficiaries=t.figures.beneficiaries,
            )
            for t in report.townships
        ],
        stations=station_rows(report),
        units=[
            replace(_station_row(r, period), month_url=r.url if r.active else None)
            for r in report.units
        ],
        honoree_counts=[
            Count(labels.honour_categories.label(code), count)
            for code, count in report.honoree_counts
        ],
        honoree_total=len(report.honorees),
        unreported=[
            Link(
                f"{dates.month_day(p.date)} {_unit_name(catalogue, p.unit_key)}：{p.title}",
                p.url,
            )
            for p in report.unreported
        ],
        quota=report.quota,
        quota_done=sum(1 for r in report.stations if quota_status(report, r) == "完成"),
        work_counts=[Count(five.label(code), count) for code, count in report.work_counts],
        work_chart=Markup(
            charts.category_bars(
                [(five.label(code), count) for code, count in report.work_counts],
                f"{scope}{period.label}活动按五项工作内容",
            )
        )
        if any(count for _, count in report.work_counts)
        else None,
        unclassified=report.unclassified,
        honorees=honorees,
        rules=rp.RULES,
        as_of=rp.reference_text(figures.as_of(report.last_month, catalogue.reference_date)),
        county_url=county_url,
        township_links=[]
        if township
        else [Link(t.name, period_url(period, t.slug)) for t in catalogue.townships],
        previous=Link(previous.label, period_url(previous, report.township)) if previous else None,
        next=Link(following.label, period_url(following, report.township)) if following else None,
        index_url=routes.BULLETINS,
        workbook=routes.bulletin_workbook(
            period_url(period, report.township), period.key, report.township
        ),
        # A county that keeps no 四单 records prints no table of zeros (as its hubs show none).
        orders=period_orders(scope_orders(catalogue, report.township), set(period.months))
        if records(catalogue).orders or records(catalogue).menu_items
        else None,
    )


@dataclass(frozen=True)
class MonthRow:
    label: str
    url: str
    theme: str | None
    activities: int
    townships: list[Link]


@dataclass(frozen=True)
class BulletinList(View):
    """Every month's 通报."""

    context_name: ClassVar[str] = "bulletin_list"
    county: str
    months: list[MonthRow]
    longer: list[MonthRow]  # the quarters' and years' 通报, newest first
    rules: tuple[str, ...]
    as_of: str


def index_view(catalogue: Catalogue, periods: Sequence[Period]) -> BulletinList:
    rows: dict[str, list[MonthRow]] = {"月": [], "季度": [], "年": []}
    by_month = figures.activities_by_month(catalogue)
    for period in reversed(periods):
        theme = catalogue.theme(period.year, period.month) if period.month else None
        rows[period.kind].append(
            MonthRow(
                label=period.label,
                url=period_url(period),
                theme=theme.title if theme else None,
                activities=sum(by_month[m] for m in set(period.months)),
                townships=[Link(t.name, period_url(period, t.slug)) for t in catalogue.townships],
            )
        )
    return BulletinList(
        county=catalogue.county.meta.name,
        months=rows["月"],
        longer=rows["季度"] + rows["年"],
        rules=rp.RULES,
        as_of=rp.reference_text(catalogue.reference_date),
    )


@dataclass(frozen=True)
class PaperLink:
    paper: str
    url: str


@dataclass(frozen=True)
class StationSheets:
    name: str
    papers: list[PaperLink]


@dataclass(frozen=True)
class TownshipSheets:
    name: str
    stations: list[StationSheets]


@dataclass(frozen=True)
class SheetList(View):
    """A month's notice-board sheets, by township and station."""

    context_name: ClassVar[str] = "sheet_list"
    label: str
    townships: list[TownshipSheets]
    bulletin_url: str


def sheets_index_view(catalogue: Catalogue, month: Month) -> SheetList:
    return SheetList(
        label=rp.month_label(month),
        townships=[
            TownshipSheets(
                t.name,
                [
                    StationSheets(
                        s.name, [PaperLink(PAPERS[p].name, sheet_url(s, month, p)) for p in PAPERS]
                    )
                    for s in catalogue.stations_of(t.slug)
                ],
            )
            for t in catalogue.townships
        ],
        bulletin_url=bulletin_url(month),
    )

"""What the open-data export holds: one :class:`Table` per kind of record, in one registry.

Every format (JSON and its schema, CSV, the workbook) and the explanation page are made
from :data:`TABLES`, so adding a kind of record — the service menus (服务菜单) and the
四单 orders being written now — is one entry: a name, a Chinese title, its columns and a
function from the catalogue to rows. Figures are never recomputed here: the ``figures``
and ``station_figures`` tables take every number from :func:`report.period_report`, the
function the 通报 pages are drawn from, and ``quota_status`` from the 通报's own view.

Only what the public site already shows is exported: activities without their bodies,
honorees without birth year, gender or consent records, teams without people's names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from site_plugins import routes
from site_plugins.bulletins import report
from site_plugins.bulletins.views import period_url, quota_status
from site_plugins.content.catalogue import Activity, Catalogue, Honoree, Period
from site_plugins.content.labels import CountyLabels
from site_plugins.service.records import ServiceRecords

# major.minor: a new column or table is minor; a removed one, major. 1.1 added the
# service menus (menu_items) and the 四单 orders (orders); the city portal reads any 1.x.
SCHEMA_VERSION = "1.1"
MAJOR = SCHEMA_VERSION.split(".", maxsplit=1)[0]

Kind = Literal["string", "integer", "number", "boolean", "date"]
Value = str | int | float | bool | None
Row = tuple[Value, ...]


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key and the CSV header
    title: str  # the workbook's header and the explanation page
    kind: Kind = "string"
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # file name: <name>.csv, the key in data.json, the workbook's sheet order
    title: str  # the sheet's name (Chinese, at most 31 characters)
    about: str  # one sentence for the explanation page
    columns: tuple[Column, ...]
    rows: Callable[[Catalogue], Iterable[Row]]

    def records(self, catalogue: Catalogue) -> Iterator[dict[str, Value]]:
        keys = [c.key for c in self.columns]
        for row in self.rows(catalogue):
            yield dict(zip(keys, row, strict=True))


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- periods: the 通报's own reports, computed once per catalogue -----------------------


PERIOD_KINDS = {"月": "month", "季度": "quarter", "年": "year"}


def report_keys(catalogue: Catalogue) -> list[tuple[Period, str | None]]:
    """The period and township (None: the county's) of each of :func:`reports`, in the
    same order, without making them."""
    keys: list[tuple[Period, str | None]] = []
    for period in report.periods_of(report.bulletin_months(catalogue)):
        keys.append((period, None))
        keys += [(period, t.slug) for t in catalogue.townships]
    return keys


def reports(catalogue: Catalogue) -> tuple[report.Report, ...]:
    """Every 通报 of the site (every period; the county's, then each township's), made
    by the function the 通报 pages use, which keeps each report on the catalogue: the
    figures tables, each 通报's workbook and page read the same reports."""
    return catalogue.derived((reports,), lambda: _all_reports(catalogue))


def _all_reports(catalogue: Catalogue) -> tuple[report.Report, ...]:
    found: list[report.Report] = []
    for period in report.periods_of(report.bulletin_months(catalogue)):
        county = report.period_report(catalogue, period)
        found.append(county)
        # The townships' own 通报 as their pages make them: one definition of every figure
        # (a township's report also counts the 所's own activities, which the county's
        # station rows leave out, so it is not cut out of the county's).
        found += [report.period_report(catalogue, period, t.slug) for t in catalogue.townships]
    return tuple(found)


def quota_done(found: report.Report) -> int | None:
    """Stations that met the 信息报送 quota, counted as the 通报 page counts them."""
    if found.quota is None:
        return None
    return sum(1 for r in found.stations if quota_status(found, r) == "完成")


# --- rows -------------------------------------------------------------------------------


def _townships(catalogue: Catalogue) -> Iterator[Row]:
    for t in catalogue.townships:
        yield (t.slug, t.name, t.institute, len(catalogue.stations_of(t.slug)), t.url)


def _stations(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for s in catalogue.stations:
        yield (
            s.key,
            s.township,
            catalogue.township(s.township).name,
            s.name,
            s.full_name,
            s.meta.kind,
            s.meta.star,
            _day(s.meta.established),
            len(s.teams),
            "、".join(labels.platforms.label(p) for p in s.platforms),
            len(catalogue.station_activities(s.key)),
            len(catalogue.station_honorees(s.key)),
            s.url,
        )


def _teams(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for unit in catalogue.units:
        for t in catalogue.unit_teams(unit.key):
            category = labels.team_categories.label(t.category)
            yield (unit.key, t.id, t.name, category, t.members, t.leader, t.url)


def _activities(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for a in activities_in_order(catalogue):
        yield activity_row(labels, a)


def activities_in_order(catalogue: Catalogue) -> list[Activity]:
    """The activities table's order: by date, then unit and file name."""
    return sorted(catalogue.activities, key=lambda a: (a.date, a.unit_key, a.slug))


def activity_row(labels: CountyLabels, a: Activity) -> Row:
    """One activity's row: made from the record and the county's labels alone (a serve
    session keeps it while the record is the same object: open_data.memo)."""
    return (
        a.unit_key,
        a.slug,
        a.title,
        _day(a.date),
        _day(a.meta.end_date),
        labels.team_categories.label(a.category),
        a.team.name if a.team else None,
        labels.platforms.label(a.platform) if a.platform else None,
        "、".join(labels.five_items.label(w) for w in a.work),
        a.meta.volunteers,
        a.meta.beneficiaries,
        a.meta.service_hours,
        a.meta.location,
        len(a.photos),
        a.url,
    )


def _plans(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for p in catalogue.plans_soonest_first:
        done = catalogue.report_of(p)
        yield (
            p.unit_key,
            p.slug,
            p.title,
            _day(p.date),
            _day(p.meta.end_date),
            p.meta.time,
            p.meta.location,
            labels.team_categories.label(p.category),
            p.meta.who,
            done.url if done else None,
            p.url,
        )


def _honorees(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for h in catalogue.honorees_newest_first:
        yield honoree_row(labels, h)


def honoree_row(labels: CountyLabels, h: Honoree) -> Row:
    """One honoree's row: from the record and the county's labels alone."""
    latest = h.latest_honour
    return (
        h.unit_key,
        h.slug,
        h.name,
        h.meta.kind,
        labels.honoree_categories.label(h.category),
        latest.period.label,
        latest.period.key,
        labels.honour_levels.label(latest.level),
        latest.title,
        len(h.honours),
        h.meta.summary,
        h.url,
    )


def _figures(catalogue: Catalogue) -> Iterator[Row]:
    for found in reports(catalogue):
        yield figures_row(found)


def figures_row(found: report.Report) -> Row:
    """One 通报's row of the figures table."""
    f = found.figures
    return (
        found.period.key,
        PERIOD_KINDS[found.period.kind],
        found.township or "",
        f.stations,
        f.active,
        f.activities,
        f.volunteers,
        f.beneficiaries,
        f.service_hours,
        found.previous.activities,
        len(found.good),
        len(found.inactive),
        len(found.honorees),
        found.quota,
        quota_done(found),
        len(found.unreported),
        found.running,
        period_url(found.period, found.township),
    )


def _station_figures(catalogue: Catalogue) -> Iterator[Row]:
    for found in reports(catalogue):
        if found.township is None:  # the county's report already has every station's row
            yield from station_figures_rows(found)


def station_figures_rows(found: report.Report) -> tuple[Row, ...]:
    """The station_figures rows of one county 通报: one per station."""
    return tuple(
        (
            found.period.key,
            r.key,
            r.activities,
            r.volunteers,
            r.beneficiaries,
            r.service_hours,
            r.previous,
            quota_status(found, r),
        )
        for r in found.stations
    )


def _service(catalogue: Catalogue) -> ServiceRecords:
    return catalogue.service or ServiceRecords()


def _menu_items(catalogue: Catalogue) -> Iterator[Row]:
    labels = catalogue.county.labels
    for item in sorted(_service(catalogue).menu_items, key=lambda m: (m.unit_key, m.slug)):
        yield (
            item.unit_key,
            item.slug,
            item.title,
            "、".join(labels.five_items.label(w) for w in item.work),
            labels.team_categories.label(item.category),
            item.team.ref,
            item.team.name,
            item.meta.summary,
            item.meta.available,
            routes.menu_item(item.unit_key, item.slug),
        )


def _orders(catalogue: Catalogue) -> Iterator[Row]:
    # An order names a group, never a person: the loader refuses a group that reads as a
    # person's name (PERSON_NAME), and no review comment or body is exported.
    service = _service(catalogue)
    position = {
        (o.unit_key, o.slug): index
        for key in {o.unit_key for o in service.orders}
        for index, o in enumerate(service.orders_of(key))
    }
    for order in sorted(service.orders, key=lambda o: (o.date, o.unit_key, o.slug)):
        review = order.review
        yield (
            order.unit_key,
            order.slug,
            order.meta.title,
            _day(order.date),
            order.meta.group,
            order.menu_item.ref if order.menu_item else None,
            order.team.ref if order.team else None,
            _day(order.meta.assigned.date) if order.meta.assigned else None,
            order.activity.url if order.activity else None,
            _day(order.served_on),
            order.days_to_serve,
            review.satisfied if review else None,
            review.basic if review else None,
            review.unsatisfied if review else None,
            _day(review.date) if review else None,
            routes.order(order.unit_key, order.slug, position[(order.unit_key, order.slug)]),
        )


# --- the registry ---------------------------------------------------------------------

STATION = Column("station", "实践站（乡镇/村代码）")
# Entries and teams belong to any unit: the county centre, a township's 所 or a station.
UNIT = Column("station", "所在单位（centre 为县中心，乡镇代码为实践所，乡镇/村代码为实践站）")
SLUG = Column("slug", "文件名")
URL = Column("url", "网页地址（相对于本县网站）")

TABLES: tuple[Table, ...] = (
    Table(
        "townships",
        "乡镇实践所",
        "各乡镇（街道）新时代文明实践所。",
        (
            Column("township", "乡镇代码"),
            Column("name", "乡镇（街道）"),
            Column("institute", "实践所"),
            Column("stations", "实践站数", "integer"),
            URL,
        ),
        _townships,
    ),
    Table(
        "stations",
        "实践站",
        "各村（社区）新时代文明实践站，以及已发布的活动数和好人数。",
        (
            STATION,
            Column("township", "乡镇代码"),
            Column("township_name", "乡镇（街道）"),
            Column("name", "村（社区）"),
            Column("full_name", "实践站全称"),
            Column("kind", "类型（村/社区）"),
            Column("star", "星级", "integer", nullable=True),
            Column("established", "建站日期", "date", nullable=True),
            Column("teams", "志愿服务队数", "integer"),
            Column("platforms", "实践平台"),
            Column("activities", "已发布活动", "integer"),
            Column("honorees", "身边好人", "integer"),
            URL,
        ),
        _stations,
    ),
    Table(
        "teams",
        "志愿服务队",
        "各实践站登记的志愿服务队（只有人数和队长的职务，没有个人姓名）。",
        (
            UNIT,
            Column("team", "队伍代码"),
            Column("name", "队伍名称"),
            Column("category", "服务类别"),
            Column("members", "人数", "integer"),
            Column("leader", "队长（职务）", nullable=True),
            URL,
        ),
        _teams,
    ),
    Table(
        "activities",
        "活动",
        "已发布的活动报道（不含正文和照片，只有照片张数），按日期排列。",
        (
            UNIT,
            SLUG,
            Column("title", "标题"),
            Column("date", "日期", "date"),
            Column("end_date", "结束日期", "date", nullable=True),
            Column("category", "服务类别"),
            Column("team", "志愿服务队", nullable=True),
            Column("platform", "实践平台", nullable=True),
            Column("work", "五项工作内容"),
            Column("volunteers", "志愿者人数", "integer"),
            Column("beneficiaries", "受益群众人次", "integer"),
            Column("service_hours", "服务时长（小时）", "number"),
            Column("location", "地点", nullable=True),
            Column("photos", "照片张数", "integer"),
            URL,
        ),
        _activities,
    ),
    Table(
        "plans",
        "活动预告",
        "活动预告；已开展的写明活动报道的地址。",
        (
            UNIT,
            SLUG,
            Column("title", "标题"),
            Column("date", "日期", "date"),
            Column("end_date", "结束日期", "date", nullable=True),
            Column("time", "时间", nullable=True),
            Column("location", "地点"),
            Column("category", "服务类别"),
            Column("who", "谁可以参加", nullable=True),
            Column("report", "活动报道地址", nullable=True),
            URL,
        ),
        _plans,
    ),
    Table(
        "honorees",
        "身边好人",
        "已发布（登记了本人同意）的身边好人，只有网站上公开的信息，按最近的荣誉排列。",
        (
            UNIT,
            SLUG,
            Column("name", "姓名或集体名称"),
            Column("kind", "个人/集体"),
            Column("category", "好人类别"),
            Column("honour_period", "最近荣誉期次"),
            Column("honour_key", "最近荣誉期次代码"),
            Column("honour_level", "最近荣誉级别"),
            Column("honour_title", "荣誉名称", nullable=True),
            Column("honours", "荣誉项数", "integer"),
            Column("summary", "事迹"),
            URL,
        ),
        _honorees,
    ),
    Table(
        "figures",
        "通报数据",
        "每份月度、季度、年度通报的数字（全县一行、各乡镇各一行），与通报页面同一算法。",
        (
            Column("period", "期别（2026-06、2026-Q2、2026）"),
            Column("kind", "期别类型（month/quarter/year）"),
            Column("township", "范围（乡镇代码；空为全县）"),
            Column("stations", "实践站数", "integer"),
            Column("active", "开展活动的实践站", "integer"),
            Column("activities", "活动次数", "integer"),
            Column("volunteers", "志愿者人次", "integer"),
            Column("beneficiaries", "受益群众人次", "integer"),
            Column("service_hours", "服务时长（小时）", "number"),
            Column("previous_activities", "上期活动次数", "integer"),
            Column("good", "开展较好的实践站", "integer"),
            Column("inactive", "未开展的实践站", "integer"),
            Column("honorees", "身边好人", "integer"),
            Column("quota", "每站应报送篇数", "integer", nullable=True),
            Column("quota_done", "完成报送的实践站", "integer", nullable=True),
            Column("unreported", "已过期未报道的预告", "integer"),
            Column("running", "本期尚未结束", "boolean"),
            Column("url", "通报地址（相对于本县网站）"),
        ),
        _figures,
    ),
    Table(
        "station_figures",
        "各站通报数据",
        "每份全县通报中每个实践站的数字和信息报送情况。",
        (
            Column("period", "期别"),
            STATION,
            Column("activities", "活动次数", "integer"),
            Column("volunteers", "志愿者人次", "integer"),
            Column("beneficiaries", "受益群众人次", "integer"),
            Column("service_hours", "服务时长（小时）", "number"),
            Column("previous", "上期活动次数", "integer"),
            Column("quota_status", "信息报送（完成/进行中/未完成）", nullable=True),
        ),
        _station_figures,
    ),
    Table(
        "menu_items",
        "文明实践菜单",
        "各单位文明实践菜单上的服务项目（群众可以点单），按单位和文件名排列。",
        (
            UNIT,
            SLUG,
            Column("title", "服务名称"),
            Column("work", "五项工作内容"),
            Column("category", "服务类别"),
            Column("team", "提供服务的队伍代码（单位:队伍）"),
            Column("team_name", "提供服务的志愿服务队"),
            Column("summary", "一句话说明"),
            Column("available", "什么时候可以点"),
            URL,
        ),
        _menu_items,
    ),
    Table(
        "orders",
        "点单记录",
        "群众点单和办理情况（点单、配单、送单、评单），只写点单的群体，不含个人姓名、"
        "评价原话和正文，按点单日期排列。",
        (
            UNIT,
            SLUG,
            Column("title", "点了什么"),
            Column("date", "点单日期", "date"),
            Column("group", "点单群体"),
            Column("menu", "菜单项目（单位:文件名）", nullable=True),
            Column("assigned_team", "配单队伍（单位:队伍）", nullable=True),
            Column("assigned_date", "配单日期", "date", nullable=True),
            Column("activity", "送单活动报道地址", nullable=True),
            Column("served_date", "送单日期", "date", nullable=True),
            Column("days_to_serve", "点单到送单天数", "integer", nullable=True),
            Column("satisfied", "评单：满意人数", "integer", nullable=True),
            Column("basic", "评单：基本满意人数", "integer", nullable=True),
            Column("unsatisfied", "评单：不满意人数", "integer", nullable=True),
            Column("review_date", "评单日期", "date", nullable=True),
            URL,
        ),
        _orders,
    ),
)


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


def county_record(catalogue: Catalogue, site_url: str) -> Mapping[str, Value]:
    """Who published the export, and as of which day (the build's reference date)."""
    meta = catalogue.county.meta
    return {
        "name": meta.name,
        "centre": meta.centre,
        "site_url": site_url,
        "report_quota": meta.report_quota,
        "as_of": catalogue.reference_date.isoformat(),
    }

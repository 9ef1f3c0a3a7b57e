"""One 通报 as an .xlsx workbook: what a county editor sends upward each month.

The numbers are the report's own (:func:`report.period_report`, the 通报 page's source);
each sheet is one table of the page, in the page's order, headed in Chinese.
"""

from __future__ import annotations

from site_plugins.bulletins import report
from site_plugins.bulletins.views import quota_status
from site_plugins.content.catalogue import Catalogue
from site_plugins.figures import as_of
from site_plugins.open_data.formats import Sheet, workbook
from site_plugins.open_data.tables import quota_done


def scope_name(catalogue: Catalogue, found: report.Report) -> str:
    if found.township is None:
        return catalogue.county.meta.name
    return catalogue.township(found.township).name


def title(catalogue: Catalogue, found: report.Report) -> str:
    return f"{scope_name(catalogue, found)}新时代文明实践{found.period.label}工作通报"


def bulletin_workbook(catalogue: Catalogue, found: report.Report) -> bytes:
    labels = catalogue.county.labels
    f, before = found.figures, found.previous
    summary: Sheet = (
        "概况",
        ["项目", "本期", "上期"],
        [
            ("通报", title(catalogue, found), None),
            ("期别", found.period.key, found.period.previous.key),
            ("统计截至", as_of(found.last_month, catalogue.reference_date).isoformat(), None),
            ("实践站", f.stations, before.stations),
            ("开展活动的实践站", f.active, before.active),
            ("活动次数", f.activities, before.activities),
            ("志愿者人次", f.volunteers, before.volunteers),
            ("受益群众人次", f.beneficiaries, before.beneficiaries),
            ("服务时长（小时）", f.service_hours, before.service_hours),
            ("身边好人", len(found.honorees), None),
            ("每站应报送篇数", found.quota, None),
            ("完成报送的实践站", quota_done(found), None),
            ("本期尚未结束", "是" if found.running else "否", None),
        ],
    )
    good = {r.key for r in found.good}
    stations: Sheet = (
        "各实践站",
        [
            "乡镇（街道）",
            "实践站",
            "活动次数",
            "志愿者人次",
            "受益群众人次",
            "服务时长（小时）",
            "上期活动次数",
            "开展较好",
            "信息报送",
        ],
        [
            (
                r.township,
                r.name,
                r.activities,
                r.volunteers,
                r.beneficiaries,
                r.service_hours,
                r.previous,
                "是" if r.key in good else ("未开展" if not r.active else ""),
                quota_status(found, r),
            )
            for r in found.stations
        ],
    )
    sheets: list[Sheet] = [summary]
    if found.townships:
        sheets.append(
            (
                "各乡镇",
                [
                    "乡镇（街道）",
                    "实践站",
                    "开展活动的实践站",
                    "活动次数",
                    "受益群众人次",
                    "上期活动次数",
                ],
                [
                    (
                        t.name,
                        t.figures.stations,
                        t.figures.active,
                        t.figures.activities,
                        t.figures.beneficiaries,
                        t.previous.activities,
                    )
                    for t in found.townships
                ],
            )
        )
    sheets.append(stations)
    sheets.append(
        (
            "身边好人",
            ["姓名", "集体", "好人类别", "荣誉", "所在单位", "事迹"],
            [
                (
                    h.name,
                    "是" if h.is_group else "否",
                    labels.honoree_categories.label(h.category),
                    "；".join(
                        f"{x.period.label}{labels.honour_levels.label(x.level)}" for x in h.honours
                    ),
                    catalogue.unit(h.station_key).name,
                    h.summary,
                )
                for h in found.honorees
            ],
        )
    )
    sheets.append(
        (
            "五项工作内容",
            ["工作内容", "活动次数"],
            [
                *((labels.five_items.label(code), n) for code, n in found.work_counts),
                ("（未填写工作内容）", found.unclassified),
            ],
        )
    )
    sheets.append(("统计口径", ["口径"], [(rule,) for rule in report.RULES]))
    return workbook(sheets, title(catalogue, found), catalogue.reference_date)

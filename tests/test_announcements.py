"""活动预告 (announced activities) on the demo: their pages, the listings, the calendars, and
the 通报's to-do list. The demo is built on 2026-12-06 (conftest's SOURCE_DATE_EPOCH)."""

from __future__ import annotations

from pathlib import Path

import icalendar
from conftest import REPO, Element, parse_html

CONTENT = REPO / "content"
UPCOMING = "stations/qingshi/zhangzhuang/plans/2026-12-22-dongzhi-baojiaozi"
REPORTED = "stations/liuhe/xinglong/plans/2026-12-03-jiazhang-xuexiao"
FORGOTTEN = "stations/qingshi/shiqiao/plans/2026-11-28-xiaofang-yanlian"


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text(encoding="utf-8"))


def test_a_plan_page_says_what_when_where_and_whether_it_happened(demo_site: Path) -> None:
    upcoming = page(demo_site, UPCOMING).find("article", "wm-plan")
    assert upcoming.find("p", "wm-plan-status").text() == "活动预告 · 即将开展"
    facts = upcoming.find("dl", "wm-facts").text()
    assert "2026年12月22日（星期二） 上午 9:00–11:30" in facts
    assert "张庄村党群服务中心一楼" in facts and "自带围裙" in facts
    reported = page(demo_site, REPORTED).find("article", "wm-plan")
    assert reported.find("p", "wm-plan-status").text() == "活动预告 · 已开展"
    link = reported.find("p", "wm-plan-report").find("a")
    assert link.attrs["href"].endswith("activities/2026-12-03-jiazhang-xuexiao/")
    forgotten = page(demo_site, FORGOTTEN).find("article", "wm-plan")
    assert forgotten.find("p", "wm-plan-status").text() == "活动预告 · 已结束"


def every_plan() -> list[Path]:
    """The plan files of every unit: the centre's, each 所's own, each station's."""
    return [
        *CONTENT.glob("centre/plans/*.md"),
        *CONTENT.glob("stations/*/plans/*.md"),
        *CONTENT.glob("stations/*/*/plans/*.md"),
    ]


def test_listings_show_only_what_is_still_ahead(demo_site: Path) -> None:
    upcoming = sorted(p.stem for p in every_plan() if p.stem[:10] >= "2026-12-06")
    assert len(upcoming) == 6  # three stations', two of the centre, one of a 所
    home = page(demo_site, "").find("ol", "wm-plans")
    hrefs = [a.attrs["href"] for a in home.find_all("a")]
    assert [h.rstrip("/").split("/")[-1] for h in hrefs] == upcoming  # soonest first
    station = page(demo_site, "stations/qingshi/zhangzhuang").find("ol", "wm-plans")
    assert "冬至包饺子" in station.text()
    shiqiao = page(demo_site, "stations/qingshi/shiqiao").find_all("ol", "wm-plans")
    assert shiqiao == []  # its only plan is past: not announced any more


def test_calendars_hold_every_plan(demo_site: Path) -> None:
    county = icalendar.Calendar.from_ical((demo_site / "plans.ics").read_bytes())
    events = list(county.walk("VEVENT"))
    assert len(events) == len(every_plan())
    dongzhi = next(e for e in events if str(e["summary"]) == "冬至包饺子 暖心送邻里")
    assert dongzhi.decoded("dtstart").isoformat() == "2026-12-22"
    assert str(dongzhi["url"]).endswith(UPCOMING + "/")
    station = icalendar.Calendar.from_ical(
        (demo_site / "stations/qingshi/zhangzhuang/plans.ics").read_bytes()
    )
    assert [str(e["summary"]) for e in station.walk("VEVENT")] == ["冬至包饺子 暖心送邻里"]


def test_the_bulletin_lists_past_plans_without_a_report(demo_site: Path) -> None:
    november = page(demo_site, "bulletins/2026/11").find("section", "wm-bulletin-todo")
    items = [li.text() for li in november.find_all("li")]
    assert items == ["11月28日 石桥村：冬季消防安全演练"]
    december = (demo_site / "bulletins/2026/12/index.html").read_text(encoding="utf-8")
    assert "wm-bulletin-todo" not in december  # the December plan that passed was reported

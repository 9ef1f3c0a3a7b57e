"""The monthly 通报: its figures against the content files, its rules, edge cases, pages.

Expected figures are worked out here from the files themselves (``yaml.safe_load`` of
the front matter, months from the dates, the honour rule written out again below),
never through the product's loader or report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from conftest import REPO, STATION_DIR, build_site, parse_html

from site_plugins.bulletins import sheet
from site_plugins.bulletins.report import (
    MonthOutOfRange,
    StationMonth,
    bulletin_months,
    check_month,
    fresh_report,
    monthly_report,
    parse_month,
    period_report,
    periods_of,
    well_done,
)
from site_plugins.bulletins.sheet import next_month_plans
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.catalogue import Period
from site_plugins.open_data.tables import reports

CONTENT = REPO / "content"
Month = tuple[int, int]


# --- the content files, read independently ------------------------------------------


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8").replace("\r\n", "\n")
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(meta, dict), path
    return meta


@dataclass(frozen=True)
class FileActivity:
    station: str  # township/village
    month: Month
    volunteers: int
    beneficiaries: int


@dataclass(frozen=True)
class FileHonoree:
    station: str
    slug: str
    category: str  # as written: a label (or a code)
    months: frozenset[Month]


def honour_month(period: object) -> Month:
    """The rule stated on the page: month → itself, quarter → its last month, year → 12."""
    text = str(period)
    if "-Q" in text:
        year, quarter = text.split("-Q")
        return int(year), int(quarter) * 3
    if "-" in text:
        year, month = text.split("-")
        return int(year), int(month)
    return int(text), 12


def station_key(path: Path, root: Path) -> str:
    """The unit an entry file belongs to, read from its path: ``centre`` for
    centre/activities/…, ``<t>`` for a 所's own stations/<t>/activities/…, else ``<t>/<v>``."""
    parts = path.relative_to(root).parts
    if parts[0] == "centre":
        return "centre"
    own = parts[2] in ("activities", "plans", "honorees")  # a 所's own folder
    return parts[1] if own else f"{parts[1]}/{parts[2]}"


def entry_files(root: Path, kind: str) -> list[Path]:
    """Entry files of every unit: the centre's, each 所's own, each station's."""
    return sorted(
        [
            *(root / "centre").glob(f"{kind}/*.md"),
            *(root / "stations").glob(f"*/{kind}/*.md"),
            *(root / "stations").glob(f"*/*/{kind}/*.md"),
        ]
    )


def file_units(root: Path = CONTENT, township: str | None = None) -> list[str]:
    """The 中心 and 所 whose own work a report counts (the county's: all of them)."""
    townships = sorted(p.parent.name for p in (root / "stations").glob("*/township.yml"))
    return [township] if township else ["centre", *townships]


@cache
def file_activities(root: Path = CONTENT) -> tuple[FileActivity, ...]:
    found = []
    for path in entry_files(root, "activities"):
        meta = front_matter(path)
        date = meta["date"]
        assert isinstance(date, dt.date)
        found.append(
            FileActivity(
                station_key(path, root),
                (date.year, date.month),
                int(meta.get("volunteers", 0)),
                int(meta.get("beneficiaries", 0)),
            )
        )
    return tuple(found)


def file_honorees(root: Path = CONTENT) -> list[FileHonoree]:
    return [
        FileHonoree(
            station_key(path, root),
            path.stem,
            str(meta["category"]),
            frozenset(honour_month(h["period"]) for h in meta["honours"]),
        )
        for path in entry_files(root, "honorees")
        for meta in [front_matter(path)]
    ]


def file_stations(root: Path = CONTENT, township: str | None = None) -> list[str]:
    return sorted(
        station_key(p, root)
        for p in (root / "stations").glob("*/*/station.yml")
        if township is None or p.parent.parent.name == township
    )


def previous(month: Month) -> Month:
    return (month[0] - 1, 12) if month[1] == 1 else (month[0], month[1] - 1)


HONOREE_LABELS = {
    "helping": "助人为乐",
    "bravery": "见义勇为",
    "honesty": "诚实守信",
    "dedication": "敬业奉献",
    "filial": "孝老爱亲",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    # No SOURCE_DATE_EPOCH: "today" is the newest activity, so every 2026 month is in range.
    loaded = load_catalogue(CONTENT, None)
    assert not loaded.errors
    return loaded


# --- figures --------------------------------------------------------------------------


@pytest.mark.parametrize("month", [(2026, 1), (2026, 6), (2026, 12)])
@pytest.mark.parametrize("township", [None, "qingshi"])
def test_report_counts_equal_the_files(
    catalogue: Catalogue, month: Month, township: str | None
) -> None:
    stations = file_stations(township=township)
    units = file_units(township=township)
    activities = [a for a in file_activities() if a.station in stations or a.station in units]
    found = monthly_report(catalogue, *month, township=township)

    assert [r.key for r in found.stations] == stations
    # The 中心's and 所's own rows: counted in the totals, not among the stations.
    assert [r.key for r in found.units] == units
    for row in found.units:
        assert row.activities == sum(
            1 for a in activities if (a.station, a.month) == (row.key, month)
        )
    for row in found.stations:
        mine = [a for a in activities if a.station == row.key and a.month == month]
        before = [a for a in activities if a.station == row.key and a.month == previous(month)]
        assert row.activities == len(mine), row.key
        assert row.beneficiaries == sum(a.beneficiaries for a in mine), row.key
        assert row.volunteers == sum(a.volunteers for a in mine), row.key
        assert row.previous == len(before), row.key
    this_month = [a for a in activities if a.month == month]
    assert found.figures.activities == len(this_month)
    assert found.figures.beneficiaries == sum(a.beneficiaries for a in this_month)
    assert found.figures.active == len({a.station for a in this_month} - set(units))
    assert found.previous.activities == sum(1 for a in activities if a.month == previous(month))
    assert {r.key for r in found.inactive} == set(stations) - {a.station for a in this_month}
    assert found.figures.stations == len(stations)


@pytest.mark.parametrize("month", [(2026, 3), (2026, 6), (2026, 12), (2026, 2)])
def test_honorees_of_the_month_follow_the_stated_rule(catalogue: Catalogue, month: Month) -> None:
    honorees = [h for h in file_honorees() if month in h.months]
    found = monthly_report(catalogue, *month)
    assert {(h.station_key, h.slug) for h in found.honorees} == {
        (h.station, h.slug) for h in honorees
    }
    # Volunteer honours (another honour system) are counted when there are any.
    labels = {**HONOREE_LABELS, "best-volunteer": "最美志愿者"}
    expected = Counter(labels.get(h.category, h.category) for h in honorees)
    shown = {labels.get(code, code): count for code, count in found.honoree_counts}
    assert {k: v for k, v in shown.items() if v} == dict(expected)
    assert set(HONOREE_LABELS.values()) <= set(shown)  # every category listed, zeros too


@pytest.mark.parametrize("month", [(2026, 1), (2026, 6), (2026, 9)])
def test_good_stations_follow_the_stated_rule(catalogue: Catalogue, month: Month) -> None:
    stations = file_stations()
    per_station = {
        s: [a for a in file_activities() if a.station == s and a.month == month] for s in stations
    }
    ranked = sorted(
        (s for s in stations if per_station[s]),
        key=lambda s: (-len(per_station[s]), -sum(a.beneficiaries for a in per_station[s]), s),
    )
    quota = min(10, max(1, math.ceil(len(stations) / 5)))
    score = {s: (len(v), sum(a.beneficiaries for a in v)) for s, v in per_station.items()}
    expected = ranked[:quota] + [s for s in ranked[quota:] if score[s] == score[ranked[quota - 1]]]
    assert [r.key for r in monthly_report(catalogue, *month).good] == expected


def row(key: str, activities: int, beneficiaries: int) -> StationMonth:
    return StationMonth(key, key, "镇", f"stations/{key}/", activities, 0, beneficiaries, 0, 0)


def test_ties_at_the_cut_off_are_named_too() -> None:
    rows = [row(f"t/s{i}", 1, 10) for i in range(9)] + [row("t/best", 3, 5)]
    # Ten stations: a fifth is 2; eight more tie with the second: all named, best first.
    good = well_done(rows)
    assert good[0].key == "t/best"
    assert len(good) == 10
    # Stations without activities are never 较好, even when the quota is not reached.
    assert [r.key for r in well_done([row("t/a", 0, 0), row("t/b", 1, 1)])] == ["t/b"]
    assert well_done([row("t/a", 0, 0)]) == ()


# --- months ---------------------------------------------------------------------------

THEMES_Q1 = """\
year: 2026
draft: true
months:
  - month: 1
    title: 情暖冷冬
  - month: 2
    title: 新春送福
  - month: 3
    title: 学雷锋·播撒爱心
"""


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def small_county(county_factory: Callable[..., Path], files: dict[str, str]) -> Catalogue:
    project = county_factory({"themes/2026.yml": THEMES_Q1, **files})
    loaded = load_catalogue(project / "content", epoch(dt.date(2026, 3, 15)))
    assert not loaded.errors, [p.format() for p in loaded.errors]
    return loaded


def activity(title: str, date: str, beneficiaries: int = 10) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\nteam: culture\nbeneficiaries: {beneficiaries}\n---\n"
    )


def test_a_month_with_no_activities_anywhere(county_factory: Callable[..., Path]) -> None:
    catalogue = small_county(
        county_factory,
        {f"{STATION_DIR}/activities/2026-01-09-a.md": activity("送温暖", "2026-01-09")},
    )
    # February has a theme but no activity: it has a bulletin, and it says so.
    assert bulletin_months(catalogue) == ((2026, 1), (2026, 2), (2026, 3))
    february = monthly_report(catalogue, 2026, 2)
    assert february.figures.activities == 0
    assert february.good == ()
    assert [r.key for r in february.inactive] == ["qingshi/zhangzhuang"]
    assert february.previous.activities == 1
    assert february.theme is not None and february.theme.title == "新春送福"


def test_months_outside_the_content_are_clear_errors(county_factory: Callable[..., Path]) -> None:
    catalogue = small_county(
        county_factory,
        {f"{STATION_DIR}/activities/2026-01-09-a.md": activity("送温暖", "2026-01-09")},
    )
    with pytest.raises(MonthOutOfRange, match="可选的月份：2026年1月至2026年3月"):
        check_month(catalogue, (2025, 6))
    with pytest.raises(MonthOutOfRange, match="晚于统计截止日 2026-03-15"):
        monthly_report(catalogue, 2026, 4)
    with pytest.raises(MonthOutOfRange, match="格式不对"):
        parse_month("2026/6")
    with pytest.raises(MonthOutOfRange, match="格式不对"):
        parse_month("2026-13")
    assert parse_month("2026-06") == (2026, 6)


def test_quarter_and_year_honours_count_in_their_last_month(
    county_factory: Callable[..., Path],
) -> None:
    def honoree(name: str, period: str) -> str:
        return (
            f"---\nname: {name}\ncategory: 孝老爱亲\nsummary: 照顾老人\n"
            f"honours:\n  - level: 县级\n    issuer: 示范县文明办\n    period: {period}\n"
            "consent: {given: true, by: 本人, date: 2026-01-05}\n---\n"
        )

    catalogue = small_county(
        county_factory,
        {
            f"{STATION_DIR}/activities/2026-01-09-a.md": activity("送温暖", "2026-01-09"),
            f"{STATION_DIR}/honorees/quarter.md": honoree("季度好人", "2026-Q1"),
            f"{STATION_DIR}/honorees/monthly.md": honoree("二月好人", "2026-02"),
            f"{STATION_DIR}/honorees/yearly.md": honoree("年度好人", "2025"),
        },
    )
    names = {m: [h.name for h in monthly_report(catalogue, 2026, m).honorees] for m in (1, 2, 3)}
    assert names == {1: [], 2: ["二月好人"], 3: ["季度好人"]}


# --- one report per catalogue, period and township ----------------------------------


def test_each_report_is_made_once_and_equals_a_fresh_one(catalogue: Catalogue) -> None:
    periods = periods_of(bulletin_months(catalogue))
    scopes = [None, *(t.slug for t in catalogue.townships)]
    made = [period_report(catalogue, p, t) for p in periods for t in scopes]
    # The memo gives the very figures a fresh computation gives, for every 通报.
    assert made == [fresh_report(catalogue, p, t) for p in periods for t in scopes]
    # And one object each: the page, its workbook and the open data read the same report.
    assert all(period_report(catalogue, r.period, r.township) is r for r in made), (
        "a report was computed twice"
    )
    assert all(a is b for a, b in zip(reports(catalogue), made, strict=True))


def test_the_memo_calls_make_once_per_key(catalogue: Catalogue) -> None:
    calls: list[str] = []

    def make(value: str) -> str:
        calls.append(value)
        return value

    key = (test_the_memo_calls_make_once_per_key, "a")
    assert catalogue.derived(key, lambda: make("a")) == "a"
    assert catalogue.derived(key, lambda: make("again")) == "a"
    assert catalogue.derived((test_the_memo_calls_make_once_per_key, "b"), lambda: make("b")) == "b"
    assert calls == ["a", "b"]


def test_two_catalogues_never_share_reports(county_factory: Callable[..., Path]) -> None:
    one = {f"{STATION_DIR}/activities/2026-01-09-a.md": activity("送温暖", "2026-01-09", 7)}
    two = {
        **one,
        f"{STATION_DIR}/activities/2026-01-12-b.md": activity("包饺子", "2026-01-12", 30),
    }
    january = Period(2026, month=1)
    first = small_county(county_factory, one)
    first_report = period_report(first, january)
    assert (first_report.figures.activities, first_report.figures.beneficiaries) == (1, 7)
    # A rebuild after a clerk added an activity loads a new catalogue: new figures.
    second = small_county(county_factory, two)
    second_report = period_report(second, january)
    assert (second_report.figures.activities, second_report.figures.beneficiaries) == (2, 37)
    assert period_report(first, january) is first_report
    # The same files loaded again: equal figures, but made for that catalogue.
    again = small_county(county_factory, one)
    assert period_report(again, january) == first_report
    assert period_report(again, january) is not first_report


# --- pages ----------------------------------------------------------------------------


def page(site: Path, path: str) -> Any:
    return parse_html((site / path.strip("/") / "index.html").read_text("utf-8"))


def test_demo_bulletin_pages_match_the_files(demo_site: Path) -> None:
    # The demo is built with SOURCE_DATE_EPOCH = 2026-12-06: December is the running month.
    index = page(demo_site, "/bulletins/")
    months = index.find("table", "wm-bulletin-months")
    links = {urljoin("/bulletins/", a.attrs["href"]) for a in months.find_all("a")}
    assert {"/bulletins/2026/01/", "/bulletins/2026/12/"} <= links
    assert not any(link.startswith("/bulletins/2027/") for link in links)
    assert not (demo_site / "bulletins/2027").exists()

    here = "/bulletins/2026/01/"
    article = page(demo_site, here).find("article", "wm-bulletin")
    table = article.find("table", "wm-bulletin-stations")
    shown = {}
    for tr in table.find("tbody").find_all("tr"):
        cells = [c for c in tr.children if not isinstance(c, str)]
        shown[tr.attrs["data-station"]] = int(cells[2].text().split("（")[0])
    january = Counter(a.station for a in file_activities() if a.month == (2026, 1))
    assert shown == {s: january.get(s, 0) for s in file_stations()}
    text = " ".join(article.text().split())
    assert f"共开展活动{sum(january.values())}次" in text
    assert "统计口径" in text and "季度荣誉计入该季度最后一个月" in text
    # Township bulletins exist for every township, and the everyday build has no sheets.
    for township in {s.split("/")[0] for s in file_stations()}:
        assert (demo_site / "bulletins/2026/01" / township / "index.html").is_file()
    assert not (demo_site / "sheets").exists()


def test_sheets_without_site_url_are_a_clear_error(
    county_factory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = county_factory(
        {f"{STATION_DIR}/activities/2026-01-01-a.md": activity("送温暖", "2026-01-01")}
    )
    config = project / "mkdocs.yml"
    config.write_text(
        "\n".join(
            line
            for line in config.read_text("utf-8").splitlines()
            if not line.startswith("site_url:")
        ),
        "utf-8",
    )
    monkeypatch.setenv("WM_PRINT", "1")
    result = build_site(project)
    assert result.returncode != 0
    assert "site_url" in result.stderr and "二维码" in result.stderr


def test_print_command_refuses_a_month_outside_the_content(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(dt.date(2026, 12, 31))}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_plugins",
            "print",
            "--month",
            "2030-01",
            "--out",
            str(tmp_path),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "2030年1月没有通报" in done.stderr
    assert "可选的月份：2026年1月至2026年12月" in done.stderr
    assert not any(tmp_path.iterdir())


# --- the notice-board sheet's 下月预告 ------------------------------------------------


def test_village_sheets_announce_the_plans_open_to_their_residents(catalogue: Catalogue) -> None:
    def announced(station: str, month: Month) -> list[tuple[str | None, str]]:
        plans = next_month_plans(catalogue, catalogue.station(station), month)
        return [(p.by, p.title) for p in plans]

    # The centre's 义诊 is held in 兴隆村 (location), for 全村群众: 兴隆村's, not 河西村's.
    assert ("县中心", "县医疗健身支队冬季义诊下乡") in announced("liuhe/xinglong", (2026, 11))
    assert all(
        title != "县医疗健身支队冬季义诊下乡" for _by, title in announced("liuhe/hexi", (2026, 11))
    )
    # The 城关街道 所's talk is for its 辖区: every 城关 station's sheet, no other township's.
    talk = ("城关街道实践所", "银龄健康讲座：冬季防跌倒")
    assert all(talk in announced(s.key, (2026, 11)) for s in catalogue.stations_of("chengguan"))
    assert talk not in announced("liuhe/xinglong", (2026, 11))
    # The centre's 全县群众 event is on every village's sheet of the month before.
    assert all(
        ("县中心", "迎新春 写春联 送万福") in announced(s.key, (2026, 12))
        for s in catalogue.stations
    )


def test_next_month_plans_keep_the_stations_own_first_within_the_cap(catalogue: Catalogue) -> None:
    station = catalogue.station("liuhe/xinglong")
    centre = next(p for p in catalogue.unit_plans("centre") if p.date.month == 12)
    # More own plans than the sheet has lines for, dated after the centre's.
    own = [
        dataclasses.replace(
            centre,
            unit_key=station.key,
            slug=f"own-{n}",
            meta=centre.meta.model_copy(
                update={"title": f"本站活动{n}", "date": dt.date(2026, 12, 20 + n)}
            ),
        )
        for n in range(sheet.MAX_NEXT_PLANS)
    ]
    crowded = dataclasses.replace(catalogue, plans=(*catalogue.plans, *own))
    plans = next_month_plans(crowded, station, (2026, 11))
    # The sheet's lines go to the station's own plans; the centre's waits for a free one.
    assert len(plans) == sheet.MAX_NEXT_PLANS
    assert all(p.by is None for p in plans)
    assert own[0].meta.title in [p.title for p in plans]

"""Every figure on every page, checked against the content files themselves.

The truth is counted here from the files (folder names, ``date`` and ``theme_month`` read
with PyYAML), not by the code under test; then each page that shows a figure must show
that number: the 通报 and their index, the theme year and month pages, the home page's
chart and totals, the township, station and station-month pages, and the 四单 figures
(hubs, menu pages, 通报) from the order files. Run on the demo county and on a synthetic one.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SOURCE_DATE_EPOCH, build_site

from site_plugins import figures

TODAY = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=dt.timezone(dt.timedelta(hours=8)))
YEAR = TODAY.year
Month = tuple[int, int]


@dataclass
class Truth:
    stations: list[str] = field(default_factory=list)  # keys, <township>/<village>
    townships: dict[str, list[str]] = field(default_factory=dict)
    by_month: Counter[Month] = field(default_factory=Counter)
    by_station_month: Counter[tuple[str, Month]] = field(default_factory=Counter)
    by_station: Counter[str] = field(default_factory=Counter)
    by_theme: Counter[Month] = field(default_factory=Counter)
    theme_stations: dict[Month, set[str]] = field(default_factory=dict)
    work: Counter[tuple[Month, str]] = field(default_factory=Counter)  # (month, 五项 name)
    unclassified: Counter[Month] = field(default_factory=Counter)
    quota: int | None = None  # county.yml report_quota: reports each station owes a month


def count_content(content: Path) -> Truth:
    truth = Truth()
    county = yaml.safe_load((content / "county.yml").read_text(encoding="utf-8"))
    truth.quota = county.get("report_quota")
    for station_yml in sorted(content.glob("stations/*/*/station.yml")):
        key = station_yml.parent.relative_to(content / "stations").as_posix()
        truth.stations.append(key)
        truth.townships.setdefault(key.split("/")[0], []).append(key)
        for path in sorted((station_yml.parent / "activities").glob("*.md")):
            _count(truth, path, key)
    # The centre's and each 所's own activities count in the county's totals (and a
    # township's), never as a station's.
    own = [*content.glob("centre/activities/*.md"), *content.glob("stations/*/activities/*.md")]
    for path in sorted(own):
        _count(truth, path, None)
    assert sum(truth.by_month.values()) > 100, "the county has hardly any activities"
    return truth


def _count(truth: Truth, path: Path, station: str | None) -> None:
    """One activity file into the truth; ``station`` None for a 中心's or 所's own."""
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    day: dt.date = front["date"]
    month = (day.year, day.month)
    theme = (day.year, front.get("theme_month") or day.month)
    truth.by_month[month] += 1
    truth.by_theme[theme] += 1
    for item in dict.fromkeys(front.get("work") or []):
        truth.work[(month, item)] += 1
    if not front.get("work"):
        truth.unclassified[month] += 1
    if station is not None:
        truth.by_station_month[(station, month)] += 1
        truth.by_station[station] += 1
        truth.theme_stations.setdefault(theme, set()).add(station)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def months_of(truth: Truth) -> list[Month]:
    return sorted(m for m in truth.by_month if m <= (TODAY.year, TODAY.month))


def check_bulletins(site: Path, truth: Truth) -> int:
    checked = 0
    index = page(site, "bulletins")
    for month in months_of(truth):
        year, number = month
        html = page(site, f"bulletins/{year}/{number:02d}")
        active = sum(1 for key in truth.stations if truth.by_station_month[(key, month)])
        lead = re.search(r"(\d+)个新时代文明实践站中，(\d+)个开展了活动，共开展活动(\d+)次", html)
        assert lead, f"{month}: no lead paragraph"
        assert lead.groups() == (str(len(truth.stations)), str(active), str(truth.by_month[month]))
        for key in truth.stations:
            row = re.search(rf'<tr data-station="{re.escape(key)}"[^>]*>(.*?)</tr>', html)
            assert row, f"{month}: no row for {key}"
            cell = re.search(r"</th><td>(?:<a [^>]*>)?(\d+)", row.group(1))
            count = truth.by_station_month[(key, month)]
            assert cell and int(cell.group(1)) == count, key
            quota = re.search(r'<td class="wm-quota">([^<]*)</td>', row.group(1))
            if truth.quota is None:
                assert quota is None
            else:
                running = month == (TODAY.year, TODAY.month)
                expected = "完成" if count >= truth.quota else "进行中" if running else "未完成"
                assert quota and quota.group(1) == expected, (month, key)
        work = re.search(r'<table class="wm-table wm-work-counts">(.*?)</table>', html, re.S)
        assert work, f"{month}: no 五项 table"
        rows = re.findall(r'<th scope="row">([^<]*)</th><td>(\d+)</td>', work.group(1))
        names = [name for name, _ in rows]
        counts = [int(n) for _, n in rows]
        assert names[-1] == "未填写工作内容" and len(rows) == 6
        expected = [truth.work[(month, name)] for name in names[:-1]]
        assert counts == [*expected, truth.unclassified[month]], month
        listed = re.search(
            rf'href="{year}/{number:02d}/">{year}年{number}月全县通报</a></td><td>[^<]*</td>'
            r"<td>(\d+) 次</td>",
            index,
        )
        assert listed and int(listed.group(1)) == truth.by_month[month], month
        checked += 2 + len(truth.stations)
    return checked


def check_longer_bulletins(site: Path, truth: Truth) -> int:
    """The quarters' and years' 通报 add up their months, as counted from the files."""
    checked = 0
    months = months_of(truth)
    periods: dict[str, list[Month]] = {}
    for year, number in months:
        periods.setdefault(f"{year}/q{(number - 1) // 3 + 1}", []).append((year, number))
        periods.setdefault(f"{year}/annual", []).append((year, number))
    for url, span in periods.items():
        html = page(site, f"bulletins/{url}")
        active = sum(
            1 for key in truth.stations if any(truth.by_station_month[(key, m)] for m in span)
        )
        total = sum(truth.by_month[m] for m in span)
        lead = re.search(r"(\d+)个新时代文明实践站中，(\d+)个开展了活动，共开展活动(\d+)次", html)
        assert lead, url
        assert lead.groups() == (str(len(truth.stations)), str(active), str(total)), url
        checked += 1
    assert checked >= 2  # at least one quarter and one year
    return checked


def check_calendar(site: Path, truth: Truth) -> int:
    year_page = page(site, f"themes/{YEAR}")
    cells = re.findall(r'<a href="(\d\d)/">(\d+) 次主题活动</a>', year_page)
    assert len(cells) == 12
    for number, count in cells:
        assert int(count) == truth.by_theme[(YEAR, int(number))], number
    themes = page(site, "themes")
    whole = re.search(rf"{YEAR}年</a>[^<]*（全年活动 (\d+) 次）", themes)
    assert whole and int(whole.group(1)) == sum(
        n for (y, _), n in truth.by_month.items() if y == YEAR
    )
    for number in range(1, 13):
        html = page(site, f"themes/{YEAR}/{number:02d}")
        found = re.search(
            r"本月主题活动 <strong>(\d+)</strong> 次；(\d+) 个实践站开展了主题活动，"
            r"(\d+) 个实践站未开展主题活动",
            html,
        )
        assert found, number
        active = len(truth.theme_stations.get((YEAR, number), set()))
        expected = (truth.by_theme[(YEAR, number)], active, len(truth.stations) - active)
        assert tuple(map(int, found.groups())) == expected, number
    return 12 * 2 + 1


def check_home(site: Path, truth: Truth) -> int:
    html = (site / "index.html").read_text(encoding="utf-8")
    chart = re.search(rf'aria-label="全县{YEAR}年各月活动数：([^"]*)"', html)
    assert chart
    spoken = dict(re.findall(r"(\d+)月(\d+)次", chart.group(1)))
    assert {int(m): int(n) for m, n in spoken.items()} == {
        m: truth.by_month[(YEAR, m)] for m in range(1, 13)
    }
    total = re.search(rf"<strong>(\d+)</strong> 次活动（{YEAR}年）", html)
    assert total and int(total.group(1)) == sum(truth.by_month[(YEAR, m)] for m in range(1, 13))
    return 13


def check_places(site: Path, truth: Truth) -> int:
    checked = 0
    now = (TODAY.year, TODAY.month)
    for township, keys in truth.townships.items():
        html = page(site, f"stations/{township}")
        for key in keys:
            village = key.split("/")[1]
            row = re.search(
                rf'<a href="{village}/">[^<]*</a></td><td>(\d+)</td><td>(\d+)</td>', html
            )
            assert row, key
            year_total = sum(truth.by_station_month[(key, (YEAR, m))] for m in range(1, 13))
            assert (int(row.group(1)), int(row.group(2))) == (
                truth.by_station_month[(key, now)],
                year_total,
            ), key
            checked += 2
    for key in truth.stations:
        html = page(site, f"stations/{key}")
        total = re.search(r"活动（共 (\d+) 次）", html)
        assert total and int(total.group(1)) == truth.by_station[key], key
        months = {
            (int(y), int(m)): int(n)
            for y, m, n in re.findall(r">(\d{4})年(\d+)月</a>（(\d+)）", html)
        }
        assert months == {m: n for (k, m), n in truth.by_station_month.items() if k == key}, key
        for (year, number), count in months.items():
            listing = page(site, f"stations/{key}/{year}/{number:02d}")
            # One row per activity in the list (partials/wm-activity-list.html).
            assert listing.count('<div class="wm-list__text">') == count, (key, year, number)
        checked += 1 + 2 * len(months)
    return checked


# --- 四单: orders, counted from the order files ------------------------------------------


@dataclass(frozen=True)
class OrderFact:
    unit: str  # centre | <township> | <township>/<village>
    taken: dt.date
    served: dt.date | None  # the serving activity's date
    review: tuple[int, int, int, dt.date] | None  # 满意, 基本满意, 不满意, date

    def days(self) -> int | None:
        return (self.served - self.taken).days if self.served else None


def _front(path: Path) -> dict[str, object]:
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert isinstance(front, dict)
    return front


def count_orders(content: Path) -> list[OrderFact]:
    facts = []
    for path in sorted(content.glob("**/orders/*.md")):
        unit = path.parent.parent.relative_to(content).as_posix().removeprefix("stations/")
        front = _front(path)
        served = front.get("served")
        served_on = None
        if isinstance(served, dict):
            named, _, slug = str(served["activity"]).rpartition(":")
            home = content / "stations" / (named or unit)
            served_on = _front(home / "activities" / f"{slug}.md")["date"]
            assert isinstance(served_on, dt.date)
        review = front.get("review")
        counts = None
        if isinstance(review, dict):
            counts = (review["satisfied"], review["basic"], review["unsatisfied"], review["date"])
        taken = front["date"]
        assert isinstance(taken, dt.date)
        facts.append(OrderFact(unit, taken, served_on, counts))
    return facts


def _in(unit: str, scope: str | None) -> bool:
    return scope is None or unit == scope or unit.startswith(f"{scope}/")


def _median(days: list[int]) -> str:
    return f"{float(statistics.median(days)):g}" if days else "—"


def _rate(good: int, voters: int) -> str:
    return f"{round(good * 100 / voters, 1):g}%" if voters else "—"


def hub_orders(facts: list[OrderFact], scope: str | None) -> dict[str, str]:
    """A hub's 四单 panel (all time): received, served, median days, satisfaction."""
    mine = [f for f in facts if _in(f.unit, scope)]
    days = [d for f in mine if (d := f.days()) is not None]
    reviews = [f.review for f in mine if f.review]
    good = sum(r[0] + r[1] for r in reviews)
    return {
        "received": str(len(mine)),
        "served": str(len(days)),
        "median-days": _median(days),
        "satisfaction": _rate(good, sum(r[0] + r[1] + r[2] for r in reviews)),
    }


def period_orders(facts: list[OrderFact], scope: str | None, span: list[Month]) -> dict[str, str]:
    """A 通报's 四单 row, by its 统计口径 (each step counted in the month it happened)."""
    mine = [f for f in facts if _in(f.unit, scope)]
    months = set(span)
    last = max(span)

    def month(day: dt.date) -> Month:
        return (day.year, day.month)

    served = [f for f in mine if f.served and month(f.served) in months]
    reviews = [f.review for f in mine if f.review and month(f.review[3]) in months]
    still_open = [
        f for f in mine if month(f.taken) <= last and (f.served is None or month(f.served) > last)
    ]
    good = sum(r[0] + r[1] for r in reviews)
    return {
        "received": str(sum(1 for f in mine if month(f.taken) in months)),
        "served": str(len(served)),
        "open": str(len(still_open)),
        "median-days": _median([d for f in served if (d := f.days()) is not None]),
        "reviews": str(len(reviews)),
        "satisfaction": _rate(good, sum(r[0] + r[1] + r[2] for r in reviews)),
    }


def _shown(html: str, attribute: str) -> dict[str, str]:
    return dict(re.findall(rf'{attribute}="([a-z-]+)">([^<]*)<', html))


def check_orders(site: Path, truth: Truth, facts: list[OrderFact]) -> int:
    """Every 四单 number: home, /menu/, townships, stations, unit menu pages, 通报."""
    assert facts, "the county has no orders"
    hubs: list[tuple[str, str | None]] = [("", None), ("menu", None)]
    for township in truth.townships:
        hubs.append((f"stations/{township}", township))
    hubs += [(f"stations/{key}", key) for key in truth.stations]
    units = sorted({f.unit for f in facts})
    hubs += [(f"{'' if u == 'centre' else 'stations/'}{u}/menu", u) for u in units]
    checked = 0
    for url, scope in hubs:
        expected = hub_orders(facts, scope)
        shown = _shown(page(site, url) if url else page(site, "."), "data-figure")
        if scope is not None and "/" not in scope and expected["received"] == "0":
            assert shown == {}, url  # a township without orders shows no panel
            continue
        assert shown == expected, url
        checked += 4
    spans: dict[str, list[Month]] = {}
    for year, number in months_of(truth):
        spans[f"{year}/{number:02d}"] = [(year, number)]
        spans.setdefault(f"{year}/q{(number - 1) // 3 + 1}", []).append((year, number))
        spans.setdefault(f"{year}/annual", []).append((year, number))
    for url, span in spans.items():
        for township in [None, *truth.townships]:
            html = page(site, f"bulletins/{url}" + (f"/{township}" if township else ""))
            assert _shown(html, "data-order") == period_orders(facts, township, span), (
                url,
                township,
            )
            checked += 6
    return checked


def check_everything(site: Path, content: Path) -> int:
    truth = count_content(content)
    return (
        check_bulletins(site, truth)
        + check_longer_bulletins(site, truth)
        + check_calendar(site, truth)
        + check_home(site, truth)
        + check_places(site, truth)
        + check_orders(site, truth, count_orders(content))
    )


def test_every_figure_on_the_demo(demo_site: Path) -> None:
    checked = check_everything(demo_site, REPO / "content")
    assert checked > 300


def test_every_figure_on_a_synthetic_county(tmp_path: Path) -> None:
    project = tmp_path / "synth"
    subprocess.run(
        [
            sys.executable, str(REPO / "scripts" / "synth_county.py"), "--out", str(project),
            "--townships", "3", "--stations", "12", "--activities", "400", "--honorees", "12",
            "--photos", "4", "--until", TODAY.date().isoformat(), "--copy-theme",
        ],
        check=True, capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    content = project / "content"
    # Menus at every level and reviewed orders, as a county has them (synth_county.py).
    menus = [len(list(content.glob(g))) for g in ("centre/menu/*", "stations/*/menu/*")]
    assert menus[0] >= 12 and menus[1] >= 6 and list(content.glob("stations/*/*/menu/*"))
    assert sum(1 for f in count_orders(content) if f.review) >= 20
    checked = check_everything(project / "site", content)
    assert checked > 200


def test_the_lead_check_catches_a_wrong_count(demo_site: Path, tmp_path: Path) -> None:
    """The checks can fail: a 通报 with one activity too many is caught."""
    truth = count_content(REPO / "content")
    month = months_of(truth)[-1]
    truth.by_month[month] += 1
    with pytest.raises(AssertionError):
        check_bulletins(demo_site, truth)


@pytest.mark.parametrize(
    ("month", "today", "expected"),
    [
        ((2026, 6), dt.date(2026, 12, 6), dt.date(2026, 6, 30)),
        ((2026, 2), dt.date(2026, 12, 6), dt.date(2026, 2, 28)),
        ((2026, 12), dt.date(2026, 12, 6), dt.date(2026, 12, 6)),
        ((2025, 12), dt.date(2026, 12, 6), dt.date(2025, 12, 31)),
    ],
)
def test_a_months_figures_are_as_of_its_last_day(
    month: Month, today: dt.date, expected: dt.date
) -> None:
    assert figures.as_of(month, today) == expected


def test_month_documents_say_as_of_the_months_end(demo_site: Path) -> None:
    assert "统计截至 2026年6月30日" in page(demo_site, "bulletins/2026/06")
    assert "统计截至 2026年6月30日" in page(demo_site, "bulletins/2026/06/qingshi")
    running = f"统计截至 {TODAY.year}年{TODAY.month}月{TODAY.day}日"
    assert running in page(demo_site, f"bulletins/{TODAY.year}/{TODAY.month:02d}")


def test_the_order_check_catches_a_wrong_count(demo_site: Path) -> None:
    """The 四单 checks can fail: one order file fewer than the pages count is caught."""
    content = REPO / "content"
    facts = count_orders(content)
    with pytest.raises(AssertionError):
        check_orders(demo_site, count_content(content), facts[1:])

"""The theme calendar of the built demo county: year grid, month pages, print, iCalendar."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
import yaml
from conftest import REPO, STATION_DIR, Element, build_site, parse_html

CONTENT = REPO / "content"
YEAR = 2026


def front_matter(path: Path) -> dict[str, object]:
    meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    assert isinstance(meta, dict)
    return meta


def expected_by_month() -> dict[int, set[str]]:
    """Activity URLs per theme month, worked out from the files, not from the product."""
    months: dict[int, set[str]] = {m: set() for m in range(1, 13)}
    # Every unit's: the centre's, each 所's own and each station's.
    paths = [
        *CONTENT.glob("centre/activities/*.md"),
        *(CONTENT / "stations").glob("*/activities/*.md"),
        *(CONTENT / "stations").glob("*/*/activities/*.md"),
    ]
    for path in paths:
        meta = front_matter(path)
        date = meta["date"]
        assert isinstance(date, dt.date)
        if date.year != YEAR:
            continue
        month = meta.get("theme_month") or date.month
        assert isinstance(month, int)
        station = path.parent.parent.relative_to(CONTENT).as_posix()
        months[month].add(f"/{station}/activities/{path.stem}/")
    return months


def stations() -> dict[str, str]:
    """Station name → URL path, from the station files."""
    return {
        str(front_matter_yaml(p)["name"]): "/" + p.parent.relative_to(CONTENT).as_posix() + "/"
        for p in (CONTENT / "stations").glob("*/*/station.yml")
    }


def front_matter_yaml(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def page(site: Path, path: str) -> Element:
    return parse_html((site / path.strip("/") / "index.html").read_text("utf-8"))


def resolved_links(root: Element, here: str) -> set[str]:
    return {urljoin(here, a.attrs["href"]).rstrip("/") + "/" for a in root.find_all("a")}


@pytest.mark.parametrize("month", range(1, 13))
def test_month_page_lists_exactly_its_activities(demo_site: Path, month: int) -> None:
    here = f"/themes/{YEAR}/{month:02d}/"
    article = page(demo_site, here).find("article", "wm-theme-month")
    listed = set()
    for ul in article.find_all("ul", "wm-list"):
        listed |= resolved_links(ul, here)
    assert listed == expected_by_month()[month]


@pytest.mark.parametrize("month", [1, 6, 12])
def test_month_page_names_the_stations_without_activities(demo_site: Path, month: int) -> None:
    here = f"/themes/{YEAR}/{month:02d}/"
    article = page(demo_site, here).find("article", "wm-theme-month")
    inactive = set()
    for p in article.find_all("p", "wm-inactive-list"):
        inactive |= resolved_links(p, here)
    active = {url.split("activities/")[0] for url in expected_by_month()[month]}
    assert inactive == set(stations().values()) - active


@pytest.mark.parametrize("month", [3, 6, 10])
def test_township_month_pages_list_their_own_activities(demo_site: Path, month: int) -> None:
    """The county's table links each township's month page; together they list every
    activity of the month exactly once, each on its own township's page."""
    here = f"/themes/{YEAR}/{month:02d}/"
    table = page(demo_site, here).find("table", "wm-month-townships")
    links = sorted(resolved_links(table, here))
    townships = sorted(p.parent.name for p in (CONTENT / "stations").glob("*/township.yml"))
    assert links == [f"{here}{slug}/" for slug in townships]
    expected = expected_by_month()[month]
    seen: list[str] = []
    for slug, link in zip(townships, links, strict=True):
        article = page(demo_site, link).find("article", "wm-theme-month")
        listed = set()
        for ul in article.find_all("ul", "wm-list"):
            listed |= resolved_links(ul, link)
        assert listed == {url for url in expected if url.startswith(f"/stations/{slug}/")}
        seen += listed
        # Its row in the county table gives the same count.
        row = next(
            r for r in table.find_all("tr") if r.find_all("a") and slug in r.find("a").attrs["href"]
        )
        assert row.find_all("td")[0].text().strip() == str(len(listed))
    # Every activity but the centre's own (the county page lists those) is on one township's.
    assert sorted(seen) == sorted(url for url in expected if not url.startswith("/centre/"))


def test_a_large_month_shows_the_table_and_leaves_the_lists_to_the_townships(
    county_factory: Callable[..., Path],
) -> None:
    """Above ``month_list_limit`` activities the county page lists none of them."""
    activities = {
        f"{STATION_DIR}/activities/2026-06-{day:02d}-a.md": (
            f"---\ntitle: 第{day}次宣讲\ndate: 2026-06-{day:02d}\nteam: culture\n---\n"
        )
        for day in (3, 9, 17)
    }
    themes = "year: 2026\ndraft: true\nmonths:\n  - month: 6\n    title: 牵手文明\n"
    project = county_factory({**activities, "themes/2026.yml": themes})
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("\n  - calendar\n", "\n  - calendar:\n      month_list_limit: 2\n")
    )
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    county = page(site, "/themes/2026/06/").find("article", "wm-theme-month")
    assert county.find_all("ul", "wm-list") == []
    assert "3" in county.find("table", "wm-month-townships").find("td").text()
    township = STATION_DIR.split("/")[1]
    listed = page(site, f"/themes/2026/06/{township}/").find("ul", "wm-list")
    assert [a.text() for a in listed.find_all("a")] == ["第3次宣讲", "第9次宣讲", "第17次宣讲"]
    # Within the limit, as in the demo, the county page lists them itself.
    config.write_text(text)
    assert build_site(project).returncode == 0
    county = page(site, "/themes/2026/06/").find("article", "wm-theme-month")
    assert len(county.find("ul", "wm-list").find_all("a")) == 3


def cell_text(year_page: Element, month: int) -> str:
    for cell in year_page.find_all("li", "wm-month-cell"):
        if cell.attrs.get("data-month") == f"{YEAR}-{month:02d}":
            return " ".join(cell.text().split())
    raise AssertionError(f"no cell for month {month}")


def test_year_page_shows_each_theme_and_festival_in_its_month(demo_site: Path) -> None:
    year_page = page(demo_site, f"/themes/{YEAR}/")
    themes = front_matter_yaml(CONTENT / "themes" / f"{YEAR}.yml")["months"]
    assert isinstance(themes, list)
    for theme in themes:
        assert theme["title"] in cell_text(year_page, theme["month"])
    # Independent table (DOMAIN.md): 2026's festivals and fixed days.
    for month, text in [
        (2, "2月16日 除夕"),
        (2, "2月17日 春节"),
        (3, "3月3日 元宵节"),
        (3, "3月5日 学雷锋纪念日"),
        (4, "4月5日 清明节"),
        (6, "6月19日 端午节"),
        (8, "8月19日 七夕节"),
        (9, "9月20日 公民道德宣传日"),
        (9, "9月25日 中秋节"),
        (10, "10月18日 重阳节"),
        (12, "12月5日 国际志愿者日"),
    ]:
        assert text in cell_text(year_page, month), (month, text)


def test_year_page_counts_activities_per_theme(demo_site: Path) -> None:
    year_page = page(demo_site, f"/themes/{YEAR}/")
    for month, urls in expected_by_month().items():
        assert f"{len(urls)} 次主题活动" in cell_text(year_page, month)


def test_year_calendar_prints_on_one_a4_landscape_sheet(demo_site: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "year.pdf"
    subprocess.run(
        [
            "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            (demo_site / "themes" / str(YEAR) / "index.html").as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "1"
    width, _, height = fields["Page size"].split()[:3]
    assert (round(float(width)), round(float(height))) == (842, 595)


def test_ics_feed_holds_themes_and_festivals(demo_site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((demo_site / "themes" / f"{YEAR}.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert events["6月主题：牵手文明"]["DTSTART"].dt == dt.date(YEAR, 6, 1)
    assert events["端午节"]["DTSTART"].dt == dt.date(YEAR, 6, 19)
    assert sum(1 for s in events if "月主题：" in s) == 12


def test_home_and_activities_link_to_their_theme_month(demo_site: Path) -> None:
    home = page(demo_site, "/")
    box = home.find("section", "wm-theme-box")
    assert any(u.startswith(f"/themes/{YEAR}/") for u in resolved_links(box, "/"))
    activity = next(iter(expected_by_month()[6]))
    facts = page(demo_site, activity).find("dl", "wm-facts")
    assert f"/themes/{YEAR}/06/" in resolved_links(facts, activity)


def test_draft_year_shows_pending_months(county_factory: Callable[..., Path]) -> None:
    themes = "year: 2027\ndraft: true\nmonths:\n  - month: 1\n    title: 情暖冷冬\n"
    project = county_factory({"themes/2027.yml": themes})
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    year_page = parse_html((project / "site/themes/2027/index.html").read_text("utf-8"))
    cells = [" ".join(c.text().split()) for c in year_page.find_all("li", "wm-month-cell")]
    assert len(cells) == 12
    assert "情暖冷冬" in cells[0]
    assert all("待定" in c for c in cells[1:])


def test_activity_naming_a_month_without_theme_is_an_error(
    county_factory: Callable[..., Path],
) -> None:
    themes = "year: 2026\ndraft: true\nmonths:\n  - month: 1\n    title: 情暖冷冬\n"
    text = "---\ntitle: 活动\ndate: 2026-01-09\ntheme_month: 2\nteam: culture\n---\n"
    project = county_factory(
        {"themes/2026.yml": themes, f"{STATION_DIR}/activities/2026-01-09-a.md": text}
    )
    result = build_site(project)
    assert result.returncode != 0
    assert "NO_THEME" in result.stderr


def test_the_themes_festivals_are_on_their_month_pages(demo_site: Path) -> None:
    january = (demo_site / "themes/2026/01/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-01-26">1月26日</time> 腊八节' in january
    december = (demo_site / "themes/2026/12/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-22">12月22日</time> 冬至' in december
    assert "国家宪法日" in december

"""The city portal: three tiny synthetic counties, their exports, one city build.

The city's figures must equal the sum of the counties' own 通报 (computed here from
each county's catalogue with the 通报's function, not read back from the export).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from site_plugins.bulletins import report as county_report
from site_plugins.city import report, views
from site_plugins.city.exports import CountyExport, load_exports, read_city
from site_plugins.content import load_catalogue
from site_plugins.content.catalogue import Period

sys.path.insert(0, str(REPO / "scripts"))
import make_city

DAY = dt.date(2026, 11, 20)
HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city project: three counties exported (西县 ten days behind), config, content."""
    root = tmp_path_factory.mktemp("city")
    make_city.main(
        ["--work", str(root / "work"), "--exports", str(root / "city/exports"),
         "--date", DAY.isoformat(), "--stations", "6", "--activities", "40"]
    )  # fmt: skip
    shutil.copytree(REPO / "city/content", root / "city/content")
    shutil.copy(REPO / "city/city.yml", root / "city/city.yml")
    shutil.copy(REPO / "mkdocs.city.yml", root / "mkdocs.city.yml")
    (root / "theme_overrides").symlink_to(REPO / "theme_overrides")
    # Another site's output is untrusted: a hostile honoree name and a link that leaves
    # the county's site must reach the city's pages escaped and dropped.
    data = root / "city/exports/nanxian/data.json"
    doc = json.loads(data.read_text(encoding="utf-8"))
    doc["tables"]["honorees"][0]["name"] = HOSTILE
    doc["tables"]["honorees"][0]["url"] = "javascript:alert(1)"
    data.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def exports(city: Path) -> tuple[CountyExport, ...]:
    found, problems = read_city(city / "city/city.yml")
    assert found is not None, problems
    return load_exports(city / "city/exports", found)


def test_city_figures_are_the_sum_of_the_counties_own_bulletins(
    city: Path, exports: tuple[CountyExport, ...]
) -> None:
    catalogues = [
        load_catalogue(
            city / "work" / slug / "content", make_city.epoch(DAY - dt.timedelta(days=behind))
        )
        for slug, _, _, behind in make_city.COUNTIES
    ]
    for period in (Period(2026, month=10), Period(2026, quarter=3), Period(2026)):
        found = report.city_figures(exports, period.key, set())
        own = [county_report.period_report(c, period).figures for c in catalogues]
        assert found.totals["activities"] == sum(f.activities for f in own) > 0
        assert found.totals["active"] == sum(f.active for f in own)
        assert found.totals["stations"] == sum(f.stations for f in own) == 18
        assert found.totals["beneficiaries"] == sum(f.beneficiaries for f in own)


def test_ranking_follows_the_stated_rule(exports: tuple[CountyExport, ...]) -> None:
    rows = report.city_figures(exports, "2026-10", set()).counties
    keys = [(-r.active_rate, -r.per_station, -r.beneficiaries) for r in rows]
    assert keys == sorted(keys) and len(rows) == 3


def test_stale_and_missing_counties_are_named_with_since_when(
    tmp_path: Path, exports: tuple[CountyExport, ...]
) -> None:
    stale = views.stale_slugs(exports, DAY, 3)
    assert stale == {"xixian"}
    xixian = next(e for e in exports if e.entry.slug == "xixian")
    assert views.status_text(xixian, DAY, 3) == "数据未更新：自 2026-11-10 起已 10 天"
    # A county whose folder is empty, or holds a broken file: no traceback, a reason.
    (tmp_path / "dongxian").mkdir()
    (tmp_path / "nanxian").mkdir()
    (tmp_path / "nanxian/data.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "nanxian/received.txt").write_text("2026-11-01\n", encoding="utf-8")
    found, _ = read_city(REPO / "city/city.yml")
    assert found is not None
    broken = load_exports(tmp_path, found)
    assert [e.has_data for e in broken] == [False, False, False]
    assert broken[0].problem == "未取得数据（没有导出文件）"
    assert "（最后一次取得：2026-11-01）" in views.status_text(broken[1], DAY, 3)
    assert report.city_figures(broken, "2026-10", set()).without_data == ("东县", "南县", "西县")


def test_a_bad_city_file_is_reported_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "city.yml"
    path.write_text("name: 市\ncentre: 中心\ncounties: []\n", encoding="utf-8")
    found, problems = read_city(path)
    assert found is None and any("counties" in p for p in problems)
    assert any("footer" in p for p in problems)


def test_the_city_site_shows_counties_rankings_honorees_and_stale_data(city: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": make_city.epoch(DAY)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.city.yml"],
        cwd=city, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = city / "site-city"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "数据未更新：自 2026-11-10 起已 10 天" in home
    assert 'href="https://wmsj.dongxian.example.gov.cn/"' in home
    bulletin = (site / "bulletins/2026/10/index.html").read_text(encoding="utf-8")
    assert "各县（市、区）排序" in bulletin and report.RANK_RULE in bulletin
    assert 'href="https://wmsj.nanxian.example.gov.cn/bulletins/2026/10/"' in bulletin
    assert (site / "bulletins/2026/q3/index.html").is_file()
    roll = (site / "honorees/index.html").read_text(encoding="utf-8")
    assert "city-search.js" in roll and "wmsj.xixian.example.gov.cn/stations/" in roll
    assert "&lt;script&gt;alert(" in roll and "<script>alert(" not in roll
    assert "javascript:" not in roll and "<img src=x" not in roll
    index = json.loads((site / "search/city.json").read_text(encoding="utf-8"))
    assert {row[0] for row in index} >= {"实践站", "身边好人"}
    assert (site / "plans/index.html").is_file()

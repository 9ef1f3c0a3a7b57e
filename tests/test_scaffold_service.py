"""``python -m site_plugins menu`` / ``order`` (``make menu``, ``make order``).

Run as a clerk runs them, in a subprocess, on one copy of the demo county (each test
writes its own files); what they write is read back with PyYAML and loaded by the real
loader, independently of the command's own check.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SOURCE_DATE_EPOCH, copy_demo

from site_plugins.content import load_catalogue
from site_plugins.scaffold.county import CountyInfo, StationInfo, read_county
from site_plugins.scaffold.menu_item import menu_steps
from site_plugins.scaffold.questions import FlagErrors, parse_flags
from site_plugins.scaffold.units import county_units, team_options

ZHANGZHUANG = "content/stations/qingshi/zhangzhuang"
ORDER_FLAGS = (
    "--unit", "qingshi/zhangzhuang", "--date", "2026-11-20", "--title", "想学冬季防火常识",
    "--group", "东组老年协会", "--menu", "centre:jijiu-peixun", "--team", "centre:health",
    "--activity", "2026-12-01-dongyi-songwennuan", "--satisfied", "30", "--basic", "2",
    "--unsatisfied", "0", "--review-date", "2026-12-02", "--comment", "讲得明白",
    "--body", "东组老年协会在村委会登记。",
)  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(tmp_path_factory.mktemp("service-scaffold") / "county")


def run(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_plugins", *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PATH": "/usr/bin:/bin"},
    )


def front_matter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_a_menu_item_from_flags_is_written_summed_up_and_published(project: Path) -> None:
    result = run(
        project, "menu", "--no-input", "--unit", "centre", "--title", "防汛知识讲座",
        "--work", "宣传宣讲党的政策", "--team", "law", "--summary", "讲清汛期避险常识，40 分钟",
        "--where", "县应急管理局", "--body", "县应急管理局干部主讲。",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "content/centre/menu/fang-xun-zhi-shi-jiang-zuo.md"
    assert front_matter(path) == {
        "title": "防汛知识讲座",
        "work": ["宣传宣讲党的政策"],
        "team": "law",
        "summary": "讲清汛期避险常识，40 分钟",
        "available": "常年",
        "order": {"where": "县应急管理局"},
    }
    out = result.stdout
    assert "单位：示范县新时代文明实践中心" in out
    assert "群众点单时写：menu: centre:fang-xun-zhi-shi-jiang-zuo" in out
    assert "检查通过" in out
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    shown = f"content/centre/menu/{path.name}"
    assert [p for p in catalogue.problems if p.path == shown] == []
    assert "centre:fang-xun-zhi-shi-jiang-zuo" in {m.ref for m in catalogue.service.menu_items}


def test_an_order_with_all_four_steps_from_flags_is_published(project: Path) -> None:
    result = run(project, "order", "--no-input", *ORDER_FLAGS)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / ZHANGZHUANG / "orders/2026-11-20-xiang-xue-dong-ji-fang-huo-chang-shi.md"
    front = front_matter(path)
    assert front["assigned"] == {"team": "centre:health", "date": dt.date(2026, 11, 20)}
    assert front["served"] == {"activity": "2026-12-01-dongyi-songwennuan"}
    for line in (
        "点单：2026-11-20 东组老年协会点单“想学冬季防火常识”",
        "评单：满意 30 · 基本满意 2 · 不满意 0",
    ):
        assert line in result.stdout
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    order = next(o for o in catalogue.service.orders if o.slug == path.stem)
    assert order.menu_item is not None and order.menu_item.ref == "centre:jijiu-peixun"
    assert order.days_to_serve == 11 and order.review is not None and order.review.total == 32


def test_a_private_name_and_a_missing_activity_are_refused_together(project: Path) -> None:
    flags = list(ORDER_FLAGS)
    flags[flags.index("东组老年协会")] = "张大爷"
    flags[flags.index("2026-12-01-dongyi-songwennuan")] = "2026-12-01-meiyou"
    before = sorted((project / ZHANGZHUANG / "orders").iterdir())
    result = run(project, "order", "--no-input", *flags)
    assert result.returncode == 1
    assert "--group：“张大爷”像是个人的称呼" in result.stderr
    assert "--activity：找不到活动报道“2026-12-01-meiyou”" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted((project / ZHANGZHUANG / "orders").iterdir()) == before


def test_an_open_order_by_questions(project: Path) -> None:
    answers = "taoyuan\n1\n2026-12-03\n想听冬季用电安全\n张大爷\n三组群众\n\n\n\n三组群众想听用电安全。\n\ny\n"
    result = run(project, "order", stdin=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✗ “张大爷”像是个人的称呼" in result.stdout  # asked again, then accepted
    path = (
        project
        / "content/stations/taoyuan/orders/2026-12-03-xiang-ting-dong-ji-yong-dian-an-quan.md"
    )
    assert front_matter(path) == {
        "title": "想听冬季用电安全",
        "date": dt.date(2026, 12, 3),
        "group": "三组群众",
    }
    assert "送单：还没有，是办理中的点单" in result.stdout


def test_make_menu_and_order_run_the_commands() -> None:
    for target in ("menu", "order"):
        dry = subprocess.run(
            ["make", "-n", target, "UNIT=qingshi"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"-m site_plugins {target} --unit qingshi" in dry.stdout


def station_info(county: CountyInfo, key: str) -> StationInfo:
    return next(s for s in county.stations if s.key == key)


def test_team_answers_are_references_the_loader_reads() -> None:
    """Pure: the unit's own team is written bare, another unit's as ``unit:id``."""
    county = read_county(REPO / "content")
    steps = menu_steps(county)
    for typed, written in (("chengguan:culture", "culture"), ("centre:law", "centre:law")):
        answers = parse_flags(steps, {"unit": "chengguan", "team": typed})
        assert answers["team"] == written
    with pytest.raises(FlagErrors):
        parse_flags(steps, {"unit": "chengguan", "team": "qingshi:customs"})  # not above it
    station = parse_flags(steps, {"unit": "qingshi/zhangzhuang"})["unit"]
    refs = [o.value for o in team_options(county, county_units(county), station.key)]
    own = [t.id for t in station_info(county, "qingshi/zhangzhuang").meta.teams]
    assert refs[: len(own)] == own and "qingshi:customs" in refs and "centre:law" in refs

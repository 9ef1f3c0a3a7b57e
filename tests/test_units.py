"""Units (单位): the county centre, the townships' 所 and the stations all publish.

Pure tests of the loader, the catalogue, the figures and the ownership over small
counties (no MkDocs build); the demo build's pages are checked in test_hubs.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import STATION_DIR, jpeg_bytes

from site_plugins import figures
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.labels import CountyLabels, LabelSet
from site_plugins.hubs import views
from site_plugins.ownership.changes import Change, review_changes
from site_plugins.ownership.owners import ownership_of

CENTRE_YML = """\
teams:
  - id: theory
    name: 县理论宣讲志愿服务支队
    category: 理论宣讲
    members: 86
"""
TOWNSHIP_YML = """\
name: 青石镇
maintainers: [qingshi-clerk]
teams:
  - id: customs
    name: 青石镇移风易俗志愿服务支队
    category: 乡风文明
    members: 30
"""


def entry(title: str, day: str, team: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: {day}\nteam: {team}\nvolunteers: 3\n"
        f"beneficiaries: 40\nservice_hours: 6\n{extra}---\n\n正文。\n"
    )


FILES: dict[str, str | bytes] = {
    "centre/centre.yml": CENTRE_YML,
    "stations/qingshi/township.yml": TOWNSHIP_YML,
    "centre/activities/2026-11-12-xuanjiang.md": entry("县宣讲进乡镇", "2026-11-12", "theory"),
    "stations/qingshi/activities/2026-11-20-hunsu.md": entry(
        "移风易俗进村", "2026-11-20", "customs"
    ),
    # A county team serving in a village, and the township's team in the same village.
    f"{STATION_DIR}/activities/2026-11-25-nongjia.md": entry(
        "宣讲进农家", "2026-11-25", "centre:theory"
    ),
    f"{STATION_DIR}/activities/2026-11-26-hongbai.md": entry(
        "红白理事会议事", "2026-11-26", "qingshi:customs"
    ),
    "centre/plans/2026-12-20-yizhen.md": (
        "---\ntitle: 冬季义诊\ndate: 2026-12-20\nlocation: 张庄村卫生室\n"
        "team: theory\n---\n\n义诊。\n"
    ),
    "centre/honorees/wang-lihua.md": (
        "---\nname: 王丽华\ncategory: 最美志愿者\nhonours:\n  - level: 县级\n"
        "    issuer: 示范县新时代文明实践中心\n    period: 2026\n"
        "summary: 十年为独居老人上门理发。\nconsent: {given: true, by: 本人, date: 2026-11-20}\n"
        "---\n\n事迹。\n"
    ),
}
EPOCH = "1796486400"  # 2026-12-06, the tests' build date


@pytest.fixture
def catalogue(county_factory: Callable[..., Path]) -> Catalogue:
    found = load_catalogue(county_factory(FILES) / "content", EPOCH)
    assert found.errors == ()
    return found


def test_every_level_publishes_its_own_entries(catalogue: Catalogue) -> None:
    keys = {(a.unit_key, a.slug) for a in catalogue.activities}
    assert ("centre", "2026-11-12-xuanjiang") in keys
    assert ("qingshi", "2026-11-20-hunsu") in keys
    assert [p.url for p in catalogue.plans] == ["centre/plans/2026-12-20-yizhen/"]
    assert [h.url for h in catalogue.honorees] == ["centre/honorees/wang-lihua/"]


def test_units_have_a_level_a_name_a_url_and_a_parent(catalogue: Catalogue) -> None:
    shown = [(u.key, u.level, u.url, u.parent) for u in catalogue.units]
    assert shown == [
        ("centre", "中心", "centre/", None),
        ("qingshi", "所", "stations/qingshi/", "centre"),
        ("qingshi/zhangzhuang", "站", "stations/qingshi/zhangzhuang/", "qingshi"),
    ]
    assert catalogue.place("qingshi/zhangzhuang") == "青石镇张庄村"
    assert catalogue.place("qingshi") == "青石镇"


@pytest.mark.parametrize(
    ("unit", "ref", "expected"),
    [
        ("centre", "theory", "centre:theory"),
        ("qingshi/zhangzhuang", "theory", "qingshi/zhangzhuang:theory"),  # the station's own
        ("qingshi/zhangzhuang", "centre:theory", "centre:theory"),
        ("centre", "qingshi:customs", "qingshi:customs"),
        ("qingshi", "qingshi/zhangzhuang:culture", "qingshi/zhangzhuang:culture"),
        ("qingshi", "theory", None),  # the 所 has no such team
        ("centre", "nowhere:theory", None),
    ],
)
def test_resolve_team_reads_every_form_of_reference(
    catalogue: Catalogue, unit: str, ref: str, expected: str | None
) -> None:
    team = catalogue.resolve_team(unit, ref)
    assert (team.ref if team else None) == expected


def test_a_county_team_page_lists_its_work_in_every_unit(catalogue: Catalogue) -> None:
    team = catalogue.resolve_team("centre", "theory")
    assert team is not None
    page = views.team_view(catalogue, team)
    assert [(a.title, a.place) for a in page.activities] == [
        ("宣讲进农家", "青石镇张庄村"),
        ("县宣讲进乡镇", "县中心"),
    ]
    assert page.level == "中心" and page.station == "示范县新时代文明实践中心"
    assert [c.url for c in page.crumbs] == ["", "centre/"]


def test_a_township_counts_its_own_work_with_its_stations(catalogue: Catalogue) -> None:
    township = catalogue.township("qingshi")
    hub = views.township_view(catalogue, township)
    # The 所's own activity, and the station's (this year, as the figures count).
    year = [a for a in catalogue.township_activities("qingshi") if a.date.year == 2026]
    assert hub.figures.totals.activities == len(year) == 3
    assert [a.title for a in hub.own] == ["移风易俗进村"]
    assert [t.name for t in hub.teams] == ["青石镇移风易俗志愿服务支队"]
    # The county counts all four, the centre's included.
    assert figures.totals(catalogue.activities).activities == 4


def test_the_centre_hub_shows_its_own_work_and_teams(catalogue: Catalogue) -> None:
    from site_plugins.hubs.pagination import paginate

    piece = next(iter(paginate(catalogue.unit_activities("centre"), 20, "centre/")))
    hub = views.centre_view(catalogue, piece.items, piece.pager)
    assert [a.title for a in hub.activities] == ["县宣讲进乡镇"]
    assert [p.title for p in hub.plans] == ["冬季义诊"]
    assert [t.name for t in hub.teams] == ["县理论宣讲志愿服务支队"]
    # The 最美志愿者 is not a 好人: shown under its own system.
    assert hub.honorees == []
    assert [(g.name, [c.name for c in g.cards]) for g in hub.other_honours] == [
        ("志愿服务先进", ["王丽华"])
    ]


def test_volunteer_honours_are_a_system_of_their_own(catalogue: Catalogue) -> None:
    honoree = catalogue.honorees[0]
    assert honoree.system == "volunteer"
    home = views.home_view(catalogue)
    assert home.honoree_count == 0 and home.honorees == []
    assert [g.name for g in home.other_honours] == ["志愿服务先进"]


def test_a_county_may_name_its_own_honour_systems() -> None:
    labels = CountyLabels.from_config(
        honour_systems=[("model", "道德模范", {"moral-model": "道德模范", "nominee": "提名奖"})]
    )
    assert [s.name for s in labels.honour_systems] == ["身边好人", "道德模范"]
    assert labels.system_of("nominee").id == "model"
    assert labels.system_of("filial").id == "haoren"
    assert labels.honour_categories.resolve("最美志愿者") is None  # replaced, not added
    assert isinstance(labels.honour_categories, LabelSet)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("content/stations/qingshi/township.yml", None),
        ("content/stations/qingshi/activities/2026-12-01-x.md", None),
        ("content/stations/qingshi/media/a.jpg", None),
        ("content/stations/qingshi/zhangzhuang/station.yml", "FOREIGN_EDIT"),  # a village's
        ("content/centre/activities/2026-12-01-x.md", "EDITOR_ONLY"),  # the county's
    ],
)
def test_a_township_clerk_owns_the_townships_own_files(
    catalogue: Catalogue, path: str, code: str | None
) -> None:
    ownership = ownership_of(catalogue, "content")
    found = review_changes(ownership, "qingshi-clerk", [Change(path, "修改")], set())
    assert [p.code for p in found] == ([code] if code else [])


def test_make_plan_writes_a_plan_for_any_unit(county_factory: Callable[..., Path]) -> None:
    from site_plugins.scaffold import plan

    content = county_factory(FILES) / "content"
    said: list[str] = []
    common = ["--content", str(content), "--no-input", "--body", "请准时参加。"]
    for unit, team in (
        ("centre", "theory"),
        ("qingshi", "customs"),
        (STATION_DIR[9:], "centre:theory"),
    ):
        status = plan.main(
            [*common, "--unit", unit, "--date", "2026-12-28", "--title", "冬至宣讲",
             "--location", "文化广场", "--team", team],
            say=said.append,
        )  # fmt: skip
        assert status == 0, "\n".join(said)
    catalogue = load_catalogue(content, EPOCH)
    assert catalogue.errors == ()
    made = {
        (p.unit_key, p.team.ref if p.team else None)
        for p in catalogue.plans
        if p.title == "冬至宣讲"
    }
    assert made == {
        ("centre", "centre:theory"),
        ("qingshi", "qingshi:customs"),
        ("qingshi/zhangzhuang", "centre:theory"),
    }
    # An unknown unit is refused with the choices, and nothing is written.
    said.clear()
    status = plan.main([*common, "--unit", "nowhere", "--date", "2026-12-28",
                        "--title", "x", "--location", "y", "--category", "文化文艺"],
                       say=said.append)  # fmt: skip
    assert status != 0 and not (content / "stations" / "nowhere").exists()


def test_make_activity_and_honoree_write_for_the_centre_and_a_township(
    county_factory: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process (no subprocess per run): the commands' main() as make calls it.
    from site_plugins.scaffold import activity, honoree

    content = county_factory(FILES) / "content"
    photo = tmp_path / "宣讲 现场.jpg"
    photo.write_bytes(jpeg_bytes())
    said: list[str] = []
    common = ["--content", str(content), "--no-input", "--body", "活动内容。"]
    for unit, team in (("centre", "theory"), ("qingshi", "centre:theory")):
        status = activity.main(
            [*common, "--unit", unit, "--date", "2026-12-01", "--title", "冬季宣讲",
             "--team", team, "--volunteers", "6", "--beneficiaries", "80", "--hours", "12",
             "--photo", str(photo)],
            say=said.append,
        )  # fmt: skip
        assert status == 0, "\n".join(said)
    for unit, level in (("qingshi", "乡镇级"), ("centre", "县级")):
        status = honoree.main(
            ["--content", str(content), "--no-input", "--unit", unit, "--name", "李明",
             "--gender", "男", "--birth-year", "1960", "--category", "助人为乐", "--level", level,
             "--period", "2026", "--summary", "义务修路二十年。", "--consent", "本人",
             "--consent-date", "2026-11-01", "--body", "事迹。"],
            say=said.append,
            today=dt.date(2026, 12, 1),
        )  # fmt: skip
        assert status == 0, "\n".join(said)
    catalogue = load_catalogue(content, EPOCH)
    assert catalogue.errors == ()
    made = {
        (a.unit_key, a.team.ref if a.team else None, len(a.photos))
        for a in catalogue.activities
        if a.title == "冬季宣讲"
    }
    assert made == {("centre", "centre:theory", 1), ("qingshi", "centre:theory", 1)}
    assert (content / "centre/media/xuan-jiang-xian-chang.jpg").read_bytes() == photo.read_bytes()
    # The issuer defaults to the unit's own body: the 所 for 乡镇级, the centre for 县级.
    issuers = {h.unit_key: h.meta.honours[0].issuer for h in catalogue.honorees}
    assert issuers == {"qingshi": "青石镇新时代文明实践所", "centre": "示范县新时代文明实践中心"}
    # --station still names a station, and a mistyped one gets the stations listed.
    said.clear()
    status = activity.main(
        [*common, "--station", "qingshi/zhangzhuan", "--date", "2026-12-01", "--title", "x",
         "--category", "理论宣讲", "--volunteers", "1", "--beneficiaries", "1", "--hours", "1"],
        say=said.append,
    )  # fmt: skip
    assert status == 1
    assert "是不是 qingshi/zhangzhuang" in capsys.readouterr().err

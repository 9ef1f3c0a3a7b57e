"""A serve session's record digests (``diff.DigestMemo``) are made again only for what
changed, and are always exactly those a fresh ``record_digests`` gives: checked after
each of a series of edits to entries, orders, menus, stations and photos. Pure loads of
a small county, no build."""

from __future__ import annotations

from pathlib import Path

import service_cases
from conftest import SOURCE_DATE_EPOCH, STATION_DIR, make_county, write_content
from test_honor_roll_index import honoree_md
from test_hubs import activity
from test_incremental import OTHER, OTHER_STATION_YML, PLAN, THEMES, with_photo

from site_plugins.content import load_catalogue
from site_plugins.content.load_state import EntryMemo
from site_plugins.incremental.diff import DigestMemo, record_digests

ACTIVITIES = f"{STATION_DIR}/activities"
TEAM = f"{OTHER}/activities/2026-03-05-jiangzuo.md"
PLAN_PATH = f"{STATION_DIR}/plans/2026-03-28-yizhen.md"
REPORT = f"{ACTIVITIES}/2026-04-01-yizhen.md"
HONOREE = f"{STATION_DIR}/honorees/wang-lan.md"
XIQU = f"{ACTIVITIES}/2026-03-09-xiqu.md"
FILES: dict[str, str | bytes] = {
    **service_cases.files(),
    "stations/liuhe/township.yml": "name: 柳河镇\n",
    f"{OTHER}/station.yml": OTHER_STATION_YML,
    "themes/2026.yml": THEMES,
    f"{ACTIVITIES}/2026-03-02-shufa.md": with_photo("书法进乡村", "2026-03-02"),
    XIQU: activity("戏曲下乡", "2026-03-09"),
    REPORT: activity("义诊", "2026-04-01", plan="2026-03-28-yizhen"),
    TEAM: activity("防诈骗讲座", "2026-03-05", team="culture"),
    PLAN_PATH: PLAN,
    HONOREE: honoree_md("王兰"),
}
XIQU_NAME = "activity:qingshi/zhangzhuang/2026-03-09-xiqu"

APRIL = f"{ACTIVITIES}/2026-04-09-xiqu.md"
JULY = f"{ACTIVITIES}/2026-07-09-xiqu.md"

# Each edit: paths and their new text (None deletes one). A date moved renames the file
# (its name starts with the date).
EDITS: list[dict[str, str | None]] = [
    {XIQU: activity("戏曲进万家", "2026-03-09")},  # a title
    {XIQU: None, APRIL: activity("戏曲进万家", "2026-04-09")},  # another month
    {APRIL: None, JULY: activity("戏曲进万家", "2026-07-09")},  # another quarter
    {JULY: activity("戏曲进万家", "2026-07-09", theme_month=3)},  # another theme month
    {JULY: activity("戏曲进万家", "2026-07-09", beneficiaries=80)},  # a counted field
    {TEAM: activity("防诈骗讲座进村", "2026-03-05", team="culture")},  # a team's list
    {f"{ACTIVITIES}/2026-05-01-new.md": activity("新活动", "2026-05-01")},  # new
    {f"{ACTIVITIES}/2026-05-01-dup.md": activity("新活动", "2026-05-01")},  # same fields
    {f"{ACTIVITIES}/2026-05-01-new.md": None},  # deleted
    {REPORT: activity("义诊", "2026-04-01")},  # reports no plan now
    {PLAN_PATH: PLAN.replace("义诊预告", "义诊活动预告")},  # a plan
    {PLAN_PATH: None},
    {HONOREE: honoree_md("王兰", summary="照顾婆婆二十年。")},  # an honoree
    {service_cases.ACTIVITY: service_cases.GOOD_ACTIVITY.replace("防诈骗讲座进村", "反诈讲座")},
    {service_cases.ORDER: service_cases.GOOD_ORDER.replace("二组群众", "三组群众")},
    {service_cases.MENU: service_cases.GOOD_MENU.replace("防电信", "防网络")},
    {service_cases.ORDER: None},  # the activity no longer answers an order
    # a station renamed: its teams' lists show its name; then its team (and the activity's)
    {f"{OTHER}/station.yml": OTHER_STATION_YML.replace("河西村", "河西新村", 1)},
    {
        f"{OTHER}/station.yml": OTHER_STATION_YML.split("teams:")[0],
        TEAM: activity("防诈骗讲座进村", "2026-03-05"),
    },
    {TEAM: None},  # the station's last activity
]


def digests_alike(content: Path, memo: EntryMemo, digests: DigestMemo) -> dict[str, str]:
    """The digests through a serve session's memos; they must equal a fresh load's."""
    kept = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    assert kept == record_digests(load_catalogue(content, SOURCE_DATE_EPOCH))
    return kept


def test_remembered_digests_equal_fresh_ones_after_every_edit(tmp_path: Path) -> None:
    content = make_county(tmp_path, FILES) / "content"
    memo, digests = EntryMemo(), DigestMemo()
    last = digests_alike(content, memo, digests)
    assert (
        digests_alike(content, memo, digests) == last and len(digests) == 7
    )  # the entries held (5 activities, a plan, an honoree)
    for number, edit in enumerate(EDITS):
        for path, text in edit.items():
            write_content(content, path, text)
        now = digests_alike(content, memo, digests)
        assert now != last, f"edit {number} ({edit}) changed no digest"
        last = now


def test_a_title_edit_changes_its_record_and_the_sets_that_list_titles(tmp_path: Path) -> None:
    content = make_county(tmp_path, FILES) / "content"
    memo, digests = EntryMemo(), DigestMemo()
    first = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
    edited = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    moved = {name for name in first.keys() | edited.keys() if first.get(name) != edited.get(name)}
    assert moved == {XIQU_NAME, "theme-month:2026-03", "theme-month:2026-03:qingshi"}

"""Incremental rebuilds of ``mkdocs serve --dirty`` (site_plugins.incremental).

The pure part (which dependency names an edit changes) is tested on catalogues loaded
from small counties, without a build. The promise itself (after any series of edits the
served folder equals a full build, byte for byte) is tested by building a small county
the way ``mkdocs serve --dirty`` does, in this process, editing it step by step, and
comparing every file with a full build of the same content after each step.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import service_cases
from conftest import (
    COUNTY_YML,
    INDEX_MD,
    SOURCE_DATE_EPOCH,
    STATION_DIR,
    jpeg_bytes,
    make_county,
    write_content,
)
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from test_honor_roll_index import honoree_md
from test_hubs import activity
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from site_plugins.bulletins.plans import period_depends
from site_plugins.content import load_catalogue
from site_plugins.content.catalogue import Period
from site_plugins.content.loader import EntryMemo
from site_plugins.incremental.diff import (
    DigestMemo,
    changed,
    fingerprint,
    is_stale,
    record_digests,
)
from site_plugins.incremental.watch import use_inotify
from site_plugins.search_index.extract import DEFAULT_SKIP_CLASSES, PageText, article
from site_plugins.search_index.index import IndexBuilder
from site_plugins.search_index.index import build as build_index
from site_plugins.search_index.worker import Drop, IndexWorker, _serve

SERVE_URL = "http://127.0.0.1:8000/"
ACTIVITIES = f"{STATION_DIR}/activities"
OTHER = "stations/liuhe/hexi"
OTHER_STATION_YML = """\
name: 河西村
kind: 村
six_haves: {venue: true, signage: true, team: true, projects: true, rules: true, display: true}
teams:
  - {id: culture, name: 河西村文艺队, category: 文化文艺, members: 9}
"""


def with_photo(title: str, date: str) -> str:
    text = activity(title, date)
    return text.replace("---\n\n", "photos:\n  - file: media/scene-1.jpg\n---\n\n", 1)


PLAN = "---\ntitle: 义诊预告\ndate: 2026-03-28\nlocation: 村卫生室\ncategory: 文化文艺\n---\n\n量血压。\n"

THEMES = (
    "year: 2026\ndraft: true\nmonths:\n  - month: 3\n    title: 学雷锋\n    focus: 学雷锋志愿服务\n"
)

BASE = {
    "stations/liuhe/township.yml": "name: 柳河镇\n",
    f"{OTHER}/station.yml": OTHER_STATION_YML,
    f"{ACTIVITIES}/2026-03-02-shufa.md": with_photo("书法进乡村", "2026-03-02"),
    f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲下乡", "2026-03-09"),
    f"{ACTIVITIES}/2026-04-01-yizhen.md": activity("义诊", "2026-04-01"),
    f"{OTHER}/activities/2026-03-05-jiangzuo.md": activity("防诈骗讲座", "2026-03-05"),
    f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰"),
}


# --- which names an edit changes (no build) ------------------------------------------


# The centre's file, a centre menu item, an order of the station that names it and the
# activity that served the order (the 文明实践菜单 and 四单, site_plugins.service).
SERVICE = service_cases.files()
CENTRE_ACTIVITY = "centre/activities/2026-03-20-xuanjiang.md"


def names_changed(
    tmp_path: Path, edits: dict[str, str | None], base: dict[str, str | bytes] = BASE
) -> frozenset[str] | None:
    before = make_county(tmp_path / "before", base)
    after = make_county(tmp_path / "after", base)
    for rel, text in edits.items():
        path = after / "content" / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    old, new = (load_catalogue(p / "content", SOURCE_DATE_EPOCH) for p in (before, after))
    assert not old.errors and not new.errors, [p.format() for p in (*old.errors, *new.errors)]
    return changed(fingerprint(old), fingerprint(new))


def test_an_edited_activity_changes_itself_its_station_and_the_sets(tmp_path: Path) -> None:
    edit = {f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲进万家", "2026-03-09")}
    assert names_changed(tmp_path, edit) == {
        "activity:qingshi/zhangzhuang/2026-03-09-xiqu",
        "theme-month:2026-03",  # the March theme page lists it; other months' do not
        "theme-month:2026-03:qingshi",  # and its township's March theme page
        "station:qingshi/zhangzhuang",
        "township:qingshi",
        "activities",
        "stations",
    }  # no counted set, no month count: the pages that only count stay as they are


# --- the sets lists and counts are drawn from (diff.count_digests) ----------------------


def test_a_counted_field_changes_its_months_counted_sets_not_the_counts(tmp_path: Path) -> None:
    edit = {
        f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲下乡", "2026-03-09", beneficiaries=90)
    }
    names = names_changed(tmp_path, edit)
    assert names is not None
    derived = {n for n in names if n.startswith(("counted", "month-counts"))}
    # The 通报 of March (county and township) and every count of the county; the number
    # of activities per month is the same, so no list gains or loses a page.
    assert derived == {"counted", "counted:2026-03", "counted:2026-03:qingshi"}


def test_a_date_moved_to_another_month_changes_both_months(tmp_path: Path) -> None:
    # A file's name carries its date: the date moves with the file's name.
    edit = {
        f"{ACTIVITIES}/2026-03-09-xiqu.md": None,
        f"{ACTIVITIES}/2026-04-09-xiqu.md": activity("戏曲下乡", "2026-04-09"),
    }
    names = names_changed(tmp_path, edit)
    assert names is not None
    derived = {n for n in names if n.startswith(("counted", "month-counts", "theme-month"))}
    assert derived == {
        "counted",
        "counted:2026-03",
        "counted:2026-03:qingshi",
        "counted:2026-04",
        "counted:2026-04:qingshi",
        "month-counts:qingshi/zhangzhuang",  # March has one fewer, April one more
        "month-counts:qingshi/zhangzhuang:2026-03",
        "month-counts:qingshi/zhangzhuang:2026-04",
        "theme-month:2026-03",
        "theme-month:2026-03:qingshi",
        "theme-month:2026-04",
        "theme-month:2026-04:qingshi",
    }
    assert {"theme-units:2026-03", "theme-units:2026-04"} <= names


def test_a_report_naming_a_plan_changes_which_plans_were_reported(tmp_path: Path) -> None:
    plan = "2026-03-28-yizhen"
    edit = {f"{ACTIVITIES}/2026-04-01-yizhen.md": activity("义诊", "2026-04-01", plan=plan)}
    base = {**BASE, f"{STATION_DIR}/plans/{plan}.md": PLAN}
    names = names_changed(tmp_path, edit, base)
    assert names is not None
    assert {"plan-reports", "counted:2026-04:qingshi"} <= names
    assert "month-counts:qingshi/zhangzhuang" not in names


def test_a_deleted_honoree_and_a_new_activity_are_both_changes(tmp_path: Path) -> None:
    edits = {
        f"{STATION_DIR}/honorees/wang-lan.md": None,
        f"{OTHER}/activities/2026-05-01-new.md": activity("新活动", "2026-05-01"),
    }
    assert names_changed(tmp_path, edits) == {
        "honoree:qingshi/zhangzhuang/wang-lan",
        "activity:liuhe/hexi/2026-05-01-new",
        "station:qingshi/zhangzhuang",
        "station:liuhe/hexi",
        "township:qingshi",
        "township:liuhe",
        "months",  # May had no activity before
        "theme-month:2026-05",
        "theme-month:2026-05:liuhe",
        "theme-units:2026-05",
        "counted",
        "counted:2026-05",
        "counted:2026-05:liuhe",
        "month-counts:liuhe/hexi",
        "month-counts:liuhe/hexi:2026-05",
        "honorees",
        "honorees:qingshi",  # that township's 通报 lists it; liuhe's does not
        "activities",
        "stations",
    }


def test_an_edited_station_changes_its_township_not_other_stations(tmp_path: Path) -> None:
    edit = {f"{OTHER}/station.yml": OTHER_STATION_YML.replace("河西村文艺队", "河西村锣鼓队")}
    names = names_changed(tmp_path, edit)
    # unit:<key> is the station's own record alone (what an entry's page shows of it).
    assert names == {"station:liuhe/hexi", "unit:liuhe/hexi", "units", "township:liuhe", "stations"}


def test_county_yml_changes_everything(tmp_path: Path) -> None:
    edit = {"county.yml": COUNTY_YML.replace("示范县新时代", "模范县新时代")}
    assert names_changed(tmp_path, edit) is None


def test_an_unchanged_county_changes_nothing(tmp_path: Path) -> None:
    assert names_changed(tmp_path, {}) == frozenset()


def test_a_centre_activity_changes_the_centre_whose_pages_name_it(tmp_path: Path) -> None:
    base = {**BASE, **SERVICE, CENTRE_ACTIVITY: activity("理论宣讲", "2026-03-20")}
    edit = {CENTRE_ACTIVITY: activity("理论宣讲进礼堂", "2026-03-20")}
    names = names_changed(tmp_path, edit, base)
    assert names is not None
    assert {"activity:centre/2026-03-20-xuanjiang", "centre", "activities"} <= names
    assert "station:qingshi/zhangzhuang" not in names


def test_the_centre_file_changes_everything(tmp_path: Path) -> None:
    edit = {"centre/centre.yml": service_cases.CENTRE_YML.replace("members: 52", "members: 53")}
    assert names_changed(tmp_path, edit, {**BASE, **SERVICE}) is None


def test_a_menu_item_changes_its_menu_and_the_orders_that_name_it(tmp_path: Path) -> None:
    edit = {service_cases.MENU: service_cases.GOOD_MENU.replace("反诈App", "反诈软件")}
    names = names_changed(tmp_path, edit, {**BASE, **SERVICE})
    assert names is not None
    order = "order:qingshi/zhangzhuang/2026-06-10-yizhen"
    assert {"menu:centre/fanzha", "menus:centre", "service", "centre", order} <= names
    assert {"station:qingshi/zhangzhuang", "township:qingshi"} <= names  # the order's unit
    assert not any(name.startswith(("activity:", "team:")) for name in names)


def test_an_order_changes_the_activity_page_that_names_it(tmp_path: Path) -> None:
    edit = {service_cases.ORDER: service_cases.order("satisfied: 20", "satisfied: 21")}
    names = names_changed(tmp_path, edit, {**BASE, **SERVICE})
    assert names is not None
    assert {"order:qingshi/zhangzhuang/2026-06-10-yizhen", "service"} <= names
    assert "activity:qingshi/zhangzhuang/2026-06-19-yizhen" in names
    assert "menus:centre" not in names


def test_an_activity_that_changes_team_changes_both_teams_pages(tmp_path: Path) -> None:
    moved = service_cases.GOOD_ACTIVITY.replace("team: theory", "team: culture")
    names = names_changed(tmp_path, {service_cases.ACTIVITY: moved}, {**BASE, **SERVICE})
    assert names is not None
    teams = {name for name in names if name.startswith("team:")}
    assert teams == {"team:qingshi/zhangzhuang:theory", "team:qingshi/zhangzhuang:culture"}


def test_the_entry_memo_reads_again_only_changed_files(tmp_path: Path) -> None:
    phone = activity("义诊", "2026-04-02").replace("正文。", "联系电话13912345678。")
    content = make_county(tmp_path, {**BASE, f"{ACTIVITIES}/2026-04-02-phone.md": phone})
    content /= "content"
    memo = EntryMemo()
    first = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    assert sum(key.endswith(".md") for key in memo) == 6  # every entry, the refused one too
    assert any(key.endswith("station.yml") for key in memo)
    again = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    assert any(p.code == "MOBILE_NUMBER" for p in again.problems)  # replayed from the memo
    write_content(content, f"{ACTIVITIES}/2026-03-09-xiqu.md", activity("戏曲进万家", "2026-03-09"))
    edited = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    assert fingerprint(edited) == fingerprint(load_catalogue(content, SOURCE_DATE_EPOCH))
    assert fingerprint(edited) != fingerprint(first)


def test_the_memo_remembers_each_entry_as_validated_with_its_problems(tmp_path: Path) -> None:
    """Validating is remembered with the file: an unchanged entry keeps its checked
    fields (the same object) and reports its schema problems again; an edited one is
    validated afresh."""
    bad = activity("义诊", "2026-04-02").replace("volunteers: 3", "volunteers: 很多")
    assert bad != activity("义诊", "2026-04-02")
    content = make_county(tmp_path, {**BASE, f"{ACTIVITIES}/2026-04-02-bad.md": bad})
    content /= "content"
    memo = EntryMemo()
    first = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    again = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    assert any("volunteers" in p.format() for p in again.problems)  # replayed
    metas = {a.slug: a.meta for a in first.activities}
    assert all(a.meta is metas[a.slug] for a in again.activities)  # not validated again
    write_content(content, f"{ACTIVITIES}/2026-03-09-xiqu.md", activity("戏曲进万家", "2026-03-09"))
    edited = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    changed_meta = next(a.meta for a in edited.activities if a.slug == "2026-03-09-xiqu")
    assert changed_meta is not metas["2026-03-09-xiqu"]
    assert changed_meta.title == "戏曲进万家"


def test_digests_remembered_between_loads_equal_fresh_ones(tmp_path: Path) -> None:
    content = make_county(tmp_path, BASE) / "content"
    memo = EntryMemo()
    digests = DigestMemo()
    first = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    assert digests  # one per entry seen
    again = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    assert again == first == record_digests(load_catalogue(content, SOURCE_DATE_EPOCH))
    write_content(content, f"{ACTIVITIES}/2026-03-09-xiqu.md", activity("戏曲进万家", "2026-03-09"))
    edited = record_digests(load_catalogue(content, SOURCE_DATE_EPOCH, memo), None, digests)
    assert edited == record_digests(load_catalogue(content, SOURCE_DATE_EPOCH))
    moved = {n for n in edited if n.startswith("activity:") and edited[n] != first[n]}
    assert moved == {"activity:qingshi/zhangzhuang/2026-03-09-xiqu"}


def test_a_page_is_drawn_again_when_a_dependency_changed_or_it_names_none() -> None:
    station = frozenset({"station:a/b", "county"})
    assert not is_stale(station, frozenset({"station:a/c", "activities"}))
    assert is_stale(station, frozenset({"station:a/b"}))
    assert is_stale(frozenset(), frozenset())  # names nothing: could show anything
    assert is_stale(station, None)  # everything changed


# --- the search index kept from one rebuild to the next --------------------------------

PAGES = [
    PageText("a/", "书法进乡村", "张庄村", "2026-03-02", "写春联送福字"),
    PageText("b/", "戏曲下乡", "张庄村", "2026-03-09", "黄梅戏选段"),
    PageText("c/", "王兰", "张庄村", "", "照顾婆婆二十年", "好人"),
]
PEOPLE = {"c/": ["王"]}


def test_a_kept_index_with_pages_replaced_and_dropped_equals_a_fresh_one() -> None:
    kept = IndexBuilder()
    for page in PAGES:
        kept.add(page)
    first = kept.finish(people=PEOPLE)
    assert first.files == build_index(PAGES, people=PEOPLE).files  # finish changed nothing
    edited = PageText("b/", "戏曲进万家", "张庄村", "2026-03-09", "豫剧选段")
    kept.add(edited)
    kept.drop(["a/"])
    fresh = build_index([PAGES[2], edited], people=PEOPLE)
    again = kept.finish(people=PEOPLE)
    assert again.files == fresh.files
    assert again.files != first.files and again.docs == 2


def page_html(title: str, text: str) -> str:
    meta = f'<meta name="ArticleTitle" content="{title}">'
    return f'{meta}<article class="md-content__inner"><h1>{title}</h1><p>{text}</p></main>'


def test_the_second_process_keeps_its_pages_from_one_finish_to_the_next() -> None:
    parts = [article(f"{n}/", page_html(f"标题{n}", f"正文{n}")) for n in "abc"]
    edited = article("b/", page_html("新标题", "新正文"))
    assert edited is not None and all(parts)
    ours, theirs = multiprocessing.Pipe()
    args = (theirs, DEFAULT_SKIP_CLASSES, 16_384, 16)
    worker = threading.Thread(target=_serve, args=args, daemon=True)
    worker.start()
    ours.send(parts)
    ours.send(({}, "", True))  # keep: the pages stay for the next rebuild
    first = ours.recv()
    ours.send([edited])
    ours.send(Drop(("a/",)))
    ours.send(({}, "", False))
    second = ours.recv()
    worker.join(timeout=10)
    assert not worker.is_alive()  # without keep, the last finish ends it
    fresh = IndexWorker(DEFAULT_SKIP_CLASSES, 16_384, 16, processes=0)
    for part in (edited, parts[2]):
        assert part is not None
        fresh.add(part)
    assert first.docs == 3
    assert second.docs == 2 and second.files == fresh.finish().files


def test_a_period_bulletin_names_its_own_and_the_previous_periods_months() -> None:
    counted = {
        n for n in period_depends(Period(2026, quarter=1), "qingshi") if n.startswith("counted")
    }
    # The first quarter and the fourth of 2025 (the comparison), the township's only.
    assert counted == {
        *(f"counted:2026-{m:02d}:qingshi" for m in (1, 2, 3)),
        *(f"counted:2025-{m:02d}:qingshi" for m in (10, 11, 12)),
    }
    county = period_depends(Period(2026, month=1), None)
    assert {"counted:2026-01", "counted:2025-12", "plan-reports", "units"} <= county
    assert not county & {"activities", "stations", "counted"}  # no title, no other month


# --- the served folder equals a full build after every edit ---------------------------


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Plugins with ``on_startup`` live as long as this process (MkDocs keeps them for a
    serve session): give this test its own, and the other tests theirs back after."""
    monkeypatch.setattr(MkDocsConfig.plugins, "plugin_cache", {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    yield


def _config(project: Path, site: Path) -> MkDocsConfig:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL  # as mkdocs serve sets it
    return config


def serve_build(project: Path, site: Path, *, first: bool = False) -> None:
    """One build of ``mkdocs serve --dirty``: a new config, the session's plugins."""
    config = _config(project, site)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)


def full_build(project: Path, site: Path) -> None:
    """A plain build of the same content with the same address, by plugins of its own."""
    serving = MkDocsConfig.plugins.plugin_cache
    MkDocsConfig.plugins.plugin_cache = {}
    try:
        config = _config(project, site)
        config.plugins.on_startup(command="build", dirty=False)
        build(config, serve_url=SERVE_URL)
    finally:
        MkDocsConfig.plugins.plugin_cache = serving


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_same_tree(served: Path, full: Path) -> None:
    got, want = tree(served), tree(full)
    assert sorted(got) == sorted(want), (
        f"only served: {sorted(set(got) - set(want))[:10]}, "
        f"only full: {sorted(set(want) - set(got))[:10]}"
    )
    differ = sorted(path for path in want if got[path] != want[path])
    assert differ == [], f"{len(differ)} files differ from a full build: {differ[:10]}"


REBUILT = re.compile(r"预览已更新（(完整|增量)生成）：重新生成 (\d+) 个页面（共 (\d+) 个）")


def rebuilt(caplog: pytest.LogCaptureFixture) -> tuple[str, int, int]:
    """The last rebuild line: kind, pages rebuilt, pages in all."""
    found = [m for r in caplog.records if (m := REBUILT.search(r.getMessage()))]
    assert found, "no rebuild line was printed"
    kind, count, total = found[-1].groups()
    caplog.clear()
    return kind, int(count), int(total)


BAD = f"{OTHER}/activities/2026-06-30-riqi.md"
# A past plan of the other station that no report names yet: the March 通报 list it.
OTHER_PLAN = "2026-03-28-yizhen"
# Enough May activities for the other station's list to have a second page.
LONG_LIST = {
    f"{OTHER}/activities/2026-05-{day:02d}-a{day}.md": activity(
        f"五月活动{day}", f"2026-05-{day:02d}"
    )
    for day in range(1, 25)
}

# Each step: what is edited, and how the rebuild must go: "fewer" (incremental, leaving
# some pages), "incremental" (every page may depend on what changed), "full", "error" (a
# content error: nothing written) or "same" (nothing changed). Edits are grouped so that
# the series costs few builds (each step builds twice, "error" and "same" once).
STEPS: list[tuple[str, dict[str, str | bytes | None], str]] = [
    (
        # With a centre activity (the centre's pages), a menu item (every menu page, the
        # station forms) and the order that names it (the activity that served it).
        "title, honoree, centre, menu and order",
        {
            f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲进万家", "2026-03-09"),
            f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰", summary="好儿媳。"),
            CENTRE_ACTIVITY: activity("理论宣讲进礼堂", "2026-03-20"),
            service_cases.MENU: service_cases.GOOD_MENU.replace("反诈App", "反诈软件"),
            service_cases.ORDER: service_cases.order("satisfied: 20", "satisfied: 21"),
        },
        "fewer",  # the other station's own pages stay
    ),
    (
        # An honoree's name alone: its township's 通报 list it (honorees:<township>).
        "honoree name",
        {f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰芳", summary="好儿媳。")},
        "fewer",
    ),
    (
        # An activity that moves to another team: both teams' pages. And the title of
        # April's only activity, which the county's April theme page lists (short enough).
        "team and a listed title",
        {
            service_cases.ACTIVITY: service_cases.GOOD_ACTIVITY.replace("theory", "culture"),
            f"{ACTIVITIES}/2026-04-01-yizhen.md": activity("义诊进村", "2026-04-01"),
        },
        "fewer",
    ),
    (
        "new, delete and rename",
        {
            f"{OTHER}/activities/2026-06-01-new.md": activity("新到的活动", "2026-06-01"),
            f"{ACTIVITIES}/2026-04-01-yizhen.md": None,
            f"{ACTIVITIES}/2026-03-02-shufa.md": None,
            f"{ACTIVITIES}/2026-03-02-shufa-jiaoxue.md": with_photo("书法进乡村", "2026-03-02"),
            # And enough for the other station's list to have a second page.
            **LONG_LIST,
        },
        "incremental",
    ),
    (
        # The photo is the only change to its station: its pages must notice it.
        "photo and other station",
        {
            f"{STATION_DIR}/media/scene-1.jpg": jpeg_bytes((80, 40), (20, 90, 200)),
            f"{OTHER}/station.yml": OTHER_STATION_YML.replace("文艺队", "锣鼓队"),
        },
        "incremental",
    ),
    # A content error stops the rebuild before it writes anything; once the file is
    # fixed, the next rebuild still compares with the last good one.
    # The other station's list has two pages: a newer entry pushes one to page 2; then an
    # entry of page 2 changes its title, one of page 1 its count, and another of page 1
    # names a plan of March in its report (from May: the March 通报 stop listing the plan
    # as unreported). None is among the home page's latest: it is drawn again for its
    # figures only.
    (
        "pushed to page 2",
        {f"{OTHER}/activities/2026-05-25-a25.md": activity("新的", "2026-05-25")},
        "fewer",
    ),
    (
        "page 2 title and a plan reported",
        {
            f"{OTHER}/activities/2026-03-05-jiangzuo.md": activity("防电信诈骗讲座", "2026-03-05"),
            f"{OTHER}/activities/2026-05-12-a12.md": activity(
                "五月活动12", "2026-05-12", beneficiaries=40
            ),
            f"{OTHER}/activities/2026-05-10-a10.md": activity(
                "五月活动10", "2026-05-10", plan=OTHER_PLAN
            ),
        },
        "fewer",
    ),
    # Page 1 keeps its entries, page 2 its own; only the month links of every page change.
    (
        "moved to June on page 1",
        {
            f"{OTHER}/activities/2026-05-25-a25.md": None,
            f"{OTHER}/activities/2026-06-02-a25.md": activity("新的", "2026-06-02"),
        },
        "fewer",
    ),
    # The title of one of the latest activities: the home page lists it, counts nothing.
    (
        "latest title",
        {f"{OTHER}/activities/2026-06-02-a25.md": activity("六月新活动", "2026-06-02")},
        "fewer",
    ),
    ("bad date", {BAD: activity("日期写错", "2026-06-31")}, "error"),
    ("fixed date", {BAD: activity("日期改对", "2026-06-30")}, "fewer"),
    # Saved again unchanged: nothing to redraw but the pages that name no dependency; the
    # folder must still equal the last full build (no new one is needed).
    ("saved unchanged", {BAD: activity("日期改对", "2026-06-30")}, "same"),
    # The home page's own text is a file MkDocs reads, not a record of the catalogue.
    # With an activity that changes only what the 通报 count (no title): March's and the
    # periods that compare with it (the second quarter) must be drawn again, though
    # nothing they list changed.
    (
        "home text and counted field",
        {
            "index.md": INDEX_MD.replace("欢迎访问", "欢迎各位乡亲访问"),
            f"{ACTIVITIES}/2026-03-09-xiqu.md": activity(
                "戏曲进万家", "2026-03-09", beneficiaries=90
            ),
        },
        "fewer",
    ),
    # With a page of the county's own (a new page of content/: a full rebuild). MkDocs
    # lists content/ through a folder of links to its pages (incremental.docs_view),
    # which must gain one, and lose it when the page is gone.
    (
        "county and a page of its own",
        {
            "county.yml": COUNTY_YML.replace("中共示范县委", "示范县委"),
            "about.md": "# 关于本中心\n\n县新时代文明实践中心设在县文化馆。\n",
        },
        "full",
    ),
    ("page gone", {"about.md": None}, "full"),
]


# Steps that add or remove no page: sitemap.xml (every page's address) is left as it was.
SITEMAP_KEPT = {"title, honoree, centre, menu and order", "honoree name"}


def test_served_site_equals_a_full_build_after_every_edit(
    tmp_path: Path, fresh_plugins: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practice")
    served_county = {
        **BASE,
        **SERVICE,
        CENTRE_ACTIVITY: activity("理论宣讲", "2026-03-20"),
        f"{OTHER}/plans/{OTHER_PLAN}.md": PLAN,
        # A year's theme pages, each township's too (one theme: a draft year).
        "themes/2026.yml": THEMES,
    }
    project = make_county(tmp_path / "county", served_county)
    # Index in the build's own process: a second process per build costs more than this
    # small county (the kept second process is tested above, on its own).
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    assert "\n  - search_index\n" in text
    text = text.replace("\n  - search_index\n", "\n  - search_index:\n      workers: 0\n")
    # The county's theme month pages list no activity, only how many each unit has (as in
    # a real county's), once a month has more than one.
    assert "\n  - calendar\n" in text
    text = text.replace("\n  - calendar\n", "\n  - calendar:\n      month_list_limit: 1\n")
    mkdocs_yml.write_text(text, encoding="utf-8")
    served = tmp_path / "served"
    serve_build(project, served, first=True)
    kind, count, total = rebuilt(caplog)
    assert (kind, count) == ("完整", total)
    full = served  # the full build of the last step that built
    for name, edits, expected in STEPS:
        for rel, data in edits.items():
            write_content(project / "content", rel, data)
        if expected == "error":
            with pytest.raises(Abort):
                serve_build(project, served)
            assert_same_tree(served, full)  # the last good step's full build
            continue
        sitemap = (served / "sitemap.xml").stat().st_mtime_ns
        serve_build(project, served)
        kind, count, total = rebuilt(caplog)
        if name in SITEMAP_KEPT:
            assert (served / "sitemap.xml").stat().st_mtime_ns == sitemap, name
        if expected == "same":
            assert kind == "增量" and count < total / 2, (name, count, total)
            assert_same_tree(served, full)
            continue
        assert kind == ("完整" if expected == "full" else "增量"), name
        assert 0 < count <= total, (name, count)
        if expected != "incremental":
            assert (count < total) == (expected == "fewer"), (name, count, total)
        if expected == "fewer":
            # Fewer by far: every step so marked leaves most pages (the first one after a
            # full build too, which compares with digests made after that build).
            assert count < total / 2, (name, count, total)
        full = tmp_path / f"full-{name}"
        full_build(project, full)
        assert_same_tree(served, full)


# --- edits noticed by the kernel, not by polling -----------------------------------------


def test_serve_notices_edits_through_inotify_and_not_the_builds_reading(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "old").mkdir(parents=True)
    (content / "old" / "read.md").write_text("读", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(content))
    assert use_inotify(server)
    seen: list[FileSystemEvent] = []
    recorder = FileSystemEventHandler()
    recorder.on_any_event = seen.append  # type: ignore[method-assign]
    try:
        assert server.observer.is_alive() and not isinstance(server.observer, PollingObserver)
        assert server._watched_paths == {str(content): 1}
        server.observer.schedule(recorder, str(content), recursive=True)  # the same filter
        server.observer.start()  # what serve() does next: nothing left to do
        # A build reads every file: that must not start the next build. The kernel
        # reports events in order, so once the edit below is seen, the reading would
        # have been seen before it.
        assert (content / "old" / "read.md").read_text(encoding="utf-8") == "读"
        (content / "index.md").write_text("改过", encoding="utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=60)
        assert all(Path(event.src_path).name != "read.md" for event in seen), seen
        # A renamed folder (a station renamed) reaches the files in it.
        server._want_rebuild = False
        (content / "old").rename(content / "new")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=60)
    finally:
        server.observer.stop()
        server.observer.join(timeout=10)
        server.server_close()

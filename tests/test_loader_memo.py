"""The serve session's memo (``EntryMemo``): a load that remembers earlier loads gives
exactly what a fresh load gives — the same records, the same problems in the same order —
after any edit, addition, deletion or rename, and also after an edit that keeps the
file's size and time. Pure loads of small counties, no build."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import service_cases
from conftest import SOURCE_DATE_EPOCH, STATION_DIR, jpeg_bytes, make_county, write_content
from test_honor_roll_index import honoree_md
from test_hubs import activity
from test_incremental_digests import digests_alike

from site_plugins.content import Catalogue, load_catalogue, load_state
from site_plugins.content.load_state import RACY_NS, EntryMemo, settled
from site_plugins.incremental.diff import DigestMemo, record_digests

ACTIVITIES = f"{STATION_DIR}/activities"
PLAN = f"{STATION_DIR}/plans/2026-12-22-dongzhi.md"
PLAN_MD = "---\ntitle: 冬至包饺子\ndate: 2026-12-22\nlocation: 张庄村文化广场\nteam: culture\n---\n\n一起包饺子。\n"
WITH_PHOTO = activity("书法进乡村", "2026-03-02").replace(
    "---\n\n", "photos:\n  - file: media/scene-1.jpg\n---\n\n", 1
)
FILES = {
    f"{ACTIVITIES}/2026-03-02-shufa.md": WITH_PHOTO,
    f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲下乡", "2026-03-09", team="culture"),
    f"{ACTIVITIES}/2026-04-01-yizhen.md": activity("义诊", "2026-04-01", plan="2026-12-22-dongzhi"),
    # problems that must be reported again on every load: an error and a warning
    f"{ACTIVITIES}/2026-04-02-phone.md": activity("义诊", "2026-04-02").replace(
        "正文。", "联系电话13912345678。"
    ),
    f"{ACTIVITIES}/2026-04-03-html.md": activity("讲座", "2026-04-03").replace(
        "正文。", "正文<script>alert(1)</script>。"
    ),
    PLAN: PLAN_MD,
    f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰"),
}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_county(tmp_path, FILES) / "content"


def loads_alike(content: Path, memo: EntryMemo) -> Catalogue:
    """Load with the memo and afresh; both must agree in every record and problem."""
    remembered = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    fresh = load_catalogue(content, SOURCE_DATE_EPOCH)
    assert [p.format() for p in remembered.problems] == [p.format() for p in fresh.problems]
    assert remembered == fresh
    return remembered


def test_a_remembered_load_replays_records_and_problems(content: Path) -> None:
    memo = EntryMemo()
    first = loads_alike(content, memo)
    assert {p.code for p in first.problems} >= {"MOBILE_NUMBER", "UNSAFE_HTML"}
    again = loads_alike(content, memo)
    # unchanged entries are the very records of the last load (the digests rely on it)
    assert all(a is b for a, b in zip(again.activities, first.activities, strict=True))
    assert again.honorees[0] is first.honorees[0] and again.plans[0] is first.plans[0]


def test_edits_additions_deletions_and_renames_are_seen(content: Path) -> None:
    memo = EntryMemo()
    loads_alike(content, memo)
    write_content(content, f"{ACTIVITIES}/2026-03-09-xiqu.md", activity("戏曲进万家", "2026-03-09"))
    edited = loads_alike(content, memo)
    assert "戏曲进万家" in {a.meta.title for a in edited.activities}
    write_content(content, f"{ACTIVITIES}/2026-05-01-new.md", activity("新活动", "2026-05-01"))
    assert "新活动" in {a.meta.title for a in loads_alike(content, memo).activities}
    write_content(content, f"{ACTIVITIES}/2026-04-03-html.md", None)
    deleted = loads_alike(content, memo)
    assert "UNSAFE_HTML" not in {p.code for p in deleted.problems}
    old = content / f"{ACTIVITIES}/2026-05-01-new.md"
    old.rename(old.with_name("2026-05-01-renamed.md"))
    renamed = loads_alike(content, memo)
    assert "2026-05-01-renamed" in {a.slug for a in renamed.activities}
    assert "2026-05-01-new" not in {a.slug for a in renamed.activities}
    assert not any(key.endswith("2026-05-01-new.md") for key in memo)  # forgotten


def test_an_edit_keeping_size_and_time_is_seen(content: Path) -> None:
    path = content / f"{ACTIVITIES}/2026-03-09-xiqu.md"
    memo = EntryMemo()
    loads_alike(content, memo)
    before = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("戏曲下乡", "戏曲进村"), encoding="utf-8")  # as many bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert "戏曲进村" in {a.meta.title for a in loads_alike(content, memo).activities}


def test_a_recent_file_is_compared_by_its_bytes(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write within one tick of the file system's clock may leave even the ctime as it
    was: a file that recent is trusted only when its bytes are the same."""
    path = content / f"{ACTIVITIES}/2026-03-09-xiqu.md"
    key = str(path.resolve())
    written = path.stat().st_ctime_ns
    monkeypatch.setattr(load_state, "now_ns", lambda: written + 1)  # read right after
    memo = EntryMemo()
    loads_alike(content, memo)
    assert memo[key].digest is not None
    path.write_text(path.read_text("utf-8").replace("戏曲下乡", "戏曲进村"), encoding="utf-8")
    # the same tick: as if the file's stamp had not moved at all
    memo[key] = dataclasses.replace(memo[key], stamp=load_state.stamp_of(path.stat()))
    assert "戏曲进村" in {a.meta.title for a in loads_alike(content, memo).activities}
    # Long after, a file is trusted by its stamp and its bytes are no longer compared.
    monkeypatch.setattr(load_state, "now_ns", lambda: written + 10 * RACY_NS)
    loads_alike(content, memo)
    assert memo[key].digest is None


def test_settled_needs_both_times_older_than_the_racy_window() -> None:
    assert settled((0, 0, 5, 1, 1), RACY_NS + 1)
    assert not settled((0, 0, 5, 1, 1), RACY_NS)
    assert not settled((0, RACY_NS, 5, 1, 1), 2 * RACY_NS)  # ctime moved: a recent change


def test_what_entries_depend_on_outside_their_file_is_followed(content: Path) -> None:
    """Unchanged entry files, changed circumstances: a team removed from the station, the
    plan an activity names deleted, its photo replaced by a broken one."""
    memo = EntryMemo()
    loads_alike(content, memo)
    station = content / f"{STATION_DIR}/station.yml"
    text = station.read_text("utf-8")
    start = text.index("  - id: culture")
    station.write_text(text[:start] + text[text.index("  - id: theory") :], encoding="utf-8")
    assert "UNKNOWN_TEAM" in {p.code for p in loads_alike(content, memo).problems}
    write_content(content, PLAN, None)
    assert "UNKNOWN_PLAN" in {p.code for p in loads_alike(content, memo).problems}
    write_content(content, f"{STATION_DIR}/media/scene-1.jpg", jpeg_bytes()[:200])
    assert "PHOTO_BROKEN" in {p.code for p in loads_alike(content, memo).problems}
    write_content(content, f"{STATION_DIR}/media/scene-1.jpg", None)
    assert "PHOTO_MISSING" in {p.code for p in loads_alike(content, memo).problems}


def test_a_kept_record_is_digested_again_when_its_photos_change(content: Path) -> None:
    """A record kept from the last load keeps its digest only while what the digest adds
    to it (its photos' renditions) is equal."""
    memo, digests = EntryMemo(), DigestMemo()
    catalogue = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    src = catalogue.photos[0]
    first = record_digests(catalogue, {src: ("960", 64)}, digests)
    kept = load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    assert record_digests(kept, {src: ("960", 64)}, digests) == first
    resized = record_digests(kept, {src: ("960", 48)}, digests)
    assert resized == record_digests(catalogue, {src: ("960", 48)})
    assert resized == record_digests(kept, {src: ("960", 48)})
    name = "activity:qingshi/zhangzhuang/2026-03-02-shufa"
    assert resized[name] != first[name]
    assert {n for n in resized if resized[n] != first[n] and n.startswith("activity:")} == {name}
    assert record_digests(kept, {src: ("960", 64)}, digests) == first  # and back again


def test_service_digests_kept_between_loads_equal_fresh_ones(tmp_path: Path) -> None:
    """An order's digest holds the activity that served it and the menu item it names:
    kept while its file is unchanged, it is still made again when either of them changes."""
    content = make_county(tmp_path, service_cases.files()) / "content"
    memo, digests = EntryMemo(), DigestMemo()

    def both() -> dict[str, str]:
        return digests_alike(content, memo, digests)

    order = f"order:{service_cases.ORDER.removeprefix('stations/').replace('/orders/', '/')}"
    order = order.removesuffix(".md")
    first = both()
    assert order in first and both() == first
    served = service_cases.GOOD_ACTIVITY.replace("防诈骗讲座进村", "反诈讲座进村")
    write_content(content, service_cases.ACTIVITY, served)
    second = both()
    assert second[order] != first[order]
    write_content(content, service_cases.MENU, service_cases.GOOD_MENU.replace("防电信", "防网络"))
    assert both()[order] != second[order]

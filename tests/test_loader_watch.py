"""A serve rebuild's load without the walk (``TreeWatch``, ``LastWalk``): the kernel's
account of the files written since the last load stands in for walking content/, and
the load still equals a fresh one; anything but a written file (or no inotify at all)
walks the whole tree again. Pure loads of small counties, no build."""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, STATION_DIR, make_county, write_content
from test_hubs import activity
from test_loader_memo import ACTIVITIES, FILES, loads_alike

from site_plugins.content import tree_walk, tree_watch
from site_plugins.content.load_state import EntryMemo
from site_plugins.content.loader import load_catalogue
from site_plugins.content.tree_watch import IN_MODIFY, TreeWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify")
XIQU = f"{ACTIVITIES}/2026-03-09-xiqu.md"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_county(tmp_path, FILES) / "content"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the whole walks the loads make."""
    count: list[int] = []
    whole = tree_walk.TreeWalk._walk

    def counted(self: tree_walk.TreeWalk) -> tree_walk.ContentTree:
        count.append(1)
        return whole(self)

    monkeypatch.setattr(tree_walk.TreeWalk, "_walk", counted)
    yield count


def test_an_edit_is_loaded_without_walking_and_equals_a_fresh_load(
    content: Path, walks: list[int]
) -> None:
    memo = EntryMemo()
    loads_alike(content, memo)
    assert len(walks) == 2  # the memo's load and the fresh one
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
    edited = loads_alike(content, memo)
    assert "戏曲进万家" in {a.meta.title for a in edited.activities}
    assert len(walks) == 3  # only the fresh load walked
    # the problems the walk reported (here a hidden file) are reported again
    write_content(content, f"{ACTIVITIES}/.notes.md", "x")
    assert "HIDDEN_FILE" in {p.code for p in loads_alike(content, memo).problems}
    write_content(content, f"{ACTIVITIES}/.notes.md", "y")  # its edit: no walk
    again = loads_alike(content, memo)
    assert "HIDDEN_FILE" in {p.code for p in again.problems}
    assert len(walks) == 6


def test_an_edit_keeping_size_and_time_is_seen_without_a_walk(
    content: Path, walks: list[int]
) -> None:
    path = content / XIQU
    memo = EntryMemo()
    loads_alike(content, memo)
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace("戏曲下乡", "戏曲进村"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "戏曲进村" in {a.meta.title for a in loads_alike(content, memo).activities}
    assert len(walks) == 3


@pytest.mark.parametrize("change", ["add", "delete", "rename", "folder", "broken"])
def test_anything_but_an_edit_walks_again(content: Path, walks: list[int], change: str) -> None:
    memo = EntryMemo()
    loads_alike(content, memo)
    path = content / XIQU
    if change == "add":
        write_content(content, f"{ACTIVITIES}/2026-05-01-new.md", activity("新活动", "2026-05-01"))
    elif change == "delete":
        path.unlink()
    elif change == "rename":
        path.rename(path.with_name("2026-03-10-xiqu.md"))
    elif change == "folder":
        (content / STATION_DIR / "media" / "old").mkdir()
    else:  # a folder's own change: the activities can no longer be read
        (content / ACTIVITIES).chmod(0o700)
    loads_alike(content, memo)
    assert len(walks) == 4
    loads_alike(content, memo)  # and the new walk is watched in turn
    assert len(walks) == 5


def test_a_write_during_a_load_is_seen_by_the_next(
    content: Path, walks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watch is read at the start of a load: a file written after that is read by this
    load or not, but the next load reads it again."""
    memo = EntryMemo()
    loads_alike(content, memo)
    asked = TreeWatch.edits

    def then_written(self: TreeWatch) -> set[str] | None:
        found = asked(self)
        write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
        return found

    monkeypatch.setattr(TreeWatch, "edits", then_written)
    load_catalogue(content, SOURCE_DATE_EPOCH, memo)
    monkeypatch.setattr(TreeWatch, "edits", asked)
    assert "戏曲进万家" in {a.meta.title for a in loads_alike(content, memo).activities}
    assert len(walks) == 3


def test_without_inotify_every_load_walks(
    content: Path, walks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: TreeWatch, folder: str) -> None:
        raise OSError(28, "No space left on device")  # max_user_watches reached

    monkeypatch.setattr(TreeWatch, "add", refused)
    memo = EntryMemo()
    loads_alike(content, memo)
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
    assert "戏曲进万家" in {a.meta.title for a in loads_alike(content, memo).activities}
    assert len(walks) == 4 and memo.walk is None
    monkeypatch.setattr(tree_watch, "_LIBC", None)  # not Linux
    loads_alike(content, memo)
    assert len(walks) == 6 and memo.walk is None


def test_only_written_files_are_edits(tmp_path: Path) -> None:
    watch = TreeWatch()
    watch.add(str(tmp_path))
    file = tmp_path / "a.md"
    file.write_text("1")  # made: in doubt
    assert watch.edits() is None
    assert watch.edits() == set()  # the queue was read to its end
    file.write_text("2")
    file.touch()
    assert watch.edits() == {str(file)}
    (tmp_path / "sub").mkdir()
    assert watch.edits() is None
    file.unlink()
    assert watch.edits() is None
    watch.close()
    assert watch.edits() is None


def test_an_overflowed_queue_or_unknown_watch_is_a_doubt() -> None:
    def event(wd: int, mask: int, name: bytes) -> bytes:
        padded = name + b"\0" * (-len(name) % 16)
        return struct.pack("iIII", wd, mask, 0, len(padded)) + padded

    folders = {1: "/c"}
    changed: set[str] = set()
    assert tree_watch._parse(event(1, IN_MODIFY, b"a.md"), folders, changed)
    assert changed == {"/c/a.md"}
    assert not tree_watch._parse(event(-1, 0x4000, b""), folders, set())  # IN_Q_OVERFLOW
    assert not tree_watch._parse(event(2, IN_MODIFY, b"a.md"), folders, set())
    assert not tree_watch._parse(event(1, 0x8000, b""), folders, set())  # IN_IGNORED

"""The walk over content/: every file is filed by its path or reported, none dropped.

Folder names become addresses, so they are checked here (ASCII slugs, none reserved); a
hidden, linked or misplaced file is reported where it stands, never silently skipped.
What is filed waits in a :class:`ContentTree` for the later parts of the load.
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from site_plugins.content.catalogue import CENTRE_KEY
from site_plugins.content.load_state import LoadState
from site_plugins.content.located import Mark
from site_plugins.content.model import SLUG_RE
from site_plugins.content.names import FILE_SUFFIXES, NameKind, name_kind, unhidden
from site_plugins.content.photo_checks import PHOTO_SUFFIXES
from site_plugins.content.problems import Problem, Severity
from site_plugins.content.tree_watch import TreeWatch
from site_plugins.service import loading as service_loading

# Generated URLs live beside entries (…/activities/page/2/), so these names are taken.
# The folders of a station that hold entries, one Markdown file each.
ENTRY_FOLDERS = ("activities", "plans", "honorees")
# Folders of any unit (centre, township, station) that the service module reads: the
# 文明实践菜单 and the 四单 orders: site_plugins.service claims and loads their files.
SERVICE_FOLDERS = ("menu", "orders")
# Folder names a page of a station or township uses: no village or township may take them.
# ``centre`` is the county centre's unit key: no township may be called that.
RESERVED_SLUGS = {
    "page",
    "index",
    "media",
    "feed",
    "teams",
    "venues",
    CENTRE_KEY,
    *ENTRY_FOLDERS,
    *SERVICE_FOLDERS,
}


@dataclass
class ContentTree:
    """What the walk found, sorted so that every run reads files in the same order."""

    county: Path | None = None
    theme_files: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    townships: dict[str, Path] = field(default_factory=dict)  # slug -> folder
    stations: dict[str, list[str]] = field(default_factory=dict)  # township -> villages
    media: list[Path] = field(default_factory=list)
    # "<unit key>/activities" (or plans, honorees) -> the entry files found there; the
    # unit key is centre, <township> or <township>/<village>
    entries: dict[str, list[Path]] = field(default_factory=dict)
    centre: Path | None = None  # centre/centre.yml
    # "<unit key>|menu" (or orders) -> the service files found there (site_plugins.service)
    service: dict[str, list[Path]] = field(default_factory=dict)


@dataclass
class LastWalk:
    """A walk kept by the memo of a ``mkdocs serve`` session with the watch on its folders:
    while the watch reports only files written, the next load takes the walk's findings
    from here and stats only those files (:meth:`TreeWalk.walk`). Never changed in place
    but ``stats``, replaced whole by each load that takes it."""

    tree: ContentTree
    problems: tuple[Problem, ...]  # what the walk reported, in its order
    stats: dict[str, os.stat_result]
    good_slugs: frozenset[str]
    watch: TreeWatch


_NAME = operator.attrgetter("name")


class TreeWalk(LoadState):
    """Walks the tree in a fixed order and files each file by what its path says."""

    def walk(self) -> ContentTree:
        """What the tree holds; with a memo, the last walk's findings when the kernel says
        only files were written since (those are stat'ed again), else a new walk."""
        kept = self._last_walk()
        if kept is not None:
            return kept
        before = len(self.problems)
        self.watch = self._new_watch()
        tree = self._walk()
        if self.memo is not None and self.watch is not None:
            self.memo.walk = LastWalk(
                tree,
                tuple(self.problems[before:]),
                self.stats,
                frozenset(self.good_slugs),
                self.watch,
            )
        self.watch = None
        return tree

    def _new_watch(self) -> TreeWatch | None:
        memo = self.memo
        if memo is None:
            return None
        if memo.walk is not None:
            memo.walk.watch.close()
            memo.walk = None
        try:
            return TreeWatch()
        except OSError:  # no inotify here, or no instance left: every load walks
            return None

    def _last_walk(self) -> ContentTree | None:
        """The memo's last walk brought up to date, or None when it cannot be."""
        memo = self.memo
        last = memo.walk if memo is not None else None
        if memo is None or last is None:
            return None
        edited = last.watch.edits()
        if edited is None:
            return None
        stats = last.stats
        if edited.intersection(stats):
            stats = dict(stats)
            for key in edited.intersection(stats):
                try:
                    now = os.lstat(key)
                except OSError:  # gone: its deletion is in the queue for the next call
                    return None
                if stat.S_IFMT(now.st_mode) != stat.S_IFMT(stats[key].st_mode):
                    return None
                stats[key] = now
        last.stats = self.stats = stats
        self.problems.extend(last.problems)
        self.good_slugs.update(last.good_slugs)
        self.walked_paths = memo.paths
        return last.tree

    def _walk(self) -> ContentTree:
        tree = ContentTree()
        for path in self._files(self.root):
            self._classify(path, tree)
        for township in sorted(tree.townships):
            folder = self.root / "stations" / township
            if not (folder / "township.yml").is_file():
                self.reporter(folder).add(
                    Mark(1, 1),
                    "TOWNSHIP_MISSING",
                    f"乡镇文件夹 {township}/ 里没有 township.yml",
                    "新建 township.yml，至少写上 name（例如 name: 青石镇）",
                )
            for village in tree.stations.get(township, []):
                if not (folder / village / "station.yml").is_file():
                    self.reporter(folder / village).add(
                        Mark(1, 1),
                        "STATION_MISSING",
                        f"实践站文件夹 {village}/ 里没有 station.yml，其中的内容无法发布",
                        "复制投稿指南中的 station.yml 模板，填写名称、类型和“六有”情况",
                    )
        return tree

    def _files(self, folder: Path) -> Iterator[Path]:
        if self.watch is not None:
            try:
                self.watch.add(str(folder))  # before listing: no change after it is missed
            except OSError:  # too many folders watched: the next load walks again
                self.watch.close()
                self.watch = None
        for entry in sorted(os.scandir(folder), key=_NAME):
            path = self._path(entry.path)
            kind = name_kind(entry.name)
            if kind is not NameKind.PLAIN:
                self._hidden(path, kind, entry.is_dir(follow_symlinks=False))
            elif entry.is_symlink():
                self.reporter(path).add(
                    Mark(1, 1),
                    "SYMLINK",
                    "这是一个符号链接（快捷方式），出于安全原因不会读取",
                    "删除链接，把文件本身放到这里",
                )
            elif entry.is_dir() and _suffix(entry.name).lower() in FILE_SUFFIXES:
                self.reporter(path).add(
                    Mark(1, 1),
                    "NOT_A_FILE",
                    f"“{entry.name}”是一个文件夹，不是文件；里面的内容不会读取",
                    f"把真正的文件放到这里代替这个文件夹，例如 {path.parent.name}/{entry.name}",
                )
            elif entry.is_dir():
                yield from self._files(path)
            else:
                if self.memo is not None:  # the stamp the memo compares (file_reading)
                    self.stats[entry.path] = entry.stat(follow_symlinks=False)
                yield path

    def _path(self, text: str) -> Path:
        """``Path(text)``; with a memo, the one an earlier load made (a serve rebuild walks
        35,000 files, and making their paths was a fifth of the walk)."""
        if self.memo is None:
            return Path(text)
        path = self.memo.paths.get(text)
        if path is None:
            path = Path(text)
        self.walked_paths[text] = path
        return path

    def _hidden(self, path: Path, kind: NameKind, is_dir: bool) -> None:
        """A name starting with a dot (or system litter): never read, always reported."""
        report = self.reporter(path)
        if kind is NameKind.LITTER:
            report.add(
                Mark(1, 1),
                "SYSTEM_FILE",
                f"“{path.name}”是操作系统或编辑器自动生成的文件，不会发布",
                "从提交中删除它（例如在 GitHub 网页上删除该文件）",
                Severity.WARNING,
            )
        elif is_dir:
            report.add(
                Mark(1, 1),
                "HIDDEN_FILE",
                f"文件夹名以点开头（{path.name}），是隐藏文件夹，里面的内容不会发布",
                f"去掉文件夹名开头的点，例如改为 {unhidden(path.name)}；不需要的话就删除它",
            )
        else:
            report.add(
                Mark(1, 1),
                "HIDDEN_FILE",
                f"文件名以点开头（{path.name}），是隐藏文件，不会发布",
                f"去掉文件名开头的点，例如改为 {unhidden(path.name)}",
            )

    def _classify(self, path: Path, tree: ContentTree) -> None:
        parts = tuple(self.rel(path).split("/"))
        if (  # most files: a station's entry in folders already found good (same filing)
            len(parts) == 5
            and parts[0] == "stations"
            and parts[3] in ENTRY_FOLDERS
            and parts[1] in self.good_slugs
            and parts[2] in self.good_slugs
            and _suffix(parts[4]) == ".md"
        ):
            self._file_station_entry(path, parts, tree)
            return
        suffix = _suffix(parts[-1]).lower()
        if service_loading.claim(self, parts, path, tree.service):
            return
        if parts == ("county.yml",):
            tree.county = path
        elif parts[0] == "themes" and len(parts) == 2 and suffix in (".yml", ".yaml"):
            tree.theme_files.append(path)
        elif parts[0] == "stations" and len(parts) >= 3:
            self._classify_station_file(path, parts[1:], tree)
        elif parts == ("centre", "centre.yml"):
            tree.centre = path
        elif parts[0] == "centre" and len(parts) >= 2:
            if not self._classify_unit_file(CENTRE_KEY, path, parts[1:], tree):
                self._unknown_file(path)
        elif parts[0] not in ("stations", "themes", "centre") and suffix == ".md":
            tree.pages.append(path)
        else:
            self._unknown_file(path)

    def _file_station_entry(self, path: Path, parts: tuple[str, ...], tree: ContentTree) -> None:
        """What _classify_station_file does with ``stations/<t>/<v>/<folder>/<x>.md``."""
        township, village = parts[1], parts[2]
        if township not in tree.townships:
            tree.townships[township] = self.root / "stations" / township
        villages = tree.stations.setdefault(township, [])
        if village not in villages:
            villages.append(village)
        tree.entries.setdefault(f"{township}/{village}/{parts[3]}", []).append(path)

    def _classify_station_file(self, path: Path, parts: tuple[str, ...], tree: ContentTree) -> None:
        township = parts[0]
        if not self._check_folder_slug(path.parent if len(parts) == 2 else path, township):
            return
        if township not in tree.townships:
            tree.townships[township] = self.root / "stations" / township
        if parts[1:] == ("township.yml",):
            return
        if parts[1] in (*ENTRY_FOLDERS, *SERVICE_FOLDERS, "media"):  # the 所's own
            if not self._classify_unit_file(township, path, parts[1:], tree):
                self._unknown_file(path)
            return
        if len(parts) < 3:
            self._unknown_file(path)
            return
        village = parts[1]
        if not self._check_folder_slug(path, village):
            return
        villages = tree.stations.setdefault(township, [])
        if village not in villages:
            villages.append(village)
        rest = parts[2:]
        if rest == ("station.yml",):
            return
        if not self._classify_unit_file(f"{township}/{village}", path, rest, tree):
            self._unknown_file(path)

    def _classify_unit_file(
        self, unit_key: str, path: Path, rest: tuple[str, ...], tree: ContentTree
    ) -> bool:
        """File a unit's entry, photo or service file; False when it is none of these."""
        if len(rest) == 2 and rest[0] in ENTRY_FOLDERS and path.suffix == ".md":
            tree.entries.setdefault(f"{unit_key}/{rest[0]}", []).append(path)
            return True
        if len(rest) == 2 and rest[0] == "media":
            if path.suffix.lower() in PHOTO_SUFFIXES:
                tree.media.append(path)
            else:
                self.reporter(path).add(
                    Mark(1, 1),
                    "UNKNOWN_FILE",
                    f"不支持 {path.suffix or '无扩展名'} 格式的照片",
                    "请转换为 JPG 或 PNG 后再上传（例如手机 HEIC 照片先另存为 JPG）",
                )
            return True
        return False

    def _check_folder_slug(self, path: Path, slug: str) -> bool:
        if slug in self.good_slugs:  # asked for every file below the folder
            return True
        if SLUG_RE.match(slug) and slug not in RESERVED_SLUGS:
            self.good_slugs.add(slug)
            return True
        self.reporter(path).add(
            Mark(1, 1),
            "BAD_SLUG",
            f"文件夹名“{slug}”不合规，只能用小写英文字母、数字和连字符（它会成为网址的一部分）",
            "改用拼音，例如 zhangzhuang",
        )
        return False

    def _unknown_file(self, path: Path) -> None:
        self.reporter(path).add(
            Mark(1, 1),
            "UNKNOWN_FILE",
            "这个文件不在约定的位置，不会发布",
            "活动报道放在 activities/，活动预告放在 plans/，好人放在 honorees/，照片放在 media/；其他文件请移出 content/",
        )


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""

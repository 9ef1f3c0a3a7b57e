"""What one load of a content tree shares: where problems go, how paths are shown, the
county's labels, and what earlier files told later ones (teams, plans, themes).

The loader's parts (the walk, file reading, county and unit files, entries, photos) are
mixins over this one state, so that each part reads in its own module while a load stays
one object with one list of problems, reported in one order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from site_plugins.content.catalogue import CENTRE_KEY, VolunteerTeam
from site_plugins.content.labels import CountyLabels, LabelSet
from site_plugins.content.located import Reporter, YamlDoc, YamlPath
from site_plugins.content.problems import Problem, Severity

if TYPE_CHECKING:
    from site_plugins.content.tree_walk import LastWalk
    from site_plugins.content.tree_watch import TreeWatch

Read = YamlDoc | tuple[YamlDoc, str, int] | None


# A file whose status changed this recently (ctime or mtime, in ns) may have been written
# again within one tick of the file system's clock (4 ms on Linux, 2 s on FAT) without its
# (time, size, inode) changing: git's "racy" case. Such a file is trusted only after its
# bytes compare equal; an older one is trusted by its stamp, since any later write moves
# its ctime (which no program can set back).
RACY_NS = 2_000_000_000
Stamp = tuple[int, int, int, int, int]  # mtime_ns, ctime_ns, size, inode, device


def now_ns() -> int:
    """The wall clock, as file times are written (a function, so tests can move it)."""
    return time.time_ns()


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_dev)


def settled(stamp: Stamp, read_at_ns: int) -> bool:
    """Whether a file with this stamp, read at ``read_at_ns`` (wall clock, taken before
    the read), cannot have been rewritten since without its stamp changing."""
    return max(stamp[0], stamp[1]) < read_at_ns - RACY_NS


def content_digest(path: Path) -> bytes | None:
    """The bytes' digest, for a file whose stamp cannot be trusted (see RACY_NS)."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


@dataclass(frozen=True)
class ReadFile:
    """One content file as read and scanned, with the file's stamp.

    ``checks``: its fields as validated against each model it was checked with, with the
    problems that reported (``FileReading.checked_fields``). ``digest``: its bytes'
    digest when its stamp was too recent to be trusted (see RACY_NS), else None.
    ``outcomes``: what loading it as an entry gave, by how it was loaded
    (:mod:`.entry_reuse`)."""

    stamp: Stamp
    result: Read
    problems: tuple[Problem, ...]
    checks: dict[type, tuple[object, tuple[Problem, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    digest: bytes | None = None
    outcomes: dict[tuple[str, bool, str], object] = field(
        default_factory=dict, compare=False, repr=False
    )


class EntryMemo(dict[str, ReadFile]):
    """Files read by earlier loads of the same tree, by path (FileReading._remembered),
    kept by ``mkdocs serve --dirty`` between rebuilds; with what those loads knew that
    entries depend on (``context``, :mod:`.entry_reuse`) and the photos they checked."""

    def __init__(self) -> None:
        super().__init__()
        self.context: object = None
        self.generation = 0  # counts the changes of ``context``
        # photo path -> (stamp, result of media.photos.check_photo)
        self.photos: dict[str, tuple[Stamp, str | None]] = {}
        self.paths: dict[str, Path] = {}  # the walk's paths, made once (TreeWalk._path)
        self.walk: LastWalk | None = None  # the last walk, while watched (TreeWalk.walk)
        # The units that loaded, as the last load's service files saw them (one object
        # while they stay the same: site_plugins.service.loading compares it by identity).
        self.service_keys: frozenset[str] = frozenset()


class LoadState:
    """The state of one run over one content tree, and the reporting every part uses."""

    def __init__(self, content_dir: Path, memo: EntryMemo | None = None) -> None:
        self.memo = memo
        self.root = content_dir.resolve()
        self.root_prefix = str(self.root).rstrip(os.sep) + os.sep
        self.prefix = content_dir.resolve().name
        self.problems: list[Problem] = []
        self._counted = 0  # problems already in _errors (see error_count)
        self._errors = 0
        self.labels = CountyLabels.from_config()
        # Photos that passed their checks for some entry, published or not.
        self.checked_photos: set[str] = set()
        self.refused_entries: dict[Path, list[Path]] = {}  # station folder -> entry files
        self.photo_checks: dict[Path, str | None] = {}
        self.photo_places: dict[Path, tuple[bool, bool, int]] = {}  # see photo_checks
        self.themes: set[tuple[int, int]] = set()  # (year, month) that have a theme
        self.today = build_date(None)  # set again by load()
        self.plan_keys: set[tuple[str, str]] = set()  # (unit key, slug) of loaded plans
        self.unit_plans: dict[str, set[str]] = {}  # the same, by unit key
        # Every loaded unit's teams, by unit key: entries resolve ``team:`` against them.
        self.teams: dict[str, tuple[VolunteerTeam, ...]] = {}
        self.unit_keys: set[str] = {CENTRE_KEY}  # every unit with a folder, loaded or not
        # With a memo: when this load began (see RACY_NS), each file's status as the walk
        # saw it, and the memo's keys this load used (the others' files are gone).
        self.read_at_ns = now_ns()
        self.stats: dict[str, os.stat_result] = {}
        self.seen: set[str] = set()
        self.walked_paths: dict[str, Path] = {}
        self.good_slugs: set[str] = set()  # folder names that passed the walk's check
        self.watch: TreeWatch | None = None  # while a memo's walk runs (TreeWalk.walk)
        # While an entry is loaded for the memo (entry_reuse): the photos it looked at, as
        # (station folder, photo), and those it found usable, relative to content/.
        self.photo_log: list[tuple[Path, Path]] | None = None
        self.photo_log_checked: list[str] = []

    def forget_unseen(self) -> None:
        """At the end of a load, drop from the memo what this load did not see: files
        deleted or renamed, photos no entry names now."""
        memo = self.memo
        if memo is None:
            return
        for key in [key for key in memo if key not in self.seen]:
            del memo[key]
        memo.paths = self.walked_paths
        checked = {str(photo) for photo in self.photo_checks}
        memo.photos = {key: kept for key, kept in memo.photos.items() if key in checked}

    def rel(self, path: Path) -> str:
        """A path inside content/ with forward slashes."""
        # Called several times per file: a string cut, not pathlib's relative_to (which
        # parsed both paths every time: a fifth of loading a county).
        text = str(path)
        if text.startswith(self.root_prefix):
            return text[len(self.root_prefix) :].replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()

    def shown(self, path: Path) -> str:
        """The path as problems show it, e.g. ``content/stations/...``."""
        return f"{self.prefix}/{self.rel(path)}"

    def reporter(self, path: Path) -> Reporter:
        return Reporter(self.shown(path), self.problems)

    def error_count(self) -> int:
        """Errors reported so far. Counted on from where the last call stopped: problems are
        only ever appended while loading, and a county with thousands of errors asks this
        once per file (counting from the start each time took 22 s at 30,000 entries)."""
        new = self.problems[self._counted :]
        self._errors += sum(1 for p in new if p.severity is Severity.ERROR)
        self._counted = len(self.problems)
        return self._errors

    def resolve_label(
        self, labels: LabelSet, value: str, doc: YamlDoc, path: YamlPath, report: Reporter
    ) -> str | None:
        code = labels.resolve(value)
        if code is None:
            suggestion = labels.suggest(value)
            hint = f"是不是“{suggestion}”？" if suggestion else ""
            report.add(
                doc.locate(path),
                "UNKNOWN_LABEL",
                f"“{value}”不在本县的{labels.name}清单中。{hint}",
                f"可选：{labels.choices_text()}（例如 {path[-1]}: {next(iter(labels.labels.values()))}）",
            )
        return code


# Counties are in China: a build at 01:00 Beijing time on the 1st belongs to that day.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


def build_date(source_date_epoch: str | None, now: dt.datetime | None = None) -> dt.date:
    """'Today' for the build, in Beijing time: SOURCE_DATE_EPOCH if set (CI sets it from
    the built commit's date, so a rebuild of the same commit is identical), else the day
    the build runs. Never a date from the content: one file dated 2036 must not move it."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=CHINA_TIME).date()
    return (now or dt.datetime.now(tz=CHINA_TIME)).astimezone(CHINA_TIME).date()

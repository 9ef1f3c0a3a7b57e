"""Load a content tree into one Catalogue, collecting every problem on the way.

The path decides where an entry belongs (``stations/<township>/<village>/...``); a file
may repeat that but never contradict it. A file with any error is reported and left
out; every other file is still read, checked and published, so one bad entry never hides
another's problems or costs another's page. Entries need their station (for its teams)
and stations their township: children of a broken parent are still checked and reported
but wait for the parent's fix before they are published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from site_plugins.content import external, pii
from site_plugins.content.catalogue import (
    CENTRE_KEY,
    Activity,
    Catalogue,
    Centre,
    County,
    Honoree,
    Honour,
    MonthlyTheme,
    Origin,
    Period,
    PhotoRef,
    Plan,
    Station,
    ThemeYear,
    Township,
    VolunteerTeam,
    resolve_team_ref,
)
from site_plugins.content.checks import check_fields, check_former_ids, check_model
from site_plugins.content.labels import (
    DEFAULT_HONOREE_CATEGORIES,
    GOOD_PEOPLE,
    CountyLabels,
    LabelSet,
)
from site_plugins.content.located import (
    Mark,
    Reporter,
    YamlDoc,
    YamlPath,
    parse_yaml,
    read_source,
    split_front_matter,
)
from site_plugins.content.model import (
    PERIOD_RE,
    SLUG_RE,
    ActivityFile,
    CentreFile,
    CountyFile,
    Footer,
    HonoreeFile,
    Labels,
    PlanFile,
    Record,
    StationFile,
    Team,
    ThemeYearFile,
    TownshipFile,
    Venue,
)
from site_plugins.content.names import (
    FILE_SUFFIXES,
    NameKind,
    name_kind,
    unhidden,
    web_name_clashes,
)
from site_plugins.content.problems import Problem, Severity, sort_problems
from site_plugins.content.safe_html import find_unsafe_markup, render_unsanitised
from site_plugins.media.photos import check_photo
from site_plugins.service import loading as service_loading

PHOTO_SIZE_LIMIT = 20 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
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
# An office phone is public by design, but a mobile there is most often the clerk's own:
# it is published only when the file marks it as the station's public service line.
OFFICE_PHONE: YamlPath = ("office", "phone")
PUBLIC_LINE_KEY = "mobile_is_public_line"
# Fields written in Markdown are rendered and sanitised; every other text is plain text,
# where something that opens a tag is a mistake or an attack.
MARKDOWN_FIELDS = {"intro", "guidance"}
TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
YEAR_FILE_RE = re.compile(r"^\d{4}$")


@dataclass
class _Tree:
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


EntryModel = TypeVar("EntryModel", ActivityFile, HonoreeFile, PlanFile)


@dataclass(frozen=True)
class _OpenEntry(Generic[EntryModel]):
    """An entry file that parsed and passed its schema; later checks may still fail it."""

    meta: EntryModel  # when not ``complete``: failed required fields are None
    doc: YamlDoc
    body: str
    origin: Origin
    report: Reporter
    errors_before: int  # -1 when its file name already failed
    complete: bool  # every field passed the schema

    def publishable(self, errors_now: int) -> bool:
        return self.complete and errors_now == self.errors_before


Read = YamlDoc | tuple[YamlDoc, str, int] | None


@dataclass(frozen=True)
class ReadFile:
    """One content file as read and scanned, with the file's (time, size, inode)."""

    stamp: tuple[int, int, int]
    result: Read
    problems: tuple[Problem, ...]


# Files read by earlier loads of the same tree, by path (see Loader._remembered).
EntryMemo = dict[str, ReadFile]


class Loader:
    """One run over one content tree. Use :func:`load_catalogue`."""

    def __init__(self, content_dir: Path, memo: EntryMemo | None = None) -> None:
        self.memo = memo
        self.root = content_dir.resolve()
        self.root_prefix = str(self.root).rstrip(os.sep) + os.sep
        self.prefix = content_dir.resolve().name
        self.problems: list[Problem] = []
        self.labels = CountyLabels.from_config()
        # Photos that passed their checks for some entry, published or not.
        self.checked_photos: set[str] = set()
        self.refused_entries: dict[Path, list[Path]] = {}  # station folder -> entry files
        self.photo_checks: dict[Path, str | None] = {}
        self.photo_places: dict[Path, tuple[bool, bool, int]] = {}  # see _photo_place
        self.themes: set[tuple[int, int]] = set()  # (year, month) that have a theme
        self.today = build_date(None)  # set again by load()
        self.plan_keys: set[tuple[str, str]] = set()  # (unit key, slug) of loaded plans
        # Every loaded unit's teams, by unit key: entries resolve ``team:`` against them.
        self.teams: dict[str, tuple[VolunteerTeam, ...]] = {}
        self.unit_keys: set[str] = {CENTRE_KEY}  # every unit with a folder, loaded or not

    # --- paths and reporting ----------------------------------------------------------

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
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    # --- walking ----------------------------------------------------------------------

    def walk(self) -> _Tree:
        tree = _Tree()
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
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            path = Path(entry.path)
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
            elif entry.is_dir() and path.suffix.lower() in FILE_SUFFIXES:
                self.reporter(path).add(
                    Mark(1, 1),
                    "NOT_A_FILE",
                    f"“{entry.name}”是一个文件夹，不是文件；里面的内容不会读取",
                    f"把真正的文件放到这里代替这个文件夹，例如 {path.parent.name}/{entry.name}",
                )
            elif entry.is_dir():
                yield from self._files(path)
            else:
                yield path

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

    def _classify(self, path: Path, tree: _Tree) -> None:
        parts = PurePosixPath(self.rel(path)).parts
        suffix = path.suffix.lower()
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

    def _classify_station_file(self, path: Path, parts: tuple[str, ...], tree: _Tree) -> None:
        township = parts[0]
        if not self._check_folder_slug(path.parent if len(parts) == 2 else path, township):
            return
        tree.townships.setdefault(township, self.root / "stations" / township)
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
        self, unit_key: str, path: Path, rest: tuple[str, ...], tree: _Tree
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
        if SLUG_RE.match(slug) and slug not in RESERVED_SLUGS:
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

    # --- reading ----------------------------------------------------------------------

    def read_yaml_file(self, path: Path) -> YamlDoc | None:
        """A YAML file (county, township, station, themes), scanned for personal data."""
        kept = self._remembered(path, self._read_yaml_file)
        assert kept is None or isinstance(kept, YamlDoc)
        return kept

    def _read_yaml_file(self, path: Path) -> YamlDoc | None:
        source = read_source(path, self.shown(path), self.problems)
        if source is None:
            return None
        doc = parse_yaml(source.text, source.rel_path, 1, self.problems)
        if doc is not None:
            self.scan_doc(doc, source.text.split("\n"), 1, self.reporter(path))
        return doc

    def read_entry(self, path: Path) -> tuple[YamlDoc, str, int] | None:
        """Front matter and body of a Markdown entry, scanned for personal data."""
        kept = self._remembered(path, self._read_entry)
        assert kept is None or isinstance(kept, tuple)
        return kept

    def _remembered(self, path: Path, read: Callable[[Path], Read]) -> Read:
        """``read(path)``, or with a memo (``mkdocs serve --dirty`` keeps one between
        rebuilds) its result and problems from an earlier load, when the file's time, size
        and inode are unchanged: reading and scanning is most of loading a county."""
        if self.memo is None:
            return read(path)
        try:
            stat = path.stat()
        except OSError:
            return read(path)
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        key = str(path)
        kept = self.memo.get(key)
        if kept is not None and kept.stamp == stamp:
            self.problems.extend(kept.problems)
            return kept.result
        before = len(self.problems)
        result = read(path)
        self.memo[key] = ReadFile(stamp, result, tuple(self.problems[before:]))
        return result

    def _read_entry(self, path: Path) -> tuple[YamlDoc, str, int] | None:
        source = read_source(path, self.shown(path), self.problems)
        if source is None:
            return None
        front = split_front_matter(source, self.problems)
        if front is None:
            return None
        report = self.reporter(path)
        doc = parse_yaml(front.yaml_text, source.rel_path, front.yaml_first_line, self.problems)
        if doc is not None:
            self.scan_doc(doc, front.yaml_text.split("\n"), front.yaml_first_line, report)
        self.scan_body(front.body, front.body_first_line, report)
        if doc is None:
            return None
        return doc, front.body, front.body_first_line

    def scan_doc(self, doc: YamlDoc, lines: list[str], first_line: int, report: Reporter) -> None:
        public_line = _public_line(doc.data)
        for path, text in _strings(doc.data, ()):
            mark = doc.locate(path)
            tag = TAG_OPENING.search(text)
            if tag and not (path and path[-1] in MARKDOWN_FIELDS):
                where = _find_in_lines(lines, first_line, mark, tag.group())
                report.add(
                    where,
                    "MARKUP_IN_TEXT",
                    f"“{_excerpt(text, tag.start())}”中有 HTML 标签，文字字段只能写文字",
                    "删除 <…>；书名、文件名用书名号，例如 title: 学习《民法典》进万家",
                )
            for finding in [*pii.find_personal_data(text), *pii.find_negative_lists(text)]:
                where = _find_in_lines(lines, first_line, mark, finding.text)
                if path != OFFICE_PHONE or finding.code != "MOBILE_NUMBER":
                    self.report_finding(report, where, finding)
                elif not public_line:
                    report.add(
                        where,
                        "MOBILE_NUMBER",
                        f"办公电话是手机号码（{pii.mask(finding.number)}），个人手机号不能公开",
                        "写实践站的固定电话，例如 phone: 0539-6121234；这部手机若是本站对外公开的"
                        f"服务电话，在 office 下加一行 {PUBLIC_LINE_KEY}: true",
                    )
            if path and path[-1] in MARKDOWN_FIELDS:
                self.scan_markdown_field(text, lines, first_line, mark, report)

    def scan_body(self, body: str, first_line: int, report: Reporter) -> None:
        lines = body.split("\n")
        for finding in [*pii.find_personal_data(body), *pii.find_negative_lists(body)]:
            line = body.count("\n", 0, finding.start)
            col = finding.start - (body.rfind("\n", 0, finding.start) + 1) + 1
            self.report_finding(report, Mark(first_line + line, col), finding)
        unsafe = find_unsafe_markup(body)
        if unsafe:
            line = body.count("\n", 0, unsafe.start())
            col = unsafe.start() - (body.rfind("\n", 0, unsafe.start()) + 1) + 1
            report.add(
                Mark(first_line + line, col),
                "UNSAFE_HTML",
                f"正文中的“{unsafe.group().strip()}”等 HTML 不安全，发布时已被去除",
                "请只用 Markdown 排版，例如 **加粗**、- 列表",
                Severity.WARNING,
            )
        for load in external.find_external_loads(body, render_unsanitised):
            report.add(
                _offset_mark(body, load.offset, first_line),
                "EXTERNAL_RESOURCE",
                external.problem_text(body, load),
                external.ENTRY_FIX,
            )
        del lines

    def scan_markdown_field(
        self, text: str, lines: list[str], first_line: int, mark: Mark, report: Reporter
    ) -> None:
        """A YAML field rendered as Markdown (intro, guidance) must not load from elsewhere."""
        for load in external.find_external_loads(text, render_unsanitised):
            where = _find_in_lines(lines, first_line, mark, load.url) if load.url else mark
            if where != mark:  # found on its line: point at its image or tag
                line = lines[where.line - first_line]
                where = Mark(where.line, external.image_start(line, where.col - 1) + 1)
            report.add(
                where,
                "EXTERNAL_RESOURCE",
                external.problem_text(text, load),
                external.FIELD_FIX,
            )

    def report_finding(self, report: Reporter, mark: Mark, finding: pii.Finding) -> None:
        if finding.code == "ID_NUMBER":
            report.add(
                mark,
                "ID_NUMBER",
                f"发现居民身份证号码（{pii.mask(finding.number)}），公开网站不得出现",
                "删除号码；需要核对身份的材料请线下留存",
            )
        elif finding.code == "MOBILE_NUMBER":
            report.add(
                mark,
                "MOBILE_NUMBER",
                f"发现手机号码（{pii.mask(finding.number)}），公开网站不得出现个人手机号",
                "删除号码；需要联系方式时写实践站办公电话，例如“咨询电话见本站页面”",
            )
        else:
            report.add(
                mark,
                "NEGATIVE_LIST",
                f"出现“{finding.text}”：不得在网上点名公布负面榜单",
                "删除点名内容，只写汇总情况，例如“本月劝导不文明行为 12 起”",
            )

    # --- labels -----------------------------------------------------------------------

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

    # --- files of each kind -------------------------------------------------------------

    def load_county(self, path: Path | None) -> County:
        fallback = County(
            CountyFile.model_construct(
                name="（未命名）", centre="新时代文明实践中心", footer=Footer(sponsor="（未填写）")
            ),
            self.labels,
            "county.yml",
        )
        if path is None:
            self.problems.append(
                Problem(
                    f"{self.prefix}/county.yml",
                    1,
                    1,
                    "REQUIRED",
                    "缺少 county.yml（县名、中心名和页脚信息）",
                    "新建 content/county.yml，例如 name: 示范县",
                )
            )
            return fallback
        doc = self.read_yaml_file(path)
        meta = check_model(CountyFile, doc, self.reporter(path)) if doc else None
        if meta is None:
            return fallback
        for index, day in enumerate(meta.days):
            try:
                dt.date(2000, day.month, day.day)  # a leap year, so 2月29日 is allowed
            except ValueError:
                self.reporter(path).add(
                    doc.locate(("days", index, "day")) if doc else Mark(1, 1),
                    "BAD_DATE",
                    f"{day.month}月{day.day}日不存在",
                    "改正月份或日期，例如 {month: 6, day: 18, name: 志愿服务日}",
                )
        if meta.labels is not None and doc is not None:
            self._check_honour_systems(meta.labels, doc, self.reporter(path))
        self.labels = CountyLabels.of(meta.labels)
        return County(meta, self.labels, self.rel(path))

    def _check_honour_systems(self, labels: Labels, doc: YamlDoc, report: Reporter) -> None:
        """Each honour category belongs to one system: a code or name two systems share
        would file an honoree under the wrong one (a 最美志愿者 counted as a 好人)."""
        taken = dict(labels.honoree_categories or DEFAULT_HONOREE_CATEGORIES)
        taken_names = set(taken.values())
        ids = {GOOD_PEOPLE}
        for index, system in enumerate(labels.honour_systems or []):
            where = ("labels", "honour_systems", index)
            if system.id in ids:
                report.add(
                    doc.locate((*where, "id")),
                    "DUPLICATE_ID",
                    f"荣誉体系代码“{system.id}”重复（{GOOD_PEOPLE} 是身边好人的代码）",
                    "给每个体系不同的代码，例如 id: volunteer",
                )
            ids.add(system.id)
            for code, name in system.categories.items():
                if code in taken or name in taken_names:
                    report.add(
                        doc.locate((*where, "categories", code)),
                        "DUPLICATE_ID",
                        f"荣誉类别“{code}: {name}”已在别的体系（或好人类别）中使用",
                        "每个类别只属于一个体系：换一个代码和名称，例如 best-volunteer: 最美志愿者",
                    )
                taken[code] = name
                taken_names.add(name)

    def load_themes(self, paths: list[Path]) -> list[ThemeYear]:
        years: list[ThemeYear] = []
        seen: dict[int, Path] = {}
        for path in paths:
            report = self.reporter(path)
            if not YEAR_FILE_RE.match(path.stem):
                report.add(Mark(1, 1), "BAD_SLUG", "主题文件名应当是年份", "例如 themes/2026.yml")
                continue
            before = self.error_count()
            doc = self.read_yaml_file(path)
            meta = check_model(ThemeYearFile, doc, report) if doc else None
            if meta is None or doc is None:
                continue
            if meta.year != int(path.stem):
                report.add(
                    doc.locate(("year",)),
                    "PATH_MISMATCH",
                    f"文件名是 {path.stem}，但 year 写的是 {meta.year}",
                    f"两者保持一致，例如 year: {path.stem}",
                )
            if meta.year in seen:
                report.add(
                    Mark(1, 1),
                    "DUPLICATE_SLUG",
                    f"{meta.year} 年的主题已在 {self.shown(seen[meta.year])} 中定义",
                    "每年只保留一个主题文件",
                )
            months = self._check_months(meta, doc, report)
            if self.error_count() == before:
                seen[meta.year] = path
                origin = Origin.of(self.shown(path), doc)
                years.append(ThemeYear(meta.year, meta.draft, months, self.rel(path), origin))
        return sorted(years, key=lambda y: y.year)

    def _check_months(
        self, meta: ThemeYearFile, doc: YamlDoc, report: Reporter
    ) -> tuple[MonthlyTheme, ...]:
        found: dict[int, MonthlyTheme] = {}
        for index, month in enumerate(meta.months):
            if month.month in found:
                report.add(
                    doc.locate(("months", index, "month")),
                    "DUPLICATE_MONTH",
                    f"{month.month} 月的主题写了两次",
                    "删除其中一个，或改正月份",
                )
                continue
            found[month.month] = MonthlyTheme(
                meta.year,
                month.month,
                month.title,
                month.focus,
                month.guidance,
                tuple(month.festivals),
            )
        missing = [m for m in range(1, 13) if m not in found]
        if missing and not meta.draft:
            names = "、".join(f"{m}月" for m in missing)
            report.add(
                doc.locate(("months",)),
                "THEME_MONTHS",
                f"{meta.year} 年缺少 {names} 的主题",
                "补齐十二个月；如果尚未定稿，在文件中加一行 draft: true",
            )
        return tuple(found[m] for m in sorted(found))

    def load_township(self, slug: str) -> Township | None:
        path = self.root / "stations" / slug / "township.yml"
        if not path.is_file():
            return None
        doc = self.read_yaml_file(path)
        before = self.error_count()
        report = self.reporter(path)
        meta = check_fields(TownshipFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        self._check_venues(meta.venues, doc, report)
        teams = self._load_teams(meta.teams, slug, doc, report)
        if self.error_count() != before:
            return None
        self.teams[slug] = teams
        return Township(slug, meta, self.rel(path), Origin.of(self.shown(path), doc), teams)

    def load_centre(self, path: Path | None) -> Centre | None:
        """centre/centre.yml: optional (the centre's name is county.yml's ``centre``); when
        it is there and broken, the centre's own entries wait for its fix."""
        if path is None:
            self.teams[CENTRE_KEY] = ()
            return Centre(CentreFile(), (), "", None)
        before = self.error_count()
        doc = self.read_yaml_file(path)
        report = self.reporter(path)
        meta = check_fields(CentreFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        self._check_venues(meta.venues, doc, report)
        teams = self._load_teams(meta.teams, CENTRE_KEY, doc, report)
        if self.error_count() != before:
            return None
        self.teams[CENTRE_KEY] = teams
        return Centre(meta, teams, self.rel(path), Origin.of(self.shown(path), doc))

    def _load_teams(
        self, given: list[Team], unit_key: str, doc: YamlDoc, report: Reporter
    ) -> tuple[VolunteerTeam, ...]:
        """A unit's teams, each id once, each category from the county's set."""
        teams: list[VolunteerTeam] = []
        for index, team in enumerate(given):
            if any(t.id == team.id for t in teams):
                report.add(
                    doc.locate(("teams", index, "id")),
                    "DUPLICATE_ID",
                    f"队伍 id“{team.id}”在本单位重复",
                    "给每支队伍不同的 id，例如 culture、culture-2",
                )
                continue
            code = self.resolve_label(
                self.labels.team_categories,
                team.category,
                doc,
                ("teams", index, "category"),
                report,
            )
            if code:
                teams.append(
                    VolunteerTeam(
                        team.id,
                        team.name,
                        code,
                        team.members,
                        unit_key,
                        team.leader,
                        team.join,
                    )
                )
        return tuple(teams)

    def _check_venues(self, venues: list[Venue], doc: YamlDoc, report: Reporter) -> None:
        seen: set[str] = set()
        for index, venue in enumerate(venues):
            if venue.id in seen:
                report.add(
                    doc.locate(("venues", index, "id")),
                    "DUPLICATE_ID",
                    f"阵地 id“{venue.id}”在本文件中重复",
                    "给每个阵地不同的 id，例如 wenhua-guangchang、nongjia-shuwu",
                )
            seen.add(venue.id)

    def load_station(self, township: str, village: str) -> Station | None:
        path = self.root / "stations" / township / village / "station.yml"
        if not path.is_file():
            return None
        before = self.error_count()
        doc = self.read_yaml_file(path)
        report = self.reporter(path)
        # Teams and platforms are checked even when another field failed: all at once.
        meta = check_fields(StationFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        teams = self._load_teams(meta.teams, f"{township}/{village}", doc, report)
        self._check_venues(meta.venues, doc, report)
        platforms = []
        for index, platform in enumerate(meta.platforms):
            code = self.resolve_label(
                self.labels.platforms, platform, doc, ("platforms", index), report
            )
            if code:
                platforms.append(code)
        if self.error_count() != before:
            return None
        self.teams[f"{township}/{village}"] = teams
        return Station(
            township,
            village,
            meta,
            teams,
            tuple(platforms),
            self.rel(path),
            Origin.of(self.shown(path), doc),
        )

    def _check_path_claims(
        self,
        meta: ActivityFile | HonoreeFile | PlanFile,
        doc: YamlDoc,
        unit_key: str,
        report: Reporter,
    ) -> None:
        """``township:`` and ``station:`` may repeat the path, never contradict it; an
        entry of the centre or a 所 has no station (nor the centre a township)."""
        parts = [] if unit_key == CENTRE_KEY else unit_key.split("/")
        folder = "centre" if unit_key == CENTRE_KEY else unit_key
        for key, actual in zip(("township", "station"), [*parts, None, None], strict=False):
            claimed = getattr(meta, key)
            if claimed is not None and claimed != actual:
                report.add(
                    doc.locate((key,)),
                    "PATH_MISMATCH",
                    f"文件在 {folder}/ 文件夹中，却写了 {key}: {claimed}",
                    f"删除这一行（文件夹已说明归属），或把文件移到 {claimed}/ 文件夹",
                )

    def _check_entry_slug(self, path: Path, report: Reporter) -> bool:
        slug = path.stem
        if SLUG_RE.match(slug) and slug not in RESERVED_SLUGS:
            return True
        report.add(
            Mark(1, 1),
            "BAD_SLUG",
            f"文件名“{path.name}”不合规：只能用小写英文字母、数字和连字符，且不能叫 {'/'.join(sorted(RESERVED_SLUGS))}",
            "例如 2026-06-19-duanwu.md 或 zhang-guifang.md",
        )
        return False

    def _photo(
        self, station_dir: Path, file: str, doc: YamlDoc, path: YamlPath, report: Reporter
    ) -> str | None:
        """Check a photo path; return it relative to content/ when it is usable."""
        where = doc.locate(path)
        control = next((ch for ch in file if ord(ch) < 32 or ord(ch) == 127), None)
        if control is not None:
            report.add(
                where,
                "BAD_PATH",
                f"照片路径里有看不见的控制字符（{control!r}），找不到文件",
                "删掉这一行重新输入路径，例如 media/scene-1.jpg",
            )
            return None
        pure = PurePosixPath(file.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", file):
            report.add(
                where,
                "PHOTO_OUTSIDE",
                f"照片路径“{file}”指向了本站文件夹以外",
                "照片放进本站 media/ 文件夹，路径写成 media/文件名，例如 media/scene-1.jpg",
            )
            return None
        target = station_dir / pure
        if target not in self.photo_places:  # many entries share a few hundred photos
            self.photo_places[target] = _photo_place(station_dir, target)
        outside, is_file, size = self.photo_places[target]
        if outside:
            report.add(
                where, "PHOTO_OUTSIDE", f"照片“{file}”不在本站文件夹内", "例如 media/scene-1.jpg"
            )
            return None
        if not is_file:
            report.add(
                where,
                "PHOTO_MISSING",
                f"找不到照片 {file}",
                "检查文件名（区分大小写）并把照片放进本站 media/ 文件夹，例如 media/scene-1.jpg",
            )
            return None
        if pure.parts[0] != "media" or target.suffix.lower() not in PHOTO_SUFFIXES:
            report.add(
                where,
                "PHOTO_OUTSIDE",
                f"照片“{file}”应放在 media/ 文件夹，且为 JPG 或 PNG 格式",
                "例如 media/scene-1.jpg",
            )
            return None
        if size > PHOTO_SIZE_LIMIT:
            report.add(
                where,
                "FILE_TOO_LARGE",
                f"照片 {file} 有 {size / 1024 / 1024:.1f} MB，超过 {PHOTO_SIZE_LIMIT // 1024 // 1024} MB 上限",
                "用手机“压缩”或在电脑上另存为较小尺寸（长边 2000 像素左右即可）",
            )
            return None
        if target not in self.photo_checks:  # a photo may be listed by many entries
            self.photo_checks[target] = check_photo(target)
        broken = self.photo_checks[target]
        if broken:
            report.add(
                where,
                "PHOTO_BROKEN",
                f"{file}：{broken}",
                "请重新导出照片（JPG 格式，长边 2000 像素左右）后上传",
            )
            return None
        rel = self.rel(target)
        self.checked_photos.add(rel)
        return rel

    def _open_entry(
        self, model: type[EntryModel], station_key: str, path: Path
    ) -> _OpenEntry[EntryModel] | None:
        """Read, parse and schema-check an entry file; None if it cannot be read further."""
        report = self.reporter(path)
        before = self.error_count()
        slug_ok = self._check_entry_slug(path, report)
        entry = self.read_entry(path)
        if entry is None:
            return None
        doc, body, body_line = entry
        checked = check_fields(model, doc, report)
        meta = checked.fields
        if meta is None:
            return None
        self._check_path_claims(meta, doc, station_key, report)
        origin = Origin.of(self.shown(path), doc, body_line)
        slug_before = before if slug_ok else -1
        return _OpenEntry(meta, doc, body, origin, report, slug_before, checked.whole is not None)

    def _check_dates(
        self, path: Path, meta: ActivityFile | PlanFile, doc: YamlDoc, report: Reporter
    ) -> None:
        """An entry's file name date, date order and theme month (reports and plans).

        A field that failed its schema is None here (reported already)."""
        date, end_date, theme_month = meta.date, meta.end_date, meta.theme_month
        date_prefix = re.match(r"^(\d{4}-\d{2}-\d{2})-", path.name)
        if date and date_prefix and date_prefix.group(1) != date.isoformat():
            report.add(
                doc.locate(("date",)),
                "PATH_MISMATCH",
                f"文件名的日期是 {date_prefix.group(1)}，但 date 写的是 {date.isoformat()}",
                "让两者一致：改正 date，或重命名文件",
            )
        if date and end_date and end_date < date:
            report.add(
                doc.locate(("end_date",)),
                "DATE_ORDER",
                f"结束日期 {end_date} 早于开始日期 {date}",
                f"改正日期，例如 end_date: {date + dt.timedelta(days=1)}",
            )
        if date and theme_month and (date.year, theme_month) not in self.themes:
            report.add(
                doc.locate(("theme_month",)),
                "NO_THEME",
                f"{date.year} 年 {theme_month} 月还没有月度主题，无法归入",
                f"删除 theme_month（默认归入活动所在的 {date.month} 月），或先在 themes/{date.year}.yml 中填写该月主题",
            )

    def _team_and_category(
        self,
        team_ref: str | None,
        category_name: str | None,
        unit_key: str,
        doc: YamlDoc,
        report: Reporter,
    ) -> tuple[VolunteerTeam | None, str | None]:
        """The team an entry names (its own unit's, or ``unit:id`` another's), and its
        service category (the team's when the entry names none); a missing or unknown one
        is reported. A team of a unit that failed to load is not looked for: that unit's
        own error says why."""
        team = None
        category = None
        owner = team_ref.rpartition(":")[0] or unit_key if team_ref else unit_key
        if team_ref is not None and owner in self.teams:
            team = resolve_team_ref(lambda key: self.teams.get(key, ()), unit_key, team_ref)
            if team is None:
                self._unknown_team(team_ref, owner, unit_key, doc, report)
        elif team_ref is not None and owner not in self.unit_keys:
            report.add(
                doc.locate(("team",)),
                "UNKNOWN_TEAM",
                f"“{owner}”不是本县的单位，找不到队伍“{team_ref}”",
                "单位写 centre（县中心）、乡镇文件夹名或“乡镇/村”文件夹名，例如 team: centre:theory",
            )
        if category_name is not None:
            category = self.resolve_label(
                self.labels.team_categories, category_name, doc, ("category",), report
            )
        elif team is not None:
            category = team.category
        elif doc.data.get("team") is None and doc.data.get("category") is None:
            report.add(
                doc.start,
                "REQUIRED",
                "缺少 category（服务类别）或 team（志愿服务队）",
                "写上其中之一，例如 category: 文化文艺",
            )
        return team, category

    def _unknown_team(
        self, team_ref: str, owner: str, unit_key: str, doc: YamlDoc, report: Reporter
    ) -> None:
        own = owner == unit_key
        prefix = "" if own else f"{owner}:"
        ids = "、".join(prefix + t.id for t in self.teams.get(owner, ()))
        if not ids:
            ids = "（本单位尚未登记队伍）" if own else f"（{owner} 尚未登记队伍）"
        report.add(
            doc.locate(("team",)),
            "UNKNOWN_TEAM",
            f"{'本单位' if own else owner}没有 id 为“{team_ref.rpartition(':')[2]}”的志愿服务队",
            f"可选：{ids}；县级队伍写 centre:队伍id，例如 team: centre:theory；"
            "或删除 team，改写 category（例如 category: 文化文艺）",
        )

    def _work(self, values: list[str], doc: YamlDoc, report: Reporter) -> tuple[str, ...]:
        """五项工作内容 codes, in the order written, each once."""
        codes = [
            self.resolve_label(self.labels.five_items, value, doc, ("work", index), report)
            for index, value in enumerate(values)
        ]
        return tuple(dict.fromkeys(code for code in codes if code))

    def load_plan(self, unit_ok: bool, station_key: str, path: Path) -> Plan | None:
        """An announced activity (活动预告): a future date is its point; a past one without
        a report is the editor's to-do, listed in the 通报, not an error."""
        entry = self._open_entry(PlanFile, station_key, path)
        if entry is None:
            return None
        meta, doc, report = entry.meta, entry.doc, entry.report
        self._check_dates(path, meta, doc, report)
        team, category = self._team_and_category(meta.team, meta.category, station_key, doc, report)
        work = self._work(meta.work, doc, report)
        if not entry.publishable(self.error_count()) or not unit_ok or category is None:
            return None
        return Plan(
            station_key,
            path.stem,
            meta,
            category,
            team,
            work,
            entry.body,
            self.rel(path),
            entry.origin,
        )

    def load_activity(self, unit_ok: bool, station_key: str, path: Path) -> Activity | None:
        entry = self._open_entry(ActivityFile, station_key, path)
        if entry is None:
            return None
        meta, doc, report = entry.meta, entry.doc, entry.report
        # A field that failed its schema is None here (its error is reported already);
        # every check on the fields that passed still runs.
        date: dt.date | None = meta.date
        self._check_dates(path, meta, doc, report)
        if date and date > self.today:
            report.add(
                doc.locate(("date",)),
                "FUTURE_DATE",
                f"活动日期 {date} 晚于今天（{self.today}）：活动报道只写已经开展的活动",
                "活动开展以后再提交报道；还没开展的活动写成预告（放在 plans/ 里）；"
                f"若日期写错，请改正，例如 date: {self.today}",
            )
        team, category = self._team_and_category(meta.team, meta.category, station_key, doc, report)
        if meta.plan is not None and (station_key, meta.plan) not in self.plan_keys:
            report.add(
                doc.locate(("plan",)),
                "UNKNOWN_PLAN",
                f"本单位没有名为“{meta.plan}”的活动预告（plans/{meta.plan}.md）",
                "写本单位 plans/ 里预告的文件名（不含 .md），或删除 plan 这一行",
            )
        platform = None
        if meta.platform is not None:
            platform = self.resolve_label(
                self.labels.platforms, meta.platform, doc, ("platform",), report
            )
        work = self._work(meta.work, doc, report)
        station_dir = path.parent.parent
        photos: list[PhotoRef] = []
        for index, photo in enumerate(meta.photos):
            where = ("photos", index, "file")
            src = self._photo(station_dir, photo.file, doc, where, report)
            if src and any(p.src == src for p in photos):
                report.add(
                    doc.locate(where),
                    "PHOTO_TWICE",
                    f"照片 {photo.file} 在本条活动中列了两次，只显示一次",
                    "删除重复的一行",
                    Severity.WARNING,
                )
            elif src:
                photos.append(PhotoRef(src, photo.caption))
        if not entry.publishable(self.error_count()) or not unit_ok or category is None:
            return None
        return Activity(
            station_key,
            path.stem,
            meta,
            category,
            team,
            platform,
            work,
            tuple(photos),
            entry.body,
            self.rel(path),
            entry.origin,
        )

    def load_honoree(self, unit_ok: bool, station_key: str, path: Path) -> Honoree | None:
        entry = self._open_entry(HonoreeFile, station_key, path)
        if entry is None:
            return None
        meta, doc, report = entry.meta, entry.doc, entry.report
        self._check_consent(meta, doc, report)
        if meta.kind == "集体":
            for key in ("gender", "birth_year"):
                if getattr(meta, key) is not None:
                    report.add(
                        doc.locate_key((key,)),
                        "BAD_CHOICE",
                        f"集体不填写 {key}",
                        "删除这一行；集体的成员情况可写在事迹正文中",
                    )
        category = None
        if meta.category is not None:  # None: failed its schema, reported already
            category = self.resolve_label(
                self.labels.honour_categories, meta.category, doc, ("category",), report
            )
        honours = []
        for index, honour in enumerate(meta.honours or ()):
            level = self.resolve_label(
                self.labels.honour_levels, honour.level, doc, ("honours", index, "level"), report
            )
            period = _period(honour.period)
            if period is None:
                report.add(
                    doc.locate(("honours", index, "period")),
                    "BAD_PERIOD",
                    f"期次“{honour.period}”格式不对",
                    "写成年份、年月或季度，例如 period: 2026、period: 2026-05、period: 2026-Q2 或 period: 2026年第二季度",
                )
            if level and period:
                honours.append(Honour(level, honour.issuer, honour.title, period))
        if category is not None:
            self._check_minor_rescue(meta, category, honours, doc, report)
        photo = None
        if meta.photo is not None:
            src = self._photo(path.parent.parent, meta.photo, doc, ("photo",), report)
            photo = PhotoRef(src, None) if src else None
        if not entry.publishable(self.error_count()) or not unit_ok or category is None:
            return None
        return Honoree(
            station_key,
            path.stem,
            meta,
            category,
            tuple(honours),
            photo,
            entry.body,
            self.rel(path),
            entry.origin,
            self.labels.system_of(category).id,
        )

    def _check_consent(self, meta: HonoreeFile, doc: YamlDoc, report: Reporter) -> None:
        consent = meta.consent
        if consent is None and doc.data.get("consent") is not None:
            return  # written but failed its schema: that error is reported already
        if consent is None or not consent.given:
            report.add(
                doc.locate(("consent",)) if consent else doc.start,
                "NO_CONSENT",
                f"没有登记{meta.name or '这位好人'}本人同意公开，不能发布",
                "取得书面同意后填写：consent: {given: true, by: 本人, date: 2026-04-02}",
            )
            return
        # Only the birth year is known, so anyone who may still be 13 counts as under 14.
        if (
            meta.kind == "个人"
            and meta.birth_year is not None
            and consent.date.year - meta.birth_year <= 14
            and consent.by != "监护人"
        ):
            report.add(
                doc.locate(("consent", "by")),
                "GUARDIAN_CONSENT",
                f"{meta.name or '这位好人'}同意公开时可能未满 14 周岁（{meta.birth_year} 年出生），须由监护人同意",
                "取得监护人书面同意后写 by: 监护人",
            )

    def _check_minor_rescue(
        self,
        meta: HonoreeFile,
        category: str,
        honours: list[Honour],
        doc: YamlDoc,
        report: Reporter,
    ) -> None:
        """Warn when a person who may have been under 18 is honoured for 见义勇为.

        National guidance does not promote minors' rescues (防溺水 teaching tells
        children never to jump in). The deed came no later than the first honour (or
        the consent), and only the birth year is known: anyone who may still have been
        17 that year counts as a minor.
        """
        label = self.labels.honour_categories.label(category)
        if category != "bravery" and "见义勇为" not in label:
            return
        if meta.kind != "个人" or meta.birth_year is None:
            return
        years = [h.period.year for h in honours]
        if meta.consent is not None:
            years.append(meta.consent.date.year)
        if not years or min(years) - meta.birth_year > 18:
            return
        report.add(
            doc.locate(("category",)),
            "MINOR_RESCUE",
            f"{meta.name or '这位好人'}（{meta.birth_year} 年出生）获评{label}时可能未满 18 周岁："
            "国家不提倡、不宣传未成年人见义勇为，防溺水教育也要求孩子不得下水施救",
            "不以见义勇为宣传未成年人；事迹若是别的方面（例如宣传安全知识），改为相应类别，"
            "例如 category: 助人为乐；拿不准请与县中心编辑商定",
            Severity.WARNING,
        )

    def load_pages(self, paths: list[Path]) -> list[str]:
        pages = []
        for path in paths:
            before = self.error_count()
            source = read_source(path, self.shown(path), self.problems)
            if source is None:
                continue
            self.scan_body(source.text, 1, self.reporter(path))
            if self.error_count() == before:
                pages.append(self.rel(path))
        return pages

    def report_photo_clashes(self) -> None:
        """Two photos of one folder whose renditions would share names (a.jpg, a.png)."""
        for photo, earlier in web_name_clashes(self.checked_photos):
            self.reporter(self.root / photo).add(
                Mark(1, 1),
                "PHOTO_NAME_CLASH",
                f"照片 {PurePosixPath(photo).name} 与 {PurePosixPath(earlier).name} "
                "只差扩展名，发布后的文件名相同，会互相覆盖",
                f"给其中一张改名，并改正引用它的内容，例如 {_renamed(photo)}",
            )

    def report_unused_photos(self, media: list[Path]) -> None:
        for path in media:
            if self.rel(path) not in self.checked_photos and not self._named_by_refused(path):
                self.reporter(path).add(
                    Mark(1, 1),
                    "UNUSED_PHOTO",
                    "这张照片没有被任何活动或好人引用，不会发布",
                    "在活动的 photos 中引用它（例如 - media/scene-1.jpg），或删除它",
                    Severity.WARNING,
                )

    def _named_by_refused(self, photo: Path) -> bool:
        """Whether an entry refused for its errors names ``photo`` (even where its photo
        field itself failed): such a photo is waiting for that fix, not unused."""
        station_dir = photo.parent.parent
        needle = f"{photo.parent.name}/{photo.name}".encode()
        for entry in self.refused_entries.get(station_dir, []):
            with contextlib.suppress(OSError), entry.open("rb") as file:
                if needle in file.read(1024 * 1024):  # an oversized file: its start
                    return True
        return False

    # --- the whole tree -----------------------------------------------------------------

    def load(self, source_date_epoch: str | None) -> Catalogue:
        self.today = build_date(source_date_epoch)
        tree = self.walk()
        county = self.load_county(tree.county)
        theme_years = self.load_themes(tree.theme_files)
        self.themes = {(y.year, m.month) for y in theme_years for m in y.months}
        townships: list[Township] = []
        stations: list[Station] = []
        activities: list[Activity] = []
        honorees: list[Honoree] = []
        plans: list[Plan] = []
        centre = self.load_centre(tree.centre)
        # Every unit first, so that an entry may name any unit's team (team: centre:theory).
        units: list[tuple[str, Path, bool]] = [
            (CENTRE_KEY, self.root / "centre", centre is not None)
        ]
        self.unit_keys.update(tree.townships)
        self.unit_keys.update(f"{t}/{v}" for t, villages in tree.stations.items() for v in villages)
        for slug in sorted(tree.townships):
            township = self.load_township(slug)
            if township is not None:
                townships.append(township)
            units.append((slug, self.root / "stations" / slug, township is not None))
            for village in tree.stations.get(slug, []):
                station = self.load_station(slug, village)
                if station is not None and township is None:
                    station = None  # checked, but published only under a valid township
                if station is not None:
                    stations.append(station)
                key = f"{slug}/{village}"
                units.append((key, self.root / "stations" / slug / village, station is not None))
        for key, folder, unit_ok in units:
            for path in tree.entries.get(f"{key}/plans", []):
                plan = self.load_plan(unit_ok, key, path)
                if plan is not None:
                    plans.append(plan)
                    self.plan_keys.add((key, plan.slug))
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
            for path in tree.entries.get(f"{key}/activities", []):
                activity = self.load_activity(unit_ok, key, path)
                if activity is not None:
                    activities.append(activity)
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
            for path in tree.entries.get(f"{key}/honorees", []):
                honoree = self.load_honoree(unit_ok, key, path)
                if honoree is not None:
                    honorees.append(honoree)
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
        folders = {f"{t}/{v}" for t, villages in tree.stations.items() for v in villages}
        self.problems.extend(check_former_ids(stations, folders, RESERVED_SLUGS))
        service = service_loading.load_service(
            self,
            tree.service,
            county=county,
            townships=townships,
            stations=stations,
            activities=activities,
            centre_office=centre.meta.office if centre else None,
        )
        pages = self.load_pages(tree.pages)
        self.report_photo_clashes()
        self.report_unused_photos(tree.media)
        # Only photos of published entries are published: a refused honoree's portrait
        # (no consent, say) must not reach the site as a stray file.
        published = {p.src for a in activities for p in a.photos}
        published.update(h.photo.src for h in honorees if h.photo is not None)
        return Catalogue(
            county=county,
            townships=tuple(townships),
            stations=tuple(stations),
            activities=tuple(activities),
            plans=tuple(plans),
            honorees=tuple(honorees),
            theme_years=tuple(theme_years),
            pages=tuple(pages),
            photos=tuple(sorted(published)),
            reference_date=self.today,
            problems=tuple(sort_problems(self.problems)),
            centre=centre,
            service=service,
        )


def _renamed(photo: str) -> str:
    """A suggested new name for a clashing photo: ``media/scene-1.png`` → ``media/scene-1-2.png``."""
    path = PurePosixPath(photo)
    return f"{path.parent.name}/{path.stem}-2{path.suffix}"


def _strings(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    """Every text in a YAML value, and every whole number: unquoted, 13912345678 is one."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _public_line(data: Any) -> bool:
    """Whether the file marks its office mobile as a public service line."""
    office = data.get("office") if isinstance(data, dict) else None
    return isinstance(office, dict) and office.get(PUBLIC_LINE_KEY) is True


def _excerpt(text: str, start: int) -> str:
    return text[max(start - 6, 0) : start + 12]


def _offset_mark(text: str, offset: int, first_line: int) -> Mark:
    """The line and column of ``offset`` in ``text``, which starts on ``first_line``."""
    line = text.count("\n", 0, offset)
    return Mark(first_line + line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _find_in_lines(lines: list[str], first_line: int, mark: Mark, needle: str) -> Mark:
    """Where ``needle`` stands in the source, searching from the value's own line."""
    start = mark.line - first_line
    for index in range(max(start, 0), len(lines)):
        col = lines[index].find(needle)
        if col >= 0:
            return Mark(first_line + index, col + 1)
    return mark


def _period(value: int | str) -> Period | None:
    match = PERIOD_RE.match(str(value))
    if not match:
        return None
    month = match.group("month") or match.group("zh_month")
    quarter = match.group("quarter") or match.group("zh_quarter")
    quarter = ZH_QUARTERS.get(quarter, quarter) if quarter else None
    return Period(
        int(match.group("year")),
        int(month) if month else None,
        int(quarter) if quarter else None,
    )


# 2026年第二季度: the quarter as clerks write it.
ZH_QUARTERS = {"一": "1", "二": "2", "三": "3", "四": "4"}


# Counties are in China: a build at 01:00 Beijing time on the 1st belongs to that day.
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


def build_date(source_date_epoch: str | None, now: dt.datetime | None = None) -> dt.date:
    """'Today' for the build, in Beijing time: SOURCE_DATE_EPOCH if set (CI sets it from
    the built commit's date, so a rebuild of the same commit is identical), else the day
    the build runs. Never a date from the content: one file dated 2036 must not move it."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), tz=CHINA_TIME).date()
    return (now or dt.datetime.now(tz=CHINA_TIME)).astimezone(CHINA_TIME).date()


def _photo_place(station_dir: Path, target: Path) -> tuple[bool, bool, int]:
    """What :meth:`Loader._photo` asks the file system about a photo, asked once per load:
    whether it is outside its station's folder (or a link), whether it is a file, its size."""
    if target.is_symlink() or not target.resolve().is_relative_to(station_dir.resolve()):
        return True, False, 0
    if not target.is_file():
        return False, False, 0
    return False, True, target.stat().st_size


def load_catalogue(
    content_dir: Path, source_date_epoch: str | None = None, memo: EntryMemo | None = None
) -> Catalogue:
    """Read and validate ``content_dir`` into one Catalogue with every problem found.

    ``source_date_epoch`` fixes the build's reference date (reproducible-builds
    convention); the caller passes ``os.environ.get("SOURCE_DATE_EPOCH")``. ``memo``:
    entry files read by an earlier load of the same tree (see ``Loader.read_entry``).
    """
    return Loader(content_dir, memo).load(source_date_epoch)


__all__ = ["Record", "load_catalogue"]

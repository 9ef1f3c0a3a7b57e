"""Entries of any unit: what activities (活动报道), plans (活动预告) and honorees share —
the file name, the path's claims, the schema, team and category, 五项 — and the checks
of activities and plans.

An entry with any error is reported and left out; every check still runs on the fields
that passed, so a clerk sees all of a file's problems at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from site_plugins.content.catalogue import (
    CENTRE_KEY,
    Activity,
    Origin,
    PhotoRef,
    Plan,
    VolunteerTeam,
    resolve_team_ref,
)
from site_plugins.content.file_reading import FileReading
from site_plugins.content.located import Mark, Reporter, YamlDoc
from site_plugins.content.model import SLUG_RE, ActivityFile, HonoreeFile, PlanFile, Record
from site_plugins.content.photo_checks import PhotoChecks
from site_plugins.content.problems import Severity
from site_plugins.content.tree_walk import RESERVED_SLUGS

# Any Markdown file with front matter: the content's entries and the service's menu items
# and orders (site_plugins.service.loading) are opened the same way.
FileModel = TypeVar("FileModel", bound=Record)
EntryModel = TypeVar("EntryModel", ActivityFile, HonoreeFile, PlanFile)


@dataclass(frozen=True)
class OpenEntry(Generic[FileModel]):
    """An entry file that parsed and passed its schema; later checks may still fail it."""

    meta: FileModel  # when not ``complete``: failed required fields are None
    doc: YamlDoc
    body: str
    origin: Origin
    report: Reporter
    errors_before: int  # -1 when its file name already failed
    complete: bool  # every field passed the schema

    def publishable(self, errors_now: int) -> bool:
        return self.complete and errors_now == self.errors_before


class EntryLoading(FileReading, PhotoChecks):
    """Opens and checks entry files; loads activities and plans."""

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

    def _open_entry(
        self, model: type[EntryModel], station_key: str, path: Path
    ) -> OpenEntry[EntryModel] | None:
        """Open an entry of ``station_key`` (see :meth:`open_file`) and check what it says of
        its township and station against its path."""
        entry = self.open_file(model, path)
        if entry is not None:
            self._check_path_claims(entry.meta, entry.doc, station_key, entry.report)
        return entry

    def open_file(self, model: type[FileModel], path: Path) -> OpenEntry[FileModel] | None:
        """Read, parse and schema-check an entry file; None if it cannot be read further."""
        report = self.reporter(path)
        before = self.error_count()
        slug_ok = self._check_entry_slug(path, report)
        entry = self.read_entry(path)
        if entry is None:
            return None
        doc, body, body_line = entry
        checked = self.checked_fields(model, path, doc, report)
        meta = checked.fields
        if meta is None:
            return None
        origin = Origin.of(self.shown(path), doc, body_line)
        slug_before = before if slug_ok else -1
        return OpenEntry(meta, doc, body, origin, report, slug_before, checked.whole is not None)

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

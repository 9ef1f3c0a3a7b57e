"""The county's own files: county.yml (names, footer, label sets, honour systems) and the
monthly themes under themes/.

They are read before any unit or entry, since the label sets decide what every later
file may name, and the themes which months an entry may be filed under.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from site_plugins.content.catalogue import County, MonthlyTheme, Origin, ThemeYear
from site_plugins.content.checks import check_model
from site_plugins.content.file_reading import FileReading
from site_plugins.content.labels import DEFAULT_HONOREE_CATEGORIES, GOOD_PEOPLE, CountyLabels
from site_plugins.content.located import Mark, Reporter, YamlDoc
from site_plugins.content.model import CountyFile, Footer, Labels, ThemeYearFile
from site_plugins.content.problems import Problem

YEAR_FILE_RE = re.compile(r"^\d{4}$")


class CountyLoading(FileReading):
    """county.yml and themes/<year>.yml."""

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

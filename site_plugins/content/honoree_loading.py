"""Honorees (好人 and other honour systems): consent before anything is published, with a
guardian's for a child; honours and their periods as clerks write them; and a warning
where a minor would be held up for 见义勇为.
"""

from __future__ import annotations

from pathlib import Path

from site_plugins.content.catalogue import Honoree, Honour, Period, PhotoRef
from site_plugins.content.entries_loading import EntryLoading
from site_plugins.content.located import Reporter, YamlDoc
from site_plugins.content.model import PERIOD_RE, HonoreeFile
from site_plugins.content.problems import Severity


class HonoreeLoading(EntryLoading):
    """Loads honorees, with the checks that protect the people named."""

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

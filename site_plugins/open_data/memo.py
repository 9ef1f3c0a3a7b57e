"""What the open-data exports of one ``mkdocs serve`` session have in common, kept
between its rebuilds.

Every edit changes the export (30,000 activities at budget scale, 4 s to make afresh),
but an activity edit changes one row of it and the figures of a few 通报. So the session
keeps (:class:`ExportMemo`, held by the open_data plugin, which lives as long as the
session):

* each activity's and honoree's row, by the identity of its record: the loader keeps an
  unchanged entry's record, the very same object, from one load to the next
  (content.entry_reuse), and a row is made from the record and the county's labels alone;
* each 通报's rows of the ``figures`` and ``station_figures`` tables, by what the 通报
  counts: the county, its units, themes, honorees and plans (the very same objects or
  equal ones), and the counted fields (:func:`counted_fields`) of the activities of its
  period and the one before, by month and township (a title edit makes none again; a
  counted edit, those the rebuild redraws the 通报 pages of, sharing their reports);
* each row's CSV line, JSON object and workbook row (:func:`formats.row_forms`), by the
  row's values and their types;
* the workbook's rows in pieces of 1,000, each deflated (:class:`xlsx.Chunks`).

Each memo keeps what the last export used, no more. What it gives is what a fresh export
makes, byte for byte: a fresh memo is how a full build makes its export (one code path),
and tests/test_open_data_memo.py compares the two across edits.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from site_plugins.bulletins import report
from site_plugins.content.catalogue import Activity, Catalogue, Honoree, Period, Plan
from site_plugins.content.labels import CountyLabels
from site_plugins.incremental.diff import counted_fields
from site_plugins.open_data import formats, tables, xlsx
from site_plugins.open_data.formats import Forms, Serialised
from site_plugins.open_data.tables import TABLES, Row, Table

Record = TypeVar("Record", Activity, Honoree)
Month = tuple[int, int]
GroupKey = tuple[int, int, str]  # year, month, scope (a township's slug, or the centre)
Kept = dict[int, tuple[object, Row]]  # id(record) -> (record, its row)
_ACTIVITY_ORDER = operator.itemgetter(3, 0, 1)  # date, unit, slug: see tables.activity_row
# What every 通报 reads besides activities (see ExportMemo._whole_of).
Whole = tuple[tuple[object, ...], tuple[Honoree, ...], tuple[Plan, ...], tuple[bool, ...]]


class ExportMemo:
    """The memos of one serve session's exports (see the module's docstring)."""

    def __init__(self) -> None:
        self._labels: CountyLabels | None = None
        self._rows: dict[str, Kept] = {}  # table name -> rows by record
        self._counted: dict[int, tuple[Activity, tuple[object, ...], GroupKey]] = {}
        self._groups: dict[GroupKey, tuple[tuple[object, ...], int]] = {}
        self._whole: Whole | None = None
        self._whole_token = 0
        self._tokens = itertools.count(1)
        self._reports: dict[Hashable, tuple[Row, tuple[Row, ...]]] = {}
        # table name -> (forms by id(row), forms by row)
        self._forms: dict[
            str, tuple[dict[int, tuple[Row, Forms]], dict[Row, tuple[Row, Forms]]]
        ] = {}
        self.chunks = xlsx.Chunks()  # the workbook's rows and pieces deflated

    def serialised(self, catalogue: Catalogue) -> list[Serialised]:
        """Every table of :data:`TABLES`, each row in every format."""
        rows = self.rows(catalogue)
        return [Serialised(t, self._forms_of(t, rows[t.name])) for t in TABLES]

    def rows(self, catalogue: Catalogue) -> dict[str, Sequence[Row]]:
        """Every table's rows, as :meth:`Table.rows` makes them."""
        labels = catalogue.county.labels
        if labels != self._labels:  # rows show labels: none kept under others is valid
            self._labels, self._rows = labels, {}
        figures, station_figures = self._figures(catalogue)
        found: dict[str, Sequence[Row]] = {
            # Sorted as rows (tables.activities_in_order's order: the row holds the date,
            # as ISO text, the unit and the slug), which spares 30,000 records' properties.
            "activities": sorted(
                self._kept("activities", catalogue.activities, tables.activity_row),
                key=_ACTIVITY_ORDER,
            ),
            "honorees": self._kept("honorees", catalogue.honorees_newest_first, tables.honoree_row),
            "figures": figures,
            "station_figures": station_figures,
        }
        return {
            t.name: found[t.name] if t.name in found else list(t.rows(catalogue)) for t in TABLES
        }

    def _kept(
        self,
        name: str,
        records: Sequence[Record],
        make: Callable[[CountyLabels, Record], Row],
    ) -> list[Row]:
        """``make(labels, record)`` for each record, or the row made last time from the
        very same record (compared by identity; the memo holds it, so its id is not
        reused while it is kept)."""
        labels = self._labels
        assert labels is not None
        last = self._rows.get(name, {})
        kept: Kept = {}
        found = []
        for record in records:
            was = last.get(id(record))
            row = was[1] if was is not None and was[0] is record else make(labels, record)
            kept[id(record)] = (record, row)
            found.append(row)
        self._rows[name] = kept
        return found

    # --- the 通报's figures -------------------------------------------------------------

    def _figures(self, catalogue: Catalogue) -> tuple[list[Row], list[Row]]:
        """The figures and station_figures tables, each 通报's rows made again only when
        what it counts changed (see :meth:`_report_key`)."""
        whole = self._whole_of(catalogue)
        groups = self._group_tokens(catalogue)
        months: dict[Month, list[tuple[str, int]]] = {}
        for (year, month, scope), token in sorted(groups.items()):
            months.setdefault((year, month), []).append((scope, token))
        last, self._reports = self._reports, {}
        figures: list[Row] = []
        station_figures: list[Row] = []
        for period, township in tables.report_keys(catalogue):
            read = sorted({*period.months, *_before(period)})
            counted: tuple[object, ...]
            if township is None:
                counted = tuple(tuple(months.get(m, ())) for m in read)
            else:
                counted = tuple(groups.get((*m, township)) for m in read)
            key = (period, township, whole, counted)
            rows = last.get(key)
            if rows is None:
                found = report.period_report(catalogue, period, township)
                rows = (tables.figures_row(found), ())
                if township is None:  # the county's report has every station's row
                    rows = (rows[0], tables.station_figures_rows(found))
            self._reports[key] = rows
            figures.append(rows[0])
            station_figures += rows[1]
        return figures, station_figures

    def _whole_of(self, catalogue: Catalogue) -> int:
        """A token for what every 通报 reads besides activities: the county (labels and
        quota), townships, stations and the centre (every unit's name, order and
        address), themes, the reference date, the honorees and the plans, and which
        plans have a report. Equal records count as the same; honorees and plans are
        compared by identity (kept whole by the loader, and 3,000 of them)."""
        equal = (
            catalogue.county,
            catalogue.townships,
            catalogue.stations,
            catalogue.centre,
            catalogue.theme_years,
            catalogue.reference_date,
        )
        reported = tuple(catalogue.report_of(p) is None for p in catalogue.plans)
        last = self._whole
        if not (
            last is not None
            and last[0] == equal
            and _same_objects(last[1], catalogue.honorees)
            and _same_objects(last[2], catalogue.plans)
            and last[3] == reported
        ):
            self._whole_token = next(self._tokens)
        self._whole = (equal, catalogue.honorees, catalogue.plans, reported)
        return self._whole_token

    def _group_tokens(self, catalogue: Catalogue) -> dict[GroupKey, int]:
        """A token for each month's activities of each scope, as a 通报 reads them: their
        counted fields in the order the catalogue lists a station's month (newest
        first), the same token while they are equal."""
        last_counted, counted = self._counted, {}
        groups: dict[GroupKey, list[object]] = {}
        for activity in catalogue.activities_newest_first:
            was = last_counted.get(id(activity))
            if was is None or was[0] is not activity:
                fields = counted_fields(activity)
                unit, year, month = activity.unit_key, activity.date.year, activity.date.month
                was = (activity, fields, (year, month, unit.split("/", 1)[0]))
            counted[id(activity)] = was
            groups.setdefault(was[2], []).append(was[1])
        self._counted = counted
        last, self._groups = self._groups, {}
        tokens: dict[GroupKey, int] = {}
        for key, values in groups.items():
            group = tuple(values)
            was_group = last.get(key)
            token = (
                was_group[1]
                if was_group is not None and was_group[0] == group
                else next(self._tokens)
            )
            self._groups[key] = (group, token)
            tokens[key] = token
        return tokens

    # --- each row's forms ----------------------------------------------------------------

    def _forms_of(self, table: Table, rows: Sequence[Row]) -> list[Forms]:
        """:func:`formats.row_forms` of ``rows``: those of the very same row (the rows
        kept by record) or of an equal row with values of the same types (``1 == True
        == 1.0``: the rows made afresh) kept from the last export."""
        last_ids, last_values = self._forms.get(table.name, ({}, {}))
        ids: dict[int, tuple[Row, Forms]] = {}
        values: dict[Row, tuple[Row, Forms]] = {}
        found: list[Forms] = []
        missing: list[int] = []
        for row in rows:
            was = last_ids.get(id(row))
            if was is not None and was[0] is row:
                ids[id(row)] = was  # still the same object next time, or a new row
            else:
                was = last_values.get(row)
                if was is None or not _same_types(was[0], row):
                    missing.append(len(found))
                    found.append(_NO_FORMS)
                    continue
                ids[id(row)] = values[row] = (row, was[1])
            found.append(was[1])
        for index, forms in zip(
            missing, formats.row_forms(table, [rows[i] for i in missing]), strict=True
        ):
            row = rows[index]
            found[index] = forms
            ids[id(row)] = values[row] = (row, forms)
        self._forms[table.name] = (ids, values)
        return found


_NO_FORMS: Forms = (b"", b"", b"")


def _before(period: Period) -> tuple[Month, ...]:
    """The months a 通报's rows compare with: its previous period's. (The previous
    period's own rows count the period before that, but only their totals are exported,
    which do not read it: as the 通报 pages' dependencies say, bulletins.plans.
    period_depends, so the reports made again here are those the rebuild draws.)"""
    return period.previous.months


def _same_objects(before: Sequence[object], now: Sequence[object]) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


def _same_types(before: Row, now: Row) -> bool:
    return all(type(a) is type(b) for a, b in zip(before, now, strict=True))

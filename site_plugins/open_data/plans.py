"""Which open-data files the site has: ``/open-data/`` (the page that explains them), the
export under ``/open-data/v<major>/`` and one .xlsx beside every 通报 page.

:func:`export_files` is also what ``python -m site_plugins export`` writes, so the
export of a county can be made from its content without building its site.
"""

from __future__ import annotations

import hashlib
from functools import partial

from site_plugins import routes
from site_plugins.bulletins.plans import bulletin_depends
from site_plugins.bulletins.views import period_url
from site_plugins.content.catalogue import Catalogue, Period
from site_plugins.open_data import formats, page
from site_plugins.open_data.bulletin_book import bulletin_workbook
from site_plugins.open_data.tables import (
    MAJOR,
    TABLES,
    county_record,
    report_keys,
    reports,
)
from site_plugins.plans import Planned, PlannedFile, PlannedPage

COLUMN = "开放数据"
DEPENDS = frozenset({"activities", "honorees", "stations", "themes", "county", "plans"})

DATA = "data.json"
SCHEMA = "schema.json"
WORKBOOK = "data.xlsx"


def csv_name(table: str) -> str:
    return f"{table}.csv"


def export_files(catalogue: Catalogue, site_url: str) -> list[PlannedFile]:
    """The versioned export: data.json, schema.json, one CSV per table, data.xlsx."""
    tables = formats.records(catalogue)
    doc = formats.document(county_record(catalogue, site_url), tables)
    files = [
        PlannedFile(routes.open_data_file(MAJOR, DATA), formats.to_json(doc), depends=DEPENDS),
        PlannedFile(
            routes.open_data_file(MAJOR, SCHEMA),
            formats.to_json(formats.json_schema()),
            depends=DEPENDS,
        ),
    ]
    files += [
        PlannedFile(
            routes.open_data_file(MAJOR, csv_name(t.name)),
            formats.to_csv(t, tables[t.name]),
            depends=DEPENDS,
        )
        for t in TABLES
    ]
    files.append(
        PlannedFile(
            routes.open_data_file(MAJOR, WORKBOOK),
            formats.export_workbook(catalogue, tables),
            depends=DEPENDS,
        )
    )
    return files


def bulletin_files(catalogue: Catalogue) -> list[PlannedFile]:
    """Each 通报's workbook, at :func:`workbook_of` (the page links it), made when it is
    written; it shows what its 通报 page shows, so it has the page's dependencies."""
    files = []
    for index, (period, township) in enumerate(report_keys(catalogue)):
        make = partial(_bulletin_book, catalogue, index)
        depends = bulletin_depends(township)
        files.append(PlannedFile(workbook_of(period, township), make=make, depends=depends))
    return files


def _bulletin_book(catalogue: Catalogue, index: int) -> bytes:
    return bulletin_workbook(catalogue, reports(catalogue)[index])


def workbook_of(period: Period, township: str | None) -> str:
    return routes.bulletin_workbook(period_url(period, township), period.key, township)


def plan(catalogue: Catalogue, site_url: str) -> list[Planned]:
    files = export_files(catalogue, site_url)
    sizes: dict[str, int] = {}
    digests: dict[str, str] = {}
    for f in files:
        data = f.text.encode("utf-8") if isinstance(f.text, str) else (f.text or b"")
        sizes[f.path] = len(data)
        digests[f.path] = hashlib.sha256(data).hexdigest()
    planned: list[Planned] = [
        PlannedPage(
            routes.OPEN_DATA,
            "开放数据",
            None,
            COLUMN,
            depends=DEPENDS,
            column_type="文章页",
            # The county's name is a content value: the page is sanitised like a clerk's.
            markdown=page.markdown(catalogue, sizes, digests),
        ),
        *files,
        *bulletin_files(catalogue),
    ]
    return planned

"""Which open-data files the site has: ``/open-data/`` (the page that explains them), the
export under ``/open-data/v<major>/`` and one .xlsx beside every 通报 page.

:func:`export_files` is also what ``python -m site_plugins export`` writes, so the
export of a county can be made from its content without building its site.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import partial

from site_plugins import routes
from site_plugins.bulletins import report
from site_plugins.bulletins.plans import period_depends
from site_plugins.bulletins.views import period_url
from site_plugins.content.catalogue import Catalogue, Period
from site_plugins.offload import Made
from site_plugins.open_data import formats, page
from site_plugins.open_data.bulletin_book import bulletin_workbook
from site_plugins.open_data.memo import ExportMemo
from site_plugins.open_data.tables import (
    MAJOR,
    TABLES,
    county_record,
    report_keys,
)
from site_plugins.plans import Planned, PlannedFile, PlannedPage

COLUMN = "开放数据"
DEPENDS = frozenset({"activities", "honorees", "stations", "themes", "county", "plans"})

DATA = "data.json"
SCHEMA = "schema.json"
WORKBOOK = "data.xlsx"


def csv_name(table: str) -> str:
    return f"{table}.csv"


def export_files(
    catalogue: Catalogue, site_url: str, memo: ExportMemo | None = None
) -> list[PlannedFile]:
    """The versioned export: data.json, schema.json, one CSV per table, data.xlsx, made
    now. ``memo``: as for :func:`export_makers`."""
    return [
        PlannedFile(f.path, f.make() if f.make is not None else f.text, depends=f.depends)
        for f in export_makers(catalogue, site_url, memo)
    ]


def export_makers(
    catalogue: Catalogue, site_url: str, memo: ExportMemo | None = None
) -> list[PlannedFile]:
    """The files of :func:`export_files`, each made when it is written (in a build, by
    the second process beside the pages: site_plugins.offload). The tables are read from
    the catalogue once, by whichever file is made first, through ``memo`` (a serve
    session's, which keeps what did not change since its last export) or, without one,
    a memo of this export's own (the same code, so the same bytes)."""
    memo = memo or ExportMemo()
    tables = functools.cache(partial(memo.serialised, catalogue))

    def data() -> bytes:
        return formats.data_json(county_record(catalogue, site_url), tables())

    def table(index: int) -> bytes:
        return formats.csv_text(tables()[index])

    def schema() -> str:
        return formats.to_json(formats.json_schema())

    def book() -> bytes:
        return formats.export_workbook(catalogue, tables(), memo.chunks)

    made: list[tuple[str, Callable[[], str | bytes]]] = [(DATA, data), (SCHEMA, schema)]
    made += [(csv_name(t.name), partial(table, index)) for index, t in enumerate(TABLES)]
    made.append((WORKBOOK, book))
    return [
        PlannedFile(
            routes.open_data_file(MAJOR, name), make=make, depends=DEPENDS, checksummed=True
        )
        for name, make in made
    ]


def bulletin_files(catalogue: Catalogue) -> list[PlannedFile]:
    """Each 通报's workbook, at :func:`workbook_of` (the page links it), made when it is
    written; it shows what its 通报 page shows, so it has the page's dependencies (an
    activity's title is in neither: editing one leaves them as they were)."""
    files = []
    for period, township in report_keys(catalogue):
        make = partial(_bulletin_book, catalogue, period, township)
        depends = period_depends(period, township)
        files.append(PlannedFile(workbook_of(period, township), make=make, depends=depends))
    return files


def _bulletin_book(catalogue: Catalogue, period: Period, township: str | None) -> bytes:
    # Its own report only (kept on the catalogue for its page): a rebuild makes few.
    return bulletin_workbook(catalogue, report.period_report(catalogue, period, township))


def workbook_of(period: Period, township: str | None) -> str:
    return routes.bulletin_workbook(period_url(period, township), period.key, township)


def plan(
    catalogue: Catalogue,
    site_url: str,
    made: Callable[[str], Made],
    export: list[PlannedFile] | None = None,
) -> list[Planned]:
    """The page, the export and the workbooks. ``made``: a made file's size and checksum
    (``PlannedSite.made``), which the page shows. ``export``: the export's files if made
    already (:func:`export_files`), else they are made when written."""
    files = export if export is not None else export_makers(catalogue, site_url)
    # The export is made beside the page rendering (site_plugins.offload): the page is
    # drawn with a token for each size and checksum, and they are filled in as it is
    # written, by when the files are long made.
    sizes = {f.path: f"WmOpenDataSize{n}Z" for n, f in enumerate(files)}
    digests = {f.path: f"WmOpenDataSha{n}Z" for n, f in enumerate(files)}

    def fill(html: str) -> str:
        for path, token in sizes.items():
            found = made(path)
            html = html.replace(token, page.size_text(found.size))
            html = html.replace(digests[path], found.sha256[:16])
        return html

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
            fill=fill,
        ),
        *files,
        *bulletin_files(catalogue),
    ]
    return planned

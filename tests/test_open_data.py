"""The open-data export (/open-data/v1/) and each 通报's workbook.

The export is made from the demo's catalogue without a build (pure, about a second);
the built demo (the shared ``demo_site``) is only read to see that the files and the
links are published.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from conftest import REPO, SOURCE_DATE_EPOCH

from site_plugins import routes
from site_plugins.bulletins import report
from site_plugins.city.exports import CountyEntry, load_export
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.catalogue import Period
from site_plugins.open_data import formats, plans, xlsx
from site_plugins.open_data.bulletin_book import bulletin_workbook
from site_plugins.open_data.tables import MAJOR, TABLES, reports
from site_plugins.service import people

SITE_URL = "https://wmsj.example.gov.cn/"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "content", SOURCE_DATE_EPOCH)


@pytest.fixture(scope="module")
def files(catalogue: Catalogue) -> dict[str, bytes]:
    found = {}
    for f in plans.export_files(catalogue, SITE_URL):
        found[f.path.rsplit("/", 1)[-1]] = (
            f.text if isinstance(f.text, bytes) else (f.text or "").encode("utf-8")
        )
    return found


def test_same_catalogue_same_bytes(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    again = load_catalogue(REPO / "content", SOURCE_DATE_EPOCH)
    second = {f.path: f.text for f in plans.export_files(again, SITE_URL)}
    assert {p.rsplit("/", 1)[-1]: t for p, t in second.items()} == {
        n: (b if n != "schema.json" else b.decode("utf-8")) for n, b in files.items()
    }
    found = reports(catalogue)[0]
    assert bulletin_workbook(catalogue, found) == bulletin_workbook(again, found)


def test_json_validates_against_its_schema_and_holds_every_table(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    doc = json.loads(files["data.json"])
    schema = json.loads(files["schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    assert doc["schema_version"].startswith(f"{MAJOR}.")
    assert doc["county"]["site_url"] == SITE_URL
    assert len(doc["tables"]["stations"]) == len(catalogue.stations)
    assert len(doc["tables"]["activities"]) == len(catalogue.activities)
    assert len(doc["tables"]["plans"]) == len(catalogue.plans)
    assert len(doc["tables"]["honorees"]) == len(catalogue.honorees)
    # No bodies, no birth years: what the public pages do not show is not exported.
    assert "body" not in doc["tables"]["activities"][0]
    assert "birth_year" not in doc["tables"]["honorees"][0]
    # A row the schema must refuse: the schema is not vacuous.
    doc["tables"]["stations"][0]["activities"] = "很多"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_figures_are_the_bulletins_own(catalogue: Catalogue, files: dict[str, bytes]) -> None:
    rows = json.loads(files["data.json"])["tables"]["figures"]
    june = next(r for r in rows if r["period"] == "2026-06" and r["township"] == "")
    page = report.monthly_report(catalogue, 2026, 6)
    assert june["activities"] == page.figures.activities > 0
    assert june["active"] == page.figures.active
    assert june["beneficiaries"] == page.figures.beneficiaries
    assert june["honorees"] == len(page.honorees)
    assert june["inactive"] == len(page.inactive)
    q2 = next(r for r in rows if r["period"] == "2026-Q2" and r["township"] == "liuhe")
    assert (
        q2["activities"]
        == report.period_report(catalogue, Period(2026, quarter=2), "liuhe").figures.activities
    )
    towns = [r for r in rows if r["period"] == "2026-06" and r["township"]]
    assert sum(r["activities"] for r in towns) == june["activities"]


def test_every_period_has_the_county_and_each_township(catalogue: Catalogue) -> None:
    found = reports(catalogue)
    periods = {r.period for r in found}
    slugs = [None, *(t.slug for t in catalogue.townships)]
    assert len(periods) > 12
    assert sorted((str(r.period), str(r.township)) for r in found) == sorted(
        (str(p), str(s)) for p in periods for s in slugs
    )


def test_csv_and_workbook_parse_with_standard_tools(files: dict[str, bytes]) -> None:
    doc = json.loads(files["data.json"])
    for table in TABLES:
        text = files[f"{table.name}.csv"].decode("utf-8-sig")
        parsed = list(csv.DictReader(io.StringIO(text)))
        assert len(parsed) == len(doc["tables"][table.name]), table.name
        assert list(parsed[0]) == [c.key for c in table.columns]
    book = openpyxl.load_workbook(io.BytesIO(files["data.xlsx"]), read_only=True)
    assert book.sheetnames == [*(t.title for t in TABLES), "说明"]
    sheet = book["实践站"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "实践站（乡镇/村代码）"
    assert len(values) - 1 == len(doc["tables"]["stations"])
    assert values[1][0] == doc["tables"]["stations"][0]["station"]


def test_bulletin_workbook_has_the_pages_numbers(catalogue: Catalogue) -> None:
    found = report.monthly_report(catalogue, 2026, 6)
    book = openpyxl.load_workbook(io.BytesIO(bulletin_workbook(catalogue, found)))
    summary = {row[0]: row[1] for row in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert summary["活动次数"] == found.figures.activities
    assert summary["期别"] == "2026-06"
    stations = list(book["各实践站"].iter_rows(min_row=2, values_only=True))
    assert len(stations) == len(found.stations)
    assert "各乡镇" in book.sheetnames


def test_a_formula_in_content_stays_text() -> None:
    sheet: formats.Sheet = ("表", ["标题"], [('=HYPERLINK("http://x")',)])
    book = openpyxl.load_workbook(io.BytesIO(formats.workbook([sheet], "t", dt.date(2026, 1, 1))))
    cell = book["表"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


DAY = dt.date(2026, 6, 30)


def _tricky_book() -> bytes:
    rows = [
        (" 前后有空格 ", 3, True, None, "a&b<c>"),
        ("第一行\n第二行", 2.5, False, "E列", None),
    ]
    return xlsx.workbook([("活动", ["标题", "人数", "公开", "空", "备注"], rows)], "题<目>", DAY)


def test_our_workbook_reads_back_as_written_with_a_bold_frozen_header() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_tricky_book()))
    sheet = book["活动"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["标题", "人数", "公开", "空", "备注"],
        [" 前后有空格 ", 3, True, None, "a&b<c>"],
        ["第一行\n第二行", 2.5, False, "E列", None],
    ]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet["C2"].data_type == "b" and sheet["B3"].data_type == "n"
    assert book.properties.title == "题<目>"
    assert book.properties.created == dt.datetime(2026, 6, 30)


def test_our_workbook_repeats_its_bytes_and_dates_its_zip_entries_fixed() -> None:
    data = _tricky_book()
    assert data == _tricky_book()
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "xl/worksheets/sheet1.xml" in book.namelist()


def test_our_workbook_escapes_what_xml_cannot_hold_the_way_excel_reads_it() -> None:
    # Control characters become Excel's _xHHHH_; text that already looks like one is
    # escaped itself (_x005F_ is "_"), so Excel shows it as typed.
    sheet = xlsx.worksheet(["h"], [("响\x07铃",), ("_x0041_",)], selected=True)
    assert "响_x0007_铃" in sheet and "\x07" not in sheet
    assert "<t>_x005F_x0041_</t>" in sheet


def test_columns_past_z_are_named_as_excel_names_them() -> None:
    names = xlsx._letters(703)
    assert (names[0], names[25], names[26], names[51], names[701], names[702]) == (
        "A",
        "Z",
        "AA",
        "AZ",
        "ZZ",
        "AAA",
    )


def test_the_built_demo_publishes_the_export_and_links_each_bulletins_workbook(
    demo_site: Path, files: dict[str, bytes]
) -> None:
    folder = demo_site / routes.open_data_file(MAJOR, "")
    assert (folder / "data.json").read_bytes() == files["data.json"]
    assert (folder / "data.xlsx").read_bytes() == files["data.xlsx"]
    page = (demo_site / routes.OPEN_DATA / "index.html").read_text(encoding="utf-8")
    assert "开放数据" in page and 'href="v1/data.json"' in page and "stations.csv" in page
    bulletin = (demo_site / routes.bulletin((2026, 6)) / "index.html").read_text("utf-8")
    assert 'href="tongbao-2026-06.xlsx"' in bulletin and "下载本通报（Excel）" in bulletin
    workbook = demo_site / routes.bulletin((2026, 6)) / "tongbao-2026-06.xlsx"
    assert openpyxl.load_workbook(workbook)["概况"]["A1"].value == "项目"
    township = demo_site / routes.bulletin((2026, 6), "liuhe") / "tongbao-2026-06-liuhe.xlsx"
    assert township.is_file()


def test_the_open_data_page_shows_the_checksums_of_the_files_beside_it(
    demo_site: Path,
) -> None:
    # The files are written by the build's second process (site_plugins.offload) while
    # the page is drawn from the checksums it reports.
    folder = demo_site / routes.open_data_file(MAJOR, "")
    page = (demo_site / routes.OPEN_DATA / "index.html").read_text(encoding="utf-8")
    names = ["data.json", "schema.json", "data.xlsx", *(f"{t.name}.csv" for t in TABLES)]
    for name in names:
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert f"<code>{digest[:16]}…</code>" in page, name


def test_export_made_one_file_at_a_time_is_the_export_made_at_once(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    # The makers share the tables read from the catalogue; whichever file comes first.
    makers = plans.export_makers(catalogue, SITE_URL)
    for planned in reversed(makers):
        assert planned.make is not None and planned.checksummed
        made = planned.make()
        name = planned.path.rsplit("/", 1)[-1]
        assert (made if isinstance(made, bytes) else made.encode("utf-8")) == files[name]
    assert len(makers) == len(files)


def test_menus_and_orders_are_exported_without_people(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    doc = json.loads(files["data.json"])
    assert doc["schema_version"] == "1.1"  # two tables added to 1.0: a minor version
    service = catalogue.service
    assert service is not None and service.menu_items and service.orders
    items, orders = doc["tables"]["menu_items"], doc["tables"]["orders"]
    assert len(items) == len(service.menu_items) and len(orders) == len(service.orders)
    # An order names a group, never a person; residents' own words and bodies stay out.
    assert all(people.person_in(row["group"]) is None for row in orders)
    assert not {"comment", "body"} & {key for row in orders for key in row}
    reviewed = [o for o in service.orders if o.review is not None]
    assert sum(row["satisfied"] or 0 for row in orders) == sum(
        o.review.satisfied or 0 for o in reviewed if o.review
    )
    csv_rows = list(csv.DictReader(io.StringIO(files["orders.csv"].decode("utf-8-sig"))))
    assert [r["slug"] for r in csv_rows] == [row["slug"] for row in orders]


def test_exported_menu_and_order_addresses_are_on_the_built_pages(
    demo_site: Path, files: dict[str, bytes]
) -> None:
    tables = json.loads(files["data.json"])["tables"]
    for row in [*tables["menu_items"], *tables["orders"]]:
        page, _, anchor = row["url"].partition("#")
        html = (demo_site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, row["url"]


def test_the_city_still_reads_a_county_on_the_previous_minor_version(
    files: dict[str, bytes], tmp_path: Path
) -> None:
    entry = CountyEntry(slug="old", name="旧县", site_url="https://old.example.gov.cn/")
    for version, readable in (("1.0", True), ("2.0", False)):
        doc = json.loads(files["data.json"])
        doc["schema_version"] = version
        del doc["tables"]["menu_items"], doc["tables"]["orders"]  # what 1.0 had not
        (tmp_path / "data.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        assert load_export(tmp_path, entry).has_data is readable, version


def test_files_joined_from_rows_equal_the_whole_documents_written_at_once(
    catalogue: Catalogue, files: dict[str, bytes]
) -> None:
    # The export is joined from each row's own texts (formats.row_forms, which a serve
    # session keeps); here the same tables are written whole by the standard modules.
    rows = {
        t.name: [dict(zip([c.key for c in t.columns], r, strict=True)) for r in t.rows(catalogue)]
        for t in TABLES
    }
    county = json.loads(files["data.json"])["county"]
    doc = {
        "schema_version": json.loads(files["data.json"])["schema_version"],
        "county": county,
        "tables": rows,
    }
    whole = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert files["data.json"].decode("utf-8") == whole
    for t in TABLES:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.key for c in t.columns])
        for row in rows[t.name]:
            writer.writerow(
                [
                    "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
                    for v in row.values()
                ]
            )
        assert files[f"{t.name}.csv"].decode("utf-8") == "\ufeff" + out.getvalue(), t.name
    sheets: list[xlsx.Sheet] = [
        (t.title, [c.title for c in t.columns], [list(r.values()) for r in rows[t.name]])
        for t in TABLES
    ]
    about: xlsx.Sheet = (
        "说明",
        ["表", "列", "列名（JSON、CSV）", "类型"],
        [[t.title, c.title, c.key, c.kind] for t in TABLES for c in t.columns],
    )
    title = f"{catalogue.county.meta.name}新时代文明实践开放数据"
    whole = xlsx.workbook([*sheets, about], title, catalogue.reference_date)
    # The same entries (the export's are deflated in pieces: xlsx.Chunks).
    assert unzipped(files["data.xlsx"]) == unzipped(whole)


def unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None  # every entry's CRC-32 holds
        return {info.filename: book.read(info) for info in book.infolist()}


def test_a_workbook_deflated_in_pieces_reads_back_and_repeats() -> None:
    rows = [(f"活动{n}", n, n % 2 == 0, None, n / 2) for n in range(2500)]
    forms = [xlsx.row_template(row, 5).encode() for row in rows]
    chunks = xlsx.Chunks(rows=1000)
    day = dt.date(2026, 6, 1)

    def book(parts: list[bytes], keep: xlsx.Chunks) -> bytes:
        keep.begin()
        head = (xlsx.sheet_head(True) + xlsx.header_row(list("ABCDE"))).encode()
        pieces = [head, *keep.rows("s", parts), xlsx.SHEET_TAIL.encode()]
        return xlsx.package([("表", pieces)], "t", day, keep)

    first = book(forms, chunks)
    sheet = unzipped(first)["xl/worksheets/sheet1.xml"].decode()
    assert sheet == xlsx.worksheet(list("ABCDE"), rows, True)
    values = list(openpyxl.load_workbook(io.BytesIO(first))["表"].iter_rows(values_only=True))
    assert values[1] == ("活动0", 0, True, None, 0.0) and len(values) == 2501
    # One row changed, one added at the top: what is kept gives a fresh workbook's bytes.
    forms[1500] = xlsx.row_template(("改", 1, False, "x", 0.5), 5).encode()
    assert book(forms, chunks) == book(forms, xlsx.Chunks(rows=1000)) != first
    forms.insert(0, xlsx.row_template(("新", 1, False, None, 1.5), 5).encode())
    again = book(forms, chunks)
    assert again == book(forms, xlsx.Chunks(rows=1000))
    assert len(list(openpyxl.load_workbook(io.BytesIO(again))["表"].iter_rows())) == 2502

"""The open-data export made through a serve session's memo (site_plugins.open_data.memo).

A county is loaded the way ``mkdocs serve --dirty`` loads it (one loader memo, so
unchanged entries are the same records from one load to the next), edited step by step,
and after each step the export made through the session's memo must equal, byte for
byte, the export a full build makes of the same content. No build: about a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SOURCE_DATE_EPOCH, STATION_DIR, make_county, write_content
from test_honor_roll_index import honoree_md
from test_hubs import activity
from test_incremental import OTHER, OTHER_STATION_YML

from site_plugins.bulletins import report
from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.catalogue import Period
from site_plugins.content.loader import EntryMemo
from site_plugins.open_data import plans
from site_plugins.open_data.memo import ExportMemo

SITE_URL = "https://wmsj.example.gov.cn/"
ACTIVITIES = f"{STATION_DIR}/activities"
PLAN = "---\ntitle: 义诊预告\ndate: 2026-03-28\nlocation: 村卫生室\ncategory: 文化文艺\n---\n\n量血压。\n"

BASE: dict[str, str | bytes] = {
    "stations/liuhe/township.yml": "name: 柳河镇\n",
    f"{OTHER}/station.yml": OTHER_STATION_YML,
    f"{ACTIVITIES}/2026-02-10-shufa.md": activity("书法进乡村", "2026-02-10"),
    f"{ACTIVITIES}/2026-03-09-xiqu.md": activity("戏曲下乡", "2026-03-09"),
    f"{ACTIVITIES}/2026-04-01-yizhen.md": activity("义诊", "2026-04-01"),
    f"{OTHER}/activities/2026-03-05-jiangzuo.md": activity("防诈骗讲座", "2026-03-05"),
    f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰"),
}

XIQU = f"{ACTIVITIES}/2026-03-09-xiqu.md"
# Each step edits the county left by the steps before it.
EDITS: list[tuple[str, dict[str, str | None]]] = [
    ("title", {XIQU: activity("戏曲进万家", "2026-03-09")}),
    ("counted", {XIQU: activity("戏曲进万家", "2026-03-09", beneficiaries=120)}),
    ("added", {f"{ACTIVITIES}/2026-03-20-new.md": activity("新活动", "2026-03-20")}),
    ("moved month", {XIQU: activity("戏曲进万家", "2026-05-09", beneficiaries=120)}),
    (
        "other township",
        {f"{OTHER}/activities/2026-03-05-jiangzuo.md": activity("讲座", "2026-03-05")},
    ),
    ("deleted", {f"{ACTIVITIES}/2026-03-20-new.md": None}),
    ("plan", {f"{STATION_DIR}/plans/2026-03-28-yizhen.md": PLAN}),
    ("honoree", {f"{STATION_DIR}/honorees/wang-lan.md": honoree_md("王兰英")}),
]


def export(catalogue: Catalogue, memo: ExportMemo | None = None) -> dict[str, str | bytes | None]:
    return {f.path: f.text for f in plans.export_files(catalogue, SITE_URL, memo)}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_county(tmp_path, BASE) / "content"


def test_export_through_the_memo_equals_a_full_builds_after_each_edit(content: Path) -> None:
    loads, memo = EntryMemo(), ExportMemo()
    before = export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    assert before == export(load_catalogue(content, SOURCE_DATE_EPOCH))
    for step, edits in EDITS:
        for rel, text in edits.items():
            write_content(content, rel, text)
        kept = export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
        fresh = export(load_catalogue(content, SOURCE_DATE_EPOCH))
        assert kept == fresh, step
        assert kept != before, step  # every step changes the export
        before = kept


def test_figures_change_with_what_they_count(content: Path) -> None:
    loads, memo = EntryMemo(), ExportMemo()
    figures = "open-data/v1/figures.csv"
    first = export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
    titled = export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    assert titled[figures] == first[figures]
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09", beneficiaries=120))
    counted = export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    assert counted[figures] != titled[figures]
    assert counted == export(load_catalogue(content, SOURCE_DATE_EPOCH))


def test_only_the_bulletins_that_count_an_edit_are_made_again(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads, memo = EntryMemo(), ExportMemo()
    export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    made: list[tuple[str, str | None]] = []
    fresh = report.period_report

    def counting(
        catalogue: Catalogue, period: Period, township: str | None = None
    ) -> report.Report:
        made.append((period.key, township))
        return fresh(catalogue, period, township)

    monkeypatch.setattr(report, "period_report", counting)
    # A title is not counted: every 通报's figures are kept.
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09"))
    export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    assert made == []
    # March's people count in March, Q1 and 2026 (and in the periods that compare with
    # them), for the county and qingshi: not in liuhe's, nor in January's.
    write_content(content, XIQU, activity("戏曲进万家", "2026-03-09", beneficiaries=120))
    export(load_catalogue(content, SOURCE_DATE_EPOCH, loads), memo)
    assert ("2026-03", None) in made
    assert ("2026-03", "qingshi") in made
    assert ("2026-Q1", None) in made
    assert ("2026", "qingshi") in made
    assert not any(township == "liuhe" for _, township in made)
    assert ("2026-01", None) not in made
    # May compares with April only, whose figures carry March's in a column not exported.
    assert ("2026-04", None) in made
    assert ("2026-05", None) not in made

"""Menus and orders in the serve session's memo (``site_plugins.service.loading._reused``):
an unchanged file is replayed, records and problems, only while what it was checked
against is the same; every load equals a fresh one. Pure loads of small counties."""

from __future__ import annotations

from pathlib import Path

import pytest
import service_cases
from conftest import SOURCE_DATE_EPOCH, make_county, write_content
from test_loader_memo import loads_alike

from site_plugins.content import Catalogue, load_catalogue
from site_plugins.content.load_state import EntryMemo

# A second order of the station, unchanged throughout: it names the menu item but no
# activity.
OTHER_ORDER = service_cases.STATION + "orders/2026-06-09-other.md"
OTHER = (
    service_cases.GOOD_ORDER.replace("date: 2026-06-10", "date: 2026-06-09")
    .replace("served: {activity: 2026-06-19-yizhen}\n", "")
    .replace("review: {satisfied: 20, basic: 2, unsatisfied: 1, date: 2026-06-20}\n", "")
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    files = service_cases.files()
    files[OTHER_ORDER] = OTHER
    return make_county(tmp_path, files) / "content"


def codes(catalogue: Catalogue) -> set[str]:
    return {p.code for p in catalogue.problems}


def test_unchanged_menus_and_orders_are_replayed(content: Path) -> None:
    memo = EntryMemo()
    first = loads_alike(content, memo)
    assert len(first.service.orders) == 2 and len(first.service.menu_items) == 1
    again = loads_alike(content, memo)
    assert again.service.menu_items[0] is first.service.menu_items[0]
    assert all(a is b for a, b in zip(again.service.orders, first.service.orders, strict=True))


def test_what_an_order_names_is_followed(content: Path) -> None:
    memo = EntryMemo()
    first = loads_alike(content, memo)
    # the served activity edited: the order that names it is checked again, not the other
    served = service_cases.GOOD_ACTIVITY.replace("防诈骗讲座进村", "反诈讲座进村")
    write_content(content, service_cases.ACTIVITY, served)
    edited = loads_alike(content, memo)
    by_slug = {o.slug: o for o in edited.service.orders}
    assert by_slug["2026-06-10-yizhen"].activity is not None
    assert by_slug["2026-06-10-yizhen"].activity.meta.title == "反诈讲座进村"
    assert (
        by_slug["2026-06-09-other"] is {o.slug: o for o in first.service.orders}["2026-06-09-other"]
    )
    # the menu item edited, then gone: both orders follow
    menu = service_cases.GOOD_MENU.replace("防电信诈骗讲座", "防网络诈骗讲座")
    write_content(content, service_cases.MENU, menu)
    renamed = loads_alike(content, memo)
    titles = [o.menu_item.meta.title if o.menu_item else None for o in renamed.service.orders]
    assert titles == ["防网络诈骗讲座", "防网络诈骗讲座"]
    write_content(content, service_cases.MENU, None)
    assert "UNKNOWN_MENU" in codes(loads_alike(content, memo))
    # the served activity deleted: the unchanged order's problem appears
    assert "UNKNOWN_ACTIVITY" not in codes(loads_alike(content, memo))
    write_content(content, service_cases.ACTIVITY, None)
    assert "UNKNOWN_ACTIVITY" in codes(loads_alike(content, memo))


def test_an_order_follows_its_units_and_teams(content: Path) -> None:
    memo = EntryMemo()
    loads_alike(content, memo)
    station = content / service_cases.STATION / "station.yml"
    text = station.read_text("utf-8")
    start = text.index("  - id: culture")
    station.write_text(text[:start] + text[text.index("  - id: theory") :], encoding="utf-8")
    assert "UNKNOWN_TEAM" in codes(loads_alike(content, memo))
    station.write_text(text.replace("name:", "name: [", 1), encoding="utf-8")  # broken
    broken = loads_alike(content, memo)
    assert not broken.service.orders  # the station did not load: its orders wait
    station.write_text(text, encoding="utf-8")
    assert len(loads_alike(content, memo).service.orders) == 2


def test_problems_of_an_unchanged_order_are_reported_every_time(tmp_path: Path) -> None:
    files = service_cases.files(order=service_cases.order("group: 二组群众", "group: 村民赵大爷"))
    content = make_county(tmp_path, files) / "content"
    memo = EntryMemo()
    for _ in range(3):
        assert "PERSON_NAME" in codes(loads_alike(content, memo))
    assert load_catalogue(content, SOURCE_DATE_EPOCH, memo).errors

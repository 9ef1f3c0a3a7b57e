"""site_plugins.memory freezes the loaded catalogue out of the cycle collector's sight.

That is only safe while a catalogue holds no reference cycles: a frozen cycle is never
collected, and ``mkdocs serve`` loads a new catalogue on every rebuild. These tests check
the premise on the demo county, with every derived index and report the build asks for.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from site_plugins import memory
from site_plugins.bulletins.report import period_report
from site_plugins.content import load_catalogue
from site_plugins.content.catalogue import Period

CONTENT = Path(__file__).resolve().parent.parent / "content"


def _ours(objects: list[object]) -> list[object]:
    """The objects of our own types (other garbage may come from pytest's threads)."""
    return [o for o in objects if type(o).__module__.startswith("site_plugins")]


def _dropped_garbage(make: object) -> list[object]:
    """Our objects left as cyclic garbage after ``make()``'s result is dropped."""
    assert callable(make)
    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)  # unreachable objects go to gc.garbage, uncollected
    try:
        made = make()
        gc.collect()  # the loading's own temporary cycles, if any
        gc.garbage.clear()
        del made
        gc.collect()
        return _ours(list(gc.garbage))
    finally:
        gc.garbage.clear()
        gc.set_debug(flags)


def _loaded_and_used() -> object:
    catalogue = load_catalogue(CONTENT, "1796486400")
    # What a build derives and keeps on the catalogue: indexes and 通报 reports.
    for station in catalogue.stations:
        catalogue.station_activities(station.key)
    for period in (Period(2026, month=6), Period(2026, quarter=2), Period(2026)):
        period_report(catalogue, period)
        period_report(catalogue, period, catalogue.townships[0].key)
    return catalogue


def test_a_dropped_catalogue_leaves_no_cyclic_garbage() -> None:
    assert _dropped_garbage(_loaded_and_used) == []


def test_the_check_sees_a_cycle() -> None:
    """The check above can fail: a record that points back at itself is found."""

    def cyclic() -> object:
        catalogue = _loaded_and_used()
        holder: list[object] = [catalogue]
        holder.append(holder)
        return holder

    assert any(type(o).__name__ == "Catalogue" for o in _dropped_garbage(cyclic))


def test_a_rebuild_pauses_the_collector_until_it_ends() -> None:
    try:
        memory.before_loading(pause=True)
        assert not gc.isenabled()
        memory.after_loading(pause=True)
        assert gc.get_freeze_count() > 0
        assert not gc.isenabled()
        memory.after_build()
        assert gc.isenabled()
        memory.before_loading(pause=True)
        memory.after_loading(pause=False)  # a full build after all: the collector runs
        assert gc.isenabled()
        garbage: list[list[object]] = [[]]
        garbage[0].append(garbage)  # a cycle made after the freeze
        del garbage
        memory.before_loading(pause=False)
        assert gc.get_count()[0] == 0  # a full collection ran
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_rebuild_leaves_its_collection_until_its_pages_are_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(memory, "LATER", 3600.0)  # the test runs the timer's work itself
    try:
        memory.before_loading(pause=True)
        memory.after_loading(pause=True)
        timer = memory.after_build(later=True)
        assert timer is not None
        timer.cancel()
        assert not gc.isenabled()  # the rebuild's end does not walk its objects
        ended = memory.builds()
        memory.before_loading(pause=True)  # the next edit came first
        memory.collect_after(ended)
        assert not gc.isenabled()  # that build's own pause stands
        memory.after_loading(pause=True)
        timer = memory.after_build(later=True)
        assert timer is not None
        timer.cancel()
        garbage: list[list[object]] = [[]]
        garbage[0].append(garbage)
        del garbage
        memory.collect_after(memory.builds())
        assert gc.isenabled()
        assert gc.get_count()[0] == 0  # collected
        assert memory.after_build() is None and gc.isenabled()  # a full build: at once
    finally:
        gc.unfreeze()
        gc.enable()

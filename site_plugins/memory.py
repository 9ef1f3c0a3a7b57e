"""Keeping Python's cycle collector off the loaded county.

A county at budget scale is about a gigabyte of small objects (records, their YAML, the
derived indexes: 1.7 million tracked objects after loading), all alive until the build
ends. Python's cycle collector walks every tracked object on each full collection (4–6 s
each at that size on this machine), and a build that allocates as much as ours runs many:
they took 12 s of a full build and 4–10 s of each ``mkdocs serve`` rebuild, spent
re-proving that the catalogue is still alive.

The catalogue holds no reference cycles (``tests/test_memory.py`` checks that a dropped
catalogue leaves no cyclic garbage), so once it is loaded it is moved out of the
collector's sight (``gc.freeze``): it is still freed by reference counting when the next
build replaces it. Before loading, one collection clears the cycles the previous build
left (MkDocs' pages and files, the template environment), so that none of them is frozen
with the new catalogue; the caller drops its own references to the previous build first,
so that the collection walks little.

A ``mkdocs serve`` rebuild also pauses the collector until it ends: it draws a few hundred
pages, whose cyclic garbage is small and is collected at the start of the next build,
while each automatic full collection would walk everything the build keeps (the page
plans, the open-data tables) again. A full build keeps the collector running: it draws
every page, and the cycles each leaves would add up.
"""

from __future__ import annotations

import gc


def before_loading(*, pause: bool) -> None:
    """Collect the previous build's cyclic garbage (in ``mkdocs serve``); objects frozen
    by earlier builds are not walked again. With ``pause`` (a serve rebuild), no other
    collection runs while loading: the loader makes few cycles, and a full collection
    would walk the memo of every file read (``content.file_reading``)."""
    gc.enable()
    gc.collect()
    if pause:
        gc.disable()


def after_loading(*, pause: bool) -> None:
    """Freeze what is alive now (the loaded catalogue and the serve session's memos);
    with ``pause``, no collection runs until :func:`after_build`."""
    gc.freeze()
    if pause:
        gc.disable()
    else:
        gc.enable()


def after_build() -> None:
    """The build ended (or failed): the collector runs again."""
    gc.enable()

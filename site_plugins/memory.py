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

When a rebuild ends, the first collection walks every object the rebuild made (a
quarter of a second at budget scale), so it is left until the rebuild's pages are
served: a timer collects a moment later, unless the next build has begun by then (its
own collection before loading does the same work).
"""

from __future__ import annotations

import gc
import threading

# Seconds after a rebuild ends before its objects are collected: by then mkdocs serve
# has told the browsers to reload.
LATER = 1.0


class _Begun:
    """Builds begun in this process: a collection left for later is for the build it
    followed, and a build begun since has collected already."""

    lock = threading.Lock()
    builds = 0


def before_loading(*, pause: bool) -> None:
    """Collect the previous build's cyclic garbage (in ``mkdocs serve``); objects frozen
    by earlier builds are not walked again. With ``pause`` (a serve rebuild), no other
    collection runs while loading: the loader makes few cycles, and a full collection
    would walk the memo of every file read (``content.file_reading``)."""
    with _Begun.lock:
        _Begun.builds += 1
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


def after_build(*, later: bool = False) -> threading.Timer | None:
    """The build ended (or failed): the collector runs again; with ``later`` (a rebuild
    that ended well), only :data:`LATER` seconds from now, if no build has begun since
    (the timer that will do it)."""
    if not later:
        gc.enable()
        return None
    timer = threading.Timer(LATER, collect_after, args=(_Begun.builds,))
    timer.daemon = True  # never keeps mkdocs serve from stopping
    timer.start()
    return timer


def collect_after(build: int) -> None:
    """What the timer of :func:`after_build` does: collect, and let the collector run
    again, if no build has begun since the ``build``-th."""
    with _Begun.lock:
        if build == _Begun.builds:  # otherwise the next build's own collection has run
            gc.enable()
            gc.collect()


def builds() -> int:
    """How many builds have begun loading in this process."""
    return _Begun.builds

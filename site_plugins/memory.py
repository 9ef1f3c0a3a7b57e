"""Keeping Python's cycle collector off the loaded county.

A county at budget scale is about a gigabyte of small objects (records, their YAML, the
derived indexes), all alive until the build ends. Python's cycle collector walks every
tracked object on each full collection, and a build that allocates as much as ours runs
many: at 700 stations they took 12 s of a 150 s build and 4–10 s of each ``mkdocs serve``
rebuild, spent re-proving that the catalogue is still alive.

The catalogue holds no reference cycles (``tests/test_memory.py`` checks that a dropped
catalogue leaves no cyclic garbage), so once it is loaded it is moved out of the
collector's sight (``gc.freeze``): it is still freed by reference counting when the next
build replaces it. Before loading, one collection clears the cycles the previous build
left (MkDocs' pages and files, the template environment), so that none of them is frozen
with it.
"""

from __future__ import annotations

import gc


def before_loading() -> None:
    """Collect the previous build's cyclic garbage (in ``mkdocs serve``); objects frozen
    by earlier builds are not walked again."""
    gc.collect()


def after_loading() -> None:
    """Freeze what is alive now (the loaded catalogue and the serve session's memos)."""
    gc.freeze()

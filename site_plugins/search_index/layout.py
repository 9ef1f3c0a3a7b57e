"""Document ids that an edit, a new page or a deleted one leaves in place (mkdocs serve).

Results are ranked by doc id within a tier: entries before sections before the guide and
bulletins (rank class), in each undated pages first (by url), then dated ones newest first
(by url within a day). Numbered 0, 1, 2 … in that order, one page more on some day would
renumber every older page, change nearly every posting list and so every term file.

So ids keep that order but leave room. Each class has a region for its undated pages,
``folder_width`` ids for each folder (``stations/<township>/<village>/``: a station's
page, honorees, menu items), and then ``day_width`` ids for each calendar day, counted
back from ``LAST_DAY`` (newer dates share the first day, dates more than ``DAYS`` days
older the last one). A page's id is its slot's first id plus its rank in the slot. A page
added, removed or edited moves only the pages of its own day or folder; only a new or
emptied folder, or a slot outgrowing its room, changes the ``Layout`` and moves every id.
Both widths are multiples of the document files' ``chunk``, so a file
``d/<id // chunk>.json`` never mixes two slots and the reader's side (search.js) needs
nothing but the ids.

The price: between two days a posting's gap takes two bytes, not one, on terms found
on most days (the index grows by about a tenth on the quarter-scale county); the ids'
order, and so every ranking, is unchanged.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from site_plugins.search_index.extract import PageText

ENTRY_COLUMNS = frozenset({"活动", "好人", "实践站", "实践所", "中心", "菜单"})
LOW_COLUMNS = frozenset({"投稿指南", "月度通报"})
CLASSES = 3
LAST_DAY = datetime.date(2100, 1, 1).toordinal()
DAYS = 1 << 16  # slots per class: 1920 … 2100 each have their own
MIN_DAY_WIDTH = 256  # room for 256 pages a day before all ids move
MIN_FOLDER_WIDTH = 16
FOLDER_DEPTH = 3  # stations/<township>/<village>/: a station's undated pages together

# (rank class, 0 and the folder of an undated page, or 1 + day slot and "")
Slot = tuple[int, int, str]


def rank_class(page: PageText) -> int:
    """0: entries (stations, townships, honorees, activities); 1: sections; 2: guide, bulletins."""
    return 0 if page.column in ENTRY_COLUMNS else 2 if page.column in LOW_COLUMNS else 1


def folder(url: str) -> str:
    """The url's first ``FOLDER_DEPTH`` parts: urls in order give folders in order."""
    parts = url.split("/", FOLDER_DEPTH)
    return "/".join(parts[:FOLDER_DEPTH]) + ("/" if len(parts) > FOLDER_DEPTH else "")


def slot(page: PageText) -> Slot:
    """Where ``page`` goes: its folder in its class's undated region, or its day's slot."""
    if not page.date:
        return (rank_class(page), 0, folder(page.url))
    back = LAST_DAY - datetime.date.fromisoformat(page.date).toordinal()
    return (rank_class(page), 1 + min(max(back, 0), DAYS - 1), "")


def in_order(pages: list[PageText]) -> None:
    """Sort one slot's pages: newest first (a clamped slot holds several days), then url."""
    pages.sort(key=_URL)
    pages.sort(key=_DATE, reverse=True)  # stable: the urls stay in order within a date


_URL = operator.attrgetter("url")
_DATE = operator.attrgetter("date")


def _room(count: int, chunk: int, least: int) -> int:
    """A power of two ≥ ``count`` and ``least``, rounded up to a multiple of ``chunk``."""
    size = least
    while size < count:
        size *= 2
    return -(-size // chunk) * chunk


@dataclass(frozen=True)
class Layout:
    """Where each slot's ids start (see the module's docstring)."""

    chunk: int
    day_width: int
    folder_width: int
    folders: tuple[tuple[str, ...], ...]  # per class: the folders of its undated pages

    @classmethod
    def of(cls, slots: Mapping[Slot, int], chunk: int) -> Layout:
        """The layout for slots holding ``slots[slot]`` pages each."""
        widest_day = max((n for (_, day, _), n in slots.items() if day), default=0)
        widest_folder = max((n for (_, day, _), n in slots.items() if not day), default=0)
        folders = tuple(
            tuple(sorted(f for (c, day, f) in slots if c == rank and not day))
            for rank in range(CLASSES)
        )
        return cls(
            chunk,
            _room(widest_day, chunk, MIN_DAY_WIDTH),
            _room(widest_folder, chunk, MIN_FOLDER_WIDTH),
            folders,
        )

    @functools.cached_property
    def _folder_numbers(self) -> list[dict[str, int]]:
        return [{f: n for n, f in enumerate(names)} for names in self.folders]

    def class_start(self, rank: int) -> int:
        return sum(
            len(self.folders[c]) * self.folder_width + DAYS * self.day_width for c in range(rank)
        )

    def start(self, where: Slot) -> int:
        """The first id of a slot."""
        rank, day, name = where
        first = self.class_start(rank)
        if not day:
            return first + self._folder_numbers[rank][name] * self.folder_width
        return first + len(self.folders[rank]) * self.folder_width + (day - 1) * self.day_width

    @property
    def low(self) -> int:
        """Ids from here on are guide and bulletin pages (ranked after entries)."""
        return self.class_start(2)

    @property
    def run(self) -> int:
        """Ids per run of a term's postings kept encoded apart (mkdocs serve): an edit
        re-encodes one run (two days) of each term it touches, not the whole list."""
        return 2 * self.day_width


def members(pages: Iterable[PageText]) -> dict[Slot, list[PageText]]:
    """Pages by slot, each slot in its order."""
    found: dict[Slot, list[PageText]] = {}
    for page in pages:
        found.setdefault(slot(page), []).append(page)
    for group in found.values():
        in_order(group)
    return found

"""Document ids that an edit, a new page or a deleted one leaves in place (mkdocs serve).

Results are ranked by doc id within a tier: entries before sections before the guide and
bulletins (rank class), in each undated pages first (by url), then dated ones newest first
(by url within a day). Numbered 0, 1, 2 … in that order, one page more on some day would
renumber every older page, change nearly every posting list and so every term file.

So ids keep that order but leave room: each class has a region of ``undated`` ids (a
power of two, at least the class's undated pages) and then one slot of ``day_width`` ids
per calendar day, counted back from ``LAST_DAY`` (newer dates share the first slot, dates
more than ``DAYS`` days older the last one). A page's id is its slot's first id plus its
rank in the slot. A page added, removed or edited moves only the pages of its own slot;
only when a slot or an undated region outgrows its room (``Layout`` changes) do all ids
move. ``day_width`` and the regions are multiples of the document files' ``chunk``, so a
file ``d/<id // chunk>.json`` never mixes two slots and the reader's side (search.js)
needs nothing but the ids.

Gaps between ids of consecutive days cost a posting a byte more than dense ids would, on
the few terms found on most days; the ids' order, and so every ranking, is unchanged.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from site_plugins.search_index.extract import PageText

ENTRY_COLUMNS = frozenset({"活动", "好人", "实践站", "实践所", "中心", "菜单"})
LOW_COLUMNS = frozenset({"投稿指南", "月度通报"})
CLASSES = 3
LAST_DAY = datetime.date(2100, 1, 1).toordinal()
DAYS = 1 << 16  # slots per class: 1920 … 2100 each have their own
MIN_DAY_WIDTH = 256  # room for 256 pages a day before all ids move

Slot = tuple[int, int]  # (rank class, 0 for the undated region, else 1 + day slot)


def rank_class(page: PageText) -> int:
    """0: entries (stations, townships, honorees, activities); 1: sections; 2: guide, bulletins."""
    return 0 if page.column in ENTRY_COLUMNS else 2 if page.column in LOW_COLUMNS else 1


def slot(page: PageText) -> Slot:
    """Where ``page`` goes: its class's undated region, or the slot of its day."""
    if not page.date:
        return (rank_class(page), 0)
    back = LAST_DAY - datetime.date.fromisoformat(page.date).toordinal()
    return (rank_class(page), 1 + min(max(back, 0), DAYS - 1))


def slot_order(page: PageText) -> tuple[str, str]:
    """Order within a slot: newest first (a clamped slot holds several days), then url."""
    return (_descending(page.date), page.url)


def _descending(date: str) -> str:
    return "".join(chr(0x39 - ord(c) + 0x30) if c.isdigit() else c for c in date)


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
    undated: tuple[int, ...]  # per class: ids reserved for its undated pages

    @classmethod
    def of(cls, slots: Mapping[Slot, int], chunk: int) -> Layout:
        """The layout for slots holding ``slots[slot]`` pages each."""
        widest = max((n for (_, day), n in slots.items() if day), default=0)
        undated = tuple(_room(slots.get((c, 0), 0), chunk, 1) for c in range(CLASSES))
        return cls(chunk, _room(widest, chunk, MIN_DAY_WIDTH), undated)

    def class_start(self, rank: int) -> int:
        return sum(self.undated[c] + DAYS * self.day_width for c in range(rank))

    def start(self, where: Slot) -> int:
        """The first id of a slot."""
        rank, day = where
        first = self.class_start(rank)
        return first if not day else first + self.undated[rank] + (day - 1) * self.day_width

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
        group.sort(key=slot_order)
    return found

"""Listings split into pages with stable URLs: page 1 at the hub, then …/page/2/, …"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from site_plugins.routes import listing_page as page_url

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    base: str
    number: int
    count: int

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def previous(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.count else None

    @property
    def links(self) -> list[tuple[int, str | None]]:
        """Page numbers around this one (and the first and last), None marking a gap."""
        wanted = {1, self.count, *range(self.number - 2, self.number + 3)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        links: list[tuple[int, str | None]] = []
        for index, number in enumerate(numbers):
            if index and number != numbers[index - 1] + 1:
                links.append((0, None))
            links.append((number, page_url(self.base, number)))
        return links


@dataclass(frozen=True)
class PageSlice(Generic[T]):
    pager: Pager
    items: Sequence[T]

    @property
    def url(self) -> str:
        return self.pager.url


def paginate(items: Sequence[T], per_page: int, base: str) -> list[PageSlice[T]]:
    """Always at least one page, so an empty listing still has its hub page."""
    count = max(1, -(-len(items) // per_page))
    return [
        PageSlice(
            Pager(base, number, count),
            items[(number - 1) * per_page : number * per_page],
        )
        for number in range(1, count + 1)
    ]

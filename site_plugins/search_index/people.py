"""Which pages are about which people, for queries like 郑大姐 (surname + kinship term).

An honoree's page is about that person; an activity whose title names an honoree (as
the catalogue spells the name) is about them too. Groups (志愿服务队, 家庭) have no surname.
"""

from __future__ import annotations

from collections import defaultdict

from site_plugins import chinese
from site_plugins.content.catalogue import Catalogue

LONGEST_NAME = 4


class _Memo:
    """The surnames each activity title names, kept while the honorees' names stay the
    same: mkdocs serve asks again after every edit, for tens of thousands of titles."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.titles: dict[str, frozenset[str]] = {}

    def use(self, names: dict[str, str]) -> None:
        """Forget the titles if the names changed."""
        if names != self.names:
            self.names, self.titles = names, {}

    def surnames(self, title: str) -> frozenset[str]:
        found = self.titles.get(title)
        if found is None:
            found = self.titles[title] = _named(title, self.names)
        return found


def _named(title: str, names: dict[str, str]) -> frozenset[str]:
    # Every piece of two to four characters looked up: linear in the title's length.
    found: set[str] = set()
    for size in range(2, LONGEST_NAME + 1):
        for start in range(len(title) - size + 1):
            surname = names.get(title[start : start + size])
            if surname is not None:
                found.add(surname)
    return frozenset(found)


_MEMO = _Memo()


def person_surnames(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """Page url → the surnames of the people it is about, sorted."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for honoree in catalogue.honorees:
        if honoree.is_group:
            continue
        name = honoree.name.strip()
        found[honoree.url].add(chinese.surname(name))
        if 2 <= len(name) <= LONGEST_NAME:
            names[name] = chinese.surname(name)
    _MEMO.use(names)
    for activity in catalogue.activities:
        if surnames := _MEMO.surnames(activity.title):
            found[activity.url] |= surnames
    return {url: tuple(sorted(surnames)) for url, surnames in sorted(found.items())}

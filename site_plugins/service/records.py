"""Menu items and orders as the catalogue holds them: validated, resolved, immutable.

``ServiceRecords`` is the one field the catalogue gains for this feature; it keeps the
lookups (by unit, by served activity) so that every page asks the same index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from site_plugins.content.catalogue import Activity, Origin, VolunteerTeam
from site_plugins.service.model import MenuItemFile, OrderFile

CENTRE = "centre"


def level_of(unit_key: str) -> str:
    """centre / township / station, from the unit key's shape."""
    if unit_key == CENTRE:
        return "centre"
    return "station" if "/" in unit_key else "township"


def in_township(unit_key: str, township: str) -> bool:
    """Whether a unit is the township's 实践所 or one of its stations."""
    return unit_key == township or unit_key.startswith(f"{township}/")


@dataclass(frozen=True)
class MenuItem:
    unit_key: str
    slug: str
    meta: MenuItemFile
    work: tuple[str, ...]  # 五项 codes
    category: str  # team-category code
    team: VolunteerTeam
    body: str
    source: str
    origin: Origin

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def ref(self) -> str:
        """How another unit's order names this item: ``<unit>:<slug>``."""
        return f"{self.unit_key}:{self.slug}"


@dataclass(frozen=True)
class Counts:
    """评单: how many residents said 满意 / 基本满意 / 不满意."""

    satisfied: int
    basic: int
    unsatisfied: int
    date: dt.date
    comment: str | None

    @property
    def total(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied


@dataclass(frozen=True)
class ServiceOrder:
    unit_key: str  # the unit that took the order (its folder)
    slug: str
    meta: OrderFile
    menu_item: MenuItem | None
    team: VolunteerTeam | None  # 配单
    activity: Activity | None  # 送单
    review: Counts | None  # 评单
    source: str
    origin: Origin

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def served_on(self) -> dt.date | None:
        return self.activity.date if self.activity else None

    @property
    def days_to_serve(self) -> int | None:
        """Days from 点单 to 送单 (the serving activity's date)."""
        return (self.activity.date - self.date).days if self.activity else None


@dataclass(frozen=True)
class ServiceRecords:
    menu_items: tuple[MenuItem, ...] = ()
    orders: tuple[ServiceOrder, ...] = ()

    @cached_property
    def _menu_by_unit(self) -> dict[str, tuple[MenuItem, ...]]:
        return _group(self.menu_items, lambda m: m.unit_key)

    @cached_property
    def _orders_by_unit(self) -> dict[str, tuple[ServiceOrder, ...]]:
        newest = sorted(self.orders, key=lambda o: (o.date, o.unit_key, o.slug), reverse=True)
        return _group(newest, lambda o: o.unit_key)

    @cached_property
    def _order_by_activity(self) -> dict[tuple[str, str], ServiceOrder]:
        return {(o.activity.station_key, o.activity.slug): o for o in self.orders if o.activity}

    def menu_of(self, unit_key: str) -> tuple[MenuItem, ...]:
        """One unit's menu, in file-name order."""
        return self._menu_by_unit.get(unit_key, ())

    def orders_of(self, unit_key: str) -> tuple[ServiceOrder, ...]:
        """Orders one unit took, newest first."""
        return self._orders_by_unit.get(unit_key, ())

    def orders_in_township(self, township: str) -> tuple[ServiceOrder, ...]:
        """Orders of a 实践所 and its stations, newest first."""
        return tuple(
            o
            for key, orders in self._orders_by_unit.items()
            if in_township(key, township)
            for o in orders
        )

    def order_served_by(self, activity: Activity) -> ServiceOrder | None:
        return self._order_by_activity.get((activity.station_key, activity.slug))

    @property
    def orders_by_activity(self) -> Mapping[tuple[str, str], ServiceOrder]:
        """The order each activity served, by the activity's (unit key, slug)."""
        return self._order_by_activity

    @property
    def units_with_menus(self) -> tuple[str, ...]:
        return tuple(self._menu_by_unit)


T = TypeVar("T")


def _group(items: Iterable[T], key: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(key(item), []).append(item)
    return {name: tuple(group) for name, group in grouped.items()}

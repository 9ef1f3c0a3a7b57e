"""What the service feature says about units beyond the catalogue's ``Unit`` record.

Units themselves (names, pages, offices, teams) are the catalogue's: ``Catalogue.units``,
``Catalogue.unit_teams`` and ``resolve_team_ref``, the one resolver of team references.
This module keeps only the service's own wording and references: menu levels (县级 …),
the short name a menu page's crumbs and sheet use, whose menus a resident may order
from, and the ``unit:slug`` references that orders use for menu items and activities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_plugins.content.catalogue import (
    CENTRE_LEVEL,
    STATION_LEVEL,
    TOWNSHIP_LEVEL,
    Catalogue,
    Unit,
    VolunteerTeam,
)
from site_plugins.service.records import CENTRE, level_of

# The menus' names for the catalogue's levels (中心 / 所 / 站).
LEVEL_NAMES = {CENTRE_LEVEL: "县级", TOWNSHIP_LEVEL: "乡镇级", STATION_LEVEL: "村级"}


def own_name(catalogue: Catalogue, unit: Unit) -> str:
    """A unit's name without its institution: 示范县 (the centre), 青石镇, 张庄村."""
    if unit.key == CENTRE:
        return catalogue.county.meta.name
    if unit.level == TOWNSHIP_LEVEL:
        return catalogue.township(unit.key).name
    return catalogue.station(unit.key).name


def place(catalogue: Catalogue, unit: Unit) -> str:
    """Where a unit is, in menu lists across levels: 示范县, 青石镇, 青石镇张庄村."""
    return catalogue.county.meta.name if unit.key == CENTRE else unit.short_name


def team_choices(
    teams_of: Callable[[str], Iterable[VolunteerTeam]], unit_key: str, known: bool
) -> str:
    """What a clerk may write as ``team`` in this unit, for messages; ``known`` False for a
    unit that did not load (its own teams are not offered)."""
    own = "、".join(t.id for t in teams_of(unit_key)) if known else ""
    example = next((t.ref for t in teams_of(CENTRE)), "centre:theory")
    return f"{own or '（本单位尚未登记队伍）'}；其他单位的队伍写 单位:代码，例如 {example}"


def split_ref(ref: str) -> tuple[str | None, str]:
    """``qingshi/zhangzhuang:culture`` → (``qingshi/zhangzhuang``, ``culture``);
    ``culture`` → (None, ``culture``)."""
    unit, sep, rest = ref.rpartition(":")
    return (unit, rest) if sep else (None, ref)


def ancestors(unit_key: str) -> list[str]:
    """The unit, its township and the centre: whose menus a resident of it can order from."""
    if level_of(unit_key) == "centre":
        return [CENTRE]
    township = unit_key.split("/", maxsplit=1)[0]
    keys = [unit_key] if unit_key == township else [unit_key, township]
    return [*keys, CENTRE]

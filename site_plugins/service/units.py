"""Unit lookups for the service feature: names, offices, pages and team references.

The units of a build as menus and orders need them (with each unit's office, for how to
order). Team references resolve with the catalogue's one resolver
(``catalogue.resolve_team_ref``) over the teams registered in centre.yml, township.yml
and station.yml, read by the loader before any entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from site_plugins import routes
from site_plugins.content.catalogue import (
    County,
    Station,
    Township,
    VolunteerTeam,
    resolve_team_ref,
)
from site_plugins.content.model import Office
from site_plugins.service.records import CENTRE, level_of

LEVEL_NAMES = {"centre": "县级", "township": "乡镇级", "station": "村级"}


@dataclass(frozen=True)
class Unit:
    key: str
    level: str  # centre / township / station
    name: str  # 示范县 / 青石镇 / 张庄村
    full_name: str  # …新时代文明实践中心 / …实践所 / …实践站
    place: str  # 示范县 / 青石镇 / 青石镇张庄村: where, in lists across levels
    url: str | None  # the unit's hub page; None while it has none (the centre, for now)
    office: Office | None
    teams: tuple[VolunteerTeam, ...]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


def split_ref(ref: str) -> tuple[str | None, str]:
    """``qingshi/zhangzhuang:culture`` → (``qingshi/zhangzhuang``, ``culture``);
    ``culture`` → (None, ``culture``)."""
    unit, sep, rest = ref.rpartition(":")
    return (unit, rest) if sep else (None, ref)


class Units:
    """Every unit of one build, centre first, then each township and its stations."""

    def __init__(
        self,
        county: County,
        townships: Sequence[Township],
        stations: Sequence[Station],
        teams_of: Callable[[str], Iterable[VolunteerTeam]],
        centre_office: Office | None = None,
    ) -> None:
        self.county = county
        self._teams_of = teams_of
        centre = Unit(
            CENTRE,
            "centre",
            county.meta.name,
            county.meta.centre,
            county.meta.name,
            routes.unit(CENTRE),
            centre_office,
            tuple(teams_of(CENTRE)),
        )
        units = [centre]
        by_township: dict[str, list[Station]] = {}
        for station in stations:
            by_township.setdefault(station.township, []).append(station)
        for township in townships:
            units.append(
                Unit(
                    township.slug,
                    "township",
                    township.name,
                    township.institute,
                    township.name,
                    township.url,
                    township.meta.office,
                    tuple(teams_of(township.slug)),
                )
            )
            for station in by_township.get(township.slug, []):
                units.append(
                    Unit(
                        station.key,
                        "station",
                        station.name,
                        station.full_name,
                        township.name + station.name,
                        station.url,
                        station.meta.office,
                        station.teams,
                    )
                )
        self.ordered = tuple(units)
        self._by_key = {u.key: u for u in units}

    def get(self, key: str) -> Unit | None:
        return self._by_key.get(key)

    def resolve_team(self, unit_key: str, ref: str) -> VolunteerTeam | None:
        """The team ``ref`` names, read from an entry of ``unit_key``; None if unknown."""
        return resolve_team_ref(self._teams_of, unit_key, ref)

    def team_choices(self, unit_key: str) -> str:
        """What a clerk may write as ``team`` in this unit, for messages."""
        unit = self.get(unit_key)
        own = "、".join(t.id for t in unit.teams) if unit is not None else ""
        example = next((t.ref for t in self._teams_of(CENTRE)), "centre:theory")
        return f"{own or '（本单位尚未登记队伍）'}；其他单位的队伍写 单位:代码，例如 {example}"

    def team_url(self, team: VolunteerTeam) -> str | None:
        """A team's page (every registered team has one, at its unit)."""
        return team.url if team.unit_key else None

    def menu_url(self, unit_key: str) -> str:
        return routes.unit_menu(unit_key)


def ancestors(unit_key: str) -> list[str]:
    """The unit, its township and the centre: whose menus a resident of it can order from."""
    if level_of(unit_key) == "centre":
        return [CENTRE]
    township = unit_key.split("/", maxsplit=1)[0]
    keys = [unit_key] if unit_key == township else [unit_key, township]
    return [*keys, CENTRE]

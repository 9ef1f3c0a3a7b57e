"""Interim unit lookups for the service feature: names, pages and team references.

The units work (#13 parts 1/2) adds the ``Unit`` record and ``Catalogue.resolve_team``;
until it is merged this module answers the same questions from what the catalogue has
today (the county, townships, stations and stations' teams). ``Units.resolve_team`` has
the agreed signature ``resolve_team(unit_key, ref)`` so that the lead can swap it.

Stand-in: the county centre and the townships have no team records yet, so a reference
to one of their teams (``centre:law``, ``qingshi:culture``, or ``law`` in a centre or
township menu) resolves when the id is a code of the county's team categories, to a
team named after the unit and that category. Station teams resolve exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from site_plugins import routes
from site_plugins.content.catalogue import County, Station, Township, VolunteerTeam
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
        self, county: County, townships: Sequence[Township], stations: Sequence[Station]
    ) -> None:
        self.county = county
        centre = Unit(
            CENTRE,
            "centre",
            county.meta.name,
            county.meta.centre,
            county.meta.name,
            None,
            None,
            (),
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
                    (),
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
        named, team_id = split_ref(ref)
        unit = self.get(named or unit_key)
        if unit is None:
            return None
        if unit.level == "station":
            return next((t for t in unit.teams if t.id == team_id), None)
        labels = self.county.labels.team_categories
        if team_id not in labels.labels:
            return None
        suffix = "志愿服务总队" if unit.level == "centre" else "志愿服务支队"
        return VolunteerTeam(team_id, f"{unit.name}{labels.label(team_id)}{suffix}", team_id, 0)

    def team_choices(self, unit_key: str) -> str:
        """What a clerk may write as ``team`` in this unit, for messages."""
        unit = self.get(unit_key)
        if unit is not None and unit.level == "station":
            own = "、".join(t.id for t in unit.teams) or "（本站尚未登记队伍）"
        else:
            own = "、".join(self.county.labels.team_categories.labels)
        return f"{own}；县级队伍写 centre:代码，例如 centre:law"

    def team_url(self, team: VolunteerTeam) -> str | None:
        """A team's page, where it has one (station teams, for now)."""
        return routes.team(team.station_key, team.id) if team.station_key else None

    def menu_url(self, unit_key: str) -> str:
        return routes.unit_menu(unit_key)


def ancestors(unit_key: str) -> list[str]:
    """The unit, its township and the centre: whose menus a resident of it can order from."""
    if level_of(unit_key) == "centre":
        return [CENTRE]
    township = unit_key.split("/", maxsplit=1)[0]
    keys = [unit_key] if unit_key == township else [unit_key, township]
    return [*keys, CENTRE]

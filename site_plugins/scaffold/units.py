"""Units for the service commands: the centre, the townships' 所 and the stations, the
questions that pick one (centre or township first, so 700 stations are never listed at
once), and the team and menu references an entry of a unit may write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_plugins.content.model import CentreFile, TownshipFile
from site_plugins.scaffold.answers import (
    Option,
    normalise,
    parse_choice,
    parse_text,
)
from site_plugins.scaffold.county import CountyInfo
from site_plugins.scaffold.plan import registered_teams
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.service.records import CENTRE
from site_plugins.service.units import ancestors

UNIT_MISSING = "缺少 --unit：单位，县中心写 centre，实践所写乡镇文件夹，实践站写“乡镇/村”"


@dataclass(frozen=True)
class UnitInfo:
    """A unit as the questions need it: where its folder is and whose teams it has."""

    key: str  # centre | <township> | <township>/<village>
    folder: Path
    short_name: str  # 县中心 / 青石镇 / 张庄村
    full_name: str
    teams: tuple[tuple[str, str], ...]  # (id, name) of its own teams

    @property
    def branch_slug(self) -> str:
        return self.key.replace("/", "-")


def county_units(county: CountyInfo) -> list[UnitInfo]:
    """The centre, then each township's 实践所 followed by its stations."""
    content = county.content
    centre_teams = registered_teams(content / "centre" / "centre.yml", CentreFile)
    units = [UnitInfo(CENTRE, content / "centre", "县中心", county.centre, _named(centre_teams))]
    for slug, name in county.townships():
        stations = [s for s in county.stations if s.township == slug]
        institute = stations[0].township_institute
        folder = content / "stations" / slug
        teams = _named(registered_teams(folder / "township.yml", TownshipFile))
        units.append(UnitInfo(slug, folder, name, institute, teams))
        units += [
            UnitInfo(
                s.key,
                s.folder,
                s.meta.name,
                s.full_name,
                tuple((t.id, t.name) for t in s.meta.teams),
            )
            for s in stations
        ]
    return units


def _named(teams: Sequence[tuple[str, str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((team_id, name) for team_id, name, _category in teams)


def _unit_options(units: Sequence[UnitInfo]) -> tuple[Option, ...]:
    return tuple(
        Option(u.key, f"{u.full_name}（{u.key}）", (u.short_name, u.full_name)) for u in units
    )


def _ref(own: str, unit_key: str, name: str) -> str:
    return name if unit_key == own else f"{unit_key}:{name}"


def team_options(county: CountyInfo, units: Sequence[UnitInfo], unit_key: str) -> list[Option]:
    """Teams an entry of the unit may name: its own, its township's, the centre's (the
    teams registered in station.yml, township.yml and centre.yml)."""
    by_key = {u.key: u for u in units}
    options = []
    for key in ancestors(unit_key):
        unit = by_key.get(key)
        if unit is None:
            continue
        for team_id, name in unit.teams:
            ref = _ref(unit_key, key, team_id)
            options.append(Option(ref, f"{name}（{ref}）", (name,)))
    return options


def _front(path: Path) -> dict[str, Any]:
    """A service file's front matter, or {} when it cannot be read (the validator says why)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    except (OSError, IndexError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def menu_options(units: Sequence[UnitInfo], unit_key: str) -> list[Option]:
    """Menu items a resident of the unit can order: its own, its township's, the centre's."""
    by_key = {u.key: u for u in units}
    options = []
    for key in ancestors(unit_key):
        unit = by_key.get(key)
        folder = unit.folder / "menu" if unit else None
        for path in sorted(folder.glob("*.md")) if folder and folder.is_dir() else []:
            title = str(_front(path).get("title") or path.stem)
            ref = _ref(unit_key, key, path.stem)
            options.append(Option(ref, f"{title}（{ref}）", (title,)))
    return options


def unit_steps(units: Sequence[UnitInfo]) -> list[Step]:
    """The centre or a township first, then (in a township) its 所 or one of its stations,
    so that a county of 700 stations never lists them all; ``--unit`` answers both."""
    by_key = {u.key: u for u in units}
    areas = _unit_options([u for u in units if "/" not in u.key])

    def area(answers: Answers) -> Sequence[Question]:
        if "unit" in answers:
            return []
        return [
            Question(
                "area",
                "--unit",
                "县中心或乡镇（街道）",
                lambda text: parse_choice(areas, text, "县中心或乡镇"),
                options=areas,
                missing=UNIT_MISSING,
            )
        ]

    def unit(answers: Answers) -> Sequence[Question]:
        chosen = answers.get("area")
        inside = [u for u in units if chosen is not None and u.key.split("/")[0] == chosen]
        options = _unit_options(inside or units)

        def parse(text: str) -> UnitInfo:
            value = normalise(text).strip("/")
            return by_key[value] if value in by_key else by_key[parse_choice(options, text, "单位")]

        # The centre has no units inside: it is the answer.
        only = options[0].value if len(options) == 1 else None
        return [
            Question(
                "unit",
                "--unit",
                "单位（实践所本级或实践站）",
                parse,
                default=only,
                options=options,
                asked=only is None,
                missing=UNIT_MISSING,
            )
        ]

    return [area, unit]


def unit_of(answers: Answers) -> UnitInfo | None:
    unit = answers.get("unit")
    return unit if isinstance(unit, UnitInfo) else None


def text_parser(model: type[Any], key: str) -> Callable[[str], str]:
    return lambda text: parse_text(model, key, text)


def team_step(county: CountyInfo, units: Sequence[UnitInfo], key: str, label: str) -> Step:
    def team(answers: Answers) -> Sequence[Question]:
        unit = unit_of(answers)
        if unit is None:
            return []
        options = tuple(team_options(county, units, unit.key))
        required = key == "team"  # a menu item's provider; an order's 配单 is optional
        return [
            Question(
                key,
                "--team",
                label,
                # "liuhe:poverty" in liuhe's own entry means its own team, written bare.
                lambda text: parse_choice(
                    options, normalise(text).removeprefix(f"{unit.key}:"), "志愿服务队"
                ),
                required=required,
                options=options,
                hint="" if required else "还没有派给队伍的，直接回车",
            )
        ]

    return team


def team_name(county: CountyInfo, unit: UnitInfo, ref: str) -> str:
    units = county_units(county)
    shown = {o.value: o.aliases[0] for o in team_options(county, units, unit.key)}
    return f"{shown.get(ref, ref)}（{ref}）"

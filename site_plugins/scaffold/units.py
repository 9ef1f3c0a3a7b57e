"""Units for every scaffold command: the centre, the townships' 所 and the stations (the
one :class:`.county.UnitInfo`, made by :func:`.county.county_units`), the questions that pick one (centre or
township first, so 700 stations are never listed at once), and the team and menu
references an entry of a unit may write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from site_plugins.scaffold.answers import (
    AnswerError,
    Option,
    normalise,
    parse_choice,
    parse_text,
)
from site_plugins.scaffold.county import CountyInfo, UnitInfo, county_units, find_station
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.service.units import ancestors

UNIT_MISSING = "缺少 --unit：单位，县中心写 centre，实践所写乡镇文件夹，实践站写“乡镇/村”"


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
        for team_id, name, _category in unit.teams:
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


def find_unit(
    county: CountyInfo | None, by_key: dict[str, UnitInfo], area: str | None, text: str
) -> UnitInfo:
    """The unit ``text`` names: a key (``centre``, ``liuhe``, ``liuhe/hexi``), a village
    folder of the chosen township (``hexi``), or a station as :func:`find_station` reads
    it, whose error lists the stations and the likely one (``是不是 liuhe/hexi``)."""
    value = normalise(text).strip("/")
    for key in (value, f"{area}/{value}" if area else None):
        if key in by_key:
            return by_key[key]
    if county is None:
        raise AnswerError(f"找不到单位“{value}”", "写 centre、乡镇文件夹名或“乡镇/村”")
    return by_key[find_station(county, value).key]


def unit_steps(units: Sequence[UnitInfo], county: CountyInfo | None = None) -> list[Step]:
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
            try:
                return by_key[parse_choice(options, text, "单位")]
            except AnswerError:
                return find_unit(county, by_key, chosen, text)

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


def team_step(
    county: CountyInfo,
    units: Sequence[UnitInfo],
    key: str,
    label: str,
    *,
    required: bool | None = None,
    hint: str | None = None,
) -> Step:
    """The team of an entry of the chosen unit: its own (bare id), its township's and the
    centre's (``unit:id``). Required for a menu item's provider (``key`` team) unless
    ``required`` says otherwise; an order's 配单, an activity's or a plan's team is not."""

    def team(answers: Answers) -> Sequence[Question]:
        unit = unit_of(answers)
        if unit is None or ("category" in answers and key not in answers):
            return []  # --category without --team: no team to ask about
        options = tuple(team_options(county, units, unit.key))
        needed = key == "team" if required is None else required
        return [
            Question(
                key,
                "--team",
                label,
                # "liuhe:poverty" in liuhe's own entry means its own team, written bare.
                lambda text: parse_choice(
                    options, normalise(text).removeprefix(f"{unit.key}:"), "志愿服务队"
                ),
                required=needed,
                options=options,
                asked=needed or bool(options),
                hint=hint if hint is not None else "" if needed else "还没有派给队伍的，直接回车",
            )
        ]

    return team


def team_name(county: CountyInfo, unit: UnitInfo, ref: str) -> str:
    units = county_units(county)
    shown = {o.value: o.aliases[0] for o in team_options(county, units, unit.key)}
    return f"{shown.get(ref, ref)}（{ref}）"

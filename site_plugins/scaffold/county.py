"""What the questions need to know about a county: its label sets and its stations.

Only ``county.yml``, ``township.yml`` and ``station.yml`` files are read (with the
loader's own parser and model checks), not every entry: a clerk waits for this before
the first question, and a county has hundreds of stations with thousands of entries.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from site_plugins.content.checks import check_model
from site_plugins.content.labels import CountyLabels
from site_plugins.content.located import Reporter, parse_yaml, read_source
from site_plugins.content.model import (
    CentreFile,
    CountyFile,
    Record,
    StationFile,
    TownshipFile,
)
from site_plugins.content.problems import Problem
from site_plugins.scaffold.answers import AnswerError, Option, normalise

M = TypeVar("M", bound=Record)
CENTRE_KEY = "centre"
# Beyond this many stations, an unknown-station message lists townships instead.
LIST_LIMIT = 60


class Abort(Exception):
    """Stop without writing anything; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class StationInfo:
    key: str  # township/village, e.g. liuhe/hexi
    folder: Path
    township_name: str
    township_institute: str
    meta: StationFile

    @property
    def township(self) -> str:
        return self.key.split("/")[0]

    @property
    def village(self) -> str:
        return self.key.split("/")[1]

    @property
    def branch_slug(self) -> str:
        return self.village

    @property
    def short_name(self) -> str:
        return self.meta.name

    @property
    def shown(self) -> str:
        return f"{self.township_name} · {self.meta.name}"

    @property
    def full_name(self) -> str:
        return self.meta.full_name or f"{self.meta.name}新时代文明实践站"


@dataclass(frozen=True)
class UnitInfo:
    """A unit as a place to write an entry: the county centre, a township's 所 or a
    station, with its folder, names and the teams it registered. The one unit type of
    every scaffold (activity, honoree, plan, menu item, order)."""

    key: str  # centre | <township> | <township>/<village>
    folder: Path
    short_name: str  # 县中心 / 青石镇 / 张庄村
    full_name: str  # 示范县新时代文明实践中心 / 青石镇新时代文明实践所 / 张庄村新时代文明实践站
    teams: tuple[tuple[str, str, str], ...]  # (id, name, category) of its own teams
    institute: str | None = None  # the 实践所 a station or township belongs to
    platforms: tuple[str, ...] = ()  # a station's own 实践平台 (station.yml)

    @property
    def branch_slug(self) -> str:
        """The suggested git branch's start: the village, township or ``centre`` folder."""
        return self.key.rsplit("/", maxsplit=1)[-1]

    @property
    def is_station(self) -> bool:
        return "/" in self.key


@dataclass(frozen=True)
class CountyInfo:
    content: Path
    name: str
    centre: str
    labels: CountyLabels
    stations: tuple[StationInfo, ...]
    broken: tuple[str, ...]  # station keys whose station.yml (or township.yml) has errors

    def townships(self) -> list[tuple[str, str]]:
        """(slug, name) of every township with a usable station, in folder order."""
        seen: dict[str, str] = {}
        for station in self.stations:
            seen.setdefault(station.township, station.township_name)
        return list(seen.items())


def _read(model: type[M], path: Path, content: Path) -> M | None:
    shown = f"{content.resolve().name}/{path.relative_to(content).as_posix()}"
    sink: list[Problem] = []
    source = read_source(path, shown, sink)
    doc = parse_yaml(source.text, shown, 1, sink) if source else None
    return check_model(model, doc, Reporter(shown, sink)) if doc else None


def read_county(content: Path) -> CountyInfo:
    """The county's labels and stations, or Abort when there is no content tree here."""
    if not (content / "stations").is_dir():
        raise Abort(
            f"在 {content} 找不到内容文件夹（应当有 {content / 'stations'}）。"
            "请在网站仓库的根目录运行本命令，或用 --content 写明内容文件夹，例如 --content content"
        )
    county = (
        _read(CountyFile, content / "county.yml", content)
        if (content / "county.yml").is_file()
        else None
    )
    labels = CountyLabels.of(county.labels if county else None)
    stations: list[StationInfo] = []
    broken: list[str] = []
    for township_dir in sorted(p for p in (content / "stations").iterdir() if p.is_dir()):
        township = (
            _read(TownshipFile, township_dir / "township.yml", content)
            if (township_dir / "township.yml").is_file()
            else None
        )
        for village_dir in sorted(p for p in township_dir.iterdir() if p.is_dir()):
            station_yml = village_dir / "station.yml"
            if not station_yml.is_file():
                continue
            key = f"{township_dir.name}/{village_dir.name}"
            meta = _read(StationFile, station_yml, content)
            if meta is None or township is None:
                broken.append(key)
                continue
            institute = township.institute or f"{township.name}新时代文明实践所"
            stations.append(StationInfo(key, village_dir, township.name, institute, meta))
    if not stations:
        raise Abort(
            f"{content / 'stations'} 里没有可用的实践站（每个村文件夹要有正确的 station.yml）。"
            "请先运行 make validate 查看问题"
        )
    return CountyInfo(
        content,
        county.name if county else "本县",
        county.centre if county else "县新时代文明实践中心",
        labels,
        tuple(stations),
        tuple(broken),
    )


def registered_teams(
    path: Path, model: type[CentreFile] | type[TownshipFile]
) -> tuple[tuple[str, str, str], ...]:
    """(id, name, category) of the teams a centre.yml or township.yml lists; none when
    the file is missing or broken (make validate reports it)."""
    if not path.is_file():
        return ()
    try:
        meta = model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (yaml.YAMLError, ValueError, OSError):
        return ()
    return tuple((t.id, t.name, t.category) for t in meta.teams)


def station_unit(station: StationInfo) -> UnitInfo:
    meta = station.meta
    return UnitInfo(
        station.key,
        station.folder,
        meta.name,
        station.full_name,
        tuple((t.id, t.name, t.category) for t in meta.teams),
        station.township_institute,
        tuple(meta.platforms),
    )


def county_units(county: CountyInfo) -> list[UnitInfo]:
    """The centre, then each township's 实践所 followed by its stations."""
    content = county.content
    centre_teams = registered_teams(content / "centre" / "centre.yml", CentreFile)
    units = [UnitInfo(CENTRE_KEY, content / "centre", "县中心", county.centre, centre_teams)]
    for slug, name in county.townships():
        stations = [s for s in county.stations if s.township == slug]
        institute = stations[0].township_institute
        folder = content / "stations" / slug
        teams = registered_teams(folder / "township.yml", TownshipFile)
        units.append(UnitInfo(slug, folder, name, institute, teams, institute))
        units += [station_unit(s) for s in stations]
    return units


def station_options(county: CountyInfo, township: str | None = None) -> tuple[Option, ...]:
    return tuple(
        Option(s.key, f"{s.meta.name}（{s.key}）", (s.village, s.meta.name, s.full_name))
        for s in county.stations
        if township is None or s.township == township
    )


def township_options(county: CountyInfo) -> tuple[Option, ...]:
    return tuple(Option(slug, f"{name}（{slug}）", (name,)) for slug, name in county.townships())


def find_station(county: CountyInfo, text: str) -> StationInfo:
    """The station named by ``liuhe/hexi`` (or, when unambiguous, ``hexi`` or 河西村)."""
    value = normalise(text).strip("/")
    for station in county.stations:
        if value == station.key:
            return station
    if value in county.broken:
        raise AnswerError(
            f"实践站 {value} 的 station.yml（或所在乡镇的 township.yml）有错误",
            "先运行 make validate，按提示改正后再新建内容",
        )
    named = [
        s
        for s in county.stations
        if value in (s.village, s.meta.name, s.full_name, f"{s.township_name}{s.meta.name}")
    ]
    if len(named) == 1:
        return named[0]
    raise AnswerError(f"找不到实践站“{value}”", _station_hint(county, value, named))


def _station_hint(county: CountyInfo, value: str, named: list[StationInfo]) -> str:
    keys = [s.key for s in county.stations]
    close = named or [
        next(s for s in county.stations if s.key == key)
        for key in difflib.get_close_matches(value, keys, n=2, cutoff=0.8)
    ]
    guess = f"是不是 {'、'.join(f'{s.key}（{s.shown}）' for s in close)}？" if close else ""
    # Every station while the list is short; in a large county, the named township's.
    township = value.split("/", maxsplit=1)[0]
    listed = list(county.stations)
    if len(listed) > LIST_LIMIT:
        listed = [s for s in county.stations if s.township == township]
    if listed:
        lines = "\n".join(f"    {s.key:<24} {s.shown}" for s in listed)
        return f"{guess}写成“乡镇文件夹/村文件夹”，可选的实践站：\n{lines}"
    townships = "、".join(f"{slug}（{name}）" for slug, name in county.townships())
    return f"{guess}写成“乡镇文件夹/村文件夹”，例如 {keys[0]}；乡镇文件夹有：{townships}"

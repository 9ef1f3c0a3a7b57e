"""The units' own files: centre/centre.yml, each township.yml and each station.yml, with
the teams and venues they register.

Every unit is loaded before any entry, so that an entry may name any unit's team
(``team: centre:theory``); a unit whose file has an error keeps its entries waiting.
"""

from __future__ import annotations

from pathlib import Path

from site_plugins.content.catalogue import (
    CENTRE_KEY,
    Centre,
    Origin,
    Station,
    Township,
    VolunteerTeam,
)
from site_plugins.content.checks import check_fields
from site_plugins.content.file_reading import FileReading
from site_plugins.content.located import Reporter, YamlDoc
from site_plugins.content.model import CentreFile, StationFile, Team, TownshipFile, Venue


class UnitLoading(FileReading):
    """The centre, the townships' 所 and the stations, and their teams."""

    def load_township(self, slug: str) -> Township | None:
        path = self.root / "stations" / slug / "township.yml"
        if not path.is_file():
            return None
        doc = self.read_yaml_file(path)
        before = self.error_count()
        report = self.reporter(path)
        meta = check_fields(TownshipFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        self._check_venues(meta.venues, doc, report)
        teams = self._load_teams(meta.teams, slug, doc, report)
        if self.error_count() != before:
            return None
        self.teams[slug] = teams
        return Township(slug, meta, self.rel(path), Origin.of(self.shown(path), doc), teams)

    def load_centre(self, path: Path | None) -> Centre | None:
        """centre/centre.yml: optional (the centre's name is county.yml's ``centre``); when
        it is there and broken, the centre's own entries wait for its fix."""
        if path is None:
            self.teams[CENTRE_KEY] = ()
            return Centre(CentreFile(), (), "", None)
        before = self.error_count()
        doc = self.read_yaml_file(path)
        report = self.reporter(path)
        meta = check_fields(CentreFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        self._check_venues(meta.venues, doc, report)
        teams = self._load_teams(meta.teams, CENTRE_KEY, doc, report)
        if self.error_count() != before:
            return None
        self.teams[CENTRE_KEY] = teams
        return Centre(meta, teams, self.rel(path), Origin.of(self.shown(path), doc))

    def _load_teams(
        self, given: list[Team], unit_key: str, doc: YamlDoc, report: Reporter
    ) -> tuple[VolunteerTeam, ...]:
        """A unit's teams, each id once, each category from the county's set."""
        teams: list[VolunteerTeam] = []
        for index, team in enumerate(given):
            if any(t.id == team.id for t in teams):
                report.add(
                    doc.locate(("teams", index, "id")),
                    "DUPLICATE_ID",
                    f"队伍 id“{team.id}”在本单位重复",
                    "给每支队伍不同的 id，例如 culture、culture-2",
                )
                continue
            code = self.resolve_label(
                self.labels.team_categories,
                team.category,
                doc,
                ("teams", index, "category"),
                report,
            )
            if code:
                teams.append(
                    VolunteerTeam(
                        team.id,
                        team.name,
                        code,
                        team.members,
                        unit_key,
                        team.leader,
                        team.join,
                    )
                )
        return tuple(teams)

    def _check_venues(self, venues: list[Venue], doc: YamlDoc, report: Reporter) -> None:
        seen: set[str] = set()
        for index, venue in enumerate(venues):
            if venue.id in seen:
                report.add(
                    doc.locate(("venues", index, "id")),
                    "DUPLICATE_ID",
                    f"阵地 id“{venue.id}”在本文件中重复",
                    "给每个阵地不同的 id，例如 wenhua-guangchang、nongjia-shuwu",
                )
            seen.add(venue.id)

    def load_station(self, township: str, village: str) -> Station | None:
        path = self.root / "stations" / township / village / "station.yml"
        if not path.is_file():
            return None
        before = self.error_count()
        doc = self.read_yaml_file(path)
        report = self.reporter(path)
        # Teams and platforms are checked even when another field failed: all at once.
        meta = check_fields(StationFile, doc, report).fields if doc else None
        if meta is None or doc is None:
            return None
        teams = self._load_teams(meta.teams, f"{township}/{village}", doc, report)
        self._check_venues(meta.venues, doc, report)
        platforms = []
        for index, platform in enumerate(meta.platforms):
            code = self.resolve_label(
                self.labels.platforms, platform, doc, ("platforms", index), report
            )
            if code:
                platforms.append(code)
        if self.error_count() != before:
            return None
        self.teams[f"{township}/{village}"] = teams
        return Station(
            township,
            village,
            meta,
            teams,
            tuple(platforms),
            self.rel(path),
            Origin.of(self.shown(path), doc),
        )

"""Ownership as the content says it: county editors and each station's maintainers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from site_plugins.content import Catalogue


def handle(name: str) -> str:
    """A user or team as CODEOWNERS writes it: with one leading @."""
    return "@" + name.strip().lstrip("@")


def same_user(a: str, b: str) -> bool:
    """Host user names compare without the @ and regardless of case (all three hosts)."""
    return a.strip().lstrip("@").casefold() == b.strip().lstrip("@").casefold()


def is_team(name: str) -> bool:
    return "/" in name


@dataclass(frozen=True)
class StationOwners:
    key: str  # township/village, the station's folder under stations/
    name: str
    maintainers: tuple[str, ...]  # as written in station.yml
    source: str  # station.yml as problems show it


@dataclass(frozen=True)
class Ownership:
    """Who owns what in one content tree; paths are relative to the repository root."""

    content_prefix: str  # the content folder inside the repository, e.g. "content"
    editors: tuple[str, ...]  # users and @org/team names from county.yml
    stations: tuple[StationOwners, ...]  # sorted by key

    def station(self, key: str) -> StationOwners | None:
        return next((s for s in self.stations if s.key == key), None)

    def station_dir(self, key: str) -> str:
        return f"{self.content_prefix}/stations/{key}/"

    def station_key_of(self, path: str) -> str | None:
        """``township/village`` when ``path`` lies inside a station folder, else None."""
        parts = PurePosixPath(path).parts
        prefix = PurePosixPath(self.content_prefix).parts
        rest = parts[len(prefix) :]
        if parts[: len(prefix)] != prefix or len(rest) < 4 or rest[0] != "stations":
            return None  # outside stations/, or a township's own file
        return f"{rest[1]}/{rest[2]}"

    def is_editor(self, user: str) -> bool:
        return any(same_user(user, e) for e in self.editors if not is_team(e))

    def owners_of_station(self, key: str) -> tuple[str, ...]:
        """Handles that own a station folder: its maintainers, then the county editors."""
        station = self.station(key)
        names = [*(station.maintainers if station else ()), *self.editors]
        unique: list[str] = []
        for name in names:
            if not any(same_user(name, u) for u in unique):
                unique.append(name)
        return tuple(handle(n) for n in unique)


def ownership_of(catalogue: Catalogue, content_prefix: str) -> Ownership:
    stations = tuple(
        StationOwners(s.key, s.name, tuple(s.meta.maintainers), s.origin.path)
        for s in sorted(catalogue.stations, key=lambda s: s.key)
    )
    return Ownership(content_prefix.strip("/"), tuple(catalogue.county.meta.editors), stations)

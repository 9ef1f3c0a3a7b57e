"""Ownership as the content says it: county editors, each township's and each station's
maintainers. The county centre's folder (centre/) is the editors' (as is everything
outside the townships' and stations' own paths)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from site_plugins.content import Catalogue
from site_plugins.content.loader import ENTRY_FOLDERS, SERVICE_FOLDERS


def handle(name: str) -> str:
    """A user or team as CODEOWNERS writes it: with one leading @."""
    return "@" + name.strip().lstrip("@")


def same_user(a: str, b: str) -> bool:
    """Host user names compare without the @ and regardless of case (all three hosts)."""
    return a.strip().lstrip("@").casefold() == b.strip().lstrip("@").casefold()


# What a township's 所 owns beside its village folders: its file and its own entry folders.
TOWNSHIP_FOLDERS = tuple(f"{name}/" for name in (*ENTRY_FOLDERS, "media", *SERVICE_FOLDERS))


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
    townships: tuple[StationOwners, ...] = ()  # key: the township's slug; sorted

    def station(self, key: str) -> StationOwners | None:
        return next((s for s in self.stations if s.key == key), None)

    def township(self, slug: str) -> StationOwners | None:
        return next((t for t in self.townships if t.key == slug), None)

    def township_paths(self, slug: str) -> tuple[str, ...]:
        """A 所's own paths: township.yml and its entry folders (not its villages)."""
        base = f"{self.content_prefix}/stations/{slug}/"
        return (f"{base}township.yml", *(base + f for f in TOWNSHIP_FOLDERS))

    def township_key_of(self, path: str) -> str | None:
        """The township slug when ``path`` is a 所's own file (township.yml, activities/…)."""
        parts = PurePosixPath(path).parts
        prefix = PurePosixPath(self.content_prefix).parts
        rest = parts[len(prefix) :]
        if parts[: len(prefix)] != prefix or len(rest) < 3 or rest[0] != "stations":
            return None
        if rest[2:] == ("township.yml",) or f"{rest[2]}/" in TOWNSHIP_FOLDERS:
            return rest[1]
        return None

    def owners_of_township(self, slug: str) -> tuple[str, ...]:
        township = self.township(slug)
        return _handles([*(township.maintainers if township else ()), *self.editors])

    def station_dir(self, key: str) -> str:
        return f"{self.content_prefix}/stations/{key}/"

    def station_key_of(self, path: str) -> str | None:
        """``township/village`` when ``path`` lies inside a station folder, else None."""
        parts = PurePosixPath(path).parts
        prefix = PurePosixPath(self.content_prefix).parts
        rest = parts[len(prefix) :]
        if parts[: len(prefix)] != prefix or len(rest) < 4 or rest[0] != "stations":
            return None  # outside stations/, or a township's own file
        if f"{rest[2]}/" in TOWNSHIP_FOLDERS:
            return None  # the 所's own folders (activities/…) hold no village
        return f"{rest[1]}/{rest[2]}"

    def is_editor(self, user: str) -> bool:
        return any(same_user(user, e) for e in self.editors if not is_team(e))

    def owners_of_station(self, key: str) -> tuple[str, ...]:
        """Handles that own a station folder: its maintainers, then the county editors."""
        station = self.station(key)
        return _handles([*(station.maintainers if station else ()), *self.editors])


def _handles(names: list[str]) -> tuple[str, ...]:
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
    townships = tuple(
        StationOwners(t.slug, t.institute, tuple(t.meta.maintainers), t.origin.path)
        for t in sorted(catalogue.townships, key=lambda t: t.slug)
    )
    return Ownership(
        content_prefix.strip("/"), tuple(catalogue.county.meta.editors), stations, townships
    )

"""Load a content tree into one Catalogue, collecting every problem on the way.

The path decides where an entry belongs (``stations/<township>/<village>/...``); a file
may repeat that but never contradict it. A file with any error is reported and left
out; every other file is still read, checked and published, so one bad entry never hides
another's problems or costs another's page. Entries need their station (for its teams)
and stations their township: children of a broken parent are still checked and reported
but wait for the parent's fix before they are published.
"""

from __future__ import annotations

from pathlib import Path

from site_plugins.content.catalogue import (
    CENTRE_KEY,
    Activity,
    Catalogue,
    Honoree,
    Plan,
    Station,
    Township,
)
from site_plugins.content.checks import check_former_ids
from site_plugins.content.county_loading import CountyLoading
from site_plugins.content.entry_reuse import EntryReuse
from site_plugins.content.file_reading import TAG_OPENING
from site_plugins.content.load_state import EntryMemo, build_date
from site_plugins.content.located import read_source
from site_plugins.content.model import Record
from site_plugins.content.photo_checks import PHOTO_SIZE_LIMIT, PHOTO_SUFFIXES
from site_plugins.content.problems import sort_problems
from site_plugins.content.tree_walk import ENTRY_FOLDERS, RESERVED_SLUGS, SERVICE_FOLDERS, TreeWalk
from site_plugins.content.units_loading import UnitLoading
from site_plugins.service import loading as service_loading


class Loader(TreeWalk, CountyLoading, UnitLoading, EntryReuse):
    """One run over one content tree. Use :func:`load_catalogue`.

    Its parts live in their own modules (the walk, file reading, county, units, entries,
    honorees, photos); this class joins them and runs them in order.
    """

    def load_pages(self, paths: list[Path]) -> list[str]:
        pages = []
        for path in paths:
            before = self.error_count()
            source = read_source(path, self.shown(path), self.problems)
            if source is None:
                continue
            self.scan_body(source.text, 1, self.reporter(path))
            if self.error_count() == before:
                pages.append(self.rel(path))
        return pages

    def load(self, source_date_epoch: str | None) -> Catalogue:
        self.today = build_date(source_date_epoch)
        tree = self.walk()
        county = self.load_county(tree.county)
        theme_years = self.load_themes(tree.theme_files)
        self.themes = {(y.year, m.month) for y in theme_years for m in y.months}
        townships: list[Township] = []
        stations: list[Station] = []
        activities: list[Activity] = []
        honorees: list[Honoree] = []
        plans: list[Plan] = []
        centre = self.load_centre(tree.centre)
        # Every unit first, so that an entry may name any unit's team (team: centre:theory).
        units: list[tuple[str, Path, bool]] = [
            (CENTRE_KEY, self.root / "centre", centre is not None)
        ]
        self.unit_keys.update(tree.townships)
        self.unit_keys.update(f"{t}/{v}" for t, villages in tree.stations.items() for v in villages)
        for slug in sorted(tree.townships):
            township = self.load_township(slug)
            if township is not None:
                townships.append(township)
            units.append((slug, self.root / "stations" / slug, township is not None))
            for village in tree.stations.get(slug, []):
                station = self.load_station(slug, village)
                if station is not None and township is None:
                    station = None  # checked, but published only under a valid township
                if station is not None:
                    stations.append(station)
                key = f"{slug}/{village}"
                units.append((key, self.root / "stations" / slug / village, station is not None))
        self.remember_context()
        for key, folder, unit_ok in units:
            for path in tree.entries.get(f"{key}/plans", []):
                plan = self.entry("plan", self.load_plan, unit_ok, key, path)
                if plan is not None:
                    plans.append(plan)
                    self.plan_keys.add((key, plan.slug))
                    self.unit_plans.setdefault(key, set()).add(plan.slug)
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
            for path in tree.entries.get(f"{key}/activities", []):
                activity = self.entry("activity", self.load_activity, unit_ok, key, path)
                if activity is not None:
                    activities.append(activity)
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
            for path in tree.entries.get(f"{key}/honorees", []):
                honoree = self.entry("honoree", self.load_honoree, unit_ok, key, path)
                if honoree is not None:
                    honorees.append(honoree)
                else:
                    self.refused_entries.setdefault(folder, []).append(path)
        folders = {f"{t}/{v}" for t, villages in tree.stations.items() for v in villages}
        self.problems.extend(check_former_ids(stations, folders, RESERVED_SLUGS))
        service = service_loading.load_service(
            self, tree.service, townships=townships, stations=stations, activities=activities
        )
        pages = self.load_pages(tree.pages)
        self.report_photo_clashes()
        self.report_unused_photos(tree.media)
        # Only photos of published entries are published: a refused honoree's portrait
        # (no consent, say) must not reach the site as a stray file.
        published = {p.src for a in activities for p in a.photos}
        published.update(h.photo.src for h in honorees if h.photo is not None)
        self.forget_unseen()
        return Catalogue(
            county=county,
            townships=tuple(townships),
            stations=tuple(stations),
            activities=tuple(activities),
            plans=tuple(plans),
            honorees=tuple(honorees),
            theme_years=tuple(theme_years),
            pages=tuple(pages),
            photos=tuple(sorted(published)),
            reference_date=self.today,
            problems=tuple(sort_problems(self.problems)),
            centre=centre,
            service=service,
        )


def load_catalogue(
    content_dir: Path, source_date_epoch: str | None = None, memo: EntryMemo | None = None
) -> Catalogue:
    """Read and validate ``content_dir`` into one Catalogue with every problem found.

    ``source_date_epoch`` fixes the build's reference date (reproducible-builds
    convention); the caller passes ``os.environ.get("SOURCE_DATE_EPOCH")``. ``memo``:
    entry files read by an earlier load of the same tree (see ``Loader.read_entry``).
    """
    return Loader(content_dir, memo).load(source_date_epoch)


__all__ = [
    "ENTRY_FOLDERS",
    "PHOTO_SIZE_LIMIT",
    "PHOTO_SUFFIXES",
    "RESERVED_SLUGS",
    "SERVICE_FOLDERS",
    "TAG_OPENING",
    "EntryMemo",
    "Loader",
    "Record",
    "build_date",
    "load_catalogue",
]

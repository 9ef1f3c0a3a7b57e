"""Which pages and files the site has: the types every feature's plan is made of.

Each page-making feature has a pure function ``plan(catalogue, options) -> list[Planned]``
(``site_plugins.hubs.plans.plan`` and its siblings). A plan says, for every page, its
URL (from :mod:`site_plugins.routes`), title, template, 栏目, the view its template gets
(made lazily, one page at a time, so no plugin holds every page's data at once) and the
records it depends on; for every other file, its path and text. Plans know nothing of
MkDocs: they are tested without a build, and :mod:`site_plugins.generated` turns them
into MkDocs files and pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from site_plugins import routes


@dataclass(frozen=True)
class View:
    """What one template shows: a typed, frozen record built from the catalogue.

    ``context_name`` is the name the template reads it by (``station``, ``bulletin``…).
    A template that asks a view for a field it does not have fails the build instead of
    printing nothing (``site_plugins.generated.ViewUndefined``).
    """

    context_name: ClassVar[str]


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb (县 › 镇 › 村); ``url`` None for text without a link."""

    name: str
    url: str | None


@dataclass(frozen=True)
class Link:
    """A named link to a page of the site (a station, a month's 通报…)."""

    name: str
    url: str


# Dependencies are named by the records they stand for, so that a later build can tell
# which pages an edit touches: "station:<key>", "activity:<key>/<slug>",
# "honoree:<key>/<slug>", "township:<slug>", "themes:<year>", and for pages that count
# many records, the set: "activities" (every activity), "honorees", "stations", "county",
# "months" (which months have activities).
# "station:<key>" and "township:<slug>" stand for the place and every record in it. In
# mkdocs serve --dirty a page is drawn again only when one of these changed
# (site_plugins.incremental), so a page must name everything it shows; one that names
# nothing is drawn every time.
Dependency = str


def unit_dependency(unit_key: str) -> Dependency:
    """The record a unit stands for: station:<key>, township:<slug> or centre."""
    if unit_key == routes.CENTRE_KEY:
        return "centre"
    return f"station:{unit_key}" if "/" in unit_key else f"township:{unit_key}"


# Every station's own record as one set (see unit_record): pages that name every station
# but show none of their entries.
UNITS: Dependency = "units"


def theme_month_dependency(year: int, month: int) -> Dependency:
    """The activities serving one month's theme (``figures.serves_theme``), as a set."""
    return f"theme-month:{year}-{month:02d}"


def township_honorees(township: str) -> Dependency:
    """The honorees of one township's stations (or of the centre, ``centre``), as a set:
    a township's 通报 lists these, so an honoree edit elsewhere leaves it as it was."""
    return f"honorees:{township}"


def unit_record(unit_key: str) -> Dependency:
    """A station's own record (its name, office and teams: ``unit:<key>``), not the
    records in it, for pages that show a station's name but none of its other entries
    (an entry's own page): editing one activity of a station with 300 then redraws its
    page and its neighbours', not all 300. The 所 and the centre have no such name yet
    (their own entries are few): their pages name the whole unit."""
    return f"unit:{unit_key}" if "/" in unit_key else unit_dependency(unit_key)


# What lists and counts show of the activities, as sets (site_plugins.incremental.diff),
# so that an edit redraws the pages whose HTML can change and leaves the others:
# ``counted`` names the fields a count or a chart reads (unit, month, category, 五项,
# people, hours, theme month, the plan it reports), never the title or the body; a page
# that lists entries names each entry it lists (``activity_dependency``), and a page list
# names its unit's month counts (how many pages, and the month links every page shows).
# An entry that moves to another page changes the names that page declares, which
# redraws it too (site_plugins.incremental.rebuild compares the declared names).
COUNTED: Dependency = "counted"
# Which plans have a report, from any month (an activity names the plan it reports): the
# 通报 list the past plans of their period that none reported.
PLAN_REPORTS: Dependency = "plan-reports"


def counted_dependency(year: int, month: int, scope: str | None = None) -> Dependency:
    """The counted fields of one month's activities: the county's, or with ``scope`` one
    township's (its 所's and its stations') or the centre's own."""
    name = f"counted:{year}-{month:02d}"
    return name if scope is None else f"{name}:{scope}"


def month_counts_dependency(unit_key: str, month: tuple[int, int] | None = None) -> Dependency:
    """How many activities a unit (centre, 所 or 站) has in each month (its list pages
    and month links), or in one ``month`` (that month's pages)."""
    name = f"month-counts:{unit_key}"
    return name if month is None else f"{name}:{month[0]}-{month[1]:02d}"


def theme_units_dependency(year: int, month: int) -> Dependency:
    """How many activities of each unit serve one month's theme: what the county's month
    page shows when it is too long to list them (calendar.views.month_view)."""
    return f"theme-units:{year}-{month:02d}"


def township_theme_month_dependency(year: int, month: int, township: str) -> Dependency:
    """The activities of one township (its 所 and stations) serving one month's theme."""
    return f"{theme_month_dependency(year, month)}:{township}"


def activity_dependency(unit_key: str, slug: str) -> Dependency:
    """One activity's record, as a list that shows it names it."""
    return f"activity:{unit_key}/{slug}"


@dataclass(frozen=True)
class PlannedPage:
    """A page the site will have."""

    url: str
    title: str | None  # None: the page's own first heading
    template: str | None  # None: the theme's main.html
    column: str  # 栏目, for the government page metadata
    view: Callable[[], View] | None = None
    depends: frozenset[Dependency] = frozenset()
    column_type: str | None = None  # 首页 / 文章页; None: the template's default (栏目页)
    body: Callable[[], str] | None = None  # the page's own HTML, already made safe
    markdown: str | None = None  # or Markdown for MkDocs to render (our own, trusted, text)
    trusted: bool = False  # written by us, not by a contributor: not sanitised
    description: str | None = None
    published: dt.date | None = None  # an article's date (PubDate)
    feeds: str | None = None  # the page whose feeds this page offers (HOME for the county's)
    exists: bool = False  # the page's Markdown file is in content/ (the home page)
    # Applied to the page's final HTML (on_post_page): for what is known only once other
    # files are made (the open-data page shows the sizes and checksums of its files).
    fill: Callable[[str], str] | None = None

    @property
    def source(self) -> str:
        return routes.source_of(self.url)

    @property
    def feed_atom(self) -> str | None:
        return routes.feed_atom(self.feeds) if self.feeds is not None else None

    @property
    def feed_json(self) -> str | None:
        return routes.feed_json(self.feeds) if self.feeds is not None else None


@dataclass(frozen=True)
class PlannedFile:
    """Another file the site will have: generated text, or a file copied as it is."""

    path: str
    text: str | bytes | None = None
    copy_of: Path | None = None
    depends: frozenset[Dependency] = field(default_factory=frozenset)
    # Or the text made only when the file is written: in mkdocs serve --dirty a file whose
    # dependencies did not change is left as it is, and its text (a workbook, a feed) is
    # never made (site_plugins.incremental).
    make: Callable[[], str | bytes] | None = None
    # A page shows this file's size and checksum (PlannedSite.made): it is made first.
    checksummed: bool = False


Planned = PlannedPage | PlannedFile


def urls(planned: list[Planned]) -> list[str]:
    """The page URLs and file paths of a plan, in its order (for tests and comparisons)."""
    return [p.url if isinstance(p, PlannedPage) else p.path for p in planned]

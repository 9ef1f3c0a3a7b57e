"""The ``calendar`` plugin: the twelve monthly themes with the traditional festivals.

Pages: ``/themes/`` (the years), ``/themes/<year>/`` (a twelve-month grid that prints on
one A4 landscape sheet), ``/themes/<year>/<month>/`` (the month's theme, days and every
activity county-wide, by township and station, with 未开展 stations), and a subscribable
``/themes/<year>.ics``. Which there are is decided by :mod:`.plans`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from site_plugins import priorities
from site_plugins.build import SitePlugin
from site_plugins.calendar.config import CalendarConfig
from site_plugins.calendar.plans import CalendarError, CalendarOptions, plan


class CalendarPlugin(SitePlugin[CalendarConfig]):  # type: ignore[no-untyped-call]
    """Generates the theme calendar pages from the catalogue's theme years."""

    plugin_name = "calendar"

    @event_priority(priorities.CALENDAR_FILES)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        options = CalendarOptions(self.config.month_list_limit, self.build.site_url)
        try:
            planned = plan(self.catalogue, options)
        except CalendarError as exc:
            raise PluginError(str(exc)) from exc
        self.build.site.add(files, config, planned)
        return files

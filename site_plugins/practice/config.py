from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PracticeConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``practice`` plugin in mkdocs.yml."""

    # Where processed photos are cached between builds (by content hash).
    photo_cache = c.Type(str, default=".cache/photos")

    # In mkdocs serve --dirty, the folder of links to content/'s pages that MkDocs lists
    # instead of content/ (site_plugins.incremental.docs_view).
    docs_view = c.Type(str, default=".cache/docs")

    # Where compiled page templates are kept between builds (site_plugins.template_cache).
    template_cache = c.Type(str, default=".cache/templates")

    # Render the navigation, footer and scripts once per folder depth for pages outside
    # the nav (see site_plugins.generated.SharedBlocks); off only to compare outputs.
    share_blocks = c.Type(bool, default=True)

    # Processes that make the files no page needs (通报 workbooks, feeds, form configs, the
    # open-data export) beside the page rendering: 1 (a second, forked process) or 0 (in
    # the build's own process; same output, slower on a machine with two cores).
    workers = c.Choice((0, 1), default=1)

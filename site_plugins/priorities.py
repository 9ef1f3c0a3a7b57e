"""The order of our plugins' MkDocs events, in one place, each with why.

MkDocs runs a hook of every plugin in descending priority (0 by default; equal ones in
the order mkdocs.yml lists the plugins). Only hooks whose order matters carry one.
"""

from __future__ import annotations

from typing import Final

# practice.on_config loads and checks the content: every other plugin's on_config reads
# the catalogue it makes.
LOAD_CONTENT: Final = 100

# In mkdocs serve --dirty, practice.on_pre_build lets MkDocs list content/ without its data
# (site_plugins.incremental.docs_view) after every other plugin's on_pre_build, and its
# on_files puts the real folder back before any other plugin's on_files.
VIEW_DOCS: Final = -100
REAL_DOCS: Final = 200

# practice.on_files adds the entry pages and the photo renditions first: hub and
# calendar pages link to entries and show the renditions' sizes.
ENTRY_FILES: Final = 50

# Then the hubs, the calendar, the 通报 and the honor roll, in this order, which is also
# the order their pages appear in the sitemap and the search index.
HUB_FILES: Final = 40
CALENDAR_FILES: Final = 30
BULLETIN_FILES: Final = 20
HONOR_ROLL_FILES: Final = 20

# Redirects mirror every page of a renamed station, so they come after every page maker.
REDIRECT_FILES: Final = -50

# In `mkdocs serve --dirty`, practice decides which files to leave from the last build
# once every plugin has added its files (site_plugins.incremental).
CHOOSE_REBUILT: Final = -90

# practice.on_page_content sanitises entry bodies last, so that nothing another plugin
# adds to a page escapes the sanitiser, and escapes the page's meta for the templates once
# every plugin has set it.
SANITISE: Final = -100

# practice.on_post_page fills in what a page shows of files made beside the rendering
# (the open-data page's checksums) before the search index reads the page.
FILL_PAGE: Final = 50

# practice.on_post_build first waits for the second process that writes the workbooks,
# feeds and form configs (site_plugins.offload), so that every other plugin's post_build
# sees the whole site.
OFFLOAD_WAIT: Final = 100

# practice.on_post_build begins, in a thread, the work a build of mkdocs serve left for
# after it (site_plugins.idle), once everything else of the build is done.
IDLE_WORK: Final = -200

# practice.on_post_build says how long the build took (mkdocs serve --dirty), so it runs
# after every other plugin's, the search index's last step included.
BUILD_REPORT: Final = -100

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BulletinsConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``bulletins`` plugin in mkdocs.yml.

    The 通报 pages are always built (a few per month). Notice-board sheets are one page
    per station, month and paper size (700 × 12 × 2 in a large county), so they are built
    only on request: ``sheets: true`` here, or ``WM_PRINT=1`` in the environment, which
    ``python -m site_plugins print`` sets. ``sheet_month`` (or ``WM_PRINT_MONTH``, e.g.
    ``2026-06``) limits them to one month.
    """

    sheets = c.Type(bool, default=False)
    sheet_month = c.Optional(c.Type(str))

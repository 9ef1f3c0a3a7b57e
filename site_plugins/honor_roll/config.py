from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from site_plugins.honor_roll.index import DEEDS_CHARS


class HonorRollConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``honor_roll`` plugin in mkdocs.yml."""

    # Characters of each honoree's deeds kept in the search index, after cutting what
    # the card already shows. The deeds are the bulk of the index: with 5,000 honorees
    # (scripts/synth_county.py), 0 / 40 / 100 characters give an index of about
    # 19 / 47 / 66 KB gzip, and the page with the index must stay within 200 KB.
    deeds_chars = c.Type(int, default=DEEDS_CHARS)

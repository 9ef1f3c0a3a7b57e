"""The honor roll's page and its search index script (named by its content hash, so a
cached copy never pairs with a newer page)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.honor_roll import index, views
from site_plugins.media.renditions import PhotoSet
from site_plugins.plans import UNITS, Planned, PlannedFile, PlannedPage


@dataclass(frozen=True)
class RollOptions:
    deeds_chars: int
    # The photo renditions, read when the page is drawn (made after the plan).
    photos: Callable[[], Mapping[str, PhotoSet]]


def plan(catalogue: Catalogue, options: RollOptions) -> list[Planned]:
    roll = index.build_roll(catalogue, options.deeds_chars)
    script = index.index_script(roll)
    path = routes.honor_roll_script(hashlib.sha256(script.encode("utf-8")).hexdigest()[:10])

    def view() -> views.RollView:
        return views.roll_view(roll, options.photos(), path)

    depends = frozenset({"honorees", UNITS, "county"})  # each honoree with its station's name
    return [
        PlannedPage(routes.HONOR_ROLL, "好人榜", "honor-roll.html", "好人榜", view, depends),
        PlannedFile(path, script, depends=depends),
    ]

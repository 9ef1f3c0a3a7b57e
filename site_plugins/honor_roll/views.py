"""What the honor-roll template shows: lean cards, and the link from an honoree's page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue, Honoree
from site_plugins.honor_roll.index import HonorRoll, RollEntry, roll_place
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet
from site_plugins.plans import View


@dataclass(frozen=True)
class Thumb:
    """The 320×240 centre-cropped thumbnail, WebP with a JPEG fallback."""

    webp: str
    jpeg: str
    width: int
    height: int


@dataclass(frozen=True)
class RollCard:
    name: str  # as written; a group is shown with （集体） after it
    is_group: bool
    url: str
    category: str
    honours: str
    place: str
    summary: str
    thumb: Thumb | None


@dataclass(frozen=True)
class RollLink:
    """A link to the roll with facets chosen: ``url`` for the ``url`` filter, then the query."""

    url: str
    query: str
    place: str


def _thumb(entry: RollEntry, photos: Mapping[str, PhotoSet]) -> Thumb | None:
    photo = entry.honoree.photo
    photo_set = photos.get(photo.src) if photo else None
    if photo_set is None:
        return None
    webp, jpeg = photo_set.thumb(WEBP), photo_set.thumb(JPEG)
    return Thumb(webp.path, jpeg.path, jpeg.width, jpeg.height)


@dataclass(frozen=True)
class RollView(View):
    """The honor roll: every card, and the search index script's path."""

    context_name: ClassVar[str] = "roll"
    cards: list[RollCard]
    total: int
    index_script: str


def roll_view(roll: HonorRoll, photos: Mapping[str, PhotoSet], index_script: str) -> RollView:
    cards = [
        RollCard(
            e.name,
            e.honoree.is_group,
            e.honoree.url,
            e.category_label,
            e.honours,
            e.place,
            e.summary,
            _thumb(e, photos),
        )
        for e in roll.entries
    ]
    return RollView(cards, len(cards), index_script)


def roll_link(catalogue: Catalogue, honoree: Honoree) -> RollLink:
    """The roll showing every honoree of ``honoree``'s village."""
    where = roll_place(catalogue, honoree.unit_key)
    facets = {"t": where.township, "v": where.village}
    return RollLink(
        routes.HONOR_ROLL, urlencode(facets, safe="/"), catalogue.place(honoree.unit_key)
    )

"""What a name in the content tree says before anything is read: hidden, system litter,
a folder that looks like a file, or two photos that would publish under one name.

Plain functions over names, so the walk in :mod:`.loader` only has to report them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import PurePosixPath

from site_plugins.media.renditions import web_stem

# Files that operating systems, editors and git leave in folders. Never content, but in a
# pull request they are worth a warning (they do not belong in the repository either).
_LITTER = {
    ".ds_store",
    ".gitkeep",
    ".keep",
    ".directory",
    "thumbs.db",
    "desktop.ini",
    ".vscode",
    ".idea",
}
# Names that say "this is a file": a folder so named is a mistake (e.g. an activity saved
# as a folder by a file manager or an archive tool).
FILE_SUFFIXES = {".md", ".yml", ".yaml", ".jpg", ".jpeg", ".png", ".webp"}


class NameKind(Enum):
    PLAIN = "plain"
    LITTER = "litter"  # .DS_Store, Thumbs.db, ._photo.jpg (macOS resource forks)
    HIDDEN = "hidden"  # starts with a dot: invisible in most file managers


def name_kind(name: str) -> NameKind:
    """How the walk treats a file or folder of this name."""
    if name.lower() in _LITTER or name.startswith("._") or name.startswith(".~lock."):
        return NameKind.LITTER
    if name.startswith("."):
        return NameKind.HIDDEN
    return NameKind.PLAIN


def unhidden(name: str) -> str:
    """The name without its leading dots, for the fix (``.2026-06-01-x.md`` → ``2026-…``)."""
    return name.lstrip(".") or "新名字"


def web_name_clashes(photos: Iterable[str]) -> list[tuple[str, str]]:
    """``(photo, earlier photo)`` for photos of one folder that would publish under one name.

    Renditions are named after the photo's web name without its suffix (``scene-1.jpg``
    → ``scene-1.960.webp``), so ``scene-1.jpg`` and ``scene-1.png`` would overwrite each
    other. ``photos`` are paths inside content/; the first in sorted order keeps its name.
    """
    owners: dict[tuple[str, str], str] = {}
    clashes = []
    for photo in sorted(photos):
        path = PurePosixPath(photo)
        key = (str(path.parent), web_stem(path.stem))
        if key in owners:
            clashes.append((photo, owners[key]))
        else:
            owners[key] = photo
    return clashes

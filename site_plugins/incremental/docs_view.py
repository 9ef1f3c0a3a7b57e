"""What MkDocs walks of ``content/`` in ``mkdocs serve --dirty``: everything but the data.

Every build, MkDocs lists the whole docs folder (``get_files``) and makes a File for
each file in it, which at budget scale is 38,742 files: the entries, units and photos
that the loader reads and practice's on_files then takes out again, and the home page.
That walk was 0.7 s of every rebuild, more than a seventh of what an edit may take.

So between practice's ``on_pre_build`` (the last of every plugin's) and the first
``on_files``, ``docs_dir`` names a folder of symbolic links to ``content/``'s other
top-level entries (the home page, any folder of pages or images a county adds). MkDocs
finds there exactly the files it would have kept, under the same paths, and reads them
through the links; every plugin's ``on_files`` and everything after sees the real folder
again, and so does ``mkdocs serve``'s watcher. Where links cannot be made, MkDocs walks
the whole folder as before; the site is the same either way.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


class DocsView:
    """``docs_dir`` swapped for the view while MkDocs lists the files, then put back."""

    def __init__(self) -> None:
        self._swapped: tuple[MkDocsConfig, str] | None = None  # the config, its docs_dir

    def enter(
        self, config: MkDocsConfig, folder: Path, skipped: Callable[[os.DirEntry[str]], bool]
    ) -> None:
        """Point ``docs_dir`` at ``folder``, made to hold a link to each top-level entry of
        the docs folder that ``skipped`` does not name."""
        self.leave()
        try:
            sync(folder, Path(config.docs_dir), skipped)
        except OSError:
            return  # no symbolic links here: MkDocs walks the whole folder
        self._swapped = (config, config.docs_dir)
        config.docs_dir = str(folder)

    def leave(self) -> None:
        """The real ``docs_dir`` again (the first ``on_files``; a build that failed)."""
        if self._swapped is not None:
            config, real = self._swapped
            config.docs_dir = real
            self._swapped = None


def sync(folder: Path, docs: Path, skipped: Callable[[os.DirEntry[str]], bool]) -> None:
    """Make ``folder`` hold exactly one link per entry of ``docs`` not ``skipped``, to it."""
    wanted = {e.name: Path(e.path).absolute() for e in os.scandir(docs) if not skipped(e)}
    folder.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(folder):
        path = Path(entry.path)
        target = wanted.get(entry.name)
        if entry.is_symlink() and target is not None and path.readlink() == target:
            del wanted[entry.name]  # already there
        elif entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path)
        else:
            path.unlink()
    for name, target in wanted.items():
        (folder / name).symlink_to(target, target_is_directory=target.is_dir())

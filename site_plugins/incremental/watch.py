"""Noticing edits in ``mkdocs serve --dirty`` without walking the content folder.

MkDocs 1.6 watches with watchdog's polling observer: every half second it lists and
stats every file under ``content/`` (42,000 at the budget county's scale: 2.5–5 seconds
a round on this loaded 2-core machine), so an edit is noticed only after the round that
sees it, and the polling thread holds Python's lock for much of the rebuild it starts.
On Linux the kernel reports changes instead (inotify): an edit is noticed at once and
nothing runs while nobody edits. Where inotify is missing or refuses (too many folders
watched), the polling observer stays.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import ObservedWatch

log = logging.getLogger("mkdocs.plugins.practice")

# A file written, made, deleted or renamed (a folder's renaming or deletion reaches
# every file in it as one of these).
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
]

try:
    from watchdog.observers.inotify import InotifyObserver
except ImportError:  # not Linux
    InotifyObserver = None  # type: ignore[assignment,misc]


if InotifyObserver is not None:

    class _StartedEarly(InotifyObserver):
        """Started here, to see at once whether the kernel accepts every watch; the
        server's own ``start`` (in ``serve``) then has nothing left to do. It reports
        only changes: inotify also reports files opened and closed unchanged, and
        MkDocs rebuilds on any event, so the build's own reading would start the next."""

        def start(self) -> None:
            if not self.is_alive():
                super().start()

        def schedule(
            self,
            event_handler: FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=event_filter or CHANGES,
                follow_symlink=follow_symlink,
            )


def use_inotify(server: LiveReloadServer) -> bool:
    """Move the server's watches (``on_serve`` runs before the server starts its
    observer) to an inotify observer and start it; whether it did."""
    if InotifyObserver is None or server.observer.is_alive():
        return False
    watched = dict(server._watched_paths)
    polling, refs = server.observer, server._watch_refs
    observer = _StartedEarly()
    # MkDocs types the attribute as its polling observer; any watchdog observer serves.
    server.observer = observer  # type: ignore[assignment]
    server._watched_paths, server._watch_refs = {}, {}
    try:
        for path, count in watched.items():
            server.watch(path)
            server._watched_paths[path] = count
        observer.start()
    except OSError as error:  # e.g. fs.inotify.max_user_watches reached
        log.info("预览：无法用 inotify 监视文件改动（%s），改为定时扫描", error)
        observer.unschedule_all()  # stops the watches it had started
        server.observer, server._watched_paths, server._watch_refs = polling, watched, refs
        return False
    polling.unschedule_all()
    return True

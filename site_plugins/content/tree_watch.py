"""The kernel's account of what changed under content/ since the last walk (Linux inotify).

A ``mkdocs serve --dirty`` rebuild used to walk and stat all 38,000 files of a budget
county to find the one a clerk edited. A :class:`TreeWatch` is given every folder as the
walk enters it (before the folder is listed, so no change after the listing is missed)
and afterwards says which files were written since: :meth:`TreeWatch.edits`.

It reads the inotify descriptor itself, in the loading thread, without a thread of its
own: the kernel queues an event within the writing system call, so every write that
finished before a load asks is in the queue when it asks, and one made during the load
stays queued for the next. It answers only the plain case, existing files written (or
touched); anything else (a file or folder made, deleted or renamed, a folder changed, a
watch dropped, the queue overflowed) is an answer of None, and the caller walks the
whole tree again, as it does wherever inotify is missing or refuses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import weakref

# From <sys/inotify.h>.
IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_ONLYDIR = 0x01000000
IN_DONT_FOLLOW = 0x02000000
IN_ISDIR = 0x40000000

# A file's bytes or status changed: the walk's findings stand, the file's stamp does not.
EDITS = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE
WATCHED = (
    EDITS
    | IN_MOVED_FROM
    | IN_MOVED_TO
    | IN_CREATE
    | IN_DELETE
    | IN_DELETE_SELF
    | IN_MOVE_SELF
    | IN_ONLYDIR
    | IN_DONT_FOLLOW
)
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.inotify_init1.argtypes = [ctypes.c_int]
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
    except (OSError, AttributeError):  # not Linux
        return None
    return libc


_LIBC = _libc()


class TreeWatch:
    """inotify watches on the folders of one walk; see the module's docstring."""

    def __init__(self) -> None:
        """Raises OSError where inotify is missing or refuses (too many instances)."""
        if _LIBC is None:
            raise OSError("inotify is not available")
        fd = _LIBC.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self._fd = fd
        self._folders: dict[int, str] = {}  # watch descriptor -> folder
        self._close = weakref.finalize(self, os.close, fd)

    def add(self, folder: str) -> None:
        """Watch ``folder`` (call before listing it); raises OSError when refused
        (e.g. fs.inotify.max_user_watches reached)."""
        assert _LIBC is not None
        wd = _LIBC.inotify_add_watch(self._fd, os.fsencode(folder), WATCHED)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder}")
        self._folders[wd] = folder

    def close(self) -> None:
        self._close()

    def edits(self) -> set[str] | None:
        """The files written or touched since the last call (or since they were watched),
        by path; None when anything else happened, or may have, under the folders."""
        if not self._close.alive:
            return None
        changed: set[str] = set()
        sure = True
        while True:
            try:
                data = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                return None
            # Every event is read to the end of the queue, even after a doubt, so that
            # the next call starts from events after this one.
            sure = _parse(data, self._folders, changed) and sure
        return changed if sure else None


def _parse(data: bytes, folders: dict[int, str], changed: set[str]) -> bool:
    """Add to ``changed`` the files that ``data``'s events wrote; False on any other event
    (created, deleted, moved, a folder's own event, a dropped watch, an overflow)."""
    sure = True
    offset = 0
    while offset + _HEADER.size <= len(data):
        wd, mask, _cookie, length = _HEADER.unpack_from(data, offset)
        raw = data[offset + _HEADER.size : offset + _HEADER.size + length]
        offset += _HEADER.size + length
        name = os.fsdecode(raw.rstrip(b"\0"))
        folder = folders.get(wd)
        if folder is None or not name or mask & IN_ISDIR or mask & ~EDITS:
            sure = False  # IN_Q_OVERFLOW (wd -1), IN_IGNORED, IN_UNMOUNT included
            continue
        changed.add(f"{folder}{os.sep}{name}")  # as os.scandir joins them
    return sure

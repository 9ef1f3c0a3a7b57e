"""Work a ``mkdocs serve`` session does between builds, once the site is served.

Some of what a serve session remembers for its rebuilds costs seconds to make and nothing
the first build shows needs it: the open-data export's memo (3.5 s at budget scale) and
the record digests the next rebuild compares with (2 s). Made on the first build's way,
they made ``make serve`` start later than ``mkdocs build`` takes. So a build leaves them
here (:meth:`IdleWork.later`), and as it ends (:meth:`IdleWork.begin`, the last
``on_post_build``) one thread does them in turn while the browser loads the site. The
next build waits for that thread before it loads anything, and so before it forks a
second process (a fork must not copy a thread half-way through its work): a rebuild
never sees them half made. An edit saved within those seconds waits a little longer;
nothing else changes. A build that fails leaves nothing to do.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.idle")

Work = Callable[[], None]


class IdleWork:
    """Work left by a build, done in a thread of its own once the build has ended."""

    def __init__(self) -> None:
        self._left: list[tuple[str, Work]] = []
        self._thread: threading.Thread | None = None

    def later(self, work: Work, name: str) -> None:
        """Do ``work`` once this build has ended. It must leave things as if it had not
        run when it fails (its error is only logged: nobody is there to see it)."""
        self._left.append((name, work))

    def begin(self) -> None:
        """The build has ended: do what it left."""
        self.wait()
        works, self._left = self._left, []
        if works:
            self._thread = threading.Thread(target=_run, args=(works,), name="空闲时", daemon=True)
            self._thread.start()

    def drop(self) -> None:
        """The build failed: what it left is not done."""
        self._left = []

    def wait(self) -> None:
        """Until the work begun is done (a build is about to begin)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()


def _run(works: list[tuple[str, Work]]) -> None:
    for name, work in works:
        try:
            work()
        except Exception:
            log.debug("idle work %s failed", name, exc_info=True)


# The process's one: plugins leave work here; practice begins it and waits for it.
IDLE = IdleWork()

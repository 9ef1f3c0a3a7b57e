"""Work a ``mkdocs serve`` session does between builds, once the site is served.

Some of what a serve session remembers for its rebuilds costs seconds to fill and nothing
the first build shows needs it: the open-data export's memo (3.5 s at budget scale),
which the first build would otherwise fill on its way, making ``make serve`` start later
than ``mkdocs build`` takes. It is filled instead by a thread begun as the build ends,
while the browser loads the site. The next build waits for it before it loads anything
(and so before it forks a second process: a fork must not copy a thread half-way through
its work), so a rebuild never sees a memo half filled: an edit saved within those
seconds waits a little longer, nothing else changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class IdleWork:
    """At most one piece of work at a time, in a thread of its own."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def start(self, work: Callable[[], None], name: str) -> None:
        """Begin ``work`` (after the last, if still at work). It must catch its own
        errors: nobody is there to see them."""
        self.wait()
        thread = threading.Thread(target=work, name=name, daemon=True)
        thread.start()
        self._thread = thread

    def wait(self) -> None:
        """Until the work begun is done (a build is about to begin)."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()


# The process's one: the plugins that leave work share it, and practice's on_config waits.
IDLE = IdleWork()

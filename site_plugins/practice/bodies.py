"""Entry bodies rendered by a second process while the build plans its pages.

Rendering and sanitising the Markdown of a county's 33,000 activities, plans and honorees
took about 7 s of one core, inside MkDocs' page reading pass. Once the catalogue is
loaded nothing else is needed for them, so a forked child (site_plugins.offload.stream)
renders them with the same function (``render_body``) while the build plans its pages,
and sends them back in the order the pages are read. A body the child did not send (it
failed, or the platform cannot fork) is rendered here: the same bytes either way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import partial

from site_plugins import offload
from site_plugins.content import safe_html
from site_plugins.content.catalogue import Catalogue
from site_plugins.content.safe_html import render_body

CHUNK = 256  # bodies per message: a few hundred KB


class Bodies:
    """``render_body`` for the entries' pages, taken from the second process if it made
    the body."""

    def __init__(self, sources: Sequence[str], *, workers: int) -> None:
        self._sources = list(dict.fromkeys(sources))  # each text once, in reading order
        # Shared with render_body, which the feeds use (made by a process forked later).
        self._html = safe_html.RENDERED
        self._html.clear()  # a new build (mkdocs serve): only this build's bodies
        self._pid = os.getpid()
        self._stream = None
        if workers and self._sources:
            self._stream = offload.stream(partial(_render, self._sources))
        self._items: Iterator[object] | None = (
            self._stream.items() if self._stream is not None else None
        )
        self._received = 0

    @classmethod
    def of(cls, catalogue: Catalogue, *, workers: int) -> Bodies:
        """The bodies of the entry pages, in the order ``practice.plans.plan`` lists them."""
        sources = [a.body for a in catalogue.activities]
        sources += [p.body for p in catalogue.plans]
        sources += [h.body for h in catalogue.honorees]
        return cls(sources, workers=workers)

    def render(self, source: str) -> str:
        """The body as ``render_body`` makes it; waits for the second process's next
        bodies until this one is among them, or the second process is done."""
        while source not in self._html and self._receive():
            pass
        found = self._html.get(source)
        return found if found is not None else render_body(source)

    def _receive(self) -> bool:
        if self._items is None or os.getpid() != self._pid:
            return False  # done; or a process forked from the build: the pipe is not its
        chunk = next(self._items, None)
        if not isinstance(chunk, list):
            self._items = None
            return False
        for html in chunk:
            self._html[self._sources[self._received]] = html
            self._received += 1
        return True

    def abort(self) -> None:
        """Stop the second process if it is still at work (the build ended or failed)."""
        self._items = None
        self._html.clear()
        if self._stream is not None:
            self._stream.abort()
            self._stream = None


def _render(sources: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(sources), CHUNK):
        yield [render_body(source) for source in sources[start : start + CHUNK]]

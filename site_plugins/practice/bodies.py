"""Entry bodies rendered by a second process while the build plans and reads its pages.

Rendering and sanitising the Markdown of a county's 33,000 activities, plans and honorees
took about 7 s of one core, inside MkDocs' page reading pass. Once the catalogue is
loaded nothing else is needed for them, so a forked child (site_plugins.offload.stream)
renders them with the same function (``render_body``) from the last to the first, while
the build plans its pages and then reads them from the first: a body the child has sent
is taken, one it has not reached is rendered here, without waiting (only for the one the
child is at when the two meet; then the child is stopped). A machine too busy to run the
child costs nothing but its own work, and the bytes are the same either way. The bodies
also go to ``render_body``'s own table, so that the feeds, made later by a process forked
from the build, summarise them without rendering them again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import partial

from site_plugins import offload
from site_plugins.content import safe_html
from site_plugins.content.catalogue import Catalogue
from site_plugins.content.safe_html import render_body

CHUNK = 64  # bodies per message: about 13 ms of the child's work


class Bodies:
    """``render_body`` for the entries' pages, from the second process where it has
    rendered the body."""

    def __init__(self, sources: Sequence[str], *, workers: int) -> None:
        self._sources = list(dict.fromkeys(sources))  # each text once, in reading order
        self._position = {source: n for n, source in enumerate(self._sources)}
        self._html = safe_html.RENDERED  # render_body looks here first
        self._html.clear()  # a new build (mkdocs serve): only this build's bodies
        self._pid = os.getpid()
        self._lowest = len(self._sources)  # the child has sent every body from here on
        self.received = 0
        self._stream = None
        if workers and self._sources:
            self._stream = offload.stream(partial(_render_backwards, self._sources))

    @classmethod
    def of(cls, catalogue: Catalogue, *, workers: int) -> Bodies:
        """The bodies of the entry pages, in the order ``practice.plans.plan`` lists them."""
        sources = [a.body for a in catalogue.activities]
        sources += [p.body for p in catalogue.plans]
        sources += [h.body for h in catalogue.honorees]
        return cls(sources, workers=workers)

    def render(self, source: str) -> str:
        """The body as ``render_body`` makes it."""
        found = self._html.get(source)
        if found is None and self._stream is not None and os.getpid() == self._pid:
            self._take(self._position.get(source))  # never in a process forked from this
            found = self._html.get(source)
        return found if found is not None else render_body(source)

    def _take(self, position: int | None) -> None:
        """What the child has sent; if it is at ``position`` (the two meet), wait for
        that message and stop the child: every body from here on has been sent."""
        assert self._stream is not None
        self._receive(self._stream.poll())
        if position is not None and position >= self._lowest - CHUNK:
            while self._lowest > position and self._receive(self._stream.poll(wait=True)):
                pass
            self.abort()

    def _receive(self, messages: list[object]) -> bool:
        for message in messages:
            assert isinstance(message, tuple)
            start, chunk = message
            for offset, html in enumerate(chunk):
                self._html[self._sources[start + offset]] = html
            self._lowest = start
            self.received += len(chunk)
        return bool(messages)

    def abort(self) -> None:
        """Stop the second process if it is still at work (the two met, or the build
        ended or failed)."""
        if self._stream is not None:
            self._stream.abort()
            self._stream = None

    def forget(self) -> None:
        """The build is over: the bodies are not kept for the next one (mkdocs serve)."""
        self.abort()
        self._html.clear()


def _render_backwards(sources: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """(first position, bodies) from the last bodies to the first."""
    end = len(sources)
    while end > 0:
        start = max(0, end - CHUNK)
        yield start, [render_body(source) for source in sources[start:end]]
        end = start

"""Reading page text and counting terms in a second process while MkDocs renders pages.

MkDocs renders pages one after another in one process. At county scale, reading each
built page's text and indexing its terms cost about a fifth of the build; a second
process does it beside the rendering, so on a machine with two or more cores (every CI
runner) the build waits only for the last step, numbering the postings.

The rendering side only cuts out each page's article (``extract.article``) and sends
them in batches through a pipe; this side cuts out its entries (``extract.entries``) and
reads them. ``workers: 0`` in mkdocs.yml does the same work in the build's own process;
both give the same bytes (tests compare them). In mkdocs serve the index stays here from
one rebuild to the next, and only the files a rebuild changed come back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from site_plugins.search_index.extract import Article, entries, read
from site_plugins.search_index.index import IndexBuilder, IndexFiles

# Pages per message: few enough messages, small enough ones (an article is a few KB).
BATCH = 200
# mkdocs serve draws a hundred pages or so again: sent in small batches, they are read
# while the rest render, not all after the last one.
KEPT_BATCH = 10


def _index_pages(
    builder: IndexBuilder, parts: Sequence[Article], skip_classes: Sequence[str]
) -> None:
    for page in parts:
        for part in (page, *entries(page)):  # e.g. each item of a unit's menu
            text = read(part, skip_classes)
            if text.title or text.text:
                builder.add(text)


def _finish(  # noqa: PLR0917  (the finish message's parts)
    builder: IndexBuilder,
    keep: bool,
    shard_bytes: int,
    chunk: int,
    people: Mapping[str, Sequence[str]],
    honor_roll: str,
) -> IndexFiles:
    """The index files; in mkdocs serve (``keep``) after the first finish, only the files
    that changed (the rest are on disk as the last finish gave them)."""
    built = builder.finish(shard_bytes, chunk, people, honor_roll)
    if not keep or builder.changed is None:
        return built
    files = {path: built.files[path] for path in sorted(builder.changed)}
    return replace(built, files=files, partial=True, removed=builder.removed)


class WorkerError(RuntimeError):
    """The second process is gone (killed, or out of memory): no index this build."""


def _serve(
    conn: Connection, skip_classes: Sequence[str], shard_bytes: int, chunk: int, keep: bool = True
) -> None:
    """The second process: batches of articles in, the index files out.

    A build that fails (a content error, a plugin error) closes the pipe without the
    final message: that is an ordinary end here, not an error to print.
    """
    builder = IndexBuilder(keep)
    people: Mapping[str, Sequence[str]] = {}
    try:
        while True:
            # Between rebuilds of mkdocs serve: prepare the kept index for the next one.
            if builder.kept is not None and not conn.poll(0) and builder.segment_some():
                continue
            message = conn.recv()
            if isinstance(message, list):
                _index_pages(builder, message, skip_classes)
            elif isinstance(message, Drop):
                builder.drop(message.urls)
            elif isinstance(message, Stop):
                return
            else:
                # (people map or None: as last time, honor roll url, keep): the index
                # files; with keep, the pages stay for the next rebuild of mkdocs serve.
                named, honor_roll, keep = message
                people = people if named is None else named
                conn.send(_finish(builder, keep, shard_bytes, chunk, people, honor_roll))
                if not keep:
                    return
    except (EOFError, OSError):
        return  # the build ended early; it reports why itself
    finally:
        conn.close()


@dataclass(frozen=True)
class Stop:
    """The build is done with this process: end now. Closing the pipe is not enough
    when a process forked from the build since (practice's entry bodies, in a full
    rebuild of mkdocs serve) still holds a copy of it: no end of input would come, and
    the build would wait out the five seconds ``close`` allows."""


@dataclass(frozen=True)
class Drop:
    """Pages that are gone since the last build (mkdocs serve): out of the index."""

    urls: tuple[str, ...]


def _child_main(
    conn: Connection, skip_classes: Sequence[str], shard_bytes: int, chunk: int, keep: bool
) -> None:
    # Ctrl-C in a terminal reaches every process of the build. The build stops and
    # multiprocessing ends this daemon process; without this it would also print a
    # KeyboardInterrupt traceback from the middle of conn.recv().
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _serve(conn, skip_classes, shard_bytes, chunk, keep)


class IndexWorker:
    """Collects the pages' articles and returns the index files at the end.

    ``processes=0`` (or a platform without processes) indexes in this process instead.
    ``keep`` (mkdocs serve): the pages' text stays, so that later builds can change them.
    """

    def __init__(
        self,
        skip_classes: Sequence[str],
        shard_bytes: int,
        chunk: int,
        processes: int = 1,
        keep: bool = True,
    ) -> None:
        self.keep = keep
        self.rebuilding = False  # finished once and kept: a rebuild of mkdocs serve
        self.people: dict[str, tuple[str, ...]] = {}  # as sent with the last finish
        self.skip_classes = tuple(skip_classes)
        self.shard_bytes = shard_bytes
        self.chunk = chunk
        self.batch: list[Article] = []
        self.builder: IndexBuilder | None = None
        self.conn: Connection | None = None
        self.process: BaseProcess | None = None
        if processes > 0:
            self._start()
        if self.conn is None:
            self.builder = IndexBuilder(keep)

    def _start(self) -> None:
        # "spawn": a fresh interpreter that imports only this package, never a copy of
        # the build's memory (the catalogue) or its threads.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_child_main,
            args=(theirs, self.skip_classes, self.shard_bytes, self.chunk, self.keep),
            name="search-index",
            daemon=True,
        )
        try:
            process.start()
        except OSError:
            ours.close()
            return
        theirs.close()
        self.conn, self.process = ours, process

    def add(self, part: Article) -> None:
        self.batch.append(part)
        if len(self.batch) >= (KEPT_BATCH if self.rebuilding else BATCH):
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        if self.conn is not None:
            self._send(self.batch)
        elif self.builder is not None:
            _index_pages(self.builder, self.batch, self.skip_classes)
        self.batch = []

    def drop(self, urls: Iterable[str]) -> None:
        """Take pages added in an earlier build out of the index (``keep`` below)."""
        gone = tuple(urls)
        if not gone:
            return
        self._flush()
        if self.conn is not None:
            self._send(Drop(gone))
        elif self.builder is not None:
            self.builder.drop(gone)

    def finish(
        self,
        people: Mapping[str, Sequence[str]] | None = None,
        honor_roll: str = "",
        *,
        keep: bool = False,
    ) -> IndexFiles:
        """The index files; ``people`` and ``honor_roll`` as in ``index.build``.

        ``keep``: the pages stay, and a later build adds (and drops) only what changed
        and calls ``finish`` again (mkdocs serve --dirty, site_plugins.incremental).
        """
        self._flush()
        named = {url: tuple(names) for url, names in (people or {}).items()}
        if self.conn is None:
            assert self.builder is not None
            self.rebuilding = keep
            return _finish(self.builder, keep, self.shard_bytes, self.chunk, named, honor_roll)
        # In mkdocs serve the people rarely change: not sent again (a few MB at scale).
        same = self.rebuilding and named == self.people
        self.rebuilding, self.people = keep, named
        try:
            self._send((None if same else named, honor_roll, keep))
            files: IndexFiles = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.close()
            raise WorkerError("search index process is gone") from exc
        if not keep:
            self.close()
        return files

    def _send(self, message: object) -> None:
        assert self.conn is not None
        try:
            self.conn.send(message)
        except OSError as exc:
            self.close()
            raise WorkerError("search index process is gone") from exc

    def close(self) -> None:
        """Stop the second process (after ``finish``, or when the build fails)."""
        if self.conn is not None:
            with contextlib.suppress(OSError):  # already gone (a finish without keep)
                self.conn.send(Stop())
            self.conn.close()
            self.conn = None
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.terminate()
            self.process = None

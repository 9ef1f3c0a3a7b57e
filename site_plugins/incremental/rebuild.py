"""Incremental rebuilds for ``mkdocs serve --dirty`` (what ``make serve`` runs).

MkDocs' own ``--dirty`` skips a page when its source file is older than its output, which
is wrong for this site: nearly every page is generated from the catalogue, and one edited
activity changes its station's pages, the month pages and the feeds. This class decides
instead, from what changed in the catalogue (:mod:`.diff`) and each planned page's
``depends``: a page whose records did not change is left as the previous build wrote it
(MkDocs neither reads nor renders nor writes it), every other file is made again, and
outputs of pages that are gone are deleted. A change to what every page shows (county.yml,
themes, townships, mkdocs.yml, the templates) rebuilds everything from a clean folder,
exactly as a plain build does; so does the first build, and the next one after a build
that failed while writing (a content error stops a build before it writes anything: the
next one still compares with the last good build).

Only ``mkdocs serve --dirty`` is followed (``on_startup``); ``mkdocs build`` and plain
``mkdocs serve`` build everything every time, as before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory, get_build_date

from site_plugins.content import Catalogue
from site_plugins.generated import PlannedSite, PreparedPage
from site_plugins.idle import IDLE
from site_plugins.incremental.diff import (
    DigestMemo,
    Fingerprint,
    changed,
    is_stale,
    record_digests,
    whole_digest,
)
from site_plugins.plans import Dependency

# MkDocs warns on every --dirty build that navigation may be wrong; here it is not (the
# pages that show a changed record are rebuilt), and the warning would only alarm clerks.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


@dataclass(frozen=True)
class Snapshot:
    """What one finished build wrote, for the next build to compare with."""

    site_dir: str
    inputs: Fingerprint
    depends: Mapping[str, frozenset[Dependency]]  # planned source → its dependencies
    outputs: Mapping[str, str | None]  # dest_uri → the static file it was copied from
    # A page with a Markdown file of its own in content/ (index.md): the file's time and
    # size, since no record of the catalogue holds its text.
    sources: Mapping[str, tuple[int, int]]
    # What the sitemap listed: the site's address, the build date (every entry's
    # lastmod) and the pages' URLs in order. The same again: sitemap.xml is not redrawn.
    listed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """One rebuild's figures, for the line it prints."""

    full: bool
    rebuilt: int  # pages rendered
    pages: int  # pages in the site
    seconds: float

    def message(self) -> str:
        kind = "完整生成" if self.full else "增量生成"
        return (
            f"预览已更新（{kind}）：重新生成 {self.rebuilt} 个页面（共 {self.pages} 个），"
            f"用时 {self.seconds:.1f} 秒"
        )


class Rebuilds:
    """The serve session's memory of its last build, and this build's decisions."""

    def __init__(self) -> None:
        self.enabled = False
        self.last: Snapshot | None = None
        self._started = 0.0
        self._whole = ""
        self._full = True
        self._pending: Snapshot | None = None
        self._writing = False  # past on_pre_build: the site folder may have changed
        self._rebuilt = 0
        self._pages = 0
        # The sitemap's pages in order: files still in ``files``, or the URLs of those
        # taken out (listed as pages only if the sitemap is drawn: 47,000 at budget scale).
        self.sitemap: list[File | str] = []
        self._listing: Callable[[str], _Listed] = _listing("")
        self.sitemap_unchanged = False  # this build's sitemap.xml would be the last one's
        self._digests = DigestMemo()  # entries' digests, by their fields (diff.py)

    def start(self, command: str, dirty: bool) -> None:
        """``on_startup``: follow builds only in ``mkdocs serve --dirty``."""
        self.enabled = command == "serve" and dirty
        if self.enabled:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirty())

    @property
    def full(self) -> bool:
        return self._full

    def begin(self, config: MkDocsConfig, catalogue: Catalogue, started: float) -> None:
        """``on_config``, once the catalogue is loaded: full or incremental?"""
        self._started = started
        self._pending = None
        self._writing = False
        if not self.enabled:
            self._full = True
            return
        self._whole = whole_digest(catalogue, _setup(config))
        last = self.last
        self._full = (
            last is None or last.site_dir != config.site_dir or last.inputs.whole != self._whole
        )
        if self._full:
            self.last = None

    def clean(self, config: MkDocsConfig) -> None:
        """``on_pre_build``: a full rebuild starts from an empty folder, as a plain build."""
        self._writing = True
        if self.enabled and self._full:
            clean_directory(config.site_dir)

    def choose(
        self,
        files: Files,
        config: MkDocsConfig,
        site: PlannedSite,
        catalogue: Catalogue,
        photos: Mapping[str, object],
    ) -> tuple[Files, frozenset[str]]:
        """``on_files``, after every plugin added its files: leave each planned page whose
        records did not change; the files to build, and the URLs of the pages left.

        A page left is taken out of ``files`` altogether, so that MkDocs neither makes a
        page object for it nor visits it in any of its loops (with 45,000 pages those
        loops, not the pages drawn, were most of a rebuild). Pages MkDocs must still know
        stay, unrendered: the navigation's and those with Markdown of their own, whose
        links MkDocs resolves through ``files``; so do other files, unwritten. The
        plugins' lazy texts of files left are never made (``site.prepare``)."""
        if not self.enabled:
            site.prepare(files, config)
            return files, frozenset()
        last = self.last
        if last is None:
            # Nothing to compare with: the digests are only the next rebuild's, made
            # once this build is served (site_plugins.idle) and waited for by the next.
            records: dict[Dependency, str] = {}
            inputs = Fingerprint(self._whole, records)
            IDLE.later(partial(self._digest, records, catalogue, photos), "record digests")
        else:
            inputs = Fingerprint(self._whole, record_digests(catalogue, photos, self._digests))
        changes = None if last is None else changed(last.inputs, inputs)
        depends: dict[str, frozenset[Dependency]] = {}
        outputs: dict[str, str | None] = {}
        sources: dict[str, tuple[int, int]] = {}
        kept: set[str] = set()
        titled: list[File] = []
        unwritten: set[str] = set()  # src_uris of the files left as they are
        leave: set[str] = set()  # those taken out of files
        sitemap: list[File | str] = []
        nav = _nav_sources(config.nav)
        self._pages = self._rebuilt = 0
        for file in files:
            planned = site.depends_of(file.src_uri)
            outputs[file.dest_uri] = file.abs_src_path  # None: text made by a plugin
            if planned is not None:
                depends[file.src_uri] = planned
            page = file.is_documentation_page()
            if page and file.generated_by is None:
                sources[file.src_uri] = _stamp(file)
            # A planned copy that names no dependency (the form editor's scripts) is a
            # static file like a theme asset: MkDocs compares the two files' times.
            copied = not planned and file.abs_src_path is not None
            if page or (planned is not None and not copied):
                keep = (
                    last is not None
                    and _unchanged(file, planned, changes, last)
                    and last.sources.get(file.src_uri) == sources.get(file.src_uri)
                )
                _mark(file, modified=not keep)
                if keep and page:
                    kept.add(_page_url(file))
                if keep:
                    unwritten.add(file.src_uri)
                if keep and _removable(file, site, nav):
                    leave.add(file.src_uri)
                elif keep and page:
                    titled.append(file)
            elif last is not None and last.outputs.get(file.dest_uri, "") != file.abs_src_path:
                _mark(file, modified=True)  # copied from another file than last time
            # Otherwise (a theme asset, a photo rendition from the same cached file) MkDocs
            # compares the two files' times.
            if page:
                self._pages += 1
                self._rebuilt += _page_url(file) not in kept
                sitemap.append(_page_url(file) if file.src_uri in leave else file)
        if leave:  # a new collection: Files.remove is linear, once per file
            files = Files([f for f in files if f.src_uri not in leave])
        site.prepare(files, config, unwritten)
        for file in titled:
            _titled(file, config, site)
        self.sitemap = sitemap
        self._listing = _listing(config.site_url or "")
        listed_urls = (config.site_url or "", get_build_date(), *map(_sitemap_url, sitemap))
        self.sitemap_unchanged = last is not None and last.listed == listed_urls
        self._pending = Snapshot(config.site_dir, inputs, depends, outputs, sources, listed_urls)
        return files, frozenset(kept)

    def _digest(
        self, records: dict[Dependency, str], catalogue: Catalogue, photos: Mapping[str, object]
    ) -> None:
        """Fill a full build's fingerprint's ``records`` (left empty, they stand for
        "compare with nothing": the next rebuild then draws every page)."""
        try:
            records.update(record_digests(catalogue, photos, self._digests))
        except Exception:
            self._digests = DigestMemo()
            raise

    def sitemap_pages(self, pages: object) -> object:
        """``on_template_context`` of sitemap.xml: every page of the site, those taken out
        of ``files`` too, in the order a full build lists them."""
        if not (self.enabled and self.sitemap):
            return pages
        listed = self._listing
        return [listed(item) if isinstance(item, str) else item for item in self.sitemap]

    def finish(self, config: MkDocsConfig) -> Outcome:
        """``on_post_build``: delete what vanished, remember this build, say what it did."""
        pending = self._pending
        if self.enabled and pending is not None:
            if self.last is not None:
                _remove(Path(config.site_dir), set(self.last.outputs) - set(pending.outputs))
            self.last = pending
        self._pending = None
        self._writing = False
        self.sitemap = []  # written: the pages it held need not outlive the build
        self.sitemap_unchanged = False
        return Outcome(self._full, self._rebuilt, self._pages, time.monotonic() - self._started)

    def failed(self) -> None:
        """``on_build_error``. A build stopped by a content error (in ``on_config``) wrote
        nothing: the folder is still the last build's, and the next build compares with
        it. Any later failure may have left the folder half written: the next is full."""
        if self._writing:
            self.last = None
        self._pending = None
        self._writing = False


def _unchanged(
    file: File,
    planned: frozenset[Dependency] | None,
    changes: frozenset[Dependency] | None,
    last: Snapshot,
) -> bool:
    """A planned page or file left as the last build wrote it: it was there, with the same
    dependencies, none of which changed. A page nobody planned could show anything."""
    return (
        planned is not None
        and file.dest_uri in last.outputs
        and last.depends.get(file.src_uri) == planned
        and not is_stale(planned, changes)
    )


def _removable(file: File, site: PlannedSite, nav: frozenset[str]) -> bool:
    """Whether a page left from the last build can be taken out of ``files``: a planned
    page with no Markdown of its own that is not in the navigation. Other files stay,
    unwritten (Markdown pages may link to them, and MkDocs resolves links in ``files``);
    they cost MkDocs little, and their lazy texts are not made."""
    planned = site.pages.get(file.src_uri)
    return (
        planned is not None
        and planned.markdown is None
        and not planned.exists
        and file.src_uri not in nav
    )


def _nav_sources(nav: object) -> frozenset[str]:
    """The Markdown files named in mkdocs.yml's ``nav`` (titles, sections, links)."""
    found: set[str] = set()
    items = [nav]
    while items:
        item = items.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            items.extend(item.values())
        elif isinstance(item, list):
            items.extend(item)
    return frozenset(found)


class _Listed:
    """A page taken out of ``files``, as the sitemap template reads it (``file.page``)."""

    __slots__ = ("page", "url")

    def __init__(self, page: _ListedPage, url: str) -> None:
        self.page = page
        self.url = url


@dataclass(frozen=True)
class _ListedPage:
    """The address and date a Page would have (MkDocs' ``Page._set_canonical_url``: the
    page's URL joined to ``site_url``, which for a page's relative URL is appending)."""

    canonical_url: str | None
    abs_url: str | None
    update_date: str
    is_link: bool = False


def _listing(site_url: str) -> Callable[[str], _Listed]:
    """A page taken out of ``files``, by its URL, as the sitemap lists it."""
    date = get_build_date()
    if not site_url:
        return lambda url: _Listed(_ListedPage(None, None, date), url)
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = urlsplit(base).path
    return lambda url: _Listed(_ListedPage(base + url, path + url, date), url)


def _sitemap_url(item: File | str) -> str:
    """The URL a sitemap entry stands for: a file still in ``files`` or one taken out."""
    return item if isinstance(item, str) else _page_url(item)


def _stamp(file: File) -> tuple[int, int]:
    assert file.abs_src_path is not None
    stat = Path(file.abs_src_path).stat()
    return stat.st_mtime_ns, stat.st_size


def _page_url(file: File) -> str:
    """The URL its page has (``Page.url``): the home page's is "", its file's "./"."""
    return "" if file.url in (".", "./") else file.url


def _titled(file: File, config: MkDocsConfig, site: PlannedSite) -> None:
    """A page left unrendered still has its title: other pages' navigation shows it."""
    if isinstance(file.page, PreparedPage):
        file.page.read_source(config)
        site.set_meta(file.page)


def _mark(file: File, *, modified: bool) -> None:
    # MkDocs' --dirty asks each file whether it is modified; the answer is ours.
    file.is_modified = _always if modified else _never  # type: ignore[method-assign]


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def _remove(site: Path, gone: Iterable[str]) -> None:
    for dest in gone:
        path = site / dest
        path.unlink(missing_ok=True)
        for parent in _parents(path.parent, site):
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break


def _parents(folder: Path, site: Path) -> Iterator[Path]:
    while folder != site and site in folder.parents:
        yield folder
        folder = folder.parent


def _setup(config: MkDocsConfig) -> list[bytes]:
    """The configuration file and the template overrides (names, sizes, times)."""
    parts: list[bytes] = [str(config.site_url).encode()]
    if config.config_file_path:
        parts.append(Path(config.config_file_path).read_bytes())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(p for p in Path(custom).rglob("*") if p.is_file()):
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return parts

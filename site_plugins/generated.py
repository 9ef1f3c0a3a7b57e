"""Plans made into MkDocs files and pages: the one adapter between plans and MkDocs.

Every page-making plugin hands its plan (:mod:`site_plugins.plans`) to the build's
``PlannedSite``, which adds the files, sets each page's meta while Markdown is read
(template, title, 栏目) and hands its view to the template under the view's own name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Set
from typing import Any, NoReturn

from jinja2 import Undefined
from jinja2.exceptions import TemplateRuntimeError, UndefinedError
from jinja2.utils import missing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext
from pydantic import BaseModel

from site_plugins import offload
from site_plugins.offload import Made, Maker, Offload
from site_plugins.plans import Dependency, Planned, PlannedPage


class PreparedPage(Page):
    """A generated page whose body HTML we make ourselves: MkDocs' Markdown pass is skipped.

    For every page it renders, MkDocs builds a new Markdown instance with every configured
    extension (about 0.4 ms), more than the rest of a small generated page costs. Hub
    pages have no body (their template draws everything) and entry bodies go through the
    one shared renderer (``render_markdown``), so neither needs that pass. The object is
    made when the file is added; MkDocs keeps a file's page unless the page is in the nav
    (then the nav makes its own, plain Page — a handful of hub pages).
    """

    def __init__(
        self, file: File, config: MkDocsConfig, body: Callable[[], str] | None = None
    ) -> None:
        super().__init__(None, file, config)
        self._body = body

    def read_source(self, config: MkDocsConfig) -> None:
        # Generated files have no front matter: meta comes from the plan.
        self.markdown = ""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._body() if self._body is not None else ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class PlannedSite:
    """Every planned page of one build, by source file; filled by the plugins' on_files.

    With ``deferred`` (the practice plugin's builds) the page objects of generated pages
    and the text of lazily made files (``PlannedFile.make``) are made only by
    :meth:`prepare`, once every plugin has added its files and ``mkdocs serve --dirty``
    has taken out those left from the last build (site_plugins.incremental): a page or
    workbook that is not drawn again costs nothing but its plan.

    With ``workers`` (1) those texts are made by a second process while MkDocs renders
    the pages (:mod:`site_plugins.offload`), which writes them itself; :meth:`finish`
    waits for it at the end of the build.
    """

    def __init__(
        self, *, deferred: bool = False, workers: int = 0, page_files: PageFiles | None = None
    ) -> None:
        self.deferred = deferred
        self.workers = workers
        self.page_files = page_files
        self.pages: dict[str, PlannedPage] = {}
        self.files: dict[str, frozenset[Dependency]] = {}  # other planned files' depends
        self._bodies: dict[str, Callable[[], str] | None] = {}  # pages still to prepare
        self._makers: dict[str, Maker] = {}  # texts still to make
        self._first: set[str] = set()  # texts a page shows the checksum of: made first
        self._made: dict[str, File] = {}  # texts made here, by path
        self._unmade: dict[str, Maker] = {}  # texts left as the last build wrote them
        self._jobs: list[tuple[File, Maker]] = []  # texts to make, once launched
        self.offload: Offload | None = None

    def clear(self) -> None:
        """Forget the plans (a new set follows)."""
        self.abort()
        self.pages = {}
        self.files = {}
        self._bodies = {}
        self._makers = {}
        self._first = set()
        self._made = {}
        self._unmade = {}
        self._jobs = []

    def add(self, files: Files, config: MkDocsConfig, planned: Iterable[Planned]) -> None:
        for item in planned:
            if isinstance(item, PlannedPage):
                if item.markdown is not None:
                    files.append(File.generated(config, item.source, content=item.markdown))
                elif not item.exists:
                    file = self._page_file(config, item.source)
                    files.append(file)
                    if self.deferred:
                        self._bodies[item.source] = item.body
                    else:
                        PreparedPage(file, config, item.body)
                self.pages[item.source] = item
            elif item.copy_of is not None:
                files.append(File.generated(config, item.path, abs_src_path=str(item.copy_of)))
                self.files[item.path] = item.depends
            elif item.make is not None and self.deferred:
                files.append(File.generated(config, item.path, content=b""))
                self._makers[item.path] = item.make
                self.files[item.path] = item.depends
                if item.checksummed:
                    self._first.add(item.path)
            else:
                text = item.make() if item.make is not None else item.text
                files.append(File.generated(config, item.path, content=text or ""))
                self.files[item.path] = item.depends

    def _page_file(self, config: MkDocsConfig, source: str) -> File:
        """The file of a page without Markdown of its own: the last build's, if there is one
        (:class:`PageFiles`), else a new one."""
        if self.page_files is not None:
            return self.page_files.get(config, source)
        return File.generated(config, source, content="")

    def prepare(
        self, files: Files, config: MkDocsConfig, unwritten: Set[str] = frozenset()
    ) -> None:
        """The page objects of the pages in ``files``, and the texts of its files except
        ``unwritten`` (left as the last build wrote them; see ``deferred``)."""
        jobs: list[tuple[File, Maker]] = []
        for file in files:
            src = file.src_uri
            if src in self._bodies:
                PreparedPage(file, config, self._bodies[src])
            elif src in self._makers and src not in unwritten:
                jobs.append((file, self._makers[src]))
        self._unmade = {src: make for src, make in self._makers.items() if src in unwritten}
        self._bodies = {}
        self._makers = {}
        jobs.sort(key=lambda job: job[0].src_uri not in self._first)  # stable
        self._jobs = jobs
        if not self.workers:
            self.launch()

    def launch(self) -> None:
        """Make the texts :meth:`prepare` left: in a second process that writes them
        itself (``workers``; practice's on_env, once MkDocs has read every page, so that
        the child inherits the rendered entry bodies the feeds summarise), else here.
        Either way before MkDocs writes the site's other files. An incremental rebuild of
        ``mkdocs serve --dirty`` launches it as soon as the files are chosen (practice's
        on_files): it reads few pages and renders no body ahead, so the child has nothing
        to wait for, and the page showing its checksums then seldom waits for it. Once
        launched, a second call does nothing."""
        if not self._jobs:
            return  # launched already, or nothing to make
        jobs, self._jobs = self._jobs, []
        self.offload = self._start(jobs) if self.workers and jobs else None
        if self.offload is None:
            for file, make in jobs:
                _set_content(file, make())
                self._made[file.src_uri] = file

    def _start(self, jobs: list[tuple[File, Maker]]) -> Offload | None:
        started = offload.start(
            [offload.Job(f.src_uri, f.abs_dest_path, m, f.src_uri in self._first) for f, m in jobs]
        )
        if started is not None:
            for file, _ in jobs:  # the second process writes them
                file.copy_file = _written_elsewhere  # type: ignore[method-assign]
        return started

    def made(self, path: str) -> Made:
        """Size and checksum of a planned file with ``make``, once made (a page showing
        them waits for the second process to write the file)."""
        if self._jobs:
            self.launch()
        if self.offload is not None and path in self.offload.jobs:
            return self.offload.result(path)
        if path in self._made:
            return Made.of(self._made[path].content_bytes)
        if path in self._unmade:  # left from the last build, made again only to be measured
            return Made.of(self._unmade[path]())
        raise KeyError(path)

    def fill(self, page: Page, html: str) -> str:
        """A planned page's final HTML with its ``fill`` applied (on_post_page)."""
        planned = self.get(page)
        return planned.fill(html) if planned is not None and planned.fill is not None else html

    def finish(self) -> None:
        """Wait for the second process, if any (on_post_build); a PluginError in Chinese
        if it failed, so that the build fails."""
        child, self.offload = self.offload, None
        if child is None:
            return
        try:
            child.wait()
        finally:
            child.abort()

    def abort(self) -> None:
        """Stop the second process, if any (the build failed)."""
        child, self.offload = self.offload, None
        if child is not None:
            child.abort()

    def depends_of(self, source: str) -> frozenset[Dependency] | None:
        """The dependencies of a planned page or file by its source path; None if unplanned."""
        page = self.pages.get(source)
        return page.depends if page is not None else self.files.get(source)

    def get(self, page: Page) -> PlannedPage | None:
        return self.pages.get(page.file.src_uri)

    def set_meta(self, page: Page) -> None:
        """Template, title, 栏目 and description of a planned page (on_page_markdown)."""
        planned = self.get(page)
        if planned is None:
            return
        page.meta["column"] = planned.column
        if planned.template is not None:
            page.meta["template"] = planned.template
        if planned.title is not None:
            page.meta["title"] = planned.title
        if planned.column_type is not None:
            page.meta["column_type"] = planned.column_type
        if planned.description is not None:
            page.meta.setdefault("description", planned.description)

    def add_context(self, context: TemplateContext, page: Page) -> None:
        """The page's view under its own name, and the plan as ``wm_page`` (on_page_context)."""
        planned = self.get(page)
        if planned is None:
            return
        context["wm_page"] = planned  # type: ignore[typeddict-unknown-key]
        if planned.view is not None:
            view = planned.view()
            context[view.context_name] = view  # type: ignore[literal-required]


class PageFiles:
    """The files of generated pages kept from one build to the next of ``mkdocs serve
    --dirty``: at budget scale a rebuild plans 47,000 pages, nearly all left as they were,
    and making a File for each (its paths and URL worked out again) was a second of every
    rebuild. A page file is made by the same call with the same values every time (an
    empty generated page at the page's source), so the last one serves once reset to how
    ``File.generated`` leaves a new one: no page object yet (which also lets the last
    build's page and what its body held go), its inclusion still to be decided
    (``set_exclusions``). Its paths and URL follow from the source, the site folder and
    ``use_directory_urls``: files made under other ones are not reused."""

    def __init__(self) -> None:
        self._files: dict[str, File] = {}
        self._next: dict[str, File] = {}
        self._where: tuple[str, bool] | None = None

    def begin(self) -> None:
        """A new build: the files it does not ask for are forgotten at :meth:`end`."""
        self._next = {}

    def get(self, config: MkDocsConfig, source: str) -> File:
        where = (config.site_dir, bool(config.use_directory_urls))
        if where != self._where:
            self._files = {}
            self._where = where
        file = self._files.get(source)
        if file is None:
            file = File.generated(config, source, content="")
        else:
            file.page = None
            file.inclusion = InclusionLevel.UNDEFINED
        self._next[source] = file
        return file

    def end(self) -> None:
        """The build's files were all asked for: they are the next build's to reuse."""
        self._files, self._next = self._next, {}

    def forget(self) -> None:
        self._files = {}
        self._next = {}


def _set_content(file: File, text: str | bytes) -> None:
    if isinstance(text, str):
        file.content_string = text
    else:
        file.content_bytes = text


def _written_elsewhere(dirty: bool = False) -> None:
    """``File.copy_file`` of a file the second process writes: MkDocs must not."""


def _is_record(value: object) -> bool:
    return (dataclasses.is_dataclass(value) and not isinstance(value, type)) or isinstance(
        value, BaseModel
    )


class ViewUndefined(Undefined):
    """Jinja's undefined, except that asking a record for a field it lacks fails the build.

    Material's templates rely on missing values printing nothing (``page.meta.x``), so
    Jinja's StrictUndefined cannot be switched on for everything; but our views and
    records are dataclasses and pydantic models with every field declared, so a name
    they do not have is a misspelling in a template, and a public page must not quietly
    lose that text.
    """

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if obj is not missing and _is_record(obj):
            self._fail()

    def _fail(self) -> NoReturn:
        raise UndefinedError(f"{type(self._undefined_obj).__name__} 没有 {self._undefined_name!r}")

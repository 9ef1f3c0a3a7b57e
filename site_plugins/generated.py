"""Generated pages shared by the page-making plugins (hubs, calendar, bulletins).

Each plugin registers the pages it makes with a template, a title, a column (栏目, for
the government metadata) and a zero-argument view; this registry adds them to MkDocs'
files, sets their meta while Markdown is read, and hands the view's data to the template
under the plugin's own context key. Views run lazily, one page at a time, so no
plugin holds every page's data in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext


@dataclass(frozen=True)
class GeneratedPage:
    template: str
    title: str
    column: str
    view: Callable[[], dict[str, object]]


class GeneratedPages:
    """The pages one plugin generates, by source URI."""

    def __init__(self, context_key: str) -> None:
        self.context_key = context_key
        self.pages: dict[str, GeneratedPage] = {}

    def clear(self) -> None:
        self.pages = {}

    def add(self, files: Files, config: MkDocsConfig, src_uri: str, page: GeneratedPage) -> None:
        files.append(File.generated(config, src_uri, content=""))
        self.pages[src_uri] = page

    def get(self, page: Page) -> GeneratedPage | None:
        return self.pages.get(page.file.src_uri)

    def set_meta(self, page: Page) -> None:
        """Template, title and column of a generated page (on_page_markdown)."""
        found = self.get(page)
        if found is not None:
            page.meta.update(template=found.template, title=found.title, column=found.column)

    def add_context(self, context: TemplateContext, page: Page) -> None:
        """The page's data under this plugin's key (on_page_context)."""
        found = self.get(page)
        if found is not None:
            context[self.context_key] = found.view()  # type: ignore[literal-required]

"""The one adapter from plans to MkDocs, and templates failing on a misspelt view field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
from jinja2 import Environment
from jinja2.exceptions import UndefinedError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from site_plugins.build import build_context
from site_plugins.generated import PageFiles, PlannedSite, PreparedPage, ViewUndefined
from site_plugins.plans import PlannedFile, PlannedPage, View


@dataclass(frozen=True)
class Sample(View):
    context_name: ClassVar[str] = "sample"
    name: str


def _config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "d").mkdir(exist_ok=True)
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "示范", "docs_dir": str(tmp_path / "d"), "site_dir": str(tmp_path / "s")}
    )
    errors, _ = config.validate()
    assert not errors
    # MkDocs sets this while it runs plugin events; File.generated records it.
    config.plugins._current_plugin = "test"
    return config


def test_planned_pages_become_files_with_meta_and_view(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files([])
    site = PlannedSite()
    planned = PlannedPage(
        "stations/q/z/",
        "张庄村",
        "station.html",
        "实践站",
        lambda: Sample("张庄"),
        published=dt.date(2026, 6, 19),
        description="简介",
    )
    site.add(files, config, [planned, PlannedFile("feed.xml", "<feed/>")])
    assert [f.src_uri for f in files] == ["stations/q/z/index.md", "feed.xml"]
    page_file = files.get_file_from_path("stations/q/z/index.md")
    assert page_file is not None and page_file.url == "stations/q/z/"
    page = page_file.page
    assert isinstance(page, PreparedPage)
    page.meta = {}
    site.set_meta(page)
    assert page.meta == {
        "column": "实践站",
        "template": "station.html",
        "title": "张庄村",
        "description": "简介",
    }
    context: dict[str, object] = {}
    site.add_context(context, page)  # type: ignore[arg-type]
    assert context == {"wm_page": planned, "sample": Sample("张庄")}


def test_markdown_pages_are_left_to_mkdocs(tmp_path: Path) -> None:
    files = Files([])
    page = PlannedPage("guide/", None, None, "投稿指南", markdown="# 投稿指南\n", trusted=True)
    PlannedSite().add(files, _config(tmp_path), [page])
    (file,) = files
    assert file.src_uri == "guide/index.md" and file.content_string == "# 投稿指南\n"
    assert file.page is None  # MkDocs makes the page and renders the Markdown


def test_a_page_in_content_is_not_added_again(tmp_path: Path) -> None:
    files = Files([])
    site = PlannedSite()
    site.add(files, _config(tmp_path), [PlannedPage("", None, "home.html", "首页", exists=True)])
    assert list(files) == []
    assert "index.md" in site.pages


def _render(source: str, **values: object) -> str:
    return Environment(undefined=ViewUndefined).from_string(source).render(**values)


def test_a_misspelt_view_field_fails() -> None:
    assert _render("{{ v.name }}", v=Sample("张庄")) == "张庄"
    with pytest.raises(UndefinedError, match="Sample 没有 'nmae'"):
        _render("{{ v.nmae }}", v=Sample("张庄"))


def test_theme_values_may_still_be_missing() -> None:
    # Material's templates rely on a missing meta key or variable printing nothing.
    assert _render("[{{ meta.description }}][{{ nothing }}]", meta={}) == "[][]"


def test_plugins_without_practice_are_told_so(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match="需要先启用 practice 插件"):
        build_context(_config(tmp_path), "hubs")


def test_page_files_are_reused_between_builds_reset_as_new(tmp_path: Path) -> None:
    """mkdocs serve --dirty keeps page files from one build to the next (PageFiles): the
    same object, with no page object of the last build and its inclusion still open."""
    config = _config(tmp_path)
    kept = PageFiles()

    def build(*sources: str) -> Files:
        kept.begin()
        files = Files([])
        site = PlannedSite(page_files=kept)
        site.add(files, config, [PlannedPage(s, s, None, "栏目") for s in sources])
        kept.end()
        return files

    first = build("a/", "b/")
    a = first.get_file_from_path("a/index.md")
    assert a is not None and isinstance(a.page, PreparedPage)
    first_page = a.page
    a.inclusion = InclusionLevel.EXCLUDED  # as set_exclusions might have left it
    second = build("a/")
    again = second.get_file_from_path("a/index.md")
    assert again is a
    assert isinstance(again.page, PreparedPage) and again.page is not first_page
    assert again.inclusion == InclusionLevel.UNDEFINED
    # b was not planned by the second build: a third that plans it makes a new file.
    b = first.get_file_from_path("b/index.md")
    third = build("a/", "b/")
    assert third.get_file_from_path("b/index.md") is not b
    # Another site folder: paths differ, nothing is reused.
    config.site_dir = str(tmp_path / "other")
    fourth = build("a/")
    moved = fourth.get_file_from_path("a/index.md")
    assert moved is not a and moved is not None
    assert moved.abs_dest_path == str(tmp_path / "other" / "a" / "index.html")


def test_page_files_release_the_last_builds_page(tmp_path: Path) -> None:
    config = _config(tmp_path)
    kept = PageFiles()
    kept.begin()
    file = kept.get(config, "a/index.md")
    PreparedPage(file, config)
    kept.end()
    kept.begin()
    assert kept.get(config, "a/index.md") is file
    assert file.page is None  # the last build's page (and what its body held) can go

"""Compiled templates kept between builds (site_plugins.template_cache): used when the
source is unchanged, never when it changed, shared through a symlinked theme folder."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from site_plugins.template_cache import TemplateCache


def _render(theme: Path, cache: Path, **options: object) -> tuple[str, TemplateCache]:
    env = Environment(loader=FileSystemLoader(str(theme)), **options)  # type: ignore[arg-type]
    env.bytecode_cache = bc = TemplateCache(cache, env)
    return env.get_template("page.html").render(name="张庄村"), bc


def test_an_unchanged_template_is_taken_from_the_cache_and_a_changed_one_recompiled(
    tmp_path: Path,
) -> None:
    theme, cache = tmp_path / "theme", tmp_path / "cache"
    theme.mkdir()
    (theme / "page.html").write_text("<h1>{{ name }}</h1>", encoding="utf-8")
    assert _render(theme, cache)[0] == "<h1>张庄村</h1>"
    (entry,) = cache.iterdir()
    written = entry.stat().st_mtime_ns
    assert _render(theme, cache)[0] == "<h1>张庄村</h1>"
    assert entry.stat().st_mtime_ns == written  # read, not written again
    (theme / "page.html").write_text("<h2>{{ name }}</h2>", encoding="utf-8")
    assert _render(theme, cache)[0] == "<h2>张庄村</h2>"


def test_a_symlinked_theme_shares_entries_and_other_settings_do_not(tmp_path: Path) -> None:
    theme, cache = tmp_path / "theme", tmp_path / "cache"
    theme.mkdir()
    (theme / "page.html").write_text("{{ name }}", encoding="utf-8")
    (tmp_path / "project").mkdir()
    linked = tmp_path / "project" / "theme"
    linked.symlink_to(theme, target_is_directory=True)
    _, plain = _render(theme, cache)
    _, via_link = _render(linked, cache)
    _, escaped = _render(theme, cache, autoescape=True)
    keys = [
        bc.get_cache_key("page.html", str(t / "page.html"))
        for bc, t in ((plain, theme), (via_link, linked), (escaped, theme))
    ]
    assert keys[0] == keys[1] != keys[2]
    assert len(list(cache.iterdir())) == 2

"""What MkDocs lists of content/ in mkdocs serve --dirty (site_plugins.incremental.docs_view)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from site_plugins.incremental.docs_view import DocsView, sync


def _data(entry: os.DirEntry[str]) -> bool:
    return entry.name in ("stations", "county.yml")


def _content(root: Path) -> Path:
    content = root / "content"
    (content / "stations" / "t" / "v").mkdir(parents=True)
    (content / "stations" / "t" / "v" / "station.yml").write_text("name: 村\n", encoding="utf-8")
    (content / "county.yml").write_text("name: 县\n", encoding="utf-8")
    (content / "index.md").write_text("# 首页\n", encoding="utf-8")
    (content / "images").mkdir()
    (content / "images" / "logo.png").write_bytes(b"png")
    return content


def _config(content: Path, site: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "示范", "docs_dir": str(content), "site_dir": str(site)})
    errors, _ = config.validate()
    assert not errors
    return config


def test_mkdocs_lists_the_pages_and_not_the_data_then_sees_the_real_folder(tmp_path: Path) -> None:
    content = _content(tmp_path)
    config = _config(content, tmp_path / "site")
    view = DocsView()
    view.enter(config, tmp_path / "view", _data)
    files = get_files(config)
    assert sorted(f.src_uri for f in files) == ["images/logo.png", "index.md"]
    index = files.get_file_from_path("index.md")
    assert index is not None and index.content_string == "# 首页\n"  # read through the link
    view.leave()
    assert config.docs_dir == str(content)
    everything = sorted(f.src_uri for f in get_files(config))
    assert "stations/t/v/station.yml" in everything and "county.yml" in everything


def test_the_view_follows_the_folder(tmp_path: Path) -> None:
    content = _content(tmp_path)
    view = tmp_path / "view"
    sync(view, content, _data)
    assert sorted(p.name for p in view.iterdir()) == ["images", "index.md"]
    (content / "about.md").write_text("# 关于\n", encoding="utf-8")
    (content / "images" / "logo.png").unlink()
    (content / "images").rmdir()
    (view / "stray").mkdir()  # not a link: whatever else is found there goes
    (view / "index.md").unlink()
    (view / "index.md").symlink_to(tmp_path)  # a link to elsewhere is made again
    sync(view, content, _data)
    assert sorted(p.name for p in view.iterdir()) == ["about.md", "index.md"]
    assert (view / "index.md").readlink() == (content / "index.md").absolute()
    assert (view / "about.md").read_text(encoding="utf-8") == "# 关于\n"


def test_no_links_no_view(tmp_path: Path) -> None:
    content = _content(tmp_path)
    config = _config(content, tmp_path / "site")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the view would go", encoding="utf-8")
    view = DocsView()
    view.enter(config, blocked, _data)  # cannot be made: MkDocs walks the real folder
    assert config.docs_dir == str(content)
    view.leave()
    assert config.docs_dir == str(content)

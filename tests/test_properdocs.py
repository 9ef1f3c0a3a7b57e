"""ProperDocs, the maintained fork of MkDocs 1.x, builds the demo into the same site.

The day MkDocs 1.6 or Material must go, moving to ProperDocs is a dependency change:
``properdocs build --strict`` of the demo, with Material and our plugins found through
their ``mkdocs.*`` entry points (ProperDocs reads those groups, and answers ``mkdocs.*``
imports with its own modules), writes the same files as the session's ``mkdocs build``,
byte for byte, except the one line that names the generator: Material writes
``<meta name="generator" content="mkdocs-{{ mkdocs_version }}, …">`` into every themed
page, and the version there is ProperDocs' own.

The ProperDocs build starts from the session build's photo cache: the photos are our
plugin's work, tested by the reproducibility test, not the generator's.
"""

from __future__ import annotations

import re
from pathlib import Path

import properdocs
import pytest
from conftest import build_site, copy_demo

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
MKDOCS_GENERATOR = re.compile(rb"mkdocs-1\.6\.\d+, mkdocs-material-9\.[\d.]+")
PROPERDOCS_GENERATOR = f"mkdocs-ProperDocs {properdocs.__version__}, mkdocs-material-".encode()


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory, demo_site: Path) -> Path:
    project = copy_demo(tmp_path_factory.mktemp("properdocs"), photo_cache_of=demo_site)
    result = build_site(project, "--strict", tool="properdocs")
    assert result.returncode == 0, result.stderr
    # ProperDocs ran (not MkDocs under another name) and found every plugin of mkdocs.yml.
    assert "Documentation built in" in result.stderr
    assert "共发布" in result.stderr and "站内搜索" in result.stderr, result.stderr
    return project / "site"


def test_properdocs_writes_the_same_files(demo_site: Path, properdocs_site: Path) -> None:
    assert sorted(files(properdocs_site)) == sorted(files(demo_site))


def test_properdocs_writes_the_same_bytes_but_its_name(
    demo_site: Path, properdocs_site: Path
) -> None:
    mkdocs_files, properdocs_files = files(demo_site), files(properdocs_site)
    renamed = 0
    different = []
    for name, built in mkdocs_files.items():
        ours, theirs = built, properdocs_files.get(name, b"")
        if GENERATOR.search(ours):
            (mkdocs_says,) = GENERATOR.findall(ours)
            (properdocs_says,) = GENERATOR.findall(theirs)
            assert MKDOCS_GENERATOR.fullmatch(mkdocs_says), (name, mkdocs_says)
            assert properdocs_says.startswith(PROPERDOCS_GENERATOR), (name, properdocs_says)
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
            renamed += 1
        if ours != theirs:
            different.append(name)
    assert different == []
    # Every page drawn with Material names its generator: the comparison covered them.
    themed = [n for n, data in mkdocs_files.items() if b'class="md-header' in data]
    assert len(themed) > 300
    assert renamed == len(themed)

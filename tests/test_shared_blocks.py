"""Blocks shared between pages (site_plugins.generated.SharedBlocks) change no byte.

The demo county is built a second time with ``share_blocks: false``, so that every page
renders Material's navigation, footer and config itself, and every file of the two sites
is compared. The nav pages, pages at every depth and pages under each nav section are
all in the demo, so a key that missed a dependency would show up as a difference.
"""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, copy_demo


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_sharing_blocks_changes_no_byte(demo_site: Path, tmp_path: Path) -> None:
    project = copy_demo(tmp_path, photo_cache_of=demo_site)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - practice\n" in text
    config.write_text(
        text.replace("\n  - practice\n", "\n  - practice:\n      share_blocks: false\n")
    )
    result = build_site(project, "--strict")
    assert result.returncode == 0, result.stderr

    shared, unshared = _files(demo_site), _files(project / "site")
    assert shared.keys() == unshared.keys()
    different = sorted(name for name in shared if shared[name] != unshared[name])
    assert different == []
    # The comparison means something only if pages did share: every page drawn with the
    # theme (not the standalone /admin/ and redirect pages) carries the shared nav.
    themed = [n for n in shared if n.endswith(".html") and b'class="md-header' in shared[n]]
    assert len(themed) > 300
    assert all(b"md-nav--primary" in shared[name] for name in themed)

"""Shared helpers: building sites with MkDocs, a small valid county, and an HTML tree.

``make_county`` writes the smallest project that validates without errors (one township,
one station with a culture and a theory team, one unreferenced photo) plus whatever
files a test adds. ``build_site`` runs the real ``mkdocs build`` in a subprocess, the way
CI does, with a fixed SOURCE_DATE_EPOCH so that every build is comparable.

The demo county is built once per session (``demo_site``) and every test that only
reads it shares that build; its project is fingerprinted after the build and checked again
at the end of the session, so a test that wrote into it fails instead of changing what
later tests read (a test that must change a site copies it, or builds its own).
``demo_site_again`` is a second, independent build of the same input (its own photo
cache, blocks drawn by every page instead of shared), shared by the tests that compare two
builds.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
# 2026-12-06 00:00 Beijing time: the build date of every test build. The demo has no activity
# after it (a report dated after the build date is refused), and December is a running month.
SOURCE_DATE_EPOCH = "1796486400"
BUILD_TIMEOUT = 180
# The practice plugin's photo_cache default, relative to the project.
PHOTO_CACHE = ".cache/photos"

Files = Mapping[str, str | bytes]

# Under CI (the ``CI`` variable) a skipped test fails the session: see tests/ci_guard.py.
pytest_plugins = ("ci_guard",)

COUNTY_YML = """\
name: 示范县
centre: 示范县新时代文明实践中心
footer:
  sponsor: 中共示范县委宣传部
  icp: 示ICP备20260001号-1
  site_code: "0000000001"
"""

INDEX_MD = "# 示范县新时代文明实践中心\n\n欢迎访问。\n"

TOWNSHIP_YML = "name: 青石镇\n"

STATION_YML = """\
name: 张庄村
kind: 村
six_haves: {venue: true, signage: true, team: true, projects: true, rules: true, display: true}
teams:
  - id: culture
    name: 张庄村文艺志愿服务小队
    category: 文化文艺
    members: 22
  - id: theory
    name: 张庄村理论宣讲志愿服务小队
    category: 理论宣讲
    members: 14
"""

STATION_DIR = "stations/qingshi/zhangzhuang"


def jpeg_bytes(
    size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (200, 60, 40)
) -> bytes:
    """A small, valid, metadata-free JPEG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", quality=90)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` (IHDR patched, CRC fixed)."""
    out = io.BytesIO()
    Image.new("1", (1, 1)).save(out, format="PNG")
    data = bytearray(out.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Bytes exactly as given: no newline translation, so CRLF and GBK cases stay intact.
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def write_content(content: Path, rel: str, data: str | bytes | None) -> None:
    """One file under a county's ``content/`` written as given, or with None deleted."""
    if data is None:
        (content / rel).unlink()
    else:
        _write(content / rel, data)


# Compiled templates (site_plugins.template_cache), one folder for every build of the run:
# set by the session fixture below, linked into each project the helpers write.
_template_cache: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def shared_template_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One template cache for all the run's builds (all workers), as a CI cache would keep
    it: each template is compiled once, not once per build."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "templates"
    shared.mkdir(exist_ok=True)
    _template_cache[:] = [shared]
    return shared


def share_template_cache(project: Path) -> None:
    link = project / ".cache" / "templates"
    for shared in _template_cache:
        if not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(shared, target_is_directory=True)


def make_county(tmp_path: Path, files: Files | None = None) -> Path:
    """Write a minimal valid project into ``tmp_path`` and return it (the project dir).

    ``files`` maps paths relative to ``content/`` to text or bytes; they are written
    after (and so may replace) the base files.
    """
    project = tmp_path
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "theme_overrides").symlink_to(REPO / "theme_overrides", target_is_directory=True)
    content = project / "content"
    base: dict[str, str | bytes] = {
        "county.yml": COUNTY_YML,
        "index.md": INDEX_MD,
        "stations/qingshi/township.yml": TOWNSHIP_YML,
        f"{STATION_DIR}/station.yml": STATION_YML,
        f"{STATION_DIR}/media/scene-1.jpg": jpeg_bytes(),
    }
    for rel, data in {**base, **(files or {})}.items():
        _write(content / rel, data)
    share_template_cache(project)
    return project


@pytest.fixture
def county_factory(tmp_path: Path) -> Callable[..., Path]:
    """``county_factory(files)`` → a fresh project dir (a new one on every call)."""
    numbers = count(1)

    def factory(files: Files | None = None) -> Path:
        return make_county(tmp_path / f"county-{next(numbers)}", files)

    return factory


def build_site(
    project_dir: Path, *extra_args: str, site_dir: Path | None = None, tool: str = "mkdocs"
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` of ``project_dir`` into ``site_dir`` (default ``project_dir/site``).

    ``tool="properdocs"`` builds with ProperDocs, the maintained fork of MkDocs 1.x.
    """
    site = site_dir or project_dir / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [
        sys.executable,
        "-m",
        tool,
        "build",
        "-f",
        str(project_dir / "mkdocs.yml"),
        "-d",
        str(site),
        *extra_args,
    ]
    return subprocess.run(
        command,
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )


def copy_demo(project: Path, photo_cache_of: Path | None = None) -> Path:
    """Copy the repository's demo project (config, content, theme) into ``project``.

    ``photo_cache_of``: a built site (such as ``demo_site``) whose project's photo cache
    is copied too, so that a build testing something other than photos skips the photo
    work, most of a demo build's time (as CI's cache step does).
    """
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "content", project / "content", symlinks=True)
    shutil.copytree(REPO / "theme_overrides", project / "theme_overrides")
    share_template_cache(project)
    if photo_cache_of is not None:
        copy_photo_cache(photo_cache_of, project)
    return project


def copy_photo_cache(site: Path, project: Path) -> None:
    """Copy the photo cache of the project ``site`` was built from into ``project``."""
    cache = site.parent / PHOTO_CACHE
    assert cache.is_dir(), f"{site} was built without a photo cache at {cache}"
    shutil.copytree(cache, project / PHOTO_CACHE)


def demo_pages_expected(content: Path) -> list[str]:
    """Pages the demo must have, worked out from its files: every activity and honoree,
    every station and township, and the hubs of the navigation."""
    hubs = ["index.html"] + [f"{hub}/index.html" for hub in HUBS]
    places = [
        f"{p.parent.relative_to(content).as_posix()}/index.html"
        for name in ("township.yml", "station.yml")
        for p in content.glob(f"stations/**/{name}")
    ]
    entries = [
        f"{p.parent.parent.relative_to(content).as_posix()}/{p.parent.name}/{p.stem}/index.html"
        for kind in ("activities", "honorees")
        for p in content.glob(f"stations/*/*/{kind}/*.md")
    ]
    return sorted([*hubs, *places, *entries])


# The navigation's hubs (mkdocs.yml), each a folder with its own index.html.
HUBS = ("stations", "themes", "honorees", "bulletins", "guide")
# The demo has well over this many entries: a count below it means a broken demo or glob.
DEMO_MIN_PAGES = 200


def assert_full_site(site: Path, content: Path) -> None:
    """Fail unless ``site`` holds every page the content calls for (never vacuous)."""
    expected = demo_pages_expected(content)
    assert len(expected) >= DEMO_MIN_PAGES, f"only {len(expected)} pages expected from {content}"
    missing = [page for page in expected if not (site / page).is_file()]
    assert missing == [], f"{len(missing)} pages missing from {site}"


def tree_fingerprint(root: Path) -> str:
    """A digest of every file's path and bytes under ``root``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_demo(project: Path, *, share_blocks: bool = True) -> Path:
    """Copy the demo into ``project``, build it with ``--strict``; the full site folder.

    ``share_blocks=False`` draws every page's navigation, footer and config itself instead
    of sharing them between pages (site_plugins.generated.SharedBlocks), which must change
    no byte.
    """
    copy_demo(project)
    if not share_blocks:
        config = project / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert "\n  - practice\n" in text
        unshared = "\n  - practice:\n      share_blocks: false\n"
        config.write_text(text.replace("\n  - practice\n", unshared), encoding="utf-8")
    result = build_site(project, "--strict")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    site = project / "site"
    assert_full_site(site, project / "content")
    return site


def _shared_demo(
    tmp_path_factory: pytest.TempPathFactory, name: str = "demo", *, share_blocks: bool = True
) -> Path:
    """The demo built once for the whole run: under pytest-xdist the first worker to ask
    builds it in the run's shared temporary folder while the others wait on a lock (an
    flock, released by the kernel if a worker dies), then all read the same folder."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_demo(tmp_path_factory.mktemp(name), share_blocks=share_blocks)
    shared = tmp_path_factory.getbasetemp().parent / f"{name}-shared"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = shared / "built"
            if not done.exists():
                build_demo(shared / "project", share_blocks=share_blocks)
                done.touch()
            return shared / "project" / "site"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo county built once with ``--strict``; the site folder. Read only."""
    site = _shared_demo(tmp_path_factory)
    # The whole project: tests read its content and copy its photo cache too.
    built = tree_fingerprint(site.parent)
    yield site
    # A test that wrote here changed what every later test read: name it by failing.
    assert tree_fingerprint(site.parent) == built, "a test changed the shared demo project"


@pytest.fixture(scope="session")
def demo_site_again(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second build of the demo from a fresh copy, with its own empty photo cache and
    with every page drawing its shared blocks itself; like ``demo_site``, built once for all
    workers. Byte for byte the same as ``demo_site`` (tests/test_build.py)."""
    return _shared_demo(tmp_path_factory, "demo-again", share_blocks=False)


# --- a small HTML tree (the standard library has a parser but no DOM) ------------------

VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}> found"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self) -> str:
        """Text directly inside this element, without its child elements' text."""
        return "".join(c for c in self.children if isinstance(c, str))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        # Tolerant: close up to the nearest open element of that name, ignore strays.
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def entry_article(page: Element) -> Element:
    """The ``<article class="wm-entry">`` of an activity or honoree page."""
    return page.find("article", "wm-entry")


def facts(article: Element) -> dict[str, str]:
    """The ``<dl class="wm-facts">`` of an entry page as label → value."""
    dl = article.find("dl", "wm-facts")
    return {
        div.find("dt").text().strip(): div.find("dd").text().strip()
        for div in dl.children
        if isinstance(div, Element)
    }


# --- scheduling ----------------------------------------------------------------------

# `make test` runs three pytest-xdist workers with our own scheduler (below): whole files
# go to one worker each, so a file's module fixtures are set up once, in this order, which is
# roughly the slowest first, so that no long file starts last and runs alone at the end. The
# first three start together while one of them builds the shared demo: test_workflows needs
# the demo, the next two do not, so no worker waits on the demo build with nothing to do.
# Files not named here follow in collection order (alphabetical).
FIRST = (
    "test_workflows.py",
    "test_scaffold.py",
    "test_photos.py",
    "test_hubs.py",
    "test_search.py",
    "test_calendar.py",
    "test_print.py",
    "test_cms_browser.py",
    "test_incremental.py",
    "test_cms_phone.py",
    "test_city_workflows.py",
    "test_build.py",
    "test_honor_roll_browser.py",
    "test_properdocs.py",
    "test_schemas.py",
    "test_ownership.py",
    "test_html_valid.py",
    "test_figures.py",
    "test_renditions.py",
    "test_honor_roll_build.py",
    "test_hostile.py",
    "test_sanitise.py",
)
# Files of many independent, evenly sized tests that share only session fixtures (the demo,
# the browser): each test is a unit of work of its own, handed out last to fill the workers'
# ends evenly.
SPREAD = ("test_page_kinds.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(FIRST)}
    last = len(rank) + 1
    items.sort(
        key=lambda item: last if item.path.name in SPREAD else rank.get(item.path.name, len(rank))
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadfile`` (as `make test` runs it), with the order and SPREAD above."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class CostOrdered(LoadScopeScheduling):  # type: ignore[misc]
        """Work units in collection order: whole files, a SPREAD file's tests one by one."""

        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return nodeid if file.rsplit("/", 1)[-1] in SPREAD else file

    # xdist would otherwise reorder the units by how many tests each holds, which put the
    # small slow files (a dozen long tests) last, the very thing the order above avoids.
    config.option.loadscopereorder = False
    return CostOrdered(config, log)

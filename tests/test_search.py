"""站内搜索: the header search box, its index, and what a reader's query finds.

Queries are taken from the demo content (read here from the Markdown and YAML files), and
the pages that must be found are those whose title or text contains the query, found by
plain substring search in the source files. The engine must find every one of them:
a page a reader cannot find by typing a word it shows is a failure, not a tolerance.
The reader's side (search.js in Chromium) must rank exactly as index.search does here.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from browser import is_local, require_browser
from conftest import REPO, SOURCE_DATE_EPOCH, STATION_DIR, build_site, make_county
from PIL import Image

from site_plugins import routes
from site_plugins.content import load_catalogue
from site_plugins.search_index import index
from site_plugins.search_index.config import DEFAULT_EXCLUDE
from site_plugins.search_index.extract import DEFAULT_SKIP_CLASSES, extract, parts, read
from site_plugins.search_index.people import person_surnames
from site_plugins.search_index.query import Index
from site_plugins.search_index.worker import IndexWorker, WorkerError, _serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytest_plugins = ("browser",)
require_browser()

CONTENT = REPO / "content"
OPEN = "[data-wm-search-open]"
INPUT = "#wm-search-input"
RESULT_LINKS = ".wm-search__results a"
# Words a reader would type; those that do not occur in the demo content are left out.
CANDIDATES = ("防溺水", "义诊", "重阳", "垃圾分类", "春联", "反诈", "溺", "诊")


# --- the demo content, read from the source files ----------------------------------------


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    text: str  # title and body as written


def _front_matter(path: Path) -> tuple[dict[str, object], str]:
    raw = path.read_text(encoding="utf-8")
    _, head, body = raw.split("---\n", 2)
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data, body


def _sources() -> list[Source]:
    found = []
    for kind, field in (("activities", "title"), ("honorees", "name")):
        for path in sorted(CONTENT.glob(f"stations/*/*/{kind}/*.md")):
            meta, body = _front_matter(path)
            url = path.relative_to(CONTENT).with_suffix("").as_posix() + "/"
            title = str(meta[field])
            found.append(Source(url, title, f"{title}\n{body}"))
    # Menu items are results of their own, at their unit's menu page (title and summary
    # are what the page shows of them).
    for path in sorted(CONTENT.glob("**/menu/*.md")):
        meta, _ = _front_matter(path)
        unit = path.parent.parent.relative_to(CONTENT).as_posix().removeprefix("stations/")
        anchor = f"{unit.replace('/', '-')}-{path.stem}"
        url = f"{routes.unit_menu(unit)}#{anchor}"
        found.append(Source(url, str(meta["title"]), f"{meta['title']}\n{meta['summary']}"))
    return found


SOURCES = _sources()


def _expected(query: str, site: Path) -> set[str]:
    """Published entry pages whose title or text (as written) contains ``query``."""
    return {
        s.url
        for s in SOURCES
        if query in s.text and (site / s.url.split("#")[0] / "index.html").exists()
    }


def _queries() -> list[str]:
    words = [q for q in CANDIDATES if any(q in s.text for s in SOURCES)]
    # A station's name and a person's name, as the content spells them.
    station = yaml.safe_load(sorted(CONTENT.glob("stations/*/*/station.yml"))[0].read_text())
    words.append(str(station["name"]))
    people = [s for s in SOURCES if "/honorees/" in s.url and len(s.title) <= 4]
    words.append(people[0].title)
    return words


@pytest.fixture(scope="module")
def built(demo_site: Path) -> dict[str, bytes]:
    """The demo site's search index as path → bytes."""
    folder = demo_site / "search"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _rows(files: dict[str, bytes]) -> list[list[str]]:
    """Every document's row, in doc id order (ids leave room between days)."""
    meta = json.loads(files["meta.json"])
    numbers = sorted(int(p[2:-5]) for p in files if p.startswith("d/"))
    rows: list[list[str]] = [row for n in numbers for row in json.loads(files[f"d/{n}.json"])]
    assert len(rows) == meta["docs"]
    return rows


def _found(files: dict[str, bytes], query: str) -> list[str]:
    index = Index(files)
    docs, _ = index.search(query)
    return [index.row(doc)[0] for doc in docs]


@pytest.fixture(scope="module")
def people() -> dict[str, tuple[str, ...]]:
    """Page url → surnames, as the plugin computes them from the demo's catalogue."""
    return person_surnames(load_catalogue(CONTENT, SOURCE_DATE_EPOCH))


# --- the index, without a browser ---------------------------------------------------------


def test_query_terms():
    assert index.query_terms("重阳节") == ["重阳", "阳节"]
    assert index.query_terms("溺") == ["溺"]
    assert index.query_terms("  张庄村 防溺水！") == ["张庄", "庄村", "防溺", "溺水"]
    # Full-width letters and digits are the same as plain ones; case does not matter.
    assert index.query_terms("ＫＴＶ２０２６") == index.query_terms("ktv2026")
    assert index.query_terms("，。、") == []
    assert {"重", "阳", "重阳"} <= index.terms("九九重阳情")


def test_every_page_with_the_words_is_found(demo_site: Path, built: dict[str, bytes]):
    queries = _queries()
    assert len(queries) >= 8, queries
    missing = {}
    for query in queries:
        expected = _expected(query, demo_site)
        assert expected, f"{query!r} occurs in no published entry"
        lost = expected - set(_found(built, query))
        if lost:
            missing[query] = sorted(lost)
    assert not missing, f"pages containing the query were not found: {missing}"


def test_titles_rank_first_and_place_is_shown(built: dict[str, bytes]):
    station = yaml.safe_load(sorted(CONTENT.glob("stations/*/*/station.yml"))[0].read_text())
    found = _found(built, str(station["name"]))
    rows = {row[0]: row for row in _rows(built)}
    # The station's own page comes first; then its entries, which show it as their place.
    assert rows[found[0]][1].startswith(str(station["name"])), rows[found[0]]
    activity = next(s for s in SOURCES if "/activities/" in s.url)
    row = rows[activity.url]
    assert row[1] == activity.title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[3]), row
    assert " · " in row[2], row  # 乡镇 · 村


def test_listing_pages_are_not_indexed(demo_site: Path, built: dict[str, bytes]):
    urls = {row[0] for row in _rows(built)}
    assert not [
        u
        for u in urls
        if "/page/" in u or (re.search(r"/\d{4}/\d{2}/$", u) and u.startswith("stations/"))
    ]
    # A station page is indexed by what it says, not by the activity titles it lists.
    station_url = sorted(CONTENT.glob("stations/*/*/station.yml"))[0].parent.relative_to(CONTENT)
    html = (demo_site / station_url / "index.html").read_text(encoding="utf-8")
    page = extract(f"{station_url.as_posix()}/", html)
    assert page is not None
    listed = [s.title for s in SOURCES if s.url.startswith(f"{station_url.as_posix()}/activities/")]
    assert listed and not [t for t in listed if t in page.text]


def test_index_build_is_deterministic(
    demo_site: Path,
    demo_site_again: Path,
    built: dict[str, bytes],
    people: dict[str, tuple[str, ...]],
):
    folder = demo_site_again / "search"
    again = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    assert sorted(again) == sorted(built)
    assert [name for name in sorted(built) if built[name] != again[name]] == []
    # Nor does the order in which the pages were written.
    indexed = {row[0] for row in _rows(built)}
    pages = []
    for path in sorted(demo_site.rglob("index.html"), reverse=True):
        rel = path.parent.relative_to(demo_site).as_posix()
        for part in parts("" if rel == "." else f"{rel}/", path.read_text(encoding="utf-8")):
            page = read(part)
            if page.url in indexed:
                pages.append(page)
    assert index.build(pages, people=people, honor_roll=routes.HONOR_ROLL).files == built


@pytest.mark.parametrize("processes", [0, 1])
def test_the_second_process_and_the_build_process_index_alike(
    demo_site: Path, built: dict[str, bytes], processes: int, people: dict[str, tuple[str, ...]]
):
    """The articles, sent in any order, give the site's index files in either mode."""
    worker = IndexWorker(DEFAULT_SKIP_CLASSES, 16_384, 16, processes=processes)
    assert (worker.conn is not None) == (processes == 1)
    paths = sorted(demo_site.rglob("index.html"), key=lambda p: p.as_posix()[::-1])
    for path in paths:
        rel = path.parent.relative_to(demo_site).as_posix()
        url = "" if rel == "." else f"{rel}/"
        for part in parts(url, path.read_text(encoding="utf-8")):
            if not any(fnmatchcase(url, p) for p in DEFAULT_EXCLUDE):
                worker.add(part)
    assert worker.finish(people, routes.HONOR_ROLL).files == built
    assert worker.process is None


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture
def page(context: BrowserContext, site_url: str) -> Iterator[Page]:
    page = context.new_page()
    activity = next(s for s in SOURCES if "/activities/" in s.url)
    page.goto(f"{site_url}/{activity.url}")
    yield page
    page.close()


def _wait_for_answer(page: Page, query: str) -> str:
    """The status line once it answers ``query`` (it names the query it answers)."""
    page.wait_for_function(
        """(query) => {
          const text = document.querySelector(".wm-search__status").textContent;
          return text.includes("“" + query + "”") && /找到/.test(text);
        }""",
        arg=query.strip(),
    )
    return page.locator(".wm-search__status").inner_text()


def _search(page: Page, query: str, every: bool = False) -> list[str]:
    """Type ``query`` in the header search; result URLs relative to the site root."""
    if not page.locator(INPUT).is_visible():
        page.click(OPEN)
    page.fill(INPUT, query)
    _wait_for_answer(page, query)
    if every:
        while page.locator(".wm-search__more").is_visible():
            before = page.locator(RESULT_LINKS).count()
            page.click(".wm-search__more")
            page.wait_for_function(
                f"() => document.querySelectorAll('{RESULT_LINKS}').length > {before}"
            )
    base = page.evaluate("location.origin") + "/"
    return [
        h.removeprefix(base)
        for h in page.eval_on_selector_all(RESULT_LINKS, "a => a.map(e => e.href)")
    ]


def test_header_search_finds_activities(page: Page, demo_site: Path):
    button = page.locator(OPEN)
    assert button.is_visible()
    assert page.locator(f"header.md-header {OPEN}").count() == 1
    box = button.bounding_box()
    assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
    assert page.locator(".md-search, label[for=__search]").count() == 0  # one search box only

    query = "防溺水" if any("防溺水" in s.title for s in SOURCES) else _queries()[0]
    in_titles = {s.url for s in SOURCES if query in s.title}
    found = _search(page, query, every=True)
    assert in_titles, query
    assert sorted(in_titles - set(found)) == []
    # Pages with the word in their title come before pages with it only in their text.
    assert set(found[: len(in_titles)]) == in_titles

    # A word of one activity title: the rarest first half of a title (as written).
    halves = [
        (s.title.split()[0], s) for s in SOURCES if "/activities/" in s.url and " " in s.title
    ]
    word, activity = min(halves, key=lambda h: (sum(h[0] in s.title for s in SOURCES), h[0]))
    assert activity.url in _search(page, word)[:10], word
    box = page.locator(".wm-search__link").first.bounding_box()
    assert box is not None and box["height"] >= 44, box


def test_result_shows_place_and_date_and_opens_the_page(page: Page):
    activity = next(s for s in SOURCES if "/activities/" in s.url and " " in s.title)
    _search(page, activity.title.split()[0])
    link = page.locator(RESULT_LINKS, has_text=activity.title.split()[0]).first
    meta = link.locator(".wm-search__place").inner_text()
    assert re.search(r" · \d{4}年\d{1,2}月\d{1,2}日$", meta), meta
    href = link.evaluate("a => a.href")
    title = link.locator(".wm-search__title").inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url == href
    assert page.locator("article h1").first.inner_text().strip() == title.strip()


def test_browser_ranks_as_the_index_does(page: Page, built: dict[str, bytes]):
    for query in _queries():
        assert _search(page, query)[:10] == _found(built, query)[:10], query
    assert _search(page, "没有这个词语哦") == []
    assert "没有找到" in page.locator(".wm-search__status").inner_text()


def test_keyboard_only(page: Page, site_url: str):
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{OPEN}')"):
            break
    else:
        pytest.fail("Tab never reached the search button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wm-search-input"
    assert page.locator(OPEN).get_attribute("aria-expanded") == "true"
    query = "垃圾分类" if any("垃圾分类" in s.text for s in SOURCES) else "志愿"
    page.keyboard.type(query)
    _wait_for_answer(page, query)
    page.keyboard.press("ArrowDown")
    first = page.locator(RESULT_LINKS).first
    assert page.evaluate("document.activeElement.classList.contains('wm-search__link')")
    target = first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == target
    # Tab stays inside the dialog; Escape closes it and gives the focus back.
    for _ in range(30):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#wm-search')")
    page.keyboard.press("Escape")
    assert not page.locator(INPUT).is_visible()
    assert page.evaluate(f"document.activeElement.matches('{OPEN}')")
    # "/" opens it again; Enter on a result goes there.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "wm-search-input"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site_url) and "/search" not in page.url


def test_search_loads_only_its_index_from_this_site(
    context: BrowserContext, page: Page, site_url: str
):
    page.wait_for_load_state("networkidle")  # the page's own loads (favicon) are over
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for query in ("防溺水", "张庄村", "义诊"):
        _search(page, query)
    assert requests, "no request recorded"
    assert [u for u in requests if not is_local(u, site_url)] == []
    assert context.external_requests == []  # type: ignore[attr-defined]
    paths = [u.removeprefix(site_url) for u in requests]
    assert [
        p for p in paths if not re.match(r"/search/(meta\.json|t/\d+\.bin\?|d/\d+\.json\?)", p)
    ] == []


def test_no_button_without_javascript(browser_no_js: Page, site_url: str):
    browser_no_js.goto(site_url + "/")
    assert not browser_no_js.locator(OPEN).is_visible()
    assert not browser_no_js.locator("#wm-search").is_visible()


@pytest.fixture
def browser_no_js(browser: Browser) -> Iterator[Page]:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


# --- a build that stops early ------------------------------------------------------------

FAILING_HOOK = """\
from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, **kwargs):
    raise PluginError("测试：页面生成到一半失败")
"""


def test_a_build_failing_midway_stops_the_second_process_quietly(tmp_path: Path) -> None:
    # The hook fails while pages render: the index process is running by then.
    project = make_county(tmp_path / "project")
    (project / "fail_hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - fail_hook.py\n")
    result = build_site(project)
    assert result.returncode == 1
    assert "测试：页面生成到一半失败" in result.stderr
    assert "Traceback" not in result.stderr
    assert "EOFError" not in result.stderr


def test_a_content_error_gives_its_location_and_no_traceback(tmp_path: Path) -> None:
    png = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(png, format="PNG")
    activity = (
        "---\ntitle: 义诊进村\ndate: 2026-06-19\nteam: culture\n"
        "photos: [media/scene-1.jpg, media/scene-1.png]\n---\n\n正文。\n"
    )
    files = {
        f"{STATION_DIR}/media/scene-1.png": png.getvalue(),
        f"{STATION_DIR}/activities/2026-06-19-yizhen.md": activity,
    }
    result = build_site(make_county(tmp_path / "project", files))
    assert result.returncode == 1
    assert f"content/{STATION_DIR}/media/scene-1.png:1:1  PHOTO_NAME_CLASH" in result.stderr
    assert "Traceback" not in result.stderr
    assert "EOFError" not in result.stderr


def test_the_second_process_ends_without_error_when_the_pipe_closes() -> None:
    ours, theirs = multiprocessing.Pipe()
    ours.send([])  # one (empty) batch, then the build is gone
    ours.close()
    _serve(theirs, DEFAULT_SKIP_CLASSES, 16_384, 16)  # returns; no EOFError
    assert theirs.closed


def test_a_vanished_second_process_is_an_error_not_a_hang() -> None:
    worker = IndexWorker(DEFAULT_SKIP_CLASSES, 16_384, 16, processes=1)
    assert worker.process is not None
    worker.process.kill()
    worker.process.join(timeout=10)
    with pytest.raises(WorkerError):
        worker.finish()
    assert worker.process is None and worker.conn is None


def test_a_kept_second_process_ends_when_closed_though_a_fork_holds_its_pipe() -> None:
    # mkdocs serve keeps the index process between builds; a full rebuild forks a child
    # (the entry bodies) before it closes the old one. The child's copy of the pipe must
    # not keep the index process waiting for an end of input that never comes.
    worker = IndexWorker(DEFAULT_SKIP_CLASSES, 16_384, 16, processes=1, keep=True)
    process = worker.process
    assert process is not None
    holder = os.fork()
    if holder == 0:  # holds every inherited descriptor until killed
        time.sleep(120)
        os._exit(0)
    try:
        worker.close()
        assert process.exitcode == 0  # ended by itself, not terminated after the wait
    finally:
        os.kill(holder, signal.SIGKILL)
        os.waitpid(holder, 0)

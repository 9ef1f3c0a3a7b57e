"""站内搜索 the way people type: pinyin, initials, traditional characters, typos, 大姐.

The query set is ``scripts/search_queries.tsv``, written by hand from the demo content
(each query names the page it must find); the recall script runs it, and so do these
tests: in Python (``search_index.query``) for all of it, and in Chromium (search.js) for
one query of each kind, whose first results must be those of the Python side.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser import require_browser
from conftest import REPO

from site_plugins import chinese
from site_plugins.search_index import extract
from site_plugins.search_index.query import Index, parse_pinyin, pinyin_terms

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

sys.path.insert(0, str(REPO / "scripts"))
import search_recall

pytest_plugins = ("browser",)

CASES = search_recall.read_cases(search_recall.QUERIES)
KINDS = ("exact", "pinyin", "initials", "traditional", "typo", "kinship")


@pytest.fixture(scope="module")
def files(demo_site: Path) -> dict[str, bytes]:
    return search_recall.load_files(demo_site)


# --- the pieces ---------------------------------------------------------------------------


def test_fold_traditional_to_simplified_one_for_one() -> None:
    assert chinese.fold("誌願 義診 重陽 反詐") == "志愿 义诊 重阳 反诈"
    assert chinese.fold("綫") == "线"  # a Hong Kong variant form
    assert chinese.fold("ＡＢ张") == "ab张"
    text = "鄭淑華大姐，東營村"
    assert len(chinese.fold(text)) == len(text)


@pytest.mark.parametrize(
    ("typed", "pieces"),
    [
        ("zhangguifang", [("zhang", True), ("gui", True), ("fang", True)]),
        ("zgf", [("z", False), ("g", False), ("f", False)]),
        ("zhanggf", [("zhang", True), ("g", False), ("f", False)]),
        ("hexi", [("he", True), ("xi", True)]),
        ("fangnishui", [("fang", True), ("ni", True), ("shui", True)]),
        ("iii", None),  # no syllable starts with i
    ],
)
def test_parse_pinyin(typed: str, pieces: list[tuple[str, bool]] | None) -> None:
    assert parse_pinyin(typed, frozenset(chinese.syllables())) == pieces


def test_pinyin_terms() -> None:
    full = [("zhang", True), ("gui", True), ("fang", True)]
    assert pinyin_terms(full) == ["'zhang gui", "'gui fang"]
    assert pinyin_terms([("zhang", True), ("g", False), ("f", False)]) == ["^zg", "^gf", "'zhang"]
    assert pinyin_terms([("z", False)]) == []


@pytest.mark.parametrize(
    ("typed", "surname"),
    [("郑大姐", "郑"), ("宋大爷", "宋"), ("王奶奶", "王"), ("欧阳奶奶", "欧阳"), ("大哥", None),
     ("小姐", None), ("老大哥", None), ("张桂芳", None)],
)  # fmt: skip
def test_kinship_surname(typed: str, surname: str | None) -> None:
    assert chinese.kinship_surname(typed) == surname


# --- the query set, in Python ---------------------------------------------------------------


def test_the_query_set_has_every_kind() -> None:
    counts = defaultdict(int)
    for case in CASES:
        counts[case.kind] += 1
    assert {kind: counts[kind] >= 6 for kind in KINDS} == dict.fromkeys(KINDS, True)


def test_every_kind_finds_its_page_in_the_first_five(demo_site: Path) -> None:
    outcomes = search_recall.run_python(demo_site, CASES)
    missed = [(o.case.kind, o.case.query, o.top) for o in outcomes if not o.found]
    by_kind: defaultdict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.case.kind].append(outcome.found)
    assert {k: sum(v) / len(v) >= 0.95 for k, v in by_kind.items()} == dict.fromkeys(
        by_kind, True
    ), missed
    # The first results stay light, even for a near match: 60 KB as a compressing server
    # sends them (README 站内搜索 has the figures).
    assert [(o.case.query, o.packed) for o in outcomes if o.packed > 60 * 1024] == []


def test_entries_rank_before_guide_and_bulletins(files: dict[str, bytes]) -> None:
    index = Index(files)
    for query in ("端午节", "包粽子", "柳河镇"):
        docs, _ = index.search(query)
        urls = [index.row(d)[0] for d in docs[:5]]
        assert [u for u in urls if not u.startswith("stations/")] == [], (query, urls)
    docs, _ = index.search("柳河镇")
    assert index.row(docs[0])[0] == "stations/liuhe/"  # the township's own page first


def test_an_exact_title_comes_first(files: dict[str, bytes]) -> None:
    index = Index(files)
    docs, exact = index.search("张桂芳")
    assert index.row(docs[0])[1] == "张桂芳" and exact >= 1


def test_near_matches_come_only_when_nothing_is_exact(files: dict[str, bytes]) -> None:
    index = Index(files)
    docs, exact = index.search("防弱水")
    assert exact == 0 and docs
    assert all("防溺水" in index.row(d)[1] for d in docs[:5])
    assert "p/" not in " ".join(index.fetched("防溺水"))  # readings fetched for typos only
    assert index.search("没有这个词语哦") == ([], 0)


def test_every_page_has_a_chinese_title(demo_site: Path) -> None:
    """No browser tab or shared WeChat card says "Index": each <title> names the page."""
    english = []
    for path in sorted(demo_site.rglob("*.html")):
        found = re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))
        if found is None:
            continue  # redirect stubs and fragments
        own = found.group(1).rsplit(" - ", 1)[0]
        if not re.search("[\u4e00-\u9fff]", own):
            english.append((path.relative_to(demo_site).as_posix(), own))
    assert english == []


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture
def page(context: BrowserContext, site_url: str) -> Iterator[Page]:
    require_browser()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/")
    page.click("[data-wm-search-open]")
    yield page
    assert errors == []
    page.close()


def _answer(page: Page, query: str) -> list[str]:
    page.fill("#wm-search-input", query)
    page.wait_for_function(
        """(q) => { const t = document.querySelector(".wm-search__status").textContent;
                   return t.includes("“" + q + "”") && /找到/.test(t); }""",
        arg=query,
    )
    base = page.evaluate(
        "new URL(document.getElementById('wm-search').dataset.base, location).href"
    )
    hrefs = page.eval_on_selector_all(".wm-search__link", "a => a.map(e => e.href)")
    return [h.removeprefix(base) for h in hrefs]


def test_search_js_answers_every_kind_as_query_py(page: Page, files: dict[str, bytes]) -> None:
    index = Index(files)
    for kind in KINDS:
        case = next(c for c in CASES if c.kind == kind)
        docs, _ = index.search(case.query)
        expected = [index.row(d)[0] for d in docs[:10]]
        assert _answer(page, case.query) == expected, case


def test_nothing_found_says_what_and_offers_the_honor_roll(page: Page, site_url: str) -> None:
    assert _answer(page, "没有这个词语哦") == []
    status = page.locator(".wm-search__status").inner_text()
    assert "没有找到含有“没有这个词语哦”的内容" in status
    help_box = page.locator(".wm-search__help")
    assert help_box.is_visible() and "zhangguifang" in help_box.inner_text()
    link = help_box.locator("a")
    assert link.inner_text() == "好人榜"
    link.click()
    page.wait_for_selector(".wm-hr-tools:not([hidden])")
    assert page.input_value("#wm-hr-q") == "没有这个词语哦"


# --- menu items: results of their own ---------------------------------------------------------


def test_a_marked_part_of_a_page_is_a_result_of_its_own() -> None:
    html = (
        '<meta name="ArticleTitle" content="张庄村文明实践菜单">'
        '<article class="md-content__inner"><h1>菜单</h1><ul>'
        '<li class="wm-menu-item" id="fanzha" data-search-entry="菜单" data-search-title="反诈讲座">'
        "<strong>反诈讲座</strong><br>民警讲常见骗局</li>"
        "<li>别的</li></ul></article></main>"
    )
    part = extract.article("stations/a/b/menu/", html)
    assert part is not None
    (entry,) = extract.entries(part)
    text = extract.read(entry)
    assert (text.url, text.title, text.column, text.place) == (
        "stations/a/b/menu/#fanzha",
        "反诈讲座",
        "菜单",
        "张庄村文明实践菜单",
    )
    assert text.text == "反诈讲座 民警讲常见骗局"
    plain = extract.article("x/", html.replace(" data-search-entry", " data-x"))
    assert plain is not None and extract.entries(plain) == []


@pytest.mark.parametrize(
    ("query", "url", "title"),
    [
        ("义诊", "centre/menu/#centre-yizhen", "健康义诊"),
        ("法律", "centre/menu/#centre-falv-zixun", "法律咨询进村"),
        ("yizhen", "centre/menu/#centre-yizhen", "健康义诊"),
    ],
)
def test_a_resident_finds_the_menu_item(
    demo_site: Path, files: dict[str, bytes], query: str, url: str, title: str
) -> None:
    index = Index(files)
    docs, _ = index.search(query)
    rows = [index.row(d) for d in docs[:5]]
    assert [url, title] in [row[:2] for row in rows], rows
    page, anchor = url.split("#")
    assert f'id="{anchor}"' in (demo_site / page / "index.html").read_text(encoding="utf-8")
    # Each item once: the county's /menu/ lists it too, but only its unit's page marks it.
    assert sum(1 for d in docs if index.row(d)[1] == title) == 1

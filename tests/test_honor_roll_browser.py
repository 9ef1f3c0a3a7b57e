"""The honor roll in headless Chromium: search as you type, facets, the address, offline.

The demo county's /honorees/ page, served over HTTP (``site_url``) and opened from disk
(file://). Expected names and counts come from the content files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import yaml
from browser import PHONE, TIMEOUT_MS, require_browser
from conftest import SOURCE_DATE_EPOCH

from site_plugins.content import load_catalogue
from site_plugins.honor_roll.index import HonorRoll, build_roll, facet_counts, filter_roll

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytest_plugins = ("browser",)
require_browser()

CATEGORIES = {
    "助人为乐": "helping",
    "见义勇为": "bravery",
    "诚实守信": "honesty",
    "敬业奉献": "dedication",
    "孝老爱亲": "filial",
    "最美志愿者": "best-volunteer",  # another honour system, on the same roll
}
# Text, not innerText: cards off screen are not laid out (content-visibility: auto).
CARDS = ".wm-hr-list > li"
VISIBLE_NAMES = f"{CARDS}:not([hidden]) b"
COUNT = ".wm-hr-count strong"


@pytest.fixture(scope="module")
def honorees(demo_site: Path) -> list[dict[str, Any]]:
    """Each demo honoree's front matter, with its village key and category code."""
    content = demo_site.parent / "content"
    found = []
    every_unit = [
        *content.glob("centre/honorees/*.md"),
        *content.glob("stations/*/honorees/*.md"),
        *content.glob("stations/*/*/honorees/*.md"),
    ]
    for path in sorted(every_unit):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        # The roll files a 中心's or 所's own honoree under its unit key as its "village".
        unit = path.parent.parent.relative_to(content).parts
        meta["village"] = "centre" if unit == ("centre",) else "/".join(unit[1:])
        meta["code"] = CATEGORIES.get(meta["category"], meta["category"])
        found.append(meta)
    return found


def open_roll(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    page.wait_for_selector(".wm-hr-tools:not([hidden])")
    return page


@pytest.fixture
def roll(context: BrowserContext, site_url: str) -> Iterator[Page]:
    page = open_roll(context, f"{site_url}/honorees/")
    yield page
    assert page.errors == []  # type: ignore[attr-defined]
    assert context.external_requests == []  # type: ignore[attr-defined]


def search(page: Page, text: str) -> None:
    """Type into the search box and wait until the page has taken it in."""
    page.fill("#wm-hr-q", text)
    page.wait_for_function(
        "q => (new URLSearchParams(location.search).get('q') || '') === q", arg=text
    )


def count(page: Page) -> int:
    return int(page.locator(COUNT).inner_text())


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def choose(page: Page, facet: str, code: str) -> None:
    if page.locator(".wm-hr-panel").is_hidden():
        page.click(".wm-hr-toggle")
    page.click(f'fieldset[data-facet="{facet}"] button[data-code="{code}"]')


def test_characters_find_a_name(roll: Page) -> None:
    search(roll, "张桂")
    assert roll.locator(VISIBLE_NAMES).all_text_contents() == ["张桂芳"]
    assert count(roll) == 1
    assert query(roll) == {"q": ["张桂"]}


@pytest.mark.parametrize("typed", ["zgf", "zhangguifang", "ZhangGF"])
def test_pinyin_finds_a_name(roll: Page, typed: str) -> None:
    search(roll, typed)
    assert roll.locator(VISIBLE_NAMES).all_text_contents() == ["张桂芳"]


def test_same_names_show_their_places(roll: Page, honorees: list[dict[str, Any]]) -> None:
    expected = sum(h["name"] == "王秀英" for h in honorees)
    search(roll, "王秀英")
    cards = roll.locator(f"{CARDS}:not([hidden])")
    assert cards.count() == expected > 1
    places = cards.locator("small:nth-of-type(2)").all_text_contents()
    assert len(set(places)) == expected


def test_a_facet_changes_the_count_and_the_address(
    roll: Page, honorees: list[dict[str, Any]]
) -> None:
    total = count(roll)
    assert total == len(honorees)
    code = "filial"
    expected = sum(h["code"] == code for h in honorees)
    assert 0 < expected < total
    button = roll.locator(f'fieldset[data-facet="c"] button[data-code="{code}"]')
    choose(roll, "c", code)
    assert count(roll) == expected
    assert query(roll) == {"c": [code]}
    assert button.get_attribute("aria-pressed") == "true"
    assert button.locator(".wm-hr-n").inner_text() == str(expected)
    # Chosen again: off.
    button.click()
    assert count(roll) == total
    assert query(roll) == {}


def test_counts_follow_the_other_choices(roll: Page, honorees: list[dict[str, Any]]) -> None:
    village = "qingshi/zhangzhuang"
    here = [h for h in honorees if h["village"] == village]
    roll.click(".wm-hr-toggle")
    roll.select_option("#wm-hr-v", village)
    assert count(roll) == len(here)
    assert query(roll) == {"t": ["qingshi"], "v": [village]}  # the township follows
    for code in {h["code"] for h in here}:
        chip = roll.locator(f'fieldset[data-facet="c"] button[data-code="{code}"] .wm-hr-n')
        assert chip.inner_text() == str(sum(h["code"] == code for h in here))


def test_reload_keeps_the_state(roll: Page) -> None:
    choose(roll, "c", "filial")
    search(roll, "照顾")
    found = roll.locator(VISIBLE_NAMES).all_text_contents()
    assert found
    roll.reload()
    roll.wait_for_selector(".wm-hr-tools:not([hidden])")
    assert roll.input_value("#wm-hr-q") == "照顾"
    assert roll.locator(VISIBLE_NAMES).all_text_contents() == found
    chip = roll.locator('fieldset[data-facet="c"] button[data-code="filial"]')
    assert chip.get_attribute("aria-pressed") == "true"
    assert roll.locator(".wm-hr-panel").is_visible()  # opened: something is chosen


def test_the_back_button_steps_through_the_choices(roll: Page) -> None:
    total = count(roll)
    choose(roll, "c", "filial")
    chosen = count(roll)
    search(roll, "张桂")
    assert count(roll) == 1
    roll.go_back()
    roll.wait_for_function("() => !new URLSearchParams(location.search).get('q')")
    assert roll.input_value("#wm-hr-q") == ""
    assert count(roll) == chosen
    roll.go_back()
    roll.wait_for_function("() => location.search === ''")
    assert count(roll) == total
    roll.go_forward()
    roll.wait_for_function("() => location.search !== ''")
    assert count(roll) == chosen


def test_no_results_says_so_and_clears(roll: Page) -> None:
    total = count(roll)
    choose(roll, "c", "filial")
    search(roll, "查无此人")
    assert count(roll) == 0
    empty = roll.locator(".wm-hr-empty")
    assert empty.is_visible()
    assert "没有找到" in empty.inner_text()
    assert roll.locator(".wm-hr-list").is_hidden()
    empty.locator("button").click()
    assert count(roll) == total
    assert empty.is_hidden()
    assert roll.input_value("#wm-hr-q") == ""
    assert query(roll) == {}
    assert roll.locator(f"{CARDS}[hidden]").count() == 0


@pytest.mark.parametrize(
    "typed",
    [
        ".*[(<script>",
        '<img src=x onerror="alert(1)">',
        "%E5%",
        "x" * 500,
        "张" * 500,
        "𠮷",
    ],
)
def test_hostile_and_odd_queries_are_only_text(roll: Page, typed: str) -> None:
    scripts = roll.locator("script").count()
    search(roll, typed)
    assert count(roll) == 0
    assert roll.locator(".wm-hr-empty").is_visible()
    assert roll.locator("script").count() == scripts
    assert roll.locator("img[src='x']").count() == 0
    assert roll.input_value("#wm-hr-q") == typed
    roll.reload()  # the query comes back from the address, still as text
    roll.wait_for_selector(".wm-hr-tools:not([hidden])")
    assert roll.input_value("#wm-hr-q") == typed
    assert count(roll) == 0
    roll.locator(".wm-hr-empty button").click()
    assert count(roll) > 0


@pytest.mark.parametrize("typed", ["   ", "\\", "，。！"])
def test_an_empty_query_shows_everyone(roll: Page, typed: str) -> None:
    total = count(roll)
    search(roll, "张桂")
    search(roll, typed)  # spaces and punctuation only: no words to look for
    assert count(roll) == total
    assert roll.locator(".wm-hr-empty").is_hidden()


def test_an_honoree_page_links_to_its_village(
    context: BrowserContext, site_url: str, honorees: list[dict[str, Any]]
) -> None:
    page = context.new_page()
    page.goto(f"{site_url}/stations/qingshi/zhangzhuang/honorees/zhang-guifang/")
    page.click(".wm-roll-link a")
    page.wait_for_selector(".wm-hr-tools:not([hidden])")
    here = sorted(h["name"] for h in honorees if h["village"] == "qingshi/zhangzhuang")
    assert sorted(page.locator(VISIBLE_NAMES).all_text_contents()) == here
    assert page.input_value("#wm-hr-v") == "qingshi/zhangzhuang"
    assert page.input_value("#wm-hr-t") == "qingshi"


def test_search_works_from_disk(browser: Browser, demo_site: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = open_roll(context, (demo_site / "honorees" / "index.html").as_uri())
        search(page, "张桂")
        assert page.locator(VISIBLE_NAMES).all_text_contents() == ["张桂芳"]
        search(page, "zgf")
        assert page.locator(VISIBLE_NAMES).all_text_contents() == ["张桂芳"]
        search(page, "")
        choose(page, "c", "filial")
        assert 0 < count(page) < page.locator(CARDS).count()
        assert page.errors == []  # type: ignore[attr-defined]
        assert [r for r in requests if not r.startswith("file:")] == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def python_roll(demo_site: Path) -> HonorRoll:
    catalogue = load_catalogue(demo_site.parent / "content", SOURCE_DATE_EPOCH)
    return build_roll(catalogue)  # the plugin's default, as the demo is built


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("张", {}),
        ("zh", {}),
        ("wxy", {}),
        ("lm", {}),
        ("志愿", {}),
        ("誌願", {}),
        ("王奶奶", {}),
        ("郑大姐", {}),
        ("县级 2026", {}),
        ("照顾", {"c": "filial"}),
        ("", {"l": "county", "y": "2025"}),
        ("", {"t": "qingshi"}),
        ("a", {"t": "liuhe"}),
    ],
)
def test_the_browser_keeps_the_rules_of_index_py(
    context: BrowserContext,
    site_url: str,
    python_roll: HonorRoll,
    typed: str,
    chosen: dict[str, str],
) -> None:
    """Cards shown and facet counts in the browser are those of index.py's reference rules."""
    address = urlencode({"q": typed, **chosen} if typed else chosen)
    page = open_roll(context, f"{site_url}/honorees/?{address}")
    shown = page.locator(CARDS).evaluate_all(
        "cards => cards.map((c, i) => c.hidden ? -1 : i).filter(i => i >= 0)"
    )
    entries = list(python_roll.entries)
    expected = filter_roll(python_roll, chosen, typed)
    assert shown == [entries.index(e) for e in expected]
    assert count(page) == len(expected)
    counts = facet_counts(python_roll, chosen, typed)
    for facet in ("c", "l", "y"):
        for code, number in counts[facet].items():
            chip = page.locator(f'fieldset[data-facet="{facet}"] button[data-code="{code}"]')
            assert chip.locator(".wm-hr-n").text_content() == str(number), (facet, code)
    assert page.errors == []  # type: ignore[attr-defined]


def test_print_shows_the_list_without_the_tools(roll: Page) -> None:
    roll.emulate_media(media="print")
    assert roll.locator(".wm-hr-tools").is_hidden()
    shown = roll.locator(CARDS).evaluate_all(
        "cards => cards.filter(c => getComputedStyle(c).display !== 'none').length"
    )
    assert shown == roll.locator(CARDS).count() == count(roll)
    assert roll.locator(f"{CARDS} i").first.is_hidden()  # no photo boxes on paper

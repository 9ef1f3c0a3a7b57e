"""The portal on the demo site's HTML: the 栏目 tab of an entry page and honoree portraits."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Element, parse_html


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text("utf-8"))


def active_tabs(root: Element) -> list[str]:
    return [li.text().strip() for li in root.find_all("li", "md-tabs__item--active")]


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        # Entry pages outside the nav: the tab their address begins with.
        ("stations/chengguan/binhe/activities/2026-06-01-tongxin-tiaozao-shichang", "实践站"),
        ("stations/chengguan/binhe/honorees/ding-yiming", "实践站"),
        ("stations/chengguan/binhe/2026/06", "实践站"),
        ("themes/2026/06", "月度主题"),
        ("bulletins/2026/06", "月度通报"),
        ("guide/reference", "投稿指南"),
        # Nav pages, as Material marks them.
        ("", "首页"),
        ("stations", "实践站"),
        ("honorees", "好人榜"),
    ],
)
def test_entry_pages_highlight_their_tab(demo_site: Path, path: str, tab: str) -> None:
    assert active_tabs(page(demo_site, path)) == [tab]


def test_a_page_under_no_tab_highlights_none(demo_site: Path) -> None:
    assert active_tabs(page(demo_site, "venues")) == []


def test_honoree_cards_show_portraits_of_those_with_photos(demo_site: Path) -> None:
    station = "stations/chengguan/binhe"
    content = Path(__file__).resolve().parent.parent / "content" / station / "honorees"
    with_photo = {
        p.stem for p in content.glob("*.md") if "\nphoto:" in p.read_text(encoding="utf-8")
    }
    cards = page(demo_site, station).find("ul", "wm-cards").find_all("li", "wm-card")
    assert len(cards) == len(list(content.glob("*.md")))
    shown = set()
    for card in cards:
        slug = card.find("a").attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        pictures = card.find_all("picture", "wm-card__portrait")
        assert ("wm-card--portrait" in card.classes) == bool(pictures), slug
        if pictures:
            img = pictures[0].find("img")
            assert ".thumb." in img.attrs["src"] and img.attrs["alt"] == ""
            assert (demo_site / station / img.attrs["src"]).is_file(), img.attrs["src"]
            shown.add(slug)
    assert with_photo and shown == with_photo


def test_our_styles_are_one_render_blocking_file(demo_site: Path) -> None:
    from site_plugins.portal import SITE_STYLESHEET, SITE_STYLESHEETS

    html = (demo_site / "stations/chengguan/binhe/index.html").read_text("utf-8")
    assert html.count(SITE_STYLESHEET) == 1
    assert not [name for name in SITE_STYLESHEETS if f"stylesheets/{name}" in html]
    joined = (demo_site / SITE_STYLESHEET).read_text("utf-8")
    theme = Path(__file__).resolve().parent.parent / "theme_overrides/assets/stylesheets"
    positions = [
        joined.index((theme / name).read_text("utf-8").strip()) for name in SITE_STYLESHEETS
    ]
    assert positions == sorted(positions)  # whole, and in cascade order

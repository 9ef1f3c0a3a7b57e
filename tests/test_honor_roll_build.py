"""The honor roll (/honorees/) as built: the demo county's, and small counties' for consent.

Expected values come from the content files, read here with ``yaml.safe_load`` apart from
the project's loader. What the page does in a browser is in test_honor_roll_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import STATION_DIR, Element, build_site, parse_html
from test_honor_roll_index import honoree_md

from site_plugins.search_index.extract import extract

ROLL = "honorees/index.html"
QUARTER_END = {"1": 3, "2": 6, "3": 9, "4": 12}
# The national list (the demo county keeps it); files may give the code or the name.
CATEGORIES = {
    "helping": "助人为乐",
    "bravery": "见义勇为",
    "honesty": "诚实守信",
    "dedication": "敬业奉献",
    "filial": "孝老爱亲",
}


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def sort_key(period: int | str) -> tuple[int, int]:
    """When an honour was given, as (year, month): a quarter counts at its end, a year at
    December (so 2026年度 sorts after 2026年5月, as the catalogue promises)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q(\d))?", str(period))
    assert match, period
    year, month, quarter = match.groups()
    return int(year), int(month) if month else QUARTER_END[quarter] if quarter else 12


def place_of(content: Path, path: Path) -> str:
    """县中心, a township's name (a 所's own honoree), or township and village names."""
    unit = path.parents[1]
    if unit == content / "centre":
        return "县中心"
    if (unit / "township.yml").is_file():
        return str(yaml.safe_load((unit / "township.yml").read_text(encoding="utf-8"))["name"])
    township = yaml.safe_load((path.parents[2] / "township.yml").read_text(encoding="utf-8"))
    station = yaml.safe_load((unit / "station.yml").read_text(encoding="utf-8"))
    return township["name"] + station["name"]


@pytest.fixture(scope="module")
def demo_honorees(demo_site: Path) -> list[dict[str, Any]]:
    content = demo_site.parent / "content"
    found = []
    every_unit = [
        *content.glob("centre/honorees/*.md"),
        *content.glob("stations/*/honorees/*.md"),
        *content.glob("stations/*/*/honorees/*.md"),
    ]
    for path in sorted(every_unit):
        meta = front_matter(path)
        meta["place"] = place_of(content, path)
        meta["url"] = "/" + path.relative_to(content).with_suffix("").as_posix() + "/"
        meta["latest"] = max(sort_key(h["period"]) for h in meta["honours"])
        found.append(meta)
    assert len(found) > 10
    return found


@pytest.fixture(scope="module")
def roll(demo_site: Path) -> Element:
    return parse_html((demo_site / ROLL).read_text(encoding="utf-8"))


def cards(page: Element) -> list[Element]:
    """The cards, each an <li> of the list (lean markup: no classes inside)."""
    return [c for c in page.find("ol", "wm-hr-list").children if isinstance(c, Element)]


def card_name(card: Element) -> str:
    return card.find("b").text()


def card_place(card: Element) -> str:
    return card.find_all("small")[1].text()


def card_summary(card: Element) -> str:
    spans = [c for c in card.children if isinstance(c, Element) and c.tag == "span"]
    return spans[-1].text()


def card_url(card: Element) -> str:
    """The card's link as a site path: the page is /honorees/, links are relative."""
    href = card.find("a").attrs["href"]
    assert href.startswith("../")
    return "/" + href.removeprefix("../")


def test_every_honoree_has_one_card_that_links_to_their_page(
    demo_site: Path, roll: Element, demo_honorees: list[dict[str, Any]]
) -> None:
    shown = sorted((card_name(c), card_place(c), card_url(c)) for c in cards(roll))
    expected = sorted((h["name"], h["place"], h["url"]) for h in demo_honorees)
    assert shown == expected
    for _name, _place, url in shown:
        assert (demo_site / url.strip("/") / "index.html").is_file()


def test_cards_show_the_essentials(roll: Element, demo_honorees: list[dict[str, Any]]) -> None:
    by_url = {h["url"]: h for h in demo_honorees}
    for card in cards(roll):
        meta = by_url[card_url(card)]
        link = card.find("a").text()
        assert ("（集体）" in link) == (meta.get("kind") == "集体"), meta["name"]
        assert card_summary(card) == meta["summary"]
        honours = card.find("small").text()
        category = CATEGORIES.get(meta["category"], meta["category"])
        assert honours.startswith(f"{category} · "), meta["name"]
        # Every honour is on the card (the filters match any of them), newest first.
        assert honours.count("；") == len(meta["honours"]) - 1


def test_cards_are_newest_honour_first(roll: Element, demo_honorees: list[dict[str, Any]]) -> None:
    latest = {h["url"]: h["latest"] for h in demo_honorees}
    order = [latest[card_url(c)] for c in cards(roll)]
    assert order == sorted(order, reverse=True)
    assert len(set(order)) > 3  # the order is not trivially flat


def test_people_of_the_same_name_are_told_apart(
    roll: Element, demo_honorees: list[dict[str, Any]]
) -> None:
    names = [h["name"] for h in demo_honorees]
    twins = {n for n in names if names.count(n) > 1}
    assert twins, "the demo county should keep two honorees of one name"
    for name in twins:
        same = [c for c in cards(roll) if card_name(c) == name]
        assert len(same) > 1
        assert len({card_place(c) for c in same}) == len(same)


def test_photos_are_lazy_thumbnails_with_sizes_and_others_get_a_placeholder(
    demo_site: Path, roll: Element, demo_honorees: list[dict[str, Any]]
) -> None:
    with_photo = {h["url"] for h in demo_honorees if h.get("photo")}
    assert with_photo and len(with_photo) < len(demo_honorees)
    for card in cards(roll):
        images = card.find_all("img")
        if card_url(card) in with_photo:
            (img,) = images
            assert img.attrs["loading"] == "lazy"
            assert (img.attrs["width"], img.attrs["height"]) == ("320", "240")
            assert ".thumb." in img.attrs["src"]
            assert (demo_site / "honorees" / img.attrs["src"]).resolve().is_file()
            assert card.find("source").attrs["type"] == "image/webp"
        else:
            assert images == []
            assert card.find("i")  # the placeholder


def test_without_javascript_the_list_is_complete_and_the_tools_are_hidden(
    roll: Element, demo_honorees: list[dict[str, Any]]
) -> None:
    assert len(cards(roll)) == len(demo_honorees)
    assert not any("hidden" in c.attrs for c in cards(roll))
    assert "hidden" in roll.find("form", "wm-hr-tools").attrs
    assert "hidden" in roll.find("div", "wm-hr-empty").attrs
    count = roll.find("p", "wm-hr-count")
    assert count.find("strong").text() == str(len(demo_honorees))


def test_the_index_script_matches_the_cards(demo_site: Path, roll: Element) -> None:
    sources = [s.attrs["src"] for s in roll.find_all("script") if "src" in s.attrs]
    (index_src,) = [s for s in sources if re.fullmatch(r"roll\.[0-9a-f]{10}\.js", s)]
    assert sources.index(index_src) < sources.index("../assets/javascripts/honor-roll.js")
    text = (demo_site / "honorees" / index_src).read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.wmHonorRoll=").removesuffix(";\n"))
    assert len(data["c"]) == len(data["d"]) == len(cards(roll))
    places = [data["vil"][v] for v in data["v"]]
    first = cards(roll)[0]
    township = data["twp"][places[0][2]][1]
    # A station's card names township and village; a 中心's or 所's own, its unit only.
    village = places[0][1] if "/" in places[0][0] else ""
    assert card_place(first) == township + village


def test_the_roll_is_in_the_nav(demo_site: Path) -> None:
    home = parse_html((demo_site / "index.html").read_text(encoding="utf-8"))
    links = {a.text().strip(): a.attrs.get("href") for a in home.find_all("a", "md-nav__link")}
    assert links.get("好人榜") == "honorees/"


def test_site_search_skips_the_cards(demo_site: Path, roll: Element) -> None:
    # Every card repeats an honoree's own page, which site search indexes already.
    text = extract("honorees/", (demo_site / ROLL).read_text(encoding="utf-8")).text
    assert "好人榜" in text
    summary = card_summary(cards(roll)[0])
    assert summary not in text


def test_an_honoree_page_links_to_its_village_on_the_roll(
    demo_site: Path, demo_honorees: list[dict[str, Any]]
) -> None:
    honoree = next(h for h in demo_honorees if h["url"].startswith("/stations/"))
    page = parse_html(
        (demo_site / honoree["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    )
    link = page.find("p", "wm-roll-link").find("a")
    assert honoree["place"] in link.text()
    parts = urlsplit(link.attrs["href"])
    assert parts.path == "../../../../../honorees/"  # from stations/t/v/honorees/slug/
    township, station = honoree["url"].split("/")[2:4]
    assert parse_qs(parts.query) == {"t": [township], "v": [f"{township}/{station}"]}
    # The county centre's own honoree links to the roll filtered to the centre.
    centre = next(h for h in demo_honorees if h["url"].startswith("/centre/"))
    page = parse_html(
        (demo_site / centre["url"].strip("/") / "index.html").read_text(encoding="utf-8")
    )
    parts = urlsplit(page.find("p", "wm-roll-link").find("a").attrs["href"])
    assert parts.path == "../../../honorees/"  # from centre/honorees/slug/
    assert parse_qs(parts.query) == {"t": ["centre"], "v": ["centre"]}


# --- consent ------------------------------------------------------------------------------

SECRET = "李保密"


def test_an_unconsented_honoree_is_refused_and_the_roll_keeps_the_consented(
    county_factory: Callable[..., Path],
) -> None:
    consented = f"{STATION_DIR}/honorees/zhang-guifang.md"
    unconsented = f"{STATION_DIR}/honorees/li-secret.md"
    project = county_factory(
        {consented: honoree_md("张桂芳"), unconsented: honoree_md(SECRET, consent=False)}
    )
    result = build_site(project)
    assert result.returncode != 0
    assert "NO_CONSENT" in result.stderr
    assert not (project / "site" / ROLL).exists()

    # The clerk takes the file out, as the error says, and the county builds.
    (project / "content" / unconsented).unlink()
    result = build_site(project)  # not --strict: make_county's spare photo is a warning
    assert result.returncode == 0, result.stderr
    roll = parse_html((project / "site" / ROLL).read_text(encoding="utf-8"))
    assert [card_name(c) for c in cards(roll)] == ["张桂芳"]
    assert roll.find("p", "wm-hr-count").find("strong").text() == "1"

"""Renamed stations: every old page address leads to today's page, without JavaScript."""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml
from conftest import REPO, Element, parse_html

from site_plugins.redirects.pages import (
    Redirect,
    redirect_html,
    relative_url,
    station_redirects,
)


def renamed_stations() -> dict[str, list[str]]:
    """Station key → former ids, read from the demo's station files."""
    found = {}
    for path in sorted((REPO / "content").glob("stations/*/*/station.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("former_ids"):
            found[f"{path.parent.parent.name}/{path.parent.name}"] = data["former_ids"]
    return found


def _refresh_target(page: Element) -> str:
    (meta,) = [m for m in page.find_all("meta") if m.attrs.get("http-equiv") == "refresh"]
    delay, _, url = meta.attrs["content"].partition(";")
    assert delay.strip() == "0"
    assert url.strip().startswith("url=")
    return url.strip()[len("url=") :]


def _resolve(site: Path, source: Path, href: str) -> Path:
    """The file a relative link in ``source`` opens (directory URLs open index.html)."""
    rel = posixpath.normpath(posixpath.join(source.parent.relative_to(site).as_posix(), href))
    target = site / rel
    return target / "index.html" if href.endswith("/") else target


def test_demo_has_a_renamed_station() -> None:
    assert renamed_stations(), "the demo county should show the feature"


def test_every_page_of_a_renamed_station_has_a_redirect_at_its_old_address(
    demo_site: Path,
) -> None:
    for key, former_ids in renamed_stations().items():
        today = demo_site / "stations" / key
        pages = sorted(p.relative_to(today) for p in today.rglob("index.html"))
        kinds = {p.parts[0] for p in pages if len(p.parts) > 1}
        # Hub, listing or month pages, activities and honorees are all there to redirect.
        assert {"activities", "honorees"} <= kinds
        assert any(part.isdigit() for p in pages for part in p.parts)
        for former in former_ids:
            old = demo_site / "stations" / former
            assert sorted(p.relative_to(old) for p in old.rglob("index.html")) == pages
            for page in pages:
                source = old / page
                html = source.read_text(encoding="utf-8")
                target = _resolve(demo_site, source, _refresh_target(parse_html(html)))
                assert target == today / page, source
                assert target.is_file()


def test_redirect_page_is_plain_noindex_html_with_a_visible_link(demo_site: Path) -> None:
    key, former_ids = next(iter(renamed_stations().items()))
    source = demo_site / "stations" / former_ids[0] / "index.html"
    text = source.read_text(encoding="utf-8")
    page = parse_html(text)
    assert "<script" not in text
    robots = [m.attrs["content"] for m in page.find_all("meta") if m.attrs.get("name") == "robots"]
    assert robots == ["noindex"]
    (canonical,) = [link for link in page.find_all("link") if link.attrs.get("rel") == "canonical"]
    assert canonical.attrs["href"] == f"https://wmsj.example.gov.cn/stations/{key}/"
    links = page.find("body").find_all("a")
    assert [a.attrs["href"] for a in links] == [_refresh_target(page)]
    assert "网址已经更改" in page.find("body").text()


def test_redirect_pages_stay_out_of_the_sitemap(demo_site: Path) -> None:
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    for former_ids in renamed_stations().values():
        for former in former_ids:
            assert f"/stations/{former}/" not in sitemap


def test_station_redirects_map_each_page_under_each_former_path() -> None:
    pages = [
        ("stations/a/new/index.html", "stations/a/new/"),
        ("stations/a/new/2026/06/index.html", "stations/a/new/2026/06/"),
        ("stations/a/newer/index.html", "stations/a/newer/"),  # another station
    ]
    redirects = station_redirects("a/new", ["a/old", "b/older"], "新村", pages)
    assert [(r.source, r.target) for r in redirects] == [
        ("stations/a/old/2026/06/index.html", "stations/a/new/2026/06/"),
        ("stations/a/old/index.html", "stations/a/new/"),
        ("stations/b/older/2026/06/index.html", "stations/a/new/2026/06/"),
        ("stations/b/older/index.html", "stations/a/new/"),
    ]


def test_relative_url_climbs_out_of_the_old_folder() -> None:
    assert relative_url("stations/a/new/", "stations/a/old/index.html") == "../new/"
    assert (
        relative_url("stations/a/new/activities/x/", "stations/b/old/activities/x/index.html")
        == "../../../../a/new/activities/x/"
    )


def test_redirect_html_escapes_names_and_works_without_site_url() -> None:
    redirect = Redirect("stations/a/old/index.html", "stations/a/new/", "<新>村")
    text = redirect_html(redirect, None)
    assert "&lt;新&gt;村" in text and "<新>" not in text
    assert 'rel="canonical"' not in text
    assert 'content="0; url=../new/"' in text
    assert redirect_html(redirect, None) == text

"""The contributor guide (投稿指南) in the built demo county, and its screenshots.

Four pages: /guide/ in the navigation, /guide/form/, /guide/pull-request/ and
/guide/reference/ linked from it. Expected headings, commands and addresses are written
out here; codes come from the problem registry, lines from the template files, and the
screenshots are checked against the built pages and against a fresh run of
``scripts/guide_screenshots.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, Element, parse_html
from PIL import Image

from site_plugins.content.problems import CODES, REVIEW_CODES

BASE = "https://site.test"
GUIDE = {
    "/guide/": (
        "投稿指南",
        ["谁做什么", "两种投稿方式", "必须遵守的规定"],
    ),
    "/guide/form/": (
        "表单投稿",
        ["一步一步", "保存以后还要检查什么", "修改已经发布的内容"],
    ),
    "/guide/pull-request/": (
        "合并请求投稿",
        [
            "第一次使用",
            "用命令新建（推荐）",
            "照模板手写",
            "检查不通过怎么办",
            "审核是什么",
            "合并以后",
            "修改或删除已经发布的内容",
            "实践站改名",
        ],
    ),
    "/guide/reference/": (
        "模板、分类和检查提示",
        [
            "模板",
            "中心、实践所和实践站",
            "可选的分类",
            "月度主题和节日",
            "文明实践菜单和群众点单（四单）",
            "检查提示一览",
            "合并请求检查",
        ],
    ),
}
SUB_PAGES = [url for url in GUIDE if url != "/guide/"]
CJK = re.compile(r"[\u4e00-\u9fff]")
PNG_BUDGET = 150 * 1024
# One problem line as the validator prints it: path:line:col  CODE  problem — fix.
PROBLEM_LINE = re.compile(r"(content/\S+):(\d+):(\d+)  ([A-Z_]+)  .+ — .+")


def html_file(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html"


@pytest.fixture(scope="module")
def guide(demo_site: Path) -> dict[str, Element]:
    return {url: parse_html(html_file(demo_site, url).read_text("utf-8")) for url in GUIDE}


def article(page: Element) -> Element:
    return page.find("article")


def code_texts(element: Element) -> set[str]:
    return {c.text().strip() for c in element.find_all("code")}


def resolve(page_url: str, href: str) -> str:
    """A link's target as a site path with fragment (``/guide/form/#x``)."""
    parts = urlsplit(urljoin(BASE + page_url, href))
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def images(guide: dict[str, Element]) -> dict[str, list[Element]]:
    """Every <img> of the guide's articles, by site path of its file."""
    found: dict[str, list[Element]] = {}
    for url, page in guide.items():
        for img in article(page).find_all("img"):
            found.setdefault(resolve(url, img.attrs["src"]), []).append(img)
    return found


def test_the_four_pages_have_their_headings(guide: dict[str, Element]) -> None:
    for url, (title, sections) in GUIDE.items():
        body = article(guide[url])
        assert [h.text().strip() for h in body.find_all("h1")] == [title], url
        assert [h.text().strip() for h in body.find_all("h2")] == sections, url


def test_only_the_overview_is_in_the_navigation(demo_site: Path, guide: dict[str, Element]) -> None:
    home = parse_html((demo_site / "index.html").read_text("utf-8"))
    for url, page in {"/": home, **guide}.items():
        nav = page.find("nav", "md-nav--primary")
        targets = {
            resolve(url, a.attrs["href"]).split("#")[0]
            for a in nav.find_all("a")
            if not a.attrs.get("href", "").startswith("#")
        }
        assert "/guide/" in targets, url
        assert not targets & set(SUB_PAGES), url


def test_the_pages_link_to_each_other_and_the_anchors_exist(
    guide: dict[str, Element],
) -> None:
    ids = {
        url: {e.attrs["id"] for e in page.iter() if "id" in e.attrs} for url, page in guide.items()
    }
    links = {
        url: [
            resolve(url, a.attrs["href"]) for a in article(page).find_all("a") if "href" in a.attrs
        ]
        for url, page in guide.items()
    }
    assert set(SUB_PAGES) <= set(links["/guide/"])
    for url in SUB_PAGES:
        assert "/guide/" in links[url], f"{url} has no way back to /guide/"
    checked = 0
    for url, targets in links.items():
        for target in targets:
            path, _, fragment = target.partition("#")
            if path in GUIDE and fragment:
                assert fragment in ids[path], (url, target)
                checked += 1
    assert checked >= 5  # the form and pull-request pages point into each other


def test_every_picture_exists_and_is_described(demo_site: Path, guide: dict[str, Element]) -> None:
    found = images(guide)
    assert len(found) >= 8
    published = {
        "/" + p.relative_to(demo_site).as_posix() for p in (demo_site / "guide").rglob("*.png")
    }
    assert published == set(found)  # nothing published that the guide does not show
    for src, tags in found.items():
        path = demo_site / src.lstrip("/")
        assert path.stat().st_size <= PNG_BUDGET, src
        with Image.open(path) as picture:
            assert picture.format == "PNG", src
            size = picture.size
        for img in tags:
            assert (int(img.attrs["width"]), int(img.attrs["height"])) == size, src
            assert img.attrs.get("loading") == "lazy", src
            assert len(CJK.findall(img.attrs.get("alt", ""))) >= 8, src


def test_a_phone_sized_picture_is_among_them(demo_site: Path, guide: dict[str, Element]) -> None:
    widths = []
    for src in images(guide):
        with Image.open(demo_site / src.lstrip("/")) as picture:
            widths.append(picture.width)
    assert min(widths) <= 480  # clerks read this on phones


def table_after(body: Element, heading_text: str) -> Element:
    """The first table after the <h2> with that text, among the article's children."""
    children = [c for c in body.children if isinstance(c, Element)]
    start = next(
        i for i, c in enumerate(children) if c.tag == "h2" and c.text().strip() == heading_text
    )
    return next(c for c in children[start + 1 :] if c.tag == "table")


def test_the_reference_lists_every_code_in_its_table(guide: dict[str, Element]) -> None:
    body = article(guide["/guide/reference/"])
    content_codes = code_texts(table_after(body, "检查提示一览"))
    review_codes = code_texts(table_after(body, "合并请求检查"))
    assert [c for c in CODES if c not in content_codes] == []
    assert [c for c in REVIEW_CODES if c not in review_codes] == []
    assert not set(REVIEW_CODES) & content_codes


def test_the_reference_holds_the_templates(guide: dict[str, Element]) -> None:
    blocks = [pre.text() for pre in article(guide["/guide/reference/"]).find_all("pre")]
    for name in ("activity.md", "honoree.md", "station.yml", "township.yml", "themes.yml"):
        first = (REPO / "site_plugins/practice/templates" / name).read_text("utf-8").split("\n")[0]
        assert any(first in block for block in blocks), name
    assert any("former_ids:" in block and "maintainers:" in block for block in blocks)


def test_the_form_steps_name_the_real_addresses(demo_site: Path, guide: dict[str, Element]) -> None:
    steps = article(guide["/guide/form/"]).find("ol").find_all("li")
    assert len(steps) >= 8
    named = set().union(*(code_texts(step) for step in steps))
    assert {"/admin/", "/admin/edit/"} <= named
    assert (demo_site / "admin" / "index.html").is_file()
    assert (demo_site / "admin" / "edit" / "index.html").is_file()
    # Every form picture stands in the step it illustrates.
    assert sum(len(step.find_all("img")) for step in steps) == 6


def test_the_pull_request_page_names_the_real_commands(guide: dict[str, Element]) -> None:
    named = code_texts(article(guide["/guide/pull-request/"]))
    assert {"make activity", "make honoree", "make validate", "make site"} <= named
    makefile = (REPO / "Makefile").read_text("utf-8")
    for target in ("activity", "honoree", "validate", "site"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_the_example_of_a_failed_check_points_at_the_mistakes(
    guide: dict[str, Element],
) -> None:
    blocks = [pre.text() for pre in article(guide["/guide/pull-request/"]).find_all("pre")]
    output = next(b for b in blocks if "BAD_DATE" in b)
    lines = [PROBLEM_LINE.fullmatch(line.strip()) for line in output.strip().splitlines()]
    assert all(lines), output
    found = {m.group(4): int(m.group(2)) for m in lines if m}
    template = (REPO / "site_plugins/practice/templates/activity.md").read_text("utf-8")
    numbered = list(enumerate(template.split("\n"), start=1))

    def line_of(start: str) -> int:
        return next(n for n, line in numbered if line.startswith(start))

    # The page says: the date, the number of volunteers and a phone number in the body.
    body_start = next(n for n, line in numbered[1:] if line == "---")
    assert found["BAD_DATE"] == line_of("date:")
    assert found["WRONG_TYPE"] == line_of("volunteers:")
    assert found["MOBILE_NUMBER"] > body_start
    assert set(found) == {"BAD_DATE", "WRONG_TYPE", "MOBILE_NUMBER"}


def test_the_screenshot_script_makes_exactly_the_guides_pictures(
    tmp_path: Path, demo_site: Path, guide: dict[str, Element]
) -> None:
    out = tmp_path / "shots"
    script = REPO / "scripts" / "guide_screenshots.py"
    result = subprocess.run(
        # The session's demo build (its form uses the test backend, as the script's own).
        [sys.executable, str(script), str(out), "--site", str(demo_site)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in out.iterdir())
    shown = sorted({src.rsplit("/", 1)[1] for src in images(guide)})
    assert made == shown
    committed = sorted(p.name for p in (REPO / "site_plugins/practice/guide_images").iterdir())
    assert committed == shown
    for name in made:
        path = out / name
        assert 5_000 < path.stat().st_size <= PNG_BUDGET, name
        with Image.open(path) as picture:
            assert picture.format == "PNG", name
            assert picture.width >= 400 and picture.height >= 200, name

"""The form editor on a 390×844 phone: a clerk's whole visit, in Chinese, through the form.

The visit is ``scripts/clerk_phone_run.py``'s (the script that estimates a first-time
clerk's time plays the same steps): open the station, write an activity with three
phone photos larger than 2560 px (carrying GPS), be stopped by a mobile number in the body and
fix it, report an activity dated after today and take the form's offer to save it as a
活动预告, recommend an honoree with the period 2026年第二季度. At every screen the page
must be no wider than the phone and show no Latin-letter word beyond the few listed
here with their reason. The saved files (the test backend's drafts) must pass the real
validator, and the uploaded photos must be at most 2560 px and carry no EXIF.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from browser import TIMEOUT_MS, is_local, require_browser, serve
from conftest import REPO, copy_demo
from PIL import Image

from site_plugins.content import load_catalogue

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytest_plugins = ("browser",)
require_browser()

_spec = importlib.util.spec_from_file_location(
    "clerk_phone_run", REPO / "scripts" / "clerk_phone_run.py"
)
assert _spec and _spec.loader
run = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("clerk_phone_run", run)
_spec.loader.exec_module(run)

EPOCH = "1796486400"  # 2026-12-06 Beijing time, the clock the browser is given too
# Latin-letter words a clerk may see, and why.
ALLOWED = {
    "wmsj": "the site's own address (display_url), shown so the clerk knows which site",
    "example": "ditto: the demo county's address is wmsj.example.gov.cn",
    "gov": "ditto",
    "cn": "ditto",
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Every saved file as the test backend holds it: text, or media as base64. The test
# backend keeps only an entry's last upload (its uploads share one id), so the photos
# are also read as wm-photos.js handed them to Decap, in order.
SAVED_JS = """
async () => {
  const base64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    }
    return btoa(text);
  };
  const saved = [];
  for (const entry of Object.values(window.repoFilesUnpublished || {})) {
    for (const d of entry.diffs) {
      const text = typeof d.content === "string" ? d.content : null;
      const data = text === null ? await base64(d.content.fileObj) : null;
      saved.push({path: d.path, text: text, data: data});
    }
  }
  const handed = [];
  for (const file of window.wmPhotos.handed) handed.push(await base64(file));
  return {saved: saved, handed: handed};
}
"""
SCREEN_JS = """
() => ({width: document.documentElement.scrollWidth, text: document.body.innerText})
"""


class WatchingClerk(run.Clerk):  # type: ignore[misc, name-defined]
    """Counts nothing but what the screens show: their width and their Latin words."""

    def __init__(self) -> None:
        super().__init__()
        self.widths: dict[str, int] = {}
        self.latin: dict[str, set[str]] = {}

    def shot(self, page: Page, name: str) -> None:
        screen = page.evaluate(SCREEN_JS)
        self.widths[name] = screen["width"]
        self.latin[name] = set(LATIN_WORD.findall(screen["text"]))


@pytest.fixture(scope="module")
def base_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    ctx = browser.new_context(viewport=run.PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.clock.set_fixed_time(run.TODAY)
    others: list[str] = []
    ctx.on("request", lambda r: others.append(r.url) if not is_local(r.url, base_url) else None)
    ctx.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    page = ctx.new_page()
    page.others = others  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        ctx.close()


def _saved(page: Page) -> dict[str, Any]:
    saved: dict[str, Any] = page.evaluate(SAVED_JS)
    return saved


def test_a_clerk_submits_an_activity_a_plan_and_an_honoree_on_a_phone(
    phone: Page, base_url: str, tmp_path: Path
) -> None:
    clerk = WatchingClerk()
    photo = run.phone_photo()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # the original has GPS
    try:
        run.visit(phone, clerk, base_url, photo)
    except Exception as error:
        # A step that never happened (seen once in a full run, not reproduced since):
        # keep the screen and the form's words, so the next failure can be read.
        shot = tmp_path / "failure.png"
        phone.screenshot(path=str(shot), full_page=True)
        (tmp_path / "failure.html").write_text(phone.content(), encoding="utf-8")
        words = phone.locator("body").inner_text()[-1500:]
        raise AssertionError(
            f"{error}\nscreen: {shot}\nlast words on the page:\n{words}"
        ) from error

    # What the clerk saw: every screen fits the phone, and its words are Chinese.
    assert len(clerk.widths) == 8
    assert {name: w for name, w in clerk.widths.items() if w > run.PHONE["width"]} == {}
    seen = set().union(*clerk.latin.values())
    assert seen - set(ALLOWED) == set(), clerk.latin
    assert phone.others == []  # type: ignore[attr-defined]

    result = _saved(phone)
    saved, handed = result["saved"], result["handed"]
    base = f"content/stations/{run.STATION}"
    texts = {item["path"]: item["text"] for item in saved if item["text"] is not None}
    activity = texts[f"{base}/activities/{run.PAST}-culture.md"]
    plan = texts[f"{base}/plans/{run.FUTURE}-culture.md"]
    (honoree_path,) = [p for p in texts if "/honorees/" in p]
    front = yaml.safe_load(activity.split("---\n")[1])
    assert [p["caption"] for p in front["photos"]] == [
        "志愿者和村民一起包粽子",
        "给独居老人送粽子",
        "合影",
    ]
    assert "13812345678" not in activity  # fixed before it was accepted
    assert yaml.safe_load(plan.split("---\n")[1])["title"] == "重阳敬老饺子宴"
    assert "period: 2026年第二季度" in texts[honoree_path]

    # Photos: resized in the browser, re-encoded as JPEG, no EXIF (so no GPS) left; the
    # upload the backend kept is the last one handed over, byte for byte.
    photos = {f"{base}/{p['file']}": data for p, data in zip(front["photos"], handed, strict=True)}
    uploaded = [item for item in saved if item["text"] is None]
    assert [(u["path"], u["data"]) for u in uploaded] == [list(photos.items())[-1]]
    assert len(photos) == 3
    for path, data in photos.items():
        assert path.endswith(".jpg")
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        assert image.format == "JPEG"
        assert image.size == (2560, 1920)
        assert dict(image.getexif()) == {}

    # The validator accepts all of it, as the pull request's check would.
    project = copy_demo(tmp_path / "county")
    content = project / "content"
    before = [p.format() for p in load_catalogue(content, EPOCH).problems]
    for path, text in texts.items():
        (project / path).write_text(text, encoding="utf-8")
    for path, data in photos.items():
        (project / path).write_bytes(base64.b64decode(data))
    catalogue = load_catalogue(content, EPOCH)
    assert [p.format() for p in catalogue.problems] == before
    honoree = next(h for h in catalogue.honorees if h.name == "冯桂兰")
    assert (honoree.honours[0].period.year, honoree.honours[0].period.quarter) == (2026, 2)
    assert any(a.title == "粽叶飘香迎端午" and len(a.photos) == 3 for a in catalogue.activities)

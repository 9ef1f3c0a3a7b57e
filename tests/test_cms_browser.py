"""The /admin/ form editor in headless Chromium, with Decap's in-memory test backend.

The session's build of the demo county (whose form editor uses ``backend: test-repo``)
is served on 127.0.0.1; saved entries are written into a copy of its content. A clerk's session is played through the real form: log in, open a
new activity, fill it in (title, date, category, numbers, place, tags, a photo, body),
save. The editorial workflow keeps the saved entry as a draft in the backend's memory
(``window.repoFilesUnpublished``); the test writes that file and photo into the county
and runs the real validator on it. Saving with a required field left empty, with neither
category nor team, or with a mobile number in the title is refused with a Chinese
message. Every request goes to the local server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from browser import TIMEOUT_MS, is_local, require_browser, serve
from conftest import copy_demo, jpeg_bytes

from site_plugins.content import load_catalogue

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytest_plugins = ("browser",)
require_browser()

STATION = "qingshi/zhangzhuang"
EPOCH = "1796486400"  # 2026-12-06 Beijing time, as the other tests
DESKTOP = {"width": 1280, "height": 900}
# What the editorial workflow saved: data files as text, uploaded media as their paths.
SAVED_JS = """
() => Object.values(window.repoFilesUnpublished || {}).flatMap((entry) =>
  entry.diffs.map((d) => ({path: d.path, text: typeof d.content === "string" ? d.content : null})))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo county for the saved entries to be written into and checked."""
    return copy_demo(tmp_path_factory.mktemp("cms-demo"))


@pytest.fixture(scope="module")
def base_url(demo_site: Path) -> Iterator[str]:
    """The session's demo build, whose form editor uses Decap's test backend (mkdocs.yml)."""
    config = (demo_site / "admin" / STATION / "config.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(config)["backend"]["name"] == "test-repo"
    with serve(demo_site) as url:
        yield url


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """A desktop context that records every request and refuses other hosts."""
    ctx = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    failed: list[str] = []
    ctx.on("request", lambda request: requests.append(request.url))
    ctx.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    ctx.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    ctx.requests = requests  # type: ignore[attr-defined]
    ctx.failed = failed  # type: ignore[attr-defined]
    try:
        yield ctx
    finally:
        ctx.close()


def _only_local(context: BrowserContext, base_url: str) -> None:
    requests: list[str] = context.requests  # type: ignore[attr-defined]
    assert requests, "no request was recorded"
    assert [url for url in requests if not is_local(url, base_url)] == []
    assert context.failed == []  # type: ignore[attr-defined]


def _new_entry(context: BrowserContext, base_url: str, collection: str) -> Page:
    page = context.new_page()
    page.goto(f"{base_url}/admin/{STATION}/")
    page.get_by_role("button", name="登录").click()
    page.goto(page.url.split("#")[0] + f"#/collections/{collection}/new")
    _field(page, "title" if collection == "activities" else "name").wait_for()
    return page


def _field(page: Page, name: str) -> Any:
    return page.locator(f'input[id^="{name}-field-"]')


def _retype(page: Page, name: str, text: str) -> None:
    """Replace a field's text as a person would. (Playwright's fill() selects the old text
    first, but Decap's text box puts the cursor back at the end after a refused save, so
    fill() would append.)"""
    _field(page, name).click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


def _choose(page: Page, name: str, option: str) -> None:
    """Pick an option of a select by typing it, as clicking in the menu can land on its
    neighbour while the menu scrolls into view."""
    _field(page, name).click()
    page.keyboard.type(option)
    page.locator('[class*="option"]', has_text=option).first.wait_for()
    page.keyboard.press("Enter")


def _save(page: Page) -> None:
    page.get_by_role("button", name="提交审核", exact=True).click()


def _saved(page: Page) -> list[dict[str, Any]]:
    saved: list[dict[str, Any]] = page.evaluate(SAVED_JS)
    return saved


def test_an_activity_filled_in_the_form_passes_the_validator(
    context: BrowserContext, base_url: str, project: Path
) -> None:
    page = _new_entry(context, base_url, "activities")
    _field(page, "title").fill("粽叶飘香迎端午")
    _field(page, "date").fill("2026-06-18")
    _choose(page, "category", "文化文艺")
    _choose(page, "platform", "文化服务")
    _field(page, "volunteers").fill("12")
    _field(page, "beneficiaries").fill("80")
    _field(page, "service_hours").fill("36.5")
    _field(page, "location").fill("张庄村文化广场")
    _field(page, "tags").fill("我们的节日, 端午")
    # A photo: the list gets an item, whose image field opens the media library.
    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片").click()
    photo = jpeg_bytes()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "端午 包粽子.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.get_by_role("button", name="选用已选中项目").click()
    _field(page, "caption").fill("志愿者和村民一起包粽子")
    # Typed and cleared again: Decap keeps "" (and so the group), the save drops both.
    page.locator('[id^="order-field-"] [data-testid="expand-button"]').click()
    _field(page, "requested_by").fill("东组群众")
    _field(page, "requested_by").fill("")
    page.locator("[role=textbox]").click()
    page.keyboard.type("端午节前，志愿者和村民一起包粽子，送给村里的独居老人。")
    _save(page)
    page.get_by_text("已提交县中心审核").first.wait_for()

    saved = _saved(page)
    base = f"content/stations/{STATION}"
    entry = next(item for item in saved if item["text"] is not None)
    assert entry["path"] == f"{base}/activities/2026-06-18-culture.md"
    # A phone's Chinese, space-containing name keeps its characters (spaces made safe).
    assert [item["path"] for item in saved if item["text"] is None] == [
        f"{base}/media/端午-包粽子.jpg"
    ]
    front = yaml.safe_load(entry["text"].split("---\n")[1])
    assert front["category"] == "culture"
    assert front["photos"] == [
        {"file": "media/端午-包粽子.jpg", "caption": "志愿者和村民一起包粽子"}
    ]
    assert "点单" not in entry["text"] and "order" not in front  # the empty group is left out

    content = project / "content"
    before = [p.format() for p in load_catalogue(content, EPOCH).problems]
    (project / entry["path"]).write_text(entry["text"], encoding="utf-8")
    (project / base / "media" / "端午-包粽子.jpg").write_bytes(photo)
    catalogue = load_catalogue(content, EPOCH)
    assert [p.format() for p in catalogue.problems] == before
    activity = next(a for a in catalogue.activities if a.slug == "2026-06-18-culture")
    assert (activity.title, activity.category, activity.platform) == (
        "粽叶飘香迎端午",
        "culture",
        "culture",
    )
    assert activity.meta.service_hours == 36.5
    assert [p.src for p in activity.photos] == [f"stations/{STATION}/media/端午-包粽子.jpg"]
    _only_local(context, base_url)


def test_a_missing_required_field_blocks_the_save(context: BrowserContext, base_url: str) -> None:
    page = _new_entry(context, base_url, "activities")
    _field(page, "title").fill("没有日期的活动")
    _choose(page, "category", "文化文艺")
    _save(page)
    page.get_by_text("有必填项没有填写，已跳到那一项").wait_for()
    error = page.get_by_text("“活动日期”没有填写：请填写或选择这一项")
    assert error.is_visible()
    # Scrolled to: the error is on the phone's screen, not somewhere below it.
    box = error.bounding_box()
    assert box is not None and 0 <= box["y"] <= DESKTOP["height"]
    assert _saved(page) == []
    _only_local(context, base_url)


def test_a_photo_the_phone_cannot_read_is_refused_with_advice(
    context: BrowserContext, base_url: str
) -> None:
    """An iPhone's HEIC photo: the form says why and what to do, and uploads nothing."""
    page = _new_entry(context, base_url, "activities")
    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片").click()
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "IMG_0001.HEIC", "mimeType": "image/heic", "buffer": b"\0" * 4096}]
    )
    page.wait_for_function("() => document.querySelector('input[type=file]').value === ''")
    assert len(messages) == 1
    assert messages[0].startswith("“IMG_0001.HEIC”照片无法使用。")
    assert "兼容性最佳" in messages[0]
    assert _saved(page) == []
    _only_local(context, base_url)


def test_category_or_team_is_required_as_the_validator_requires(
    context: BrowserContext, base_url: str
) -> None:
    page = _new_entry(context, base_url, "activities")
    _field(page, "title").fill("没有类别的活动")
    _field(page, "date").fill("2026-06-18")
    _save(page)
    page.locator(".wm-problems").get_by_text(
        "请选择“服务类别”或“志愿服务队”（至少选一项）"
    ).wait_for()
    assert _saved(page) == []
    # With a team instead of a category the same entry is accepted.
    _choose(page, "team", "张庄村文化文艺志愿服务小队")
    _save(page)
    page.get_by_text("已提交县中心审核").first.wait_for()
    saved = _saved(page)
    assert [item["path"] for item in saved] == [
        f"content/stations/{STATION}/activities/2026-06-18-huodong.md"
    ]
    assert "team: culture\n" in saved[0]["text"]


def test_a_mobile_number_in_a_text_field_is_refused(context: BrowserContext, base_url: str) -> None:
    page = _new_entry(context, base_url, "activities")
    _field(page, "title").fill("报名请打 13812345678")
    _field(page, "date").fill("2026-06-18")
    _choose(page, "category", "文化文艺")
    _save(page)
    # One problem, named with the field and the number found, and how to fix it.
    panel = page.locator(".wm-problems")
    panel.get_by_text(
        "“活动标题”含有手机号码（13812345678）。公开网站不能出现个人手机号"
    ).wait_for()
    assert "身份证" not in panel.inner_text()
    assert _saved(page) == []


def test_the_editor_remembers_the_station_and_explains_a_missing_one(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    page.goto(f"{base_url}/admin/edit/")
    page.get_by_text("没有选定实践站").wait_for()
    assert page.get_by_role("link", name="表单投稿首页").get_attribute("href") == "../"
    page.goto(f"{base_url}/admin/{STATION}/")  # forwards to /admin/edit/?station=…
    page.get_by_role("button", name="登录").wait_for()
    assert page.url.split("#")[0].endswith(f"/admin/edit/?station={STATION}")
    # The bare address (where a code host's login returns) opens the same station.
    page.goto(f"{base_url}/admin/edit/")
    page.get_by_role("button", name="登录").wait_for()
    assert page.title() == "表单投稿 · 青石镇张庄村新时代文明实践站"
    configs = [url for url in context.requests if url.endswith("config.yml")]  # type: ignore[attr-defined]
    assert configs == [f"{base_url}/admin/{STATION}/config.yml"] * 2
    _only_local(context, base_url)


def test_the_save_rules_that_span_fields(context: BrowserContext, base_url: str) -> None:
    """wm-cms.js's cross-field rules, called with plain entry data in the real page."""
    page = _new_entry(context, base_url, "honorees")

    def problems(collection: str, data: dict[str, Any]) -> list[str]:
        found: list[str] = page.evaluate(
            "([c, d]) => window.wmCms.problems(c, d)", [collection, data]
        )
        return found

    good = {"title": "义诊", "date": "2026-06-18", "category": "health"}
    assert problems("activities", good) == []
    assert problems("activities", {**good, "end_date": "2026-06-17"}) == [
        "结束日期 2026-06-17 早于活动日期 2026-06-18"
    ]
    assert problems("activities", {**good, "order": {"requested_on": "2026-06-01"}}) == [
        "“点单信息”填了内容，就要填写“点单人或群体”"
    ]
    assert problems("activities", {**good, "order": {"requested_by": "东组群众"}}) == []
    person = {"name": "李小明", "kind": "个人", "birth_year": 2013}
    minor = {**person, "consent": {"given": True, "by": "本人", "date": "2026-03-01"}}
    assert problems("honorees", minor) == [
        "李小明同意公开时可能未满 14 周岁，须由监护人同意（“由谁同意”选“监护人”）"
    ]
    assert problems("honorees", {**minor, "consent": {**minor["consent"], "by": "监护人"}}) == []
    assert problems("honorees", {"name": "邻里守望队", "kind": "集体", "gender": "男"}) == [
        "集体不填写性别和出生年份"
    ]


def test_an_honoree_filled_in_the_form_passes_the_validator(
    context: BrowserContext, base_url: str, project: Path
) -> None:
    page = _new_entry(context, base_url, "honorees")
    _field(page, "name").fill("冯桂兰")
    _choose(page, "gender", "女")
    _field(page, "birth_year").fill("1958")
    _choose(page, "category", "孝老爱亲")
    page.get_by_role("button", name="新增荣誉").click()
    _choose(page, "level", "县级")
    _field(page, "issuer").fill("示范县新时代文明实践中心")
    _field(page, "period").fill("今年五月")  # not a period the validator reads
    _field(page, "summary").fill("悉心照料瘫痪在床的婆婆二十年，从无怨言。")
    page.locator('[id^="given-field-"]').click()
    _choose(page, "by", "本人")
    _field(page, "date").fill("2026-05-10")
    _save(page)
    page.get_by_text("“期次”写成 2026年、2026年5月 或 2026年第二季度").wait_for()
    assert _saved(page) == []
    _retype(page, "period", "2026-05")
    _save(page)
    page.get_by_text("已提交县中心审核").first.wait_for()

    (entry,) = _saved(page)
    assert re.fullmatch(rf"content/stations/{STATION}/honorees/filial-\d{{8}}\.md", entry["path"])
    front = yaml.safe_load(entry["text"].split("---\n")[1])
    assert front["consent"] == {"given": True, "by": "本人", "date": dt.date(2026, 5, 10)}
    assert front["honours"][0]["period"] == "2026-05"
    content = project / "content"
    before = [p.format() for p in load_catalogue(content, EPOCH).problems]
    (project / entry["path"]).write_text(entry["text"], encoding="utf-8")
    catalogue = load_catalogue(content, EPOCH)
    assert [p.format() for p in catalogue.problems] == before
    slug = Path(entry["path"]).stem
    honoree = next(h for h in catalogue.honorees if h.slug == slug)
    assert (honoree.category, honoree.honours[0].level) == ("filial", "county")
    _only_local(context, base_url)

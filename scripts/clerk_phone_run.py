"""A first-time clerk on a 390 px phone: a 活动预告, a 活动报道 with 3 photos, a 好人推荐.

Plays the whole visit through the real /admin/ form (Decap CMS with its in-memory test
backend) of a built site, as ``tests/test_cms_phone.py`` does, and

- estimates how long a first-time clerk needs: the browser's own time plus, for every
  step, a realistic human pause (reading a screen, finding a field, typing Chinese
  on a phone keyboard at about one character a second, picking photos in the album);
  the pauses are added, not slept, so the run takes seconds; the figure is printed;
- with ``--screens DIR``, saves the screens at 390×844 for the README guide.

The flow functions take a Playwright page and a ``Clerk`` that records the pauses, so
the browser test drives exactly this visit (with a clerk that only counts).

Usage::

    .venv/bin/python scripts/clerk_phone_run.py SITE_DIR [--screens DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

# The tests' own local server (tests/browser.py), as the screenshot scripts use it.
from browser import serve  # type: ignore[import-not-found]

if TYPE_CHECKING:
    from playwright.sync_api import FilePayload, Page, ViewportSize

STATION = "qingshi/zhangzhuang"
PHONE: ViewportSize = {"width": 390, "height": 844}
# The demo's "today" (SOURCE_DATE_EPOCH of the tests), noon Beijing time.
TODAY = dt.datetime(2026, 12, 6, 4, 0, tzinfo=dt.UTC)
FUTURE = "2026-12-20"
PAST = "2026-11-28"

# Seconds a first-time clerk spends, per kind of step (a careful, not a quick, reader).
PAUSES = {
    "read": 8.0,  # read a screen or a message before acting
    "find": 3.0,  # find the next field or button
    "char": 1.0,  # one Chinese character typed with pinyin on a phone
    "digit": 0.4,  # one digit on the number pad
    "choose": 4.0,  # open a list and pick one option
    "date": 6.0,  # open the date picker and pick a day
    "photo": 12.0,  # open the album, find the photo, confirm
}


@dataclass
class Clerk:
    """Records the human time of each step; ``screens`` saves the screen at a moment."""

    screens: Path | None = None
    pauses: list[tuple[str, float]] = field(default_factory=list)
    # (part, index of its first pause, machine clock when it began)
    parts: list[tuple[str, int, float]] = field(default_factory=list)

    def begin(self, part: str) -> None:
        self.parts.append((part, len(self.pauses), time.monotonic()))

    def part_seconds(self, end: float) -> list[tuple[str, float, float]]:
        """(part, browser seconds, human seconds) of each part, in order."""
        out = []
        bounds = [*self.parts, ("", len(self.pauses), end)]
        for (part, first, began), (_, last, ended) in itertools.pairwise(bounds):
            human = sum(seconds for _, seconds in self.pauses[first:last])
            out.append((part, ended - began, human))
        return out

    def pause(self, kind: str, amount: float = 1) -> None:
        self.pauses.append((kind, PAUSES[kind] * amount))

    def typing(self, text: str) -> None:
        digits = sum(c.isdigit() for c in text)
        self.pause("char", len(text) - digits)
        self.pause("digit", digits)

    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.pauses)

    def shot(self, page: Page, name: str) -> None:
        if self.screens is not None:
            self.screens.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(self.screens / f"phone-{name}.png"))


# --- the visit ------------------------------------------------------------------------------


def field_box(page: Page, name: str, index: int = 0) -> Any:
    boxes = page.locator(f'input[id^="{name}-field-"]')
    return boxes.last if index == -1 else boxes.nth(index)


def type_in(page: Page, clerk: Clerk, name: str, text: str, index: int = 0) -> None:
    clerk.pause("find")
    field_box(page, name, index).fill(text)
    clerk.typing(text)


def pick_date(page: Page, clerk: Clerk, name: str, value: str) -> None:
    clerk.pause("date")
    field_box(page, name).fill(value)


def choose(page: Page, clerk: Clerk, name: str, option: str) -> None:
    """Pick an option of a select by typing its first characters, then Enter."""
    clerk.pause("choose")
    field_box(page, name).click()
    page.keyboard.type(option)
    offered = page.locator('[class*="option"]', has_text=option).first
    offered.wait_for()
    page.keyboard.press("Enter")
    # The menu must be closed before the next step: a click on a busy phone could
    # otherwise only close it (the next field's "add" button then adds nothing).
    offered.wait_for(state="detached")


def submit(page: Page, clerk: Clerk) -> None:
    clerk.pause("find")
    page.get_by_role("button", name="提交审核", exact=True).click()


def submitted(page: Page, clerk: Clerk) -> None:
    page.get_by_text("已提交县中心审核").first.wait_for()
    clerk.pause("read")


def open_station(page: Page, clerk: Clerk, base_url: str) -> None:
    page.goto(f"{base_url}/admin/")
    clerk.pause("read")
    clerk.shot(page, "1-stations")
    page.goto(f"{base_url}/admin/{STATION}/")
    page.get_by_role("button", name="登录").wait_for()
    clerk.pause("read", 0.5)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="活动报道").first.wait_for()
    clerk.pause("read")
    clerk.shot(page, "2-collections")


def new_entry(page: Page, clerk: Clerk, collection: str) -> None:
    clerk.pause("find")
    page.goto(page.url.split("#")[0] + f"#/collections/{collection}/new")
    field_box(page, "title" if collection != "honorees" else "name").wait_for()
    clerk.pause("read")


def future_activity_becomes_a_plan(page: Page, clerk: Clerk) -> None:
    """A clerk reports an activity that has not happened yet; the form offers a plan."""
    new_entry(page, clerk, "activities")
    type_in(page, clerk, "title", "重阳敬老饺子宴")
    pick_date(page, clerk, "date", FUTURE)
    choose(page, clerk, "category", "文化文艺")
    type_in(page, clerk, "location", "张庄村文化广场")
    submit(page, clerk)
    page.get_by_role("button", name="改存为活动预告").wait_for()
    clerk.pause("read")
    clerk.shot(page, "6-future-date")
    page.get_by_role("button", name="改存为活动预告").click()
    field_box(page, "title").wait_for()
    page.get_by_text("返回“活动预告”").wait_for()
    assert field_box(page, "title").input_value() == "重阳敬老饺子宴"
    clerk.pause("read")
    clerk.shot(page, "7-plan")
    submit(page, clerk)
    submitted(page, clerk)


def add_photo(page: Page, clerk: Clerk, name: str, data: bytes, caption: str) -> None:
    clerk.pause("find")
    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片", exact=True).last.click()
    clerk.pause("photo")
    payload: FilePayload = {"name": name, "mimeType": "image/jpeg", "buffer": data}
    page.locator("input[type=file]").set_input_files(files=[payload])
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_role("button", name="选用已选中项目").wait_for(state="detached")
    # The new photo is the last item (Decap may fold the others).
    type_in(page, clerk, "caption", caption, -1)


def activity_with_photos(page: Page, clerk: Clerk, photo: bytes, body: str) -> None:
    new_entry(page, clerk, "activities")
    type_in(page, clerk, "title", "粽叶飘香迎端午")
    pick_date(page, clerk, "date", PAST)
    choose(page, clerk, "category", "文化文艺")
    type_in(page, clerk, "volunteers", "12")
    type_in(page, clerk, "beneficiaries", "80")
    type_in(page, clerk, "location", "张庄村文化广场")
    clerk.shot(page, "3-activity")
    for index, caption in enumerate(("志愿者和村民一起包粽子", "给独居老人送粽子", "合影")):
        add_photo(page, clerk, f"IMG_20261128_{index + 1}.jpg", photo, caption)
    clerk.shot(page, "4-photos")
    clerk.pause("find")
    page.locator("[role=textbox]").click()
    # A phone number in the body: the form names the problem and the field.
    page.keyboard.type(body + "报名电话 13812345678")
    clerk.typing(body + "报名电话 13812345678")
    submit(page, clerk)
    page.locator(".wm-problems").wait_for()
    clerk.pause("read")
    clerk.shot(page, "5-problem")
    clerk.pause("find")
    page.locator("[role=textbox]").click()
    page.keyboard.press("Control+End")
    for _ in range(len("报名电话 13812345678")):
        page.keyboard.press("Backspace")
    clerk.pause("char", 3)
    submit(page, clerk)
    submitted(page, clerk)


def honoree(page: Page, clerk: Clerk) -> None:
    new_entry(page, clerk, "honorees")
    type_in(page, clerk, "name", "冯桂兰")
    choose(page, clerk, "gender", "女")
    type_in(page, clerk, "birth_year", "1958")
    choose(page, clerk, "category", "孝老爱亲")
    clerk.pause("find")
    page.get_by_role("button", name="新增荣誉").click()
    choose(page, clerk, "level", "县级")
    type_in(page, clerk, "issuer", "示范县新时代文明实践中心")
    type_in(page, clerk, "period", "2026年第二季度")
    type_in(page, clerk, "summary", "悉心照料瘫痪在床的婆婆二十年，从无怨言。")
    clerk.pause("find")
    page.locator('[id^="given-field-"]').click()
    choose(page, clerk, "by", "本人")
    page.locator('input[id^="date-field-"]').last.fill("2026-11-20")
    clerk.pause("date")
    clerk.shot(page, "8-honoree")
    submit(page, clerk)
    submitted(page, clerk)


BODY = "端午节前，志愿者和村民一起包粽子，送给村里的独居老人。"


def visit(page: Page, clerk: Clerk, base_url: str, photo: bytes) -> None:
    """The whole visit: the station, a plan (via a future date), an activity, an honoree."""
    clerk.begin("打开本站")
    open_station(page, clerk, base_url)
    clerk.begin("活动报道（三张照片，改正一处错误）")
    activity_with_photos(page, clerk, photo, BODY)
    clerk.begin("以后的活动改存为活动预告")
    future_activity_becomes_a_plan(page, clerk)
    clerk.begin("好人推荐")
    honoree(page, clerk)


# --- running it ----------------------------------------------------------------------------


def phone_photo() -> bytes:
    """A phone photo (3200×2400; larger than the form keeps) whose EXIF says where it was taken."""
    from PIL import Image

    image = Image.new("RGB", (3200, 2400), (180, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "Phone"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (35.0, 3.0, 41.0), 3: "E", 4: (118.0, 20.0, 5.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d SITE)")
    parser.add_argument("--screens", type=Path, help="save the 390 px screens here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    clerk = Clerk(screens=args.screens)
    photo = phone_photo()
    with serve(args.site) as base_url, sync_playwright() as playwright:
        # A Chinese interface (date boxes read 年/月/日) and China's time zone, as on a phone.
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
            env={**os.environ, "LANGUAGE": "zh_CN", "TZ": "Asia/Shanghai"},
        )
        context = browser.new_context(
            viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN"
        )
        context.set_default_timeout(30_000)
        context.clock.set_fixed_time(TODAY)
        page = context.new_page()
        visit(page, clerk, base_url, photo)
        parts = clerk.part_seconds(time.monotonic())
        browser.close()
    for part, machine, human in parts:
        print(
            f"{part}：{(machine + human) / 60:.1f} 分钟（浏览器 {machine:.0f} 秒，人 {human:.0f} 秒）"
        )
    first_activity = sum(machine + human for _, machine, human in parts[:2])
    total = sum(machine + human for _, machine, human in parts)
    print(
        f"首次使用的信息员从打开本站到提交一条三张照片的活动报道：约 {first_activity / 60:.1f} 分钟"
    )
    print(f"整个过程（再加一条预告和一位好人）：约 {total / 60:.1f} 分钟")
    return 0 if first_activity <= 300 else 1


if __name__ == "__main__":
    sys.exit(main())

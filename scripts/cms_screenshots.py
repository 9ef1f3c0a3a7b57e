"""Screenshots of the /admin/ form editor, for the contributor guide (投稿指南).

Builds a copy of the demo county with ``cms: backend: test-repo`` (Decap's in-memory
backend), serves it on 127.0.0.1 and drives Debian's Chromium through Playwright
(``pip install -e '.[test]'``; the browser is never downloaded). The station's real
activities are put into the test backend first, so the list is not empty. Writes, into
the folder given (``scripts/guide_screenshots.py`` takes these and the rest of the
guide's pictures in one run):

- ``form-stations.png``: /admin/ on a phone, the county's stations to pick from;
- ``form-activities.png``: one station's activities after logging in;
- ``form-new-activity.png``: a new activity filled in;
- ``form-photo.png``: a photo added from the computer, with its caption;
- ``form-required.png``: saving without the date, refused;
- ``form-workflow.png``: the saved draft on the 编辑流程 board.

The browser runs with a Chinese interface (``LANGUAGE=zh_CN``: date boxes read
年/月/日; Debian's ``chromium-l10n`` holds the translations), China's time zone and a
fixed clock, so the pictures do not change from one day to the next.

Usage::

    .venv/bin/python scripts/cms_screenshots.py OUT_DIR [--station qingshi/zhangzhuang]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, FilePayload, Locator, Page

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("WM_CHROMIUM", "/usr/bin/chromium"))
# Chromium takes its interface language (which sets the date boxes' 年/月/日 order)
# from LANGUAGE and finds it in this file; without it the boxes read mm/dd/yyyy.
CHINESE_UI = Path("/usr/lib/chromium/locales/zh-CN.pak")
PHONE: Any = {"width": 412, "height": 900}  # a common cheap Android phone, CSS pixels
# Decap's editor needs about 800 pixels; a small laptop shows the form without margins.
DESKTOP: Any = {"width": 860, "height": 720}
NOW = "2026-06-18T10:00:00+08:00"  # "today" for the editor (its 现在 button, its dates)
SOURCE_DATE_EPOCH = "1796486400"  # 2026-12-06 Beijing time, as the tests build
PNG_BUDGET = 150_000  # bytes per picture: the guide is read on phones

FORM_SHOTS = (
    "form-stations.png",
    "form-activities.png",
    "form-new-activity.png",
    "form-photo.png",
    "form-required.png",
    "form-workflow.png",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build(work: Path) -> Path:
    """The demo county with the test backend, built into ``work/site``."""
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(REPO / "content", work / "content")
    shutil.copytree(REPO / "theme_overrides", work / "theme_overrides")
    config = work / "mkdocs.yml"
    text = re.sub(
        r"^  - cms\b.*?(?=^  - |\Z)",
        "  - cms:\n      backend: test-repo\n",
        config.read_text(encoding="utf-8"),
        flags=re.S | re.M,
    )
    config.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        cwd=work,
        env=env,
        check=True,
    )
    return work / "site"


def seed_script(content: Path, station: str) -> str:
    """JavaScript that fills Decap's test backend with the station's entries.

    The test backend lists a collection by looking its whole folder path up as one key
    of ``window.repoFiles`` (decap-cms-backend-test, getFolderFiles).
    """
    tree: dict[str, dict[str, dict[str, str]]] = {}
    for kind in ("activities", "honorees"):
        folder = content / "stations" / station / kind
        key = folder.relative_to(content.parent).as_posix()
        for path in sorted(folder.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            tree.setdefault(key, {})[path.name] = {"path": f"{key}/{path.name}", "content": text}
    return f"window.repoFiles = {json.dumps(tree, ensure_ascii=False)};"


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, with a Chinese interface."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu"],
            env={**os.environ, "LANGUAGE": "zh_CN"},
        )
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser, base: str, viewport: Any) -> BrowserContext:
    """A Chinese reader in China at ``NOW``, allowed to load only from ``base``."""
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.clock.set_fixed_time(NOW)
    # Generous: the editor is a 5 MB script, slow to start on a busy machine.
    context.set_default_timeout(60_000)
    context.route(
        lambda url: not url.startswith(base) and not url.startswith(("data:", "blob:")),
        lambda route: route.abort(),
    )
    return context


def save_png(png: bytes, path: Path) -> int:
    """Write a screenshot as a small PNG; returns its size in bytes.

    Lossless when that fits the budget (a screen of at most 256 colours becomes an exact
    palette image); otherwise, as with a page showing photos, dithered to 256 colours.
    """
    image = Image.open(io.BytesIO(png)).convert("RGB")
    exact = image.getcolors(maxcolors=256) is not None
    candidates = [image.quantize(256, dither=Image.Dither.NONE)] if exact else [image]
    if not exact:
        candidates.append(image.quantize(256, method=Image.Quantize.MEDIANCUT))
    for candidate in candidates:
        out = io.BytesIO()
        candidate.save(out, format="PNG", optimize=True)
        data = out.getvalue()
        if len(data) <= PNG_BUDGET:
            break
    path.write_bytes(data)
    return len(data)


def clip_of(*boxes: Locator, page: Page, pad: int = 12, width: int | None = None) -> Any:
    """The rectangle around the given elements (page coordinates), padded, full width
    unless ``width`` is given, kept inside the page."""
    rects = [box.bounding_box() for box in boxes]
    found = [r for r in rects if r is not None]
    if not found:
        raise RuntimeError("element not on screen")
    scroll = page.evaluate("[window.scrollX, window.scrollY]")
    top = min(r["y"] for r in found) + scroll[1] - pad
    bottom = max(r["y"] + r["height"] for r in found) + scroll[1] + pad
    left = 0 if width is None else max(min(r["x"] for r in found) + scroll[0] - pad, 0)
    page_width = page.viewport_size["width"] if page.viewport_size else 1024
    right = page_width if width is None else min(left + width, page_width)
    return {"x": left, "y": max(top, 0), "width": right - left, "height": bottom - max(top, 0)}


def shot(page: Page, out: Path, name: str, clip: Any = None) -> None:
    png = page.screenshot(clip=clip, full_page=clip is not None, animations="disabled")
    save_png(png, out / name)


def _top(height: int) -> Any:
    """The top ``height`` pixels of a desktop page."""
    return {"x": 0, "y": 0, "width": DESKTOP["width"], "height": height}


def _to_top(page: Page, first_field: Locator) -> None:
    """Scroll the editor (its own scrolling box, not the window) back to the first
    field, with nothing focused."""
    first_field.evaluate("e => { e.scrollIntoView({block: 'center'}); e.blur(); }")
    page.wait_for_timeout(300)


def _close_toasts(page: Page) -> None:
    """Dismiss Decap's notices so that the next picture shows only its own."""
    from playwright.sync_api import Error

    for button in page.locator(".Toastify__close-button").all():
        with contextlib.suppress(Error):  # it may close by itself meanwhile
            button.click(timeout=2000)
    page.locator(".Toastify__toast").first.wait_for(state="detached")


def _field(page: Page, name: str) -> Locator:
    return page.locator(f'input[id^="{name}-field-"]')


def _choose(page: Page, name: str, option: str) -> None:
    """Pick an option by typing it (clicking in a menu that scrolls can miss)."""
    _field(page, name).click()
    page.keyboard.type(option)
    page.locator('[class*="option"]', has_text=option).first.wait_for()
    page.keyboard.press("Enter")


def shoot_form(browser: Browser, base: str, content: Path, station: str, out: Path) -> None:
    """The six /admin/ pictures (``FORM_SHOTS``) into ``out``."""
    phone = new_context(browser, base, PHONE)
    page = phone.new_page()
    page.goto(f"{base}/admin/")
    shot(page, out, "form-stations.png")
    phone.close()

    desktop = new_context(browser, base, DESKTOP)
    desktop.add_init_script(seed_script(content, station))
    page = desktop.new_page()
    page.goto(f"{base}/admin/{station}/")
    page.get_by_role("button", name="登录").click()
    page.locator('a[href*="/entries/"]').nth(5).wait_for()
    page.wait_for_timeout(500)  # the loading bar fades out
    shot(page, out, "form-activities.png", _top(560))

    editor = page.url.split("#")[0]  # /admin/edit/?station=…
    page.goto(f"{editor}#/collections/activities/new")
    _field(page, "title").fill("粽叶飘香迎端午")
    _field(page, "date").fill("2026-06-18")
    _choose(page, "team", "文化文艺")
    _field(page, "volunteers").fill("12")
    _field(page, "beneficiaries").fill("80")
    _field(page, "location").fill("张庄村文化广场")
    _to_top(page, _field(page, "title"))
    shot(page, out, "form-new-activity.png")

    page.get_by_role("button", name="新增照片").click()
    page.get_by_role("button", name="选择图片").click()
    photo = content / "stations" / station / "media" / "scene-3.jpg"
    upload: FilePayload = {
        "name": "duanwu-1.jpg",
        "mimeType": "image/jpeg",
        "buffer": photo.read_bytes(),
    }
    page.locator("input[type=file]").set_input_files(files=[upload])
    page.get_by_role("button", name="选用已选中项目").click()
    _field(page, "caption").fill("志愿者和村民一起包粽子")
    photos = page.locator('[id^="photos-field-"]').first
    photos.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot(page, out, "form-photo.png", clip_of(photos, page=page, pad=40))

    date = _field(page, "date")
    page.get_by_role("button", name="清除").first.click()  # the first date field's
    save = page.get_by_role("button", name="提交审核", exact=True)
    save.click()
    page.get_by_text("有必填项没有填写").wait_for()
    _to_top(page, _field(page, "title"))
    shot(page, out, "form-required.png", _top(340))
    _close_toasts(page)

    date.fill("2026-06-18")
    save.click()
    page.get_by_text("已提交县中心审核").first.wait_for()
    _close_toasts(page)
    page.goto(f"{editor}#/workflow")
    page.get_by_text("粽叶飘香迎端午").wait_for()
    _close_toasts(page)
    shot(page, out, "form-workflow.png", _top(440))
    desktop.close()


def missing_tools() -> str | None:
    """What must be installed first, in Chinese; None when all is there."""
    if not CHROMIUM.exists():
        return f"找不到 Chromium（{CHROMIUM}）：以 root 运行 apt-get install chromium"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "缺少 playwright：运行 .venv/bin/pip install -e '.[test]'"
    return None


def warn_without_chinese_ui() -> None:
    if not CHINESE_UI.exists():
        print(
            "提醒：Chromium 没有中文界面文件，日期框将显示为 mm/dd/yyyy；"
            "以 root 运行 apt-get install chromium-l10n 后重新截图。",
            file=sys.stderr,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("out", type=Path, help="截图保存到的文件夹")
    parser.add_argument("--station", default="qingshi/zhangzhuang", help="乡镇/村 文件夹名")
    args = parser.parse_args(argv)
    problem = missing_tools()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if not (REPO / "content" / "stations" / args.station / "station.yml").is_file():
        print(f"示范县没有实践站 {args.station}", file=sys.stderr)
        return 1
    warn_without_chinese_ui()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cms-shots-") as work:
        site = build(Path(work))
        with serve(site) as base, chromium() as browser:
            shoot_form(browser, base, Path(work) / "content", args.station, args.out)
    for name in FORM_SHOTS:
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

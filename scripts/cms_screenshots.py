"""Screenshots of the /admin/ form editor, for the contributor guide.

Builds a copy of the demo county with ``cms: backend: test-repo`` (Decap's in-memory
backend), serves it on 127.0.0.1 and drives Debian's Chromium through Playwright
(``pip install -e '.[test]'``; the browser is never downloaded). The station's real
activities are put into the test backend first, so the list is not empty. Writes, into
the folder given:

- ``1-stations.png``: /admin/, the county's stations to pick from;
- ``2-activities.png``: one station's activities after logging in;
- ``3-new-activity.png``: a new activity filled in;
- ``4-required.png``: saving without the date, refused;
- ``5-workflow.png``: the saved draft on the 编辑流程 board.

Usage::

    .venv/bin/python scripts/cms_screenshots.py OUT_DIR [--station qingshi/zhangzhuang]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("WM_CHROMIUM", "/usr/bin/chromium"))
VIEWPORT: Any = {"width": 1280, "height": 860}
SOURCE_DATE_EPOCH = "1767225600"


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


def _close_toasts(page: Any) -> None:
    """Dismiss Decap's notices so that the next picture shows only its own."""
    for button in page.locator(".Toastify__close-button").all():
        button.click()
    page.locator(".Toastify__toast").first.wait_for(state="detached")


def shoot(site: Path, content: Path, station: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--lang=zh-CN"],
            )
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            context.route(
                lambda url: not url.startswith(base) and not url.startswith(("data:", "blob:")),
                lambda route: route.abort(),
            )
            context.add_init_script(seed_script(content, station))
            page = context.new_page()
            page.goto(f"{base}/admin/")
            page.screenshot(path=str(out / "1-stations.png"))
            page.goto(f"{base}/admin/{station}/")
            page.get_by_role("button", name="登录").click()
            page.locator('a[href*="/entries/"]').first.wait_for()
            page.wait_for_timeout(500)  # the loading bar fades out
            page.screenshot(path=str(out / "2-activities.png"))
            editor = page.url.split("#")[0]  # /admin/edit/?station=…
            page.goto(f"{editor}#/collections/activities/new")
            date = page.locator('input[id^="date-field-"]')
            page.locator('input[id^="title-field-"]').fill("粽叶飘香迎端午")
            date.fill("2026-06-18")
            page.locator('input[id^="category-field-"]').click()
            page.get_by_text("文化文艺", exact=True).click()
            page.locator('input[id^="volunteers-field-"]').fill("12")
            page.locator('input[id^="beneficiaries-field-"]').fill("80")
            page.locator('input[id^="location-field-"]').fill("张庄村文化广场")
            page.locator('input[id^="title-field-"]').scroll_into_view_if_needed()
            page.screenshot(path=str(out / "3-new-activity.png"))
            page.get_by_role("button", name="清除").first.click()
            save = page.get_by_role("button", name="保存", exact=True)
            save.click()
            page.get_by_text("你漏掉了一个必填项").wait_for()
            date.scroll_into_view_if_needed()
            page.screenshot(path=str(out / "4-required.png"))
            _close_toasts(page)
            date.fill("2026-06-18")
            save.click()
            page.get_by_text("内容已保存").wait_for()
            _close_toasts(page)
            page.goto(f"{editor}#/workflow")
            page.get_by_text("粽叶飘香迎端午").wait_for()
            _close_toasts(page)
            page.screenshot(path=str(out / "5-workflow.png"))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="截图保存到的文件夹")
    parser.add_argument("--station", default="qingshi/zhangzhuang", help="乡镇/村 文件夹名")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(
            f"找不到 Chromium（{CHROMIUM}）：以 root 运行 apt-get install chromium", file=sys.stderr
        )
        return 1
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("缺少 playwright：运行 .venv/bin/pip install -e '.[test]'", file=sys.stderr)
        return 1
    if not (REPO / "content" / "stations" / args.station / "station.yml").is_file():
        print(f"示范县没有实践站 {args.station}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cms-shots-") as work:
        site = build(Path(work))
        shoot(site, Path(work) / "content", args.station, args.out)
    for png in sorted(args.out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())

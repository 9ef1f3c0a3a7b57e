"""Every picture in the contributor guide (投稿指南), taken from the real pages.

Builds the demo county once (with the form editor's in-memory test backend), serves it
on 127.0.0.1 and photographs it with Debian's Chromium through Playwright, as a clerk
in China sees it (Chinese interface, Asia/Shanghai, a fixed clock, device scale 1):

- the six /admin/ pictures of ``scripts/cms_screenshots.py`` (``form-*.png``);
- ``pr-activity.png``: on a phone, the published page of an activity, which is what a
  submission becomes once merged;
- ``pr-station.png``: on a phone, the station's page listing it.

Each is cropped to what its step is about and saved as an optimised PNG of at most
about 150 KB. The guide's own copies live in ``site_plugins/practice/guide_images/``;
after a change to the pages, run this into that folder and look at every picture::

    .venv/bin/python scripts/guide_screenshots.py site_plugins/practice/guide_images
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

# A sibling script: Python puts this script's folder first on sys.path.
import cms_screenshots as cms
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser

STATION = "qingshi/zhangzhuang"
# A published activity of that station, with photos, dated in the month of cms.NOW.
ACTIVITY = "2026-06-19-duanwu-zongzi"
PAGE_SHOTS = ("pr-activity.png", "pr-station.png")
GUIDE_SHOTS = (*cms.FORM_SHOTS, *PAGE_SHOTS)


def activity_title(content: Path) -> str:
    """The title ACTIVITY's file gives, as its page and the station's list show it."""
    path = content / "stations" / STATION / "activities" / f"{ACTIVITY}.md"
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    meta = yaml.safe_load(front)
    return str(meta["title"])


def shoot_pages(browser: Browser, base: str, content: Path, out: Path) -> None:
    """The published activity and its station's list of activities, on a phone."""
    context = cms.new_context(browser, base, cms.PHONE)
    page = context.new_page()
    page.goto(f"{base}/stations/{STATION}/activities/{ACTIVITY}/")
    header = page.locator("header").first
    first_photo = page.locator("article figure").first
    cms.shot(page, out, "pr-activity.png", cms.clip_of(header, first_photo, page=page, pad=0))

    page.goto(f"{base}/stations/{STATION}/")
    heading = page.locator("h2#activities")
    link = page.get_by_role("link", name=activity_title(content), exact=True)
    listed = page.locator("li").filter(has=link)
    heading.scroll_into_view_if_needed()
    cms.shot(page, out, "pr-station.png", cms.clip_of(heading, listed, page=page, pad=2))
    context.close()


def shoot_all(browser: Browser, base: str, content: Path, out: Path) -> None:
    cms.shoot_form(browser, base, content, STATION, out)
    shoot_pages(browser, base, content, out)


def shoot_site(site: Path, out: Path) -> None:
    """Serve ``site`` (its content folder beside it) and take every picture into ``out``."""
    with cms.serve(site) as base, cms.chromium() as browser:
        shoot_all(browser, base, site.parent / "content", out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("out", type=Path, help="截图保存到的文件夹")
    parser.add_argument(
        "--site",
        type=Path,
        help="拍已经生成好的示范县网站（表单用 test-repo 后端，content 文件夹在它旁边），不再生成一遍",
    )
    args = parser.parse_args(argv)
    problem = cms.missing_tools()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    cms.warn_without_chinese_ui()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.site:
        # The tests hand over their one build of the demo rather than wait for another.
        shoot_site(args.site, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="guide-shots-") as work:
            shoot_site(cms.build(Path(work)), args.out)
    for name in GUIDE_SHOTS:
        path = args.out / name
        size = path.stat().st_size
        note = "" if size <= cms.PNG_BUDGET else "  （超过 150 KB，请裁小）"
        print(f"{path}  {size // 1024} KB{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

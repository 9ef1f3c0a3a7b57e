"""Screenshots of every page kind at 390 px and 1280 px, for looking at the design.

Serves a built site on 127.0.0.1 and drives Debian's Chromium (through Playwright) to
save ``<kind>-<width>[-<mode>].png`` (the whole page, cut at ``--max-height`` CSS pixels) into
``--out``. With ``--mode large`` or ``contrast`` the reading mode is switched on first.

Usage::

    python scripts/portal_screenshots.py site --out /tmp/shots [--mode contrast]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import launch, serve  # type: ignore[import-not-found]
from page_kinds import KINDS as PAGE_KINDS  # type: ignore[import-not-found]

WIDTHS = (390, 1280)
# Every page kind the tests sweep (tests/page_kinds.py), and the A4 menu sheet: the first
# built page matching each pattern.
KINDS = {**PAGE_KINDS, "menu-sheet": "stations/*/*/menu/a4/index.html"}


def page_path(site: Path, pattern: str) -> str:
    """Site path of the first built page matching ``pattern``."""
    found = sorted(site.glob(pattern))
    if not found:
        raise SystemExit(f"网站中没有 {pattern}")
    return "/" + found[0].relative_to(site).as_posix().removesuffix("index.html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--mode", default="", choices=("", "large", "contrast"))
    parser.add_argument("--max-height", type=int, default=3000)
    parser.add_argument("--only", nargs="*", default=None, help="只拍这些页面类型")
    parser.add_argument("--widths", nargs="*", type=int, default=list(WIDTHS))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for kind, pattern in KINDS.items():
            if args.only and kind not in args.only:
                continue
            url = base + page_path(args.site, pattern)
            for width in args.widths:
                phone = width < 600
                ctx = browser.new_context(
                    viewport={"width": width, "height": 844 if phone else 900},
                    is_mobile=phone,
                    has_touch=phone,
                    device_scale_factor=1,
                    locale="zh-CN",
                )
                ctx.add_init_script(f"localStorage.setItem('wm-reading-mode', {args.mode!r})")
                page = ctx.new_page()
                page.goto(url, wait_until="load")
                height = min(args.max_height, page.evaluate("document.body.scrollHeight"))
                clip = {"x": 0, "y": 0, "width": width, "height": height}
                page.screenshot(
                    path=str(
                        args.out / f"{kind}-{width}{'-' + args.mode if args.mode else ''}.png"
                    ),
                    clip=clip,
                    full_page=True,
                )
                ctx.close()
        browser.close()
    print(f"截图已保存到 {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

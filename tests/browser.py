"""Browser-test helpers: serve a built site on 127.0.0.1 and drive Debian's Chromium.

A test module uses them with ``pytest_plugins = ("browser",)``, which brings in the
fixtures ``site_url`` (the ``demo_site`` served over HTTP), ``browser`` (one headless
Chromium for the session) and ``context`` (a fresh phone-sized browser context per
test that refuses, and records in ``context.external_requests``, every request to
another host). The plain helpers (``serve``, ``launch``, ``colours``, ``contrast``) work
without pytest too.

Chromium is Debian's ``/usr/bin/chromium`` (``WM_CHROMIUM`` overrides the path), driven
through Playwright for Python; Playwright's own browser downloads are never used.
Test modules import this file before pytest loads it as a plugin, and it has no asserts
of its own: PYTEST_DONT_REWRITE (which also silences pytest's "already imported" warning).
``make test`` installs both. Elsewhere a missing browser skips these tests with a note,
except under CI (``CI=true``), where it fails (and tests/ci_guard.py fails any skip).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from ci_guard import under_ci

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = Path(os.environ.get("WM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# A common cheap Android phone in portrait (CSS pixels).
PHONE = {"width": 412, "height": 900}
# Every wait is for a condition, so a long limit costs a passing run nothing; CI shares a
# busy 2-core machine, where a 10 s limit once failed a correct form test (a 5 MB editor).
TIMEOUT_MS = 60_000


# --- a local server ----------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser moved on before a file was sent: not worth a traceback
        super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at an ephemeral port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def is_local(url: str, base_url: str) -> bool:
    """True for a request to the test server itself, or one that needs no network."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.scheme in {"http", "https"} and parts.netloc == urlsplit(base_url).netloc


# --- the browser -------------------------------------------------------------------------


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (Debian package chromium)"
    return None


def require_browser() -> None:
    """Skip the calling test module (fail it under CI) when the browser cannot run."""
    reason = missing_browser()
    if reason is None:
        return
    message = f"{reason}; `make test` installs what the browser tests need"
    if under_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium with no background traffic of its own."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


# --- colours -----------------------------------------------------------------------------

# The colours a reader sees for an element's text: its computed colour composited over the
# backgrounds of the element and its ancestors (then the white canvas), all from computed
# styles. Returns [[r, g, b], [r, g, b]] for text and background.
_COLOURS_JS = """
(el) => {
  const parse = (value) => {
    const m = /rgba?\\(([^)]*)\\)/.exec(value);
    if (!m) throw new Error("unexpected colour " + value);
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    const mix = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const layers = [];
  for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
  let bg = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
  const fg = over(parse(getComputedStyle(el).color), bg);
  return [fg.slice(0, 3), bg.slice(0, 3)];
}
"""

Rgb = tuple[float, float, float]


def colours(page: Page, selector: str) -> tuple[Rgb, Rgb]:
    """(text, background) colours of the first element matching ``selector``."""
    fg, bg = page.locator(selector).first.evaluate(_COLOURS_JS)
    return (fg[0], fg[1], fg[2]), (bg[0], bg[1], bg[2])


def _luminance(rgb: Rgb) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: Rgb, bg: Rgb) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_contrast(page: Page, selector: str) -> float:
    return contrast(*colours(page, selector))


_SETTLE_JS = """
async () => {
  for (let round = 0; round < 10; round++) {
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition);
    if (!running.length) return;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));  // cancelled: fine
  }
}
"""


def settle(page: Page) -> None:
    """Wait until CSS transitions have ended (Material fades link colours over 125 ms)."""
    page.evaluate(_SETTLE_JS)


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """The demo county's built site, served on 127.0.0.1."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    """A fresh phone-sized context; requests to other hosts are aborted and recorded."""
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    external: list[str] = []

    def record(request: Any) -> None:
        if not is_local(request.url, site_url):
            external.append(request.url)

    ctx.on("request", record)
    ctx.route(lambda url: not is_local(url, site_url), lambda route: route.abort())
    ctx.external_requests = external  # type: ignore[attr-defined]
    try:
        yield ctx
    finally:
        ctx.close()

"""Lighthouse (mobile, performance only) on the key pages of a built site; prints figures.

Serves the built site on 127.0.0.1 with gzip, as any production web server does (nginx's
``gzip on``), and runs the ``lighthouse`` command-line tool from npm against Debian's
Chromium, offline: simulated slow 4G and a 4× slower CPU (Lighthouse's mobile default).
Prints, for home, a station, an activity, /honorees/, /themes/2026/, /centre/ and /menu/:
the performance score, LCP (and which element it is), FCP, total blocking time, CLS, the bytes of render-blocking files and the bytes
transferred before the first paint (page plus render-blocking files), after the load. A benchmark,
not a test: the figures depend on the machine's load.

Lighthouse is not a project dependency: install it once in any folder with
``npm install lighthouse@12`` and pass ``--lighthouse that/node_modules/.bin/lighthouse``.

Usage::

    python scripts/lighthouse_benchmark.py site --lighthouse /tmp/lh/node_modules/.bin/lighthouse
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGES = {
    "首页": "index.html",
    "实践站": "stations/*/*/index.html",
    "活动": "stations/*/*/activities/*/index.html",
    "好人榜": "honorees/index.html",
    "全年主题": "themes/2026/index.html",
    "县中心": "centre/index.html",
    "菜单": "menu/index.html",
}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".xsl"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it; no log lines."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    if not found:
        raise SystemExit(f"网站中没有 {pattern}")
    return "/" + found[0].relative_to(site).as_posix().removesuffix("index.html")


def run(lighthouse: str, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": os.environ.get("WM_CHROMIUM", "/usr/bin/chromium")}
        subprocess.run(
            [
                lighthouse,
                url,
                "--only-categories=performance",
                "--form-factor=mobile",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            check=True,
            env=env,
            timeout=300,
        )
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return report


def before_first_paint(report: dict[str, Any]) -> int:
    """Bytes on the wire before the first paint: the page itself and its render-blocking
    files (what the browser must have to draw anything), from Lighthouse's request list."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    blocking = {i["url"] for i in audits["render-blocking-resources"]["details"].get("items", [])}
    document = int(requests[0]["transferSize"]) if requests else 0
    return document + sum(int(r["transferSize"]) for r in requests if r["url"] in blocking)


def figures(report: dict[str, Any]) -> str:
    audits = report["audits"]
    blocking = audits["render-blocking-resources"]["details"].get("items", [])
    blocking_kb = sum(item.get("totalBytes", 0) for item in blocking) / 1024
    return (
        f"性能 {round(report['categories']['performance']['score'] * 100)}　"
        f"LCP {audits['largest-contentful-paint']['numericValue'] / 1000:.1f} 秒　"
        f"FCP {audits['first-contentful-paint']['numericValue'] / 1000:.1f} 秒　"
        f"TBT {audits['total-blocking-time']['numericValue']:.0f} 毫秒　"
        f"CLS {audits['cumulative-layout-shift']['numericValue']:.3f}　"
        f"阻塞渲染 {len(blocking)} 个文件 {blocking_kb:.0f} KB（传输）　"
        f"共传输 {audits['total-byte-weight']['numericValue'] / 1024:.0f} KB　"
        f"首次绘制前 {before_first_paint(report) / 1024:.0f} KB　"
        f"LCP 元素 {lcp_element(report)}　"
        f"实测 FCP/LCP {observed(report)}"
    )


def observed(report: dict[str, Any]) -> str:
    """FCP and LCP as the unthrottled browser painted them (ms). Equal when the LCP element
    is in the first paint: then a simulated LCP later than FCP is not a late paint but the
    scripts fetched before that paint, which Lighthouse's simulation counts for LCP (and,
    the busier the machine, the later that paint and the more scripts it counts)."""
    items = report["audits"]["metrics"]["details"]["items"][0]
    fcp, lcp = (
        items.get("observedFirstContentfulPaint"),
        items.get("observedLargestContentfulPaint"),
    )
    return f"{fcp}/{lcp} 毫秒"


def lcp_element(report: dict[str, Any]) -> str:
    """The LCP element's tag and the start of its text, as Lighthouse reports it."""
    details = report["audits"].get("largest-contentful-paint-element", {}).get("details", {})
    for table in details.get("items", []):
        for item in table.get("items", [table]):
            node = item.get("node", {})
            if node.get("nodeLabel") or node.get("selector"):
                label = str(node.get("nodeLabel", ""))[:12]
                return f"{str(node.get('selector', '')).split(' > ')[-1]}「{label}」"
    return "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default="lighthouse")
    parser.add_argument("--only", nargs="*", default=None, help="只测这些页面（如 实践站）")
    parser.add_argument("--reports", type=Path, default=None, help="把每页的报告（JSON）存到这里")
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    # The figures depend on the machine's load: print it with them.
    print(f"负载（1/5/15 分钟）：{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    try:
        for name, pattern in PAGES.items():
            if args.only and name not in args.only:
                continue
            report = run(args.lighthouse, base + first(args.site, pattern))
            if args.reports:
                args.reports.mkdir(parents=True, exist_ok=True)
                (args.reports / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
            load = os.getloadavg()[0]  # per page: a busy minute explains a bad figure
            print(f"{name:<6}{figures(report)}　负载 {load:.1f}", flush=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"lighthouse 运行失败：{exc}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

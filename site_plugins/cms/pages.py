"""The admin pages: standalone HTML (not the Material theme), Chinese, never indexed.

``/admin/`` lists the county's stations by township. ``/admin/<township>/<station>/``
holds that station's Decap configuration and a page that forwards to the one form
editor page, ``/admin/edit/?station=<township>/<station>``: one page for every station,
because GitLab and Gitea send a clerk back after login to exactly the address the login
started from, which each code host's OAuth application must list; one address is one
line there, not one per station. The editor remembers the station in the browser, so
the address the login returns to needs no query. All pages load only files of this
site, by relative address, so the site may live under a sub-path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

DECAP_JS = "decap-cms.js"
OUR_JS = "wm-cms.js"
PHOTOS_JS = "wm-photos.js"  # resizes photos and drops their EXIF/GPS before upload
OUR_CSS = "wm-cms.css"  # Decap's layout made to fit a 390 px phone
EDITOR = "edit"  # /admin/edit/: the one page clerks log in from

_HEAD = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>{title}</title>
"""


@dataclass(frozen=True)
class StationLink:
    href: str  # relative to /admin/, e.g. qingshi/zhangzhuang/
    name: str


@dataclass(frozen=True)
class TownshipLinks:
    name: str
    stations: Sequence[StationLink]


def editor_page(data_json: str) -> str:
    """``/admin/edit/``: the Decap app; ``data_json`` lists the stations and save rules.

    ``data_json`` must already be safe inside <script>. Our script comes first: it sets
    ``CMS_MANUAL_INIT`` so that Decap waits, and once the page is parsed it picks the
    station's configuration (the station comes from the address or the browser's memory),
    registers the save checks and starts Decap. No inline script, so a strict
    Content-Security-Policy (script-src 'self') does not stop the form.
    """
    return (
        _HEAD.format(title="表单投稿")
        + f'<link rel="stylesheet" href="../{OUR_CSS}">\n'
        + "</head>\n<body>\n"
        + f'<script type="application/json" id="wm-cms-data">{data_json}</script>\n'
        + f'<script src="../{OUR_JS}"></script>\n'
        + f'<script src="../{PHOTOS_JS}"></script>\n'
        + f'<script src="../{DECAP_JS}"></script>\n'
        + "</body>\n</html>\n"
    )


def station_page(key: str, title: str) -> str:
    """``/admin/<township>/<station>/``: forwards to the editor with this station chosen."""
    target = escape(f"../../{EDITOR}/?station={key}")
    return (
        _HEAD.format(title=escape(title))
        + f'<meta http-equiv="refresh" content="0; url={target}">\n'
        + "</head>\n<body>\n"
        + f'<p><a href="{target}">{escape(title)}</a></p>\n'
        + "</body>\n</html>\n"
    )


_STYLE = """<style>
body{font:18px/1.7 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:0 auto;max-width:44rem;padding:1rem 1.25rem 3rem;color:#1f1f1f;background:#fff}
h1{font-size:1.6rem;margin:.5rem 0 1rem;color:#b71c1c}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}
ul{padding-left:1.2rem}li{margin:.35rem 0}
a{color:#0b57d0}.note{background:#fff4e5;border-left:4px solid #e65100;padding:.6rem .9rem}
</style>
"""


def index_page(county: str, townships: Sequence[TownshipLinks], how: str, trial: bool) -> str:
    """``/admin/``: what the form editor is, and a link to each station's form."""
    parts = [
        _HEAD.format(title=escape(f"表单投稿 · {county}")),
        _STYLE,
        "</head>\n<body>\n",
        f"<h1>{escape(county)} · 表单投稿</h1>\n",
        "<p>各实践站信息员在这里用表单填写活动和身边好人，不必手写文件。"
        "先在下面找到本站，点开后登录，填写、保存；每一条保存后都会提交给县中心审核，"
        "审核通过后自动发布到网站上。</p>\n",
        f"<p>{escape(how)}</p>\n",
    ]
    if trial:
        parts.append(
            '<p class="note">现在是<strong>试用模式</strong>：可以照常填写、保存，'
            "但内容只留在这个浏览器页面里，刷新或关闭就没有了，不会提交给县中心。"
            "县里在网站配置中填好代码托管平台后即可正式投稿。</p>\n"
        )
    for township in townships:
        parts.append(f"<h2>{escape(township.name)}</h2>\n<ul>\n")
        for station in township.stations:
            parts.append(f'<li><a href="{escape(station.href)}">{escape(station.name)}</a></li>\n')
        parts.append("</ul>\n")
    parts.append(
        '<p>也可以不用表单，按<a href="../guide/">投稿指南</a>直接提交文件。'
        ' <a href="../">返回网站首页</a></p>\n</body>\n</html>\n'
    )
    return "".join(parts)

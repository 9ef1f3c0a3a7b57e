"""The public page ``/open-data/`` (Chinese): what the export holds, in which files, how
it is versioned and how to read it. Made from the table registry, so it lists exactly
the tables and columns the files have."""

from __future__ import annotations

import html
from collections.abc import Mapping

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.open_data.tables import MAJOR, SCHEMA_VERSION, TABLES

KIND_WORDS = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否",
    "date": "日期（YYYY-MM-DD）",
}


def size_text(count: int) -> str:
    return f"{count / 1024:.1f} KB" if count < 1024 * 1024 else f"{count / 1048576:.1f} MB"


def _link(path: str) -> str:
    # Relative to /open-data/, where this page is.
    return path.removeprefix(routes.OPEN_DATA)


def markdown(catalogue: Catalogue, sizes: Mapping[str, str], digests: Mapping[str, str]) -> str:
    """The page; ``sizes`` as shown (:func:`size_text`) and ``digests`` (SHA-256, hex) of
    the export's files, by path."""
    county = html.escape(catalogue.county.meta.name)
    lines = [
        "# 开放数据",
        "",
        f"{county}新时代文明实践公示网站上的实践所、实践站、志愿服务队、活动、活动预告、"
        "身边好人和各期通报的统计数字，都可以在这里整批下载，供上级（市、省）汇总、"
        "研究和核对使用。数据随网站每次更新一起生成，与网页上的内容完全一致。",
        "",
        f"统计截至 {catalogue.reference_date.isoformat()}。数据格式第 {SCHEMA_VERSION} 版。",
        "",
        "## 文件",
        "",
        "| 文件 | 内容 | 大小 |",
        "| --- | --- | --- |",
    ]
    described = {
        "data.json": "全部数据（JSON），用于程序读取；市级平台读的就是这个文件",
        "schema.json": "data.json 的格式说明（JSON Schema），可用来校验",
        "data.xlsx": "全部数据（Excel 工作簿），每张表一页，另有“说明”页",
    }
    described |= {f"{t.name}.csv": f"{t.title}（CSV，UTF-8）" for t in TABLES}
    # The digests in a table of their own: as a fourth column they pushed the table
    # past the edge of a 390 px phone.
    checks = ["", "下载后可以核对文件是否完整（SHA-256 校验值的前 16 位）：", ""]
    checks += ["| 文件 | SHA-256 |", "| --- | --- |"]
    for path, size in sizes.items():
        name = path.rsplit("/", 1)[-1]
        lines.append(f"| [{name}]({_link(path)}) | {described.get(name, '')} | {size} |")
        checks.append(f"| {name} | `{digests[path][:16]}…` |")
    lines += checks
    lines += [
        "",
        "每份月度、季度、年度通报另有 Excel 文件，在该通报页面的“下载本通报（Excel）”处，"
        "县中心可直接报送上级。",
        "",
        "## 版本",
        "",
        f"文件放在 `v{MAJOR}/` 下。只增加表或列时版本号的小数部分加一（如 1.0 → 1.1），"
        "原有的表和列不变，读取程序照常可用；删除或改变已有的列时换用新的文件夹"
        f"（`v{int(MAJOR) + 1}/`），旧文件夹保留一段时间。`data.json` 的 `schema_version` 写明版本。",
        "",
        "## 口径",
        "",
        "- 只有网站上已公开的信息：活动不含正文和照片；身边好人只有登记了本人同意、已发布的，"
        "不含出生年份、性别；志愿服务队只有人数和队长的职务。",
        "- “通报数据”与通报页面用同一套算法算出，统计口径见各期通报页面末尾。"
        "`township` 为空的一行是全县，其余各行是各乡镇（街道）。",
        "- 网页地址是相对于本县网站的地址（如 `stations/…/`），前面加上网站地址即可打开。",
        "- CSV 文件带 BOM，用 Excel 直接打开不会乱码；空值为空白。",
        "",
        "## 各表的列",
    ]
    for t in TABLES:
        lines += [
            "",
            f"### {t.title}（{t.name}）",
            "",
            t.about,
            "",
            "| 列名 | 含义 | 类型 |",
            "| --- | --- | --- |",
        ]
        for c in t.columns:
            empty = "，可为空" if c.nullable else ""
            lines.append(f"| `{c.key}` | {c.title} | {KIND_WORDS[c.kind]}{empty} |")
    return "\n".join(lines) + "\n"

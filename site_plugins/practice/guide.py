"""The contributor guide (投稿指南), written from the model so it cannot drift.

The copyable templates are the files in ``templates/`` (a test validates them) and the
table of problem codes is :data:`site_plugins.content.problems.CODES` itself.
"""

from __future__ import annotations

from pathlib import Path

from site_plugins.content.catalogue import Catalogue
from site_plugins.content.labels import LabelSet
from site_plugins.content.loader import PHOTO_SIZE_LIMIT
from site_plugins.content.problems import CODES, Severity

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

TEMPLATES = (
    ("活动", "activity.md", "stations/<乡镇>/<村>/activities/2026-06-19-duanwu.md", "markdown"),
    ("好人", "honoree.md", "stations/<乡镇>/<村>/honorees/zhang-guifang.md", "markdown"),
    ("实践站", "station.yml", "stations/<乡镇>/<村>/station.yml", "yaml"),
    ("实践所", "township.yml", "stations/<乡镇>/township.yml", "yaml"),
    ("年度月度主题", "themes.yml", "themes/2026.yml", "yaml"),
)

INTRO = """\
# 投稿指南

本网站的内容由各村（社区）新时代文明实践站信息员投稿，经县新时代文明实践中心审核后发布。
每一条活动、每一位好人都是一个文字文件，放在本村（社区）的文件夹里。

## 投稿步骤

1. 在代码托管平台上打开本县网站的仓库，进入 `content/stations/乡镇/村/` 文件夹。
2. 新建文件：活动放在 `activities/`，好人放在 `honorees/`，照片放在 `media/`。
   文件名只用小写英文字母、数字和连字符，例如 `2026-06-19-duanwu.md`（活动以日期开头）。
3. 复制下面的模板，改成自己的内容，提交并发起“合并请求”（Pull Request）。
4. 系统会自动检查：如果有问题，会在出错的那一行标出原因和改法，**一次列出全部问题**。
   改好后再次提交即可。
5. 中心编辑审核通过后合并，网站自动更新。

在自己电脑上检查：在仓库根目录运行 `python -m site_plugins validate`。

## 必须遵守的规定

- **不得出现身份证号码、个人手机号码和完整出生日期。** 好人只写出生年份；
  联系方式只写实践站的办公电话。系统发现即报错，不会发布。
- **好人须本人同意**（未满 14 周岁须监护人同意），并在 `consent` 中登记同意日期。
  没有登记同意的好人不会出现在网站的任何地方。
- **不得点名公布“黑榜”“曝光台”等负面榜单**，只能公布汇总数字。
- **照片不要拍到无关群众的正脸**；照片会自动去除拍摄位置等信息，
  单张不超过 {photo_limit} MB，格式为 JPG 或 PNG。
- 正文只用 Markdown 排版；其中的 HTML 脚本、内嵌框架、表单、样式会被自动去除。
- 文件夹决定内容的归属（哪个乡镇、哪个村），不必也不能在文件里另写。

## 月度主题和节日

- 县中心每年在 `themes/年份.yml` 中写好十二个月的主题；尚未定稿的年份写 `draft: true`，
  缺的月份在日历上显示“待定”。
- 活动自动归入所在月份的主题；如果属于另一个月的主题（例如月底为下月主题预热），
  写 `theme_month: 7`，该月必须已有主题。
- 春节、元宵、清明、端午、七夕、中秋、重阳、除夕的日期由程序按农历和节气计算，不用填写。
  本县另加的纪念日写在 `county.yml` 的 `days` 中，例如
  `days: [{month: 6, day: 18, name: 示范县志愿服务日}]`。
"""


def _labels_section(catalogue: Catalogue) -> str:
    labels = catalogue.county.labels
    rows = ["## 可选的分类\n", "分类可以写名称，也可以写代码。\n"]
    sets: tuple[LabelSet, ...] = (
        labels.team_categories,
        labels.platforms,
        labels.honoree_categories,
        labels.honour_levels,
    )
    for label_set in sets:
        rows.append(f"\n**{label_set.name}**\n\n| 名称 | 代码 |\n| --- | --- |")
        rows += [f"| {label} | `{code}` |" for code, label in label_set.labels.items()]
    return "\n".join(rows) + "\n"


def _templates_section() -> str:
    parts = ["## 模板\n"]
    for title, name, where, language in TEMPLATES:
        text = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
        parts.append(f"### {title}\n\n文件位置：`{where}`\n\n```{language}\n{text}```\n")
    return "\n".join(parts)


def _codes_section() -> str:
    rows = [
        "## 检查提示一览\n",
        "每条提示的格式是：`文件:行:列  代码  问题 — 改法（示例）`。"
        "“提醒”不影响发布，但正式发布前也应改正。\n",
        "| 代码 | 级别 | 含义 | 怎么改 |",
        "| --- | --- | --- | --- |",
    ]
    for code, info in CODES.items():
        level = "错误" if info.severity is Severity.ERROR else "提醒"
        rows.append(f"| `{code}` | {level} | {info.title} | {info.explanation} |")
    return "\n".join(rows) + "\n"


def guide_markdown(catalogue: Catalogue) -> str:
    return "\n".join(
        [
            INTRO.replace("{photo_limit}", str(PHOTO_SIZE_LIMIT // 1024 // 1024)),
            _templates_section(),
            _labels_section(catalogue),
            _codes_section(),
        ]
    )


def pages(catalogue: Catalogue) -> dict[str, str]:
    """Generated guide pages: src_uri → Markdown."""
    return {"guide/index.md": guide_markdown(catalogue)}

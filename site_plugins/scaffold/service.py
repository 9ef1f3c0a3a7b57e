"""``python -m site_plugins menu`` and ``… order``: a menu item or a 四单 order, from
flags or by questions (``make menu``, ``make order``).

The same flow as a new activity (:mod:`.writing`): every answer checked with the
model's own rules, the file written like a hand-written one, then validated with the
real loader and summed up. Both kinds live in any unit: the county centre
(``content/centre/``), a township's 实践所 (``content/stations/<t>/``) or a village's
实践站 (``content/stations/<t>/<v>/``), chosen with ``--unit``.

The units and their references are :mod:`.units`; the questions and the file of each
kind, :mod:`.menu_item` and :mod:`.order`; this module is the two commands' shell.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from functools import partial

from site_plugins.scaffold.command import ChineseParser, given_flags, read_body_file
from site_plugins.scaffold.menu_item import draft_menu_item, menu_steps
from site_plugins.scaffold.order import draft_order, order_steps
from site_plugins.scaffold.writing import entry_command

PROG = "python -m site_plugins"
MENU_FLAGS = ("unit", "title", "work", "team", "summary", "available", "where", "when", "phone")
ORDER_FLAGS = (
    "unit", "date", "title", "group", "menu", "assigned_team", "assigned_date", "activity",
    "satisfied", "basic", "unsatisfied", "review_date", "comment",
)  # fmt: skip
MENU_EXAMPLES = f"""\
例子：
  逐项回答问题：  {PROG} menu
  一次写全：      {PROG} menu --unit centre --title 防电信诈骗讲座 \\
      --work 宣传宣讲党的政策 --team law --summary "民警讲解常见骗局，30 分钟" --body "县公安局民警主讲。"
"""
ORDER_EXAMPLES = f"""\
例子：
  逐项回答问题：  {PROG} order
  一次写全：      {PROG} order --unit qingshi/zhangzhuang --date 2026-11-05 \\
      --title 想听一堂防电信诈骗讲座 --group 二组群众 --menu centre:fanzha-jiangzuo \\
      --team centre:law --assigned-date 2026-11-06 --activity 2026-11-12-fanzha-jinnongjia \\
      --satisfied 40 --basic 3 --unsatisfied 0 --review-date 2026-11-12 --body "二组群众在村委会登记。"
"""


def _parser(kind: str) -> ChineseParser:
    menu = kind == "menu"
    parser = ChineseParser(
        f"{PROG} {kind}",
        (
            "新建一项文明实践菜单服务：写好单位 menu/ 里的文件，并用检查程序检查。"
            if menu
            else "新建一条群众点单记录（点单、配单、送单、评单）：写好单位 orders/ 里的文件，并检查。"
        )
        + "缺少的项会逐项提问。",
        MENU_EXAMPLES if menu else ORDER_EXAMPLES,
    )
    where = parser.add_argument_group("放在哪里")
    where.add_argument("--content", default="content", metavar="文件夹", help="内容文件夹")
    where.add_argument(
        "--unit", metavar="单位", help="centre（县中心）、乡镇文件夹（实践所）或 乡镇/村（实践站）"
    )
    text = parser.add_argument_group("正文（二选一）").add_mutually_exclusive_group()
    text.add_argument("--body", metavar="文字", help="正文，直接写在命令里")
    text.add_argument("--body-file", metavar="文件", help="正文，从文字文件读取（UTF-8 或 GBK）")
    how = parser.add_argument_group("运行方式")
    how.add_argument("--dry-run", action="store_true", help="只显示将要写入的内容，不写文件")
    how.add_argument("--no-input", action="store_true", help="不提问：缺少的参数直接报错")
    flags = parser.add_argument_group("内容（没写的会逐项提问）")
    if menu:
        flags.add_argument("--title", metavar="名称", help="服务名称，不超过 40 字")
        flags.add_argument("--work", metavar="工作内容", help="五项工作内容，多项用顿号分开")
        flags.add_argument("--team", metavar="队伍", help="提供服务的队伍，例如 law 或 centre:law")
        flags.add_argument("--summary", metavar="说明", help="一句话说明，不超过 80 字")
        flags.add_argument("--available", metavar="时间", help="什么时候可以点（默认 常年）")
        flags.add_argument("--where", metavar="地点", help="到哪里点单")
        flags.add_argument("--when", metavar="时间", help="点单时间，例如 工作日 8:30–17:30")
        flags.add_argument("--phone", metavar="电话", help="点单电话（单位办公固定电话）")
        return parser
    flags.add_argument("--date", metavar="日期", help="点单日期，例如 2026-11-05")
    flags.add_argument("--title", metavar="需求", help="点了什么，不超过 60 字")
    flags.add_argument("--group", metavar="群体", help="谁点的单：写群体，不写个人姓名")
    flags.add_argument("--menu", metavar="菜单", help="菜单文件名，其他单位的写 单位:文件名")
    flags.add_argument("--team", dest="assigned_team", metavar="队伍", help="配单：派给哪支队伍")
    flags.add_argument("--assigned-date", metavar="日期", help="配单日期（默认点单当天）")
    flags.add_argument("--activity", metavar="活动", help="送单：那次活动报道的文件名（不含 .md）")
    for key, label in (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")):
        flags.add_argument(f"--{key}", metavar="人数", help=f"评单：{label}人数")
    flags.add_argument("--review-date", metavar="日期", help="评单日期")
    flags.add_argument("--comment", metavar="评价", help="群众的一句话评价（不写姓名）")
    return parser


def main(kind: str, argv: Sequence[str] | None = None, say: Callable[[str], None] = print) -> int:
    """``menu`` or ``order``: ask, write, validate and sum up one entry."""
    menu = kind == "menu"

    def given(args: argparse.Namespace) -> dict[str, str | list[str]]:
        found = given_flags(args, MENU_FLAGS if menu else ORDER_FLAGS)
        if args.body is not None:
            found["body"] = args.body
        if args.body_file is not None:
            found["body"] = read_body_file(args.body_file)
        return found

    return entry_command(
        f"{PROG} {kind}",
        partial(_parser, kind),
        argv,
        say,
        what="菜单服务" if menu else "点单记录",
        steps=menu_steps if menu else order_steps,
        given=given,
        draft=lambda county: partial(draft_menu_item if menu else draft_order, county),
    )

"""``scripts/new_plan.py`` (``make plan``): a new 活动预告 for any unit, from flags or by
questions. The unit is the county centre (``centre``), a township's 所 (``qingshi``) or a
station (``qingshi/zhangzhuang``); its teams, its township's and the centre's
(``qingshi:<id>``, ``centre:<id>``) are offered for the ``team`` field. The unit and team
questions are the ones every scaffold shares (:mod:`.units`, :mod:`.steps`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from site_plugins.content.model import PlanFile
from site_plugins.scaffold.answers import (
    label_options,
    parse_choices,
    parse_date,
    parse_text,
)
from site_plugins.scaffold.command import (
    ChineseParser,
    add_common_flags,
    add_unit_flag,
    given_flags,
    read_body_file,
    unit_flags,
)
from site_plugins.scaffold.county import CountyInfo, county_units
from site_plugins.scaffold.entries import render_entry, title_slug
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.scaffold.steps import body_step, team_or_category
from site_plugins.scaffold.units import unit_of, unit_steps
from site_plugins.scaffold.writing import NewEntry, entry_command

PROG = "scripts/new_plan.py"
FLAGS = (
    "unit", "station", "date", "time", "title", "location", "team", "category", "work", "who",
    "bring", "body",
)  # fmt: skip
EXAMPLES = """\
例子：
  不带参数运行，逐项回答问题（推荐）：
    .venv/bin/python scripts/new_plan.py
  一次写全（县中心的预告，由县医疗健身支队开展）：
    .venv/bin/python scripts/new_plan.py --unit centre --date 2026-12-18 --time "上午 8:30" \\
      --title "冬季义诊下乡" --location 兴隆村卫生室 --team health --who 全村群众 \\
      --body "县医院专家免费测血压、血糖。"
"""


def build_parser() -> ChineseParser:
    parser = ChineseParser(
        PROG,
        "新建一条活动预告：写好本单位 plans/ 里的文件，并用检查程序检查。缺少的项会逐项提问。",
        EXAMPLES,
    )
    add_common_flags(parser, "预告内容（正文）")
    flags = parser.add_argument_group("预告信息（没写的会逐项提问）")
    add_unit_flag(flags)
    flags.add_argument("--date", metavar="日期", help="活动日期，可以是以后的日期，例如 2026-12-18")
    flags.add_argument("--time", metavar="时间", help="时间，例如 上午 9:00–11:30")
    flags.add_argument("--title", metavar="标题", help="活动标题，不超过 80 字")
    flags.add_argument("--location", metavar="地点", help="地点，例如 张庄村文化广场")
    flags.add_argument("--team", metavar="队伍", help="队伍 id，县级队伍写 centre:id")
    flags.add_argument("--category", metavar="类别", help="服务类别；写了 --team 可不写")
    flags.add_argument("--work", metavar="工作内容", help="五项工作内容，可写多项，用顿号分开")
    flags.add_argument("--who", metavar="对象", help="谁可以参加，例如 全村群众")
    flags.add_argument("--bring", metavar="物品", help="请带什么，例如 自带水杯")
    return parser


def _text(key: str) -> Callable[[str], str]:
    return lambda text: parse_text(PlanFile, key, text)


def plan_steps(county: CountyInfo) -> list[Step]:
    units = county_units(county)

    def when_and_what(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "date", "--date", "活动日期", parse_date, hint="可以是以后的日期，例如 2026-12-18"
            ),
            Question(
                "time", "--time", "时间", _text("time"), required=False, hint="例如 上午 9:00–11:30"
            ),
            Question("title", "--title", "活动标题", _text("title"), hint="不超过 80 字"),
            Question(
                "location", "--location", "地点", _text("location"), hint="例如 张庄村文化广场"
            ),
        ]

    def more(answers: Answers) -> Sequence[Question]:
        five = label_options(county.labels.five_items)
        return [
            Question(
                "work",
                "--work",
                "五项工作内容（可选多项）",
                lambda text: parse_choices(five, text, "五项工作内容"),
                required=False,
                options=five,
            ),
            Question(
                "who", "--who", "谁可以参加", _text("who"), required=False, hint="例如 全村群众"
            ),
            Question(
                "bring", "--bring", "请带什么", _text("bring"), required=False, hint="例如 自带水杯"
            ),
        ]

    return [
        *unit_steps(units, county),
        when_and_what,
        *team_or_category(county, units),
        more,
        body_step("预告内容（正文）", "要做什么、请谁来、要注意什么"),
    ]


def draft_entry(answers: Answers) -> NewEntry:
    unit = unit_of(answers)
    assert unit is not None  # the unit question is required
    day: dt.date = answers["date"]
    fields: list[tuple[str, Any]] = [
        ("title", answers["title"]),
        ("date", day),
        ("time", answers.get("time")),
        ("location", answers["location"]),
        ("team", answers.get("team")),
        ("category", answers.get("category")),
        ("work", list(answers.get("work") or ()) or None),
        ("who", answers.get("who")),
        ("bring", answers.get("bring")),
    ]
    text = render_entry([(k, v) for k, v in fields if v is not None], answers["body"])
    stem = f"{day.isoformat()}-{title_slug(answers['title']) or 'yugao'}"
    return NewEntry(unit, "plans", "活动预告", answers["title"], stem, text, PlanFile)


def _given(args: Any) -> dict[str, str | list[str]]:
    given = unit_flags(given_flags(args, FLAGS))
    if args.body_file is not None:
        given["body"] = read_body_file(args.body_file)
    return given


def main(argv: Sequence[str] | None = None, say: Callable[[str], None] = print) -> int:
    return entry_command(
        PROG,
        build_parser,
        argv,
        say,
        what="活动预告",
        steps=plan_steps,
        given=_given,
        draft=lambda county: draft_entry,
    )

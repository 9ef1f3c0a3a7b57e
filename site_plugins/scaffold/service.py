"""``python -m site_plugins menu`` and ``… order``: a menu item or a 四单 order, from
flags or by questions (``make menu``, ``make order``).

The same flow as a new activity (:mod:`.writing`): every answer checked with the
model's own rules, the file written like a hand-written one, then validated with the
real loader and summed up. Both kinds live in any unit: the county centre
(``content/centre/``), a township's 实践所 (``content/stations/<t>/``) or a village's
实践站 (``content/stations/<t>/<v>/``), chosen with ``--unit``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from site_plugins.scaffold.answers import (
    AnswerError,
    Option,
    label_options,
    normalise,
    parse_choice,
    parse_choices,
    parse_count,
    parse_date,
    parse_text,
)
from site_plugins.scaffold.command import ChineseParser, given_flags, read_body_file, run
from site_plugins.scaffold.county import CountyInfo, read_county
from site_plugins.scaffold.entries import free_path, render_entry, title_slug
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.scaffold.steps import body_step
from site_plugins.scaffold.writing import NewEntry, answer_and_write
from site_plugins.service import people
from site_plugins.service.model import HowToOrder, MenuItemFile, OrderFile, Review
from site_plugins.service.records import CENTRE
from site_plugins.service.units import ancestors

PROG = "python -m site_plugins"
UNIT_MISSING = "缺少 --unit：单位，县中心写 centre，实践所写乡镇文件夹，实践站写“乡镇/村”"


@dataclass(frozen=True)
class UnitInfo:
    """A unit as the questions need it: where its folder is and whose teams it has."""

    key: str  # centre | <township> | <township>/<village>
    folder: Path
    short_name: str  # 县中心 / 青石镇 / 张庄村
    full_name: str
    teams: tuple[tuple[str, str], ...]  # (id, name) of its own teams

    @property
    def branch_slug(self) -> str:
        return self.key.replace("/", "-")


def county_units(county: CountyInfo) -> list[UnitInfo]:
    """The centre, then each township's 实践所 followed by its stations."""
    content = county.content
    units = [UnitInfo(CENTRE, content / "centre", "县中心", county.centre, ())]
    for slug, name in county.townships():
        stations = [s for s in county.stations if s.township == slug]
        institute = stations[0].township_institute
        units.append(UnitInfo(slug, content / "stations" / slug, name, institute, ()))
        units += [
            UnitInfo(
                s.key,
                s.folder,
                s.meta.name,
                s.full_name,
                tuple((t.id, t.name) for t in s.meta.teams),
            )
            for s in stations
        ]
    return units


def _unit_options(units: Sequence[UnitInfo]) -> tuple[Option, ...]:
    return tuple(
        Option(u.key, f"{u.full_name}（{u.key}）", (u.short_name, u.full_name)) for u in units
    )


def _ref(own: str, unit_key: str, name: str) -> str:
    return name if unit_key == own else f"{unit_key}:{name}"


def team_options(county: CountyInfo, units: Sequence[UnitInfo], unit_key: str) -> list[Option]:
    """Teams an entry of the unit may name: its own, its township's, the centre's.

    Interim, like the loader's stand-in: the centre's and the townships' teams are the
    county's team categories until their own team lists exist (units work).
    """
    by_key = {u.key: u for u in units}
    categories = county.labels.team_categories.labels
    options = []
    for key in ancestors(unit_key):
        unit = by_key.get(key)
        if unit is None:
            continue
        teams = (
            unit.teams
            if "/" in key
            else tuple((code, f"{unit.short_name}{label}队") for code, label in categories.items())
        )
        for team_id, name in teams:
            ref = _ref(unit_key, key, team_id)
            options.append(Option(ref, f"{name}（{ref}）", (name,)))
    return options


def _front(path: Path) -> dict[str, Any]:
    """A service file's front matter, or {} when it cannot be read (the validator says why)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    except (OSError, IndexError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def menu_options(units: Sequence[UnitInfo], unit_key: str) -> list[Option]:
    """Menu items a resident of the unit can order: its own, its township's, the centre's."""
    by_key = {u.key: u for u in units}
    options = []
    for key in ancestors(unit_key):
        unit = by_key.get(key)
        folder = unit.folder / "menu" if unit else None
        for path in sorted(folder.glob("*.md")) if folder and folder.is_dir() else []:
            title = str(_front(path).get("title") or path.stem)
            ref = _ref(unit_key, key, path.stem)
            options.append(Option(ref, f"{title}（{ref}）", (title,)))
    return options


def unit_steps(units: Sequence[UnitInfo]) -> list[Step]:
    """The centre or a township first, then (in a township) its 所 or one of its stations,
    so that a county of 700 stations never lists them all; ``--unit`` answers both."""
    by_key = {u.key: u for u in units}
    areas = _unit_options([u for u in units if "/" not in u.key])

    def area(answers: Answers) -> Sequence[Question]:
        if "unit" in answers:
            return []
        return [
            Question(
                "area",
                "--unit",
                "县中心或乡镇（街道）",
                lambda text: parse_choice(areas, text, "县中心或乡镇"),
                options=areas,
                missing=UNIT_MISSING,
            )
        ]

    def unit(answers: Answers) -> Sequence[Question]:
        chosen = answers.get("area")
        inside = [u for u in units if chosen is not None and u.key.split("/")[0] == chosen]
        options = _unit_options(inside or units)

        def parse(text: str) -> UnitInfo:
            value = normalise(text).strip("/")
            return by_key[value] if value in by_key else by_key[parse_choice(options, text, "单位")]

        # The centre has no units inside: it is the answer.
        only = options[0].value if len(options) == 1 else None
        return [
            Question(
                "unit",
                "--unit",
                "单位（实践所本级或实践站）",
                parse,
                default=only,
                options=options,
                asked=only is None,
                missing=UNIT_MISSING,
            )
        ]

    return [area, unit]


def _unit(answers: Answers) -> UnitInfo | None:
    unit = answers.get("unit")
    return unit if isinstance(unit, UnitInfo) else None


def _text(model: type[Any], key: str) -> Callable[[str], str]:
    return lambda text: parse_text(model, key, text)


def _team_step(county: CountyInfo, units: Sequence[UnitInfo], key: str, label: str) -> Step:
    def team(answers: Answers) -> Sequence[Question]:
        unit = _unit(answers)
        if unit is None:
            return []
        options = tuple(team_options(county, units, unit.key))
        required = key == "team"  # a menu item's provider; an order's 配单 is optional
        return [
            Question(
                key,
                "--team",
                label,
                # "liuhe:poverty" in liuhe's own entry means its own team, written bare.
                lambda text: parse_choice(
                    options, normalise(text).removeprefix(f"{unit.key}:"), "志愿服务队"
                ),
                required=required,
                options=options,
                hint="" if required else "还没有派给队伍的，直接回车",
            )
        ]

    return team


# --- menu items -----------------------------------------------------------------------


def menu_steps(county: CountyInfo) -> list[Step]:
    units = county_units(county)
    work_options = label_options(county.labels.five_items)

    def about(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "title",
                "--title",
                "服务名称",
                _text(MenuItemFile, "title"),
                hint="不超过 40 字，例如 防电信诈骗讲座进村",
            ),
            Question(
                "work",
                "--work",
                "五项工作内容（可选多项，编号之间用顿号或空格分开）",
                lambda text: parse_choices(work_options, text, "五项工作内容"),
                options=work_options,
            ),
        ]

    def details(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "summary",
                "--summary",
                "一句话说明",
                _text(MenuItemFile, "summary"),
                hint="不超过 80 字，例如 民警讲解常见骗局，30 分钟",
            ),
            Question(
                "available",
                "--available",
                "什么时候可以点",
                _text(MenuItemFile, "available"),
                default="常年",
                hint="常年、3–10月、每周六上午",
            ),
            *(
                Question(
                    key, f"--{key}", label, _text(HowToOrder, key), required=False, asked=False
                )
                for key, label in (
                    ("where", "到哪里点单"),
                    ("when", "点单时间"),
                    ("phone", "点单电话"),
                )
            ),
        ]

    return [
        *unit_steps(units),
        about,
        _team_step(county, units, "team", "提供服务的志愿服务队"),
        details,
        body_step("服务内容（正文）", "服务内容、需要多长时间、适合哪些群众"),
    ]


def _team_name(county: CountyInfo, unit: UnitInfo, ref: str) -> str:
    units = county_units(county)
    shown = {o.value: o.aliases[0] for o in team_options(county, units, unit.key)}
    return f"{shown.get(ref, ref)}（{ref}）"


def draft_menu_item(county: CountyInfo, answers: Answers) -> NewEntry:
    unit = _unit(answers)
    assert unit is not None  # the unit question is required
    stem = free_path(unit.folder / "menu", title_slug(answers["title"]) or "fuwu", ".md").stem
    how = {k: answers[k] for k in ("where", "when", "phone") if answers.get(k)}
    fields: list[tuple[str, Any]] = [
        ("title", answers["title"]),
        ("work", list(answers["work"])),
        ("team", answers["team"]),
        ("summary", answers["summary"]),
        ("available", answers["available"]),
    ]
    if how:
        fields.append(("order", how))
    summary = [
        f"单位：{unit.full_name}",
        f"服务：{answers['title']}（{answers['available']}）",
        f"提供：{_team_name(county, unit, answers['team'])}",
        f"群众点单时写：menu: {unit.key}:{stem}（本单位的点单写 menu: {stem}）",
    ]
    return NewEntry(
        unit,
        "menu",
        "菜单服务",
        answers["title"],
        stem,
        render_entry(fields, answers["body"]),
        MenuItemFile,
        summary=summary,
    )


# --- orders -----------------------------------------------------------------------------


def _person_free_group(text: str) -> str:
    value = parse_text(OrderFile, "group", text)
    person = people.person_in(value)
    if person:
        raise AnswerError(
            f"“{person}”像是个人的称呼：点单信息会公开，不能写个人姓名",
            "写群体，例如 二组群众、东组老年协会、留守儿童家长",
        )
    return value


def _activity_parse(units: Sequence[UnitInfo], unit: UnitInfo, text: str) -> str:
    """An activity report's file name (``unit:name`` for another unit's) that exists."""
    value = normalise(text).removesuffix(".md")
    named, _, slug = value.rpartition(":")
    by_key = {u.key: u for u in units}
    home = by_key.get(named or unit.key)
    if home is None or not (home.folder / "activities" / f"{slug}.md").is_file():
        raise AnswerError(
            f"找不到活动报道“{value}”",
            "先提交那次活动的报道，再写它的文件名（不含 .md），例如 2026-10-15-fanzha",
        )
    return value


def order_steps(county: CountyInfo) -> list[Step]:
    units = county_units(county)

    def what(answers: Answers) -> Sequence[Question]:
        return [
            Question("date", "--date", "点单日期", parse_date, hint="例如 2026-11-05"),
            Question(
                "title",
                "--title",
                "点了什么",
                _text(OrderFile, "title"),
                hint="不超过 60 字，例如 想听一堂防电信诈骗讲座",
            ),
            Question(
                "group",
                "--group",
                "谁点的单",
                _person_free_group,
                hint="写群体，不写个人姓名和电话，例如 二组群众",
            ),
        ]

    def menu(answers: Answers) -> Sequence[Question]:
        unit = _unit(answers)
        options = tuple(menu_options(units, unit.key)) if unit else ()
        return [
            Question(
                "menu",
                "--menu",
                "点的是菜单上的哪一项",
                lambda text: parse_choice(options, text, "菜单"),
                required=False,
                options=options,
                asked=bool(options),
                hint="菜单以外的需求直接回车",
            )
        ]

    def assigned(answers: Answers) -> Sequence[Question]:
        if answers.get("assigned_team") is None:
            return []
        day = answers.get("date")
        return [
            Question(
                "assigned_date",
                "--assigned-date",
                "配单日期",
                parse_date,
                default=day.isoformat() if isinstance(day, dt.date) else None,
            )
        ]

    def served(answers: Answers) -> Sequence[Question]:
        unit = _unit(answers)
        if unit is None:
            return []
        return [
            Question(
                "activity",
                "--activity",
                "送单：服务那次活动报道的文件名（不含 .md）",
                lambda text: _activity_parse(units, unit, text),
                required=False,
                hint="还没有送单的，直接回车",
            )
        ]

    def review(answers: Answers) -> Sequence[Question]:
        if answers.get("activity") is None:
            return []
        return [
            Question(
                "satisfied",
                "--satisfied",
                "评单：满意人数",
                partial(parse_count, Review, "satisfied"),
                required=False,
                hint="还没有评单的，直接回车",
            )
        ]

    def review_rest(answers: Answers) -> Sequence[Question]:
        # A review needs all three counts and its date (REVIEW_COUNTS otherwise).
        if answers.get("satisfied") is None:
            return []
        return [
            *(
                Question(key, f"--{key}", f"评单：{label}人数", partial(parse_count, Review, key))
                for key, label in (("basic", "基本满意"), ("unsatisfied", "不满意"))
            ),
            Question("review_date", "--review-date", "评单日期", parse_date),
            Question(
                "comment",
                "--comment",
                "群众的一句话评价",
                _text(Review, "comment"),
                required=False,
                hint="不写姓名，例如 讲得实在，还想再听",
            ),
        ]

    return [
        *unit_steps(units),
        what,
        menu,
        _team_step(county, units, "assigned_team", "配单：派给哪支志愿服务队"),
        assigned,
        served,
        review,
        review_rest,
        body_step("点单经过（正文）", "群众提出的需求和办理经过；不写个人姓名、电话"),
    ]


def _review_fields(answers: Answers) -> dict[str, Any] | None:
    if answers.get("satisfied") is None:
        return None
    keys = ("satisfied", "basic", "unsatisfied", "date", "comment")
    values = (*(answers.get(k) for k in keys[:3]), answers["review_date"], answers.get("comment"))
    return {k: v for k, v in zip(keys, values, strict=True) if v is not None}


def draft_order(county: CountyInfo, answers: Answers) -> NewEntry:
    unit = _unit(answers)
    assert unit is not None
    day: dt.date = answers["date"]
    fields: list[tuple[str, Any]] = [
        ("title", answers["title"]),
        ("date", day),
        ("group", answers["group"]),
    ]
    summary = [f"点单：{day.isoformat()} {answers['group']}点单“{answers['title']}”"]
    if answers.get("menu"):
        fields.append(("menu", answers["menu"]))
        summary.append(f"菜单：{answers['menu']}")
    if answers.get("assigned_team"):
        fields.append(
            ("assigned", {"team": answers["assigned_team"], "date": answers["assigned_date"]})
        )
        team = _team_name(county, unit, answers["assigned_team"])
        summary.append(f"配单：{answers['assigned_date'].isoformat()} 派给{team}")
    if answers.get("activity"):
        fields.append(("served", {"activity": answers["activity"]}))
        summary.append(f"送单：活动 {answers['activity']}")
    else:
        summary.append("送单：还没有，是办理中的点单；送单后在这个文件里补写 served")
    review = _review_fields(answers)
    if review is not None:
        fields.append(("review", review))
        summary.append(
            f"评单：满意 {review['satisfied']} · 基本满意 {review['basic']} · "
            f"不满意 {review['unsatisfied']}"
        )
    stem = f"{day.isoformat()}-{title_slug(answers['title']) or 'diandan'}"
    return NewEntry(
        unit,
        "orders",
        "点单记录",
        answers["title"],
        stem,
        render_entry(fields, answers["body"]),
        OrderFile,
        summary=[f"单位：{unit.full_name}", *summary],
    )


# --- the commands -----------------------------------------------------------------------

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

    def command() -> int:
        args = _parser(kind).parse_args(argv)
        content = Path(args.content)
        county = read_county(content)
        given = given_flags(args, MENU_FLAGS if kind == "menu" else ORDER_FLAGS)
        if args.body is not None:
            given["body"] = args.body
        if args.body_file is not None:
            given["body"] = read_body_file(args.body_file)
        steps = menu_steps(county) if kind == "menu" else order_steps(county)
        return answer_and_write(
            steps,
            given,
            what="菜单服务" if kind == "menu" else "点单记录",
            draft=partial(draft_menu_item if kind == "menu" else draft_order, county),
            content=content,
            no_input=args.no_input,
            dry_run=args.dry_run,
            say=say,
        )

    return run(f"{PROG} {kind}", command)

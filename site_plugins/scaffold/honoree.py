"""``scripts/new_honoree.py``: a new honoree (好人) entry, from flags or by questions.

Publishing a name, photo and story needs the person's written consent, or a guardian's
for a child under 14 (PIPL; Civil Code §1019–1023). Consent is asked for explicitly and
recorded in the entry; without it nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from site_plugins.content.model import Consent, HonoreeFile, Honour
from site_plugins.scaffold.answers import (
    AnswerError,
    Option,
    check_field,
    label_options,
    parse_choice,
    parse_date,
    parse_period,
    parse_text,
    parse_year,
)
from site_plugins.scaffold.command import (
    ChineseParser,
    add_common_flags,
    add_unit_flag,
    given_flags,
    read_body_file,
    unit_flags,
)
from site_plugins.scaffold.county import Abort, CountyInfo, county_units
from site_plugins.scaffold.entries import (
    HonoreeDraft,
    honoree_fields,
    honoree_stem,
    render_entry,
)
from site_plugins.scaffold.photos import check_source, plan_photos
from site_plugins.scaffold.questions import (
    Answers,
    Question,
    Step,
)
from site_plugins.scaffold.steps import body_step
from site_plugins.scaffold.units import unit_of, unit_steps
from site_plugins.scaffold.writing import NewEntry, entry_command

PROG = "scripts/new_honoree.py"
FLAGS = (
    "unit", "station", "kind", "name", "gender", "birth_year", "category", "level", "issuer",
    "honour_title", "period", "summary", "consent", "consent_date", "photo", "body",
)  # fmt: skip
EXAMPLES = """\
例子：
  不带参数运行，逐项回答问题（推荐）：
    .venv/bin/python scripts/new_honoree.py
  一次写全：
    .venv/bin/python scripts/new_honoree.py --unit liuhe/hexi --name 张桂芳 --gender 女 \\
      --birth-year 1962 --category 孝老爱亲 --level 县级 --period 2026-Q2 \\
      --honour-title 示范县“孝老爱亲”好人 --summary "照顾瘫痪婆婆二十年如一日" \\
      --consent 本人 --consent-date 2026-04-02 --photo 张桂芳.jpg --body-file 事迹.txt
"""
KINDS = (Option("个人", "个人"), Option("集体", "集体（志愿服务队、家庭、单位等）"))
GENDERS = (Option("男", "男"), Option("女", "女"))
CONSENTS = (
    Option("本人", "本人已书面同意（集体由负责人同意）"),
    Option("监护人", "监护人已书面同意（未满 14 周岁）"),
    Option("没有", "还没有取得同意", ("否", "无", "未取得", "不同意")),
)
NO_CONSENT = (
    "没有本人同意，不能发布好人：公开姓名、照片和事迹须经本人书面同意，"
    "未满 14 周岁须经监护人书面同意（个人信息保护法；民法典第一千零一十九至一千零二十三条）。\n"
    "请先取得书面同意并留存，再运行本命令，回答“本人”或“监护人”（或写 --consent 本人）。"
)
# Honour levels whose usual issuer is one of the unit's own bodies (or those above it).
LEVEL_ISSUERS = ("village", "township", "county")


def build_parser() -> ChineseParser:
    parser = ChineseParser(
        PROG,
        "新建一位身边好人（或先进集体）：写好 honorees/ 里的文件，把照片复制进 media/，"
        "并用检查程序检查。必须登记本人（未满 14 周岁为监护人）同意。缺少的项会逐项提问。",
        EXAMPLES,
    )
    add_common_flags(parser, "主要事迹（正文）")
    flags = parser.add_argument_group("好人信息（没写的会逐项提问）")
    add_unit_flag(flags)
    flags.add_argument("--kind", metavar="个人|集体", help="个人 或 集体（默认 个人）")
    flags.add_argument("--name", metavar="姓名", help="姓名或集体名称")
    flags.add_argument("--gender", metavar="男|女", help="性别（个人，可不写）")
    flags.add_argument(
        "--birth-year", metavar="年份", help="出生年份（个人，可不写；只写年份，不写月日）"
    )
    flags.add_argument("--category", metavar="类别", help="好人类别，例如 孝老爱亲")
    flags.add_argument("--level", metavar="级别", help="荣誉级别，例如 县级")
    flags.add_argument(
        "--issuer", metavar="单位", help="授予单位（村级、乡镇级、县级可不写，按本单位自动填写）"
    )
    flags.add_argument("--honour-title", metavar="名称", help="荣誉名称（可不写）")
    flags.add_argument(
        "--period", metavar="期次", help="期次：2026、2026-05 或 2026-Q2（默认今年）"
    )
    flags.add_argument("--summary", metavar="一句话", help="一句话事迹，不超过 70 字")
    flags.add_argument(
        "--consent",
        metavar="本人|监护人",
        help="谁已书面同意公开（未满 14 周岁写 监护人）；没有同意不能发布",
    )
    flags.add_argument("--consent-date", metavar="日期", help="同意日期（默认今天）")
    flags.add_argument("--photo", metavar="照片", help="照片文件（可不写），会复制进本站 media/")
    return parser


def _group_refusal(key: str, what: str) -> Question:
    """For a group, a question that only refuses its flag (a group has no gender)."""

    def refuse(text: str) -> Any:
        raise AnswerError(f"集体不填写{what}", "删除这个参数；成员情况可写在事迹正文中")

    return Question(key, f"--{key.replace('_', '-')}", what, refuse, required=False, asked=False)


def _may_be_under_14(answers: Answers, year: int) -> bool:
    """Only the birth year is known, so whoever may still be 13 counts (as the validator)."""
    born = answers.get("birth_year")
    return answers.get("kind") != "集体" and born is not None and year - born <= 14


def honoree_steps(county: CountyInfo, today: dt.date) -> list[Step]:
    """Every question about an honoree, in the order of the entry's fields."""
    labels = county.labels
    categories = label_options(labels.honoree_categories)
    levels = label_options(labels.honour_levels)

    def kind(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "kind",
                "--kind",
                "个人还是集体",
                lambda text: parse_choice(KINDS, text, "类型"),
                default="个人",
                options=KINDS,
            )
        ]

    def name(answers: Answers) -> Sequence[Question]:
        group = answers.get("kind") == "集体"
        return [
            Question(
                "name",
                "--name",
                "集体名称" if group else "姓名",
                lambda text: parse_text(HonoreeFile, "name", text),
                hint="不超过 40 字",
            )
        ]

    def person(answers: Answers) -> Sequence[Question]:
        if answers.get("kind") == "集体":
            return [_group_refusal("gender", "性别"), _group_refusal("birth_year", "出生年份")]
        return [
            Question(
                "gender",
                "--gender",
                "性别",
                lambda text: parse_choice(GENDERS, text, "性别"),
                required=False,
                options=GENDERS,
            ),
            Question(
                "birth_year",
                "--birth-year",
                "出生年份",
                lambda text: parse_year(HonoreeFile, "birth_year", text, today),
                required=False,
                hint="只写年份，例如 1962",
            ),
        ]

    def category(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "category",
                "--category",
                "好人类别",
                lambda text: parse_choice(categories, text, "好人类别"),
                options=categories,
            )
        ]

    def level(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "level",
                "--level",
                "荣誉级别",
                lambda text: parse_choice(levels, text, "荣誉级别"),
                options=levels,
            )
        ]

    def honour(answers: Answers) -> Sequence[Question]:
        # A step of its own, after the level: the issuer's default follows the level.
        level = labels.honour_levels.resolve(answers.get("level") or "")
        return [
            Question(
                "issuer",
                "--issuer",
                "授予单位",
                lambda text: parse_text(Honour, "issuer", text),
                default=_issuer(county, answers, level),
                hint="例如 示范县新时代文明实践中心",
            ),
            Question(
                "honour_title",
                "--honour-title",
                "荣誉名称",
                lambda text: parse_text(Honour, "title", text),
                required=False,
                hint="例如 示范县“孝老爱亲”好人",
            ),
            Question(
                "period",
                "--period",
                "荣誉期次",
                parse_period,
                default=str(today.year),
                hint="年份、年月或季度，例如 2026、2026-05、2026-Q2",
            ),
        ]

    def summary(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "summary",
                "--summary",
                "一句话事迹",
                lambda text: parse_text(HonoreeFile, "summary", text),
                hint="不超过 70 字，显示在好人榜上",
            )
        ]

    def consent(answers: Answers) -> Sequence[Question]:
        def parse_by(text: str) -> str:
            by = parse_choice(CONSENTS, text, "同意情况")
            if by == "没有":
                raise Abort(NO_CONSENT)
            if by == "本人" and _may_be_under_14(answers, today.year):
                raise AnswerError(
                    f"{answers.get('name')}可能未满 14 周岁（{answers['birth_year']} 年出生），"
                    "须由监护人同意",
                    "取得监护人书面同意后选“监护人”",
                )
            check_field(Consent, "by", by)
            return by

        def parse_on(text: str) -> dt.date:
            on = parse_date(text)
            if on > today:
                raise AnswerError(f"同意日期 {on} 还没有到", "写取得书面同意的那一天")
            if answers.get("consent") == "本人" and _may_be_under_14(answers, on.year):
                raise AnswerError(
                    f"{on.year} 年同意时可能未满 14 周岁（{answers['birth_year']} 年出生），"
                    "须由监护人同意",
                    "改写 --consent 监护人，或核对出生年份和同意日期",
                )
            return on

        return [
            Question(
                "consent",
                "--consent",
                "是否已取得书面同意公开姓名、照片和事迹",
                parse_by,
                options=CONSENTS,
                missing="缺少 --consent：" + NO_CONSENT.replace("\n", ""),
            ),
            Question(
                "consent_date",
                "--consent-date",
                "同意日期",
                parse_on,
                default=today.isoformat(),
            ),
        ]

    def photo(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "photo",
                "--photo",
                "照片文件",
                check_source,
                required=False,
                hint="可以把照片拖进这个窗口；须本人同意公开照片",
            )
        ]

    return [
        *unit_steps(county_units(county), county),
        kind,
        name,
        person,
        category,
        level,
        honour,
        summary,
        consent,
        photo,
        body_step(
            "主要事迹（正文）", "写清做了什么、坚持多久、帮了谁；不写电话、身份证号和出生月日"
        ),
    ]


def _issuer(county: CountyInfo, answers: Answers, level: str | None) -> str | None:
    """The unit's own body (or the one above it) for a village, township or county
    honour; none when the unit has no such body (a village honour of the centre)."""
    unit = unit_of(answers)
    if unit is None or level not in LEVEL_ISSUERS:
        return None
    return {
        "village": unit.full_name if unit.is_station else None,
        "township": unit.institute,
        "county": county.centre,
    }[level]


def draft_entry(answers: Answers) -> NewEntry:
    unit = unit_of(answers)
    assert unit is not None  # the unit question is required
    draft = HonoreeDraft(
        name=answers["name"],
        kind=answers["kind"],
        category=answers["category"],
        level=answers["level"],
        issuer=answers["issuer"],
        period=answers["period"],
        summary=answers["summary"],
        consent_by=answers["consent"],
        consent_date=answers["consent_date"],
        body=answers["body"],
        gender=answers.get("gender"),
        birth_year=answers.get("birth_year"),
        honour_title=answers.get("honour_title"),
    )
    stem = honoree_stem(draft)
    source = answers.get("photo")
    planned = plan_photos([source], unit.folder / "media", [stem]) if source else []
    if planned:
        draft = replace(draft, photo=planned[0].entry_path)
    text = render_entry(honoree_fields(draft), draft.body)
    return NewEntry(unit, "honorees", "好人", draft.name, stem, text, HonoreeFile, planned)


def _given(args: Any) -> dict[str, str | list[str]]:
    given = unit_flags(given_flags(args, FLAGS))
    if args.body_file is not None:
        given["body"] = read_body_file(args.body_file)
    return given


def main(
    argv: Sequence[str] | None = None,
    say: Callable[[str], None] = print,
    today: dt.date | None = None,
) -> int:
    return entry_command(
        PROG,
        build_parser,
        argv,
        say,
        what="身边好人",
        steps=lambda county: honoree_steps(county, today or dt.date.today()),
        given=_given,
        draft=lambda county: draft_entry,
    )

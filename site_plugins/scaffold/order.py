"""``python -m site_plugins order``: the questions for a 四单 order (点单, then 配单, 送单
and 评单 as far as they happened) and its file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import Any

from site_plugins.scaffold.answers import (
    AnswerError,
    normalise,
    parse_choice,
    parse_count,
    parse_date,
    parse_text,
)
from site_plugins.scaffold.county import CountyInfo, UnitInfo, county_units
from site_plugins.scaffold.entries import render_entry, title_slug
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.scaffold.steps import body_step
from site_plugins.scaffold.units import (
    menu_options,
    team_name,
    team_step,
    text_parser,
    unit_of,
    unit_steps,
)
from site_plugins.scaffold.writing import NewEntry
from site_plugins.service import people
from site_plugins.service.model import OrderFile, Review


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
                text_parser(OrderFile, "title"),
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
        unit = unit_of(answers)
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
        unit = unit_of(answers)
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
                text_parser(Review, "comment"),
                required=False,
                hint="不写姓名，例如 讲得实在，还想再听",
            ),
        ]

    return [
        *unit_steps(units, county),
        what,
        menu,
        team_step(county, units, "assigned_team", "配单：派给哪支志愿服务队"),
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
    unit = unit_of(answers)
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
        team = team_name(county, unit, answers["assigned_team"])
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

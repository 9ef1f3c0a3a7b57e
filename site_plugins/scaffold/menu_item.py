"""``python -m site_plugins menu``: the questions for a menu item and its file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from site_plugins.scaffold.answers import (
    label_options,
    parse_choices,
)
from site_plugins.scaffold.county import CountyInfo, county_units
from site_plugins.scaffold.entries import free_path, render_entry, title_slug
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.scaffold.steps import body_step
from site_plugins.scaffold.units import (
    team_name,
    team_step,
    text_parser,
    unit_of,
    unit_steps,
)
from site_plugins.scaffold.writing import NewEntry
from site_plugins.service.model import HowToOrder, MenuItemFile


def menu_steps(county: CountyInfo) -> list[Step]:
    units = county_units(county)
    work_options = label_options(county.labels.five_items)

    def about(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "title",
                "--title",
                "服务名称",
                text_parser(MenuItemFile, "title"),
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
                text_parser(MenuItemFile, "summary"),
                hint="不超过 80 字，例如 民警讲解常见骗局，30 分钟",
            ),
            Question(
                "available",
                "--available",
                "什么时候可以点",
                text_parser(MenuItemFile, "available"),
                default="常年",
                hint="常年、3–10月、每周六上午",
            ),
            *(
                Question(
                    key,
                    f"--{key}",
                    label,
                    text_parser(HowToOrder, key),
                    required=False,
                    asked=False,
                )
                for key, label in (
                    ("where", "到哪里点单"),
                    ("when", "点单时间"),
                    ("phone", "点单电话"),
                )
            ),
        ]

    return [
        *unit_steps(units, county),
        about,
        team_step(county, units, "team", "提供服务的志愿服务队"),
        details,
        body_step("服务内容（正文）", "服务内容、需要多长时间、适合哪些群众"),
    ]


def draft_menu_item(county: CountyInfo, answers: Answers) -> NewEntry:
    unit = unit_of(answers)
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
        f"提供：{team_name(county, unit, answers['team'])}",
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

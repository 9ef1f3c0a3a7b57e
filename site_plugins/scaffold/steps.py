"""Questions several entry kinds ask: the team or the service category, and the body
text (which unit is :func:`.units.unit_steps`)."""

from __future__ import annotations

from collections.abc import Sequence

from site_plugins.scaffold.answers import label_options, parse_body, parse_choice
from site_plugins.scaffold.county import CountyInfo, UnitInfo
from site_plugins.scaffold.questions import Answers, Question, Step
from site_plugins.scaffold.units import team_step


def body_step(label: str, hint: str) -> Step:
    def body(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "body",
                "--body",
                label,
                parse_body,
                multiline=True,
                hint=f"{hint}。每行一段，输入空行结束",
                missing=f"缺少 --body 或 --body-file：{label}",
            )
        ]

    return body


def team_or_category(county: CountyInfo, units: Sequence[UnitInfo]) -> list[Step]:
    """An activity's or a plan's team (its unit's own, its township's or the centre's),
    else its service category: one of the two is needed, the team's category applies."""
    categories = label_options(county.labels.team_categories)

    def category(answers: Answers) -> Sequence[Question]:
        by_team = answers.get("team") is not None
        return [
            Question(
                "category",
                "--category",
                "服务类别",
                lambda text: parse_choice(categories, text, "服务类别"),
                required=not by_team,
                options=categories,
                asked=not by_team,  # the team's category applies
                missing="缺少 --team 或 --category：志愿服务队的 id 或服务类别，写其中之一",
            )
        ]

    hint = "不是登记的队伍组织的，直接回车，下一步选服务类别"
    return [
        team_step(county, units, "team", "志愿服务队", required=False, hint=hint),
        category,
    ]

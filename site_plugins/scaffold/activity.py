"""``scripts/new_activity.py``: a new activity entry, from flags or by questions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from site_plugins.content.model import ActivityFile, Photo
from site_plugins.scaffold.answers import (
    AnswerError,
    label_options,
    parse_choice,
    parse_choices,
    parse_count,
    parse_date,
    parse_hours,
    parse_tags,
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
from site_plugins.scaffold.entries import (
    ActivityDraft,
    PhotoEntry,
    activity_fields,
    activity_stem,
    render_entry,
)
from site_plugins.scaffold.photos import PhotoSource, check_source, plan_photos
from site_plugins.scaffold.questions import (
    Answers,
    FlagErrors,
    Question,
    Step,
)
from site_plugins.scaffold.steps import body_step, team_or_category
from site_plugins.scaffold.units import unit_of, unit_steps
from site_plugins.scaffold.writing import NewEntry, entry_command

PROG = "scripts/new_activity.py"
FLAGS = (
    "unit", "station", "date", "end_date", "title", "team", "category", "platform", "work",
    "volunteers", "beneficiaries", "service_hours", "location", "tags", "photos", "body",
)  # fmt: skip
EXAMPLES = """\
例子：
  不带参数运行，逐项回答问题（推荐）：
    .venv/bin/python scripts/new_activity.py
  一次写全（实践站的活动；县中心写 --unit centre，实践所写 --unit 乡镇文件夹）：
    .venv/bin/python scripts/new_activity.py --unit liuhe/hexi --date 2026-06-12 \\
      --title "端午包粽话新风" --team customs --platform 文化服务 \\
      --volunteers 15 --beneficiaries 140 --hours 45 --location 河西村文化广场 \\
      --photo "~/照片/端午 包粽子.jpg" --caption 家庭队伍比赛包粽子 --body-file 端午.txt
"""


def build_parser() -> ChineseParser:
    parser = ChineseParser(
        PROG,
        "新建一条活动：写好 activities/ 里的文件，把照片复制进 media/，并用检查程序检查。"
        "缺少的项会逐项提问。",
        EXAMPLES,
    )
    add_common_flags(parser, "活动内容（正文）")
    flags = parser.add_argument_group("活动信息（没写的会逐项提问）")
    add_unit_flag(flags)
    flags.add_argument("--date", metavar="日期", help="活动日期，例如 2026-06-12")
    flags.add_argument("--end-date", metavar="日期", help="多日活动的结束日期")
    flags.add_argument("--title", metavar="标题", help="活动标题，不超过 80 字")
    flags.add_argument(
        "--team", metavar="队伍", help="本单位志愿服务队的 id，例如 culture；县级队伍写 centre:id"
    )
    flags.add_argument("--category", metavar="类别", help="服务类别；写了 --team 可不写")
    flags.add_argument("--platform", metavar="平台", help="实践平台，例如 文化服务")
    flags.add_argument(
        "--work",
        metavar="工作内容",
        help="五项工作内容，可写多项，用顿号分开，例如 丰富活跃文化生活",
    )
    flags.add_argument("--volunteers", metavar="人数", help="参与志愿者人数")
    flags.add_argument("--beneficiaries", metavar="人数", help="受益群众人数")
    flags.add_argument(
        "--hours", dest="service_hours", metavar="小时", help="志愿服务总时长（小时）"
    )
    flags.add_argument("--location", metavar="地点", help="活动地点")
    flags.add_argument("--tags", metavar="标签", help="标签，多个用顿号或逗号分开")
    flags.add_argument(
        "--photo",
        dest="photos",
        action="append",
        metavar="照片",
        help="照片文件（可写多次）；会复制进本站 media/ 并改成安全的文件名",
    )
    flags.add_argument(
        "--caption",
        dest="captions",
        action="append",
        metavar="说明",
        help="照片说明（按顺序对应每个 --photo）",
    )
    return parser


def _text(key: str) -> Callable[[str], str]:
    return lambda text: parse_text(ActivityFile, key, text)


def activity_steps(county: CountyInfo) -> list[Step]:
    """Every question about an activity, in the order of the entry's fields. The unit is
    the county centre, a township's 所 or a station (``--unit``; ``--station`` too)."""
    units = county_units(county)

    def date(answers: Answers) -> Sequence[Question]:
        return [Question("date", "--date", "活动日期", parse_date, hint="例如 2026-06-12")]

    def end_date(answers: Answers) -> Sequence[Question]:
        start = answers.get("date")

        def parse(text: str) -> Any:
            end = parse_date(text)
            if start is not None and end < start:
                raise AnswerError(f"结束日期 {end} 早于开始日期 {start}", "改正日期")
            return end if end != start else None

        return [
            Question(
                "end_date",
                "--end-date",
                "结束日期",
                parse,
                required=False,
                hint="一天的活动直接回车",
            )
        ]

    def title(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "title",
                "--title",
                "活动标题",
                _text("title"),
                hint="不超过 80 字，例如 粽叶飘香迎端午 邻里互助暖人心",
            )
        ]

    def platform(answers: Answers) -> Sequence[Question]:
        unit = unit_of(answers)
        own = unit.platforms if unit else ()
        codes = [county.labels.platforms.resolve(p) or p for p in own]
        options = label_options(county.labels.platforms, codes)
        return [
            Question(
                "platform",
                "--platform",
                "实践平台",
                lambda text: parse_choice(options, text, "实践平台"),
                required=False,
                options=options,
            )
        ]

    def work(answers: Answers) -> Sequence[Question]:
        options = label_options(county.labels.five_items)
        return [
            Question(
                "work",
                "--work",
                "五项工作内容（可选多项，编号之间用顿号或空格分开）",
                lambda text: parse_choices(options, text, "五项工作内容"),
                required=False,
                options=options,
            )
        ]

    def numbers(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "volunteers",
                "--volunteers",
                "参与志愿者人数",
                lambda text: parse_count(ActivityFile, "volunteers", text),
                hint="例如 12",
            ),
            Question(
                "beneficiaries",
                "--beneficiaries",
                "受益群众人数",
                lambda text: parse_count(ActivityFile, "beneficiaries", text),
                hint="例如 120",
            ),
            Question(
                "service_hours",
                "--hours",
                "志愿服务总时长（小时）",
                lambda text: parse_hours(ActivityFile, "service_hours", text),
                hint="志愿者人数 × 每人小时数，例如 12 人各 3 小时写 36",
            ),
        ]

    def place_and_tags(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "location",
                "--location",
                "活动地点",
                _text("location"),
                required=False,
                hint="例如 河西村文化广场",
            ),
            Question(
                "tags",
                "--tags",
                "标签",
                parse_tags,
                required=False,
                hint="多个用顿号分开，例如 我们的节日、端午",
            ),
        ]

    def photos(answers: Answers) -> Sequence[Question]:
        return [
            Question(
                "photos",
                "--photo",
                "照片文件",
                check_source,
                required=False,
                many=True,
                hint="可以把照片拖进这个窗口",
            )
        ]

    def captions(answers: Answers) -> Sequence[Question]:
        chosen: list[PhotoSource] = answers.get("photos") or []
        return [
            Question(
                f"caption_{index}",
                "--caption",
                f"第 {index + 1} 张照片（{photo.path.name}）的说明",
                lambda text: parse_text(Photo, "caption", text),
                required=False,
                hint="例如 志愿者和村民一起包粽子",
            )
            for index, photo in enumerate(chosen)
        ]

    return [
        *unit_steps(units, county),
        date,
        end_date,
        title,
        *team_or_category(county, units),
        platform,
        work,
        numbers,
        place_and_tags,
        photos,
        captions,
        body_step("活动内容（正文）", "写清楚时间、地点、谁参加、做了什么、效果如何"),
    ]


def draft_entry(county: CountyInfo, answers: Answers) -> NewEntry:
    """The entry the answers describe, with its photos planned into the unit's media/."""
    unit = unit_of(answers)
    assert unit is not None  # the unit question is required
    sources: list[PhotoSource] = []
    captions: list[str | None] = []
    for index, source in enumerate(answers.get("photos") or []):
        if all(s.path.resolve() != source.path.resolve() for s in sources):
            sources.append(source)
            captions.append(answers.get(f"caption_{index}"))
    planned = plan_photos(sources, unit.folder / "media")
    draft = ActivityDraft(
        title=answers["title"],
        date=answers["date"],
        end_date=answers.get("end_date"),
        team=answers.get("team"),
        category=answers.get("category"),
        platform=answers.get("platform"),
        work=tuple(answers.get("work") or ()),
        volunteers=answers["volunteers"],
        beneficiaries=answers["beneficiaries"],
        service_hours=answers["service_hours"],
        location=answers.get("location"),
        photos=tuple(
            PhotoEntry(p.entry_path, caption) for p, caption in zip(planned, captions, strict=True)
        ),
        tags=tuple(answers.get("tags") or ()),
        body=answers["body"],
    )
    text = render_entry(activity_fields(draft), draft.body)
    return NewEntry(
        unit,
        "activities",
        "活动",
        draft.title,
        activity_stem(draft),
        text,
        ActivityFile,
        planned,
    )


def _given(args: Any) -> dict[str, str | list[str]]:
    given = unit_flags(given_flags(args, FLAGS))
    if args.body_file is not None:
        given["body"] = read_body_file(args.body_file)
    captions: list[str] = args.captions or []
    if len(captions) > len(args.photos or []):
        raise FlagErrors(
            ["--caption：照片说明比 --photo 多 — 每个 --caption 对应它前面的一个 --photo"]
        )
    for index, caption in enumerate(captions):
        given[f"caption_{index}"] = caption
    return given


def main(argv: Sequence[str] | None = None, say: Callable[[str], None] = print) -> int:
    return entry_command(
        PROG,
        build_parser,
        argv,
        say,
        what="活动",
        steps=activity_steps,
        given=_given,
        draft=lambda county: partial(draft_entry, county),
    )

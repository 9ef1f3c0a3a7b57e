"""Questions both entry kinds ask: which station (township first), and the body text."""

from __future__ import annotations

from collections.abc import Sequence

from site_plugins.scaffold.answers import AnswerError, parse_body, parse_choice
from site_plugins.scaffold.county import (
    CountyInfo,
    StationInfo,
    find_station,
    station_options,
    township_options,
)
from site_plugins.scaffold.questions import Answers, Question, Step

STATION_MISSING = "缺少 --station：实践站，写“乡镇文件夹/村文件夹”，例如 --station liuhe/hexi"


def station_steps(county: CountyInfo) -> list[Step]:
    """Township, then a station of that township; ``--station liuhe/hexi`` answers both."""
    townships = township_options(county)

    def township(answers: Answers) -> Sequence[Question]:
        if "station" in answers:
            return []
        return [
            Question(
                "township",
                "--station",
                "乡镇（街道）",
                lambda text: parse_choice(townships, text, "乡镇"),
                options=townships,
                missing=STATION_MISSING,
            )
        ]

    def station(answers: Answers) -> Sequence[Question]:
        options = station_options(county, answers.get("township"))

        def parse(text: str) -> StationInfo:
            try:
                key = parse_choice(options, text, "实践站")
            except AnswerError:
                return find_station(county, text)
            return find_station(county, key)

        return [
            Question(
                "station", "--station", "实践站", parse, options=options, missing=STATION_MISSING
            )
        ]

    return [township, station]


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


def station_of(answers: Answers) -> StationInfo | None:
    station = answers.get("station")
    return station if isinstance(station, StationInfo) else None

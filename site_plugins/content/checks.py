"""Schema validation of one YAML document, with pydantic's errors told in Chinese;
and the checks across station files (former folder paths) that no single file can make."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import re
import typing
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Optional, TypeVar, cast

from pydantic import BaseModel, ValidationError, create_model
from pydantic.fields import FieldInfo

from site_plugins.content.catalogue import Station
from site_plugins.content.located import Reporter, YamlDoc, YamlPath
from site_plugins.content.problems import Problem

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "int_type": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "string_type": "文字",
    "bool_type": "true 或 false",
    "list_type": "列表（例如 [甲, 乙] 或每行一个“- 值”）",
    "dict_type": "“字段: 值”的组合",
    "model_type": "“字段: 值”的组合",
    "model_attributes_type": "“字段: 值”的组合",
}
_BIRTH_KEYS = {"birthday", "birth_date", "birthdate", "dob", "生日", "出生日期"}
# Fields whose pattern is not a slug: their own code, message and fix.
_PATTERN_PROBLEMS = {
    "maintainers": (
        "BAD_USERNAME",
        "“{given}”不是代码托管平台的用户名：只能有英文字母、数字和 . _ -，首尾是字母或数字",
        "写信息员登录 GitHub、GitLab 或 Gitea 用的用户名（不是中文姓名），"
        "例如 maintainers: [zhangzhuang-clerk]",
    ),
    "editors": (
        "BAD_USERNAME",
        "“{given}”不是代码托管平台的用户名或团队名",
        '写编辑的登录用户名，或写团队 @组织/团队，例如 editors: [county-editor, "@shifan/editors"]',
    ),
    "map": (
        "BAD_LINK",
        "“{given}”不是地图链接：应当是以 https:// 开头、不含空格的网址",
        "在手机地图应用里点“分享”→“复制链接”，粘贴到这里，"
        "例如 map: https://uri.amap.com/marker?position=118.43,35.10&name=文化广场",
    ),
    "join": (
        "BAD_LINK",
        "“{given}”不是网址：应当是以 https:// 开头、不含空格的完整网址",
        "在志愿服务平台上打开本队页面，复制地址栏里的网址，例如 join: https://chinavolunteer.mca.gov.cn/",
    ),
    "url": (
        "BAD_LINK",
        "“{given}”不是网址：应当是以 https:// 开头、不含空格的完整网址",
        "例如 url: https://chinavolunteer.mca.gov.cn/",
    ),
    "team": (
        "BAD_TEAM_REF",
        "“{given}”不是队伍的写法：本单位的队伍写 id，别的单位的队伍写“单位:id”",
        "例如 team: culture（本单位的队伍）、team: centre:theory（县级队伍）、"
        "team: chengguan:culture（城关街道实践所的队伍）",
    ),
    "former_ids": (
        "BAD_FORMER_ID",
        "“{given}”不是实践站旧路径：应当写“乡镇文件夹名/村文件夹名”",
        "写改名前的两级文件夹名，只用小写字母、数字和连字符，例如 former_ids: [liuhe/dongzhuang]",
    ),
}


def model_at(model: type[BaseModel], path: YamlPath) -> type[BaseModel] | None:
    """The model whose fields the mapping at ``path`` holds (list indexes are stepped over)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return None
        current = _model_in(field.annotation)
    return current


def field_info(model: type[BaseModel], loc: YamlPath) -> str:
    """The description of the field at ``loc``, or '' if there is none."""
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return ""
    owner = model_at(model, loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))])
    field = owner.model_fields.get(keys[-1]) if owner is not None else None
    return (field.description or "") if field is not None else ""


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _example(description: str, key: str) -> str:
    match = re.search(r"例如：?\s*(.+)$", description)
    if match:
        return f"例如 {key}: {match.group(1)}"
    return f"例如 {key}: …"


def check_model(model: type[M], doc: YamlDoc, report: Reporter) -> M | None:
    """Validate ``doc`` against ``model``; report every error and return None on failure."""
    return check_fields(model, doc, report).whole


@dataclass(frozen=True)
class Checked(Generic[M]):
    """The outcome of validating one file.

    ``whole`` is the record when every field passed. ``fields`` is there whenever the
    file is a mapping: the same record type, holding every top-level field that passed
    on its own; a field that failed (or was missing) holds its default, or None when it
    is required. Cross-reference checks run on ``fields`` so that a bad date does not
    hide an unknown team: a clerk sees every problem of a file in one run.
    """

    whole: M | None
    fields: M | None


def check_fields(model: type[M], doc: YamlDoc, report: Reporter) -> Checked[M]:
    """Validate ``doc`` against ``model``, reporting every error (see :class:`Checked`)."""
    if not isinstance(doc.data, dict):
        report.add(
            doc.start,
            "NOT_A_MAPPING",
            "内容应当是若干行“字段: 值”",
            "对照模板，每行写一个字段，例如 title: 义诊进村",
        )
        return Checked(None, None)
    try:
        whole = model.model_validate(doc.data)
    except ValidationError as exc:
        failed: set[str | int] = set()
        seen: set[YamlPath] = set()
        for error in exc.errors():
            loc = _normalise(model, tuple(error["loc"]), error["type"] == "extra_forbidden")
            if loc:
                failed.add(loc[0])
            if loc in seen:
                continue  # a union reports once per member; one message is enough
            seen.add(loc)
            _report_error(model, doc, report, {**error, "loc": loc})
        return Checked(None, _passed_fields(model, doc.data, failed))
    return Checked(whole, whole)


def _passed_fields(model: type[M], data: dict[str, Any], failed: set[str | int]) -> M | None:
    """The fields of ``data`` outside ``failed``, validated by a lenient twin of ``model``."""
    kept = {key: value for key, value in data.items() if key not in failed}
    lenient: type[M] = _lenient(model)  # functools.cache forgets the type
    try:
        return lenient.model_validate(kept)
    except ValidationError:
        return None  # an error not tied to one field: nothing more can be checked


@functools.cache
def _lenient(model: type[M]) -> type[M]:
    """``model`` with every required field optional (None), constraints kept.

    A subclass, so field validators and the strict, closed configuration carry over.
    """
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[name] = (Optional[annotation], FieldInfo(default=None))  # noqa: UP045
    return cast(type[M], create_model(f"Partial{model.__name__}", __base__=model, **fields))


def _normalise(model: type[BaseModel], loc: YamlPath, keep_last: bool) -> YamlPath:
    """Drop pydantic's union-member tags (``'int'``, ``'str'``) from an error location."""
    out: list[str | int] = []
    current: type[BaseModel] | None = model
    for index, part in enumerate(loc):
        is_last = index == len(loc) - 1
        if isinstance(part, int):
            out.append(part)
        elif current is not None and part in current.model_fields:
            out.append(part)
            current = _model_in(current.model_fields[part].annotation)
        elif keep_last and is_last:
            out.append(part)
    return tuple(out)


def _report_error(model: type[BaseModel], doc: YamlDoc, report: Reporter, error: Any) -> None:
    loc: YamlPath = tuple(error["loc"])
    kind: str = error["type"]
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    description = field_info(model, loc)
    given = error.get("input")
    where = doc.locate(loc)
    if kind == "missing":
        report.add(
            doc.locate(loc[:-1]) if loc[:-1] else doc.start,
            "REQUIRED",
            f"缺少必填字段 {key}（{description.split('，')[0] or key}）",
            f"请补上这一项，{_example(description, key)}",
        )
    elif kind == "extra_forbidden":
        _report_unknown_key(model, doc, report, loc, key)
    elif key == "members" and isinstance(given, list):
        report.add(
            where,
            "MEMBER_NAMES",
            "members 写成了名单：网站只公开队员人数，不公开队员姓名",
            f"只写人数，例如 members: {len(given) or 12}；名单留在志愿服务平台上",
        )
    elif key == "birth_year" and isinstance(given, dt.date):
        report.add(
            where,
            "BIRTH_DATE",
            "出生信息只能写年份，不能写完整的出生日期",
            "只保留年份，例如 birth_year: 1962",
        )
    elif kind.startswith("date") or (
        isinstance(given, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", given or "")
    ):
        report.add(where, "BAD_DATE", *_date_problem(key, given))
    elif kind == "string_too_short":
        report.add(where, "EMPTY", f"{key} 不能为空", f"请填写内容，{_example(description, key)}")
    elif kind in {"string_too_long", "too_long"}:
        limit = error.get("ctx", {}).get("max_length")
        length = len(given) if isinstance(given, (str, list)) else "?"
        report.add(
            where,
            "TOO_LONG",
            f"{key} 有 {length} 个字，超过了 {limit} 字的上限",
            f"请精简到 {limit} 字以内",
        )
    elif kind == "too_short":
        report.add(
            where,
            "REQUIRED",
            f"{key} 至少要写一项",
            f"请补上至少一项，{_example(description, key)}",
        )
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = error.get("ctx", {})
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        bound = f"不小于 {low}" if low is not None else f"不大于 {high}"
        report.add(
            where,
            "OUT_OF_RANGE",
            f"{key} 的值 {given} 超出范围（应当{bound}）",
            f"请改为合理的数值，{_example(description, key)}",
        )
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        report.add(
            where,
            "BAD_CHOICE",
            f"{key} 的值“{given}”不在可选范围内",
            f"只能填写 {expected.replace(' or ', ' 或 ')}",
        )
    elif kind == "string_pattern_mismatch" and key in _PATTERN_PROBLEMS:
        code, message, fix = _PATTERN_PROBLEMS[key]
        report.add(where, code, message.format(given=given), fix)
    elif kind == "string_pattern_mismatch":
        report.add(
            where,
            "BAD_SLUG",
            f"{key} 的值“{given}”不合规：只能用小写英文字母、数字和连字符",
            f"例如 {key}: culture",
        )
    else:
        expected = _TYPE_NAMES.get(kind, "正确类型的值")
        report.add(
            where,
            "WRONG_TYPE",
            f"{key or '这一项'} 应当是{expected}，现在写的是“{_show(given)}”",
            f"请改正，{_example(description, key)}",
        )


def _date_problem(key: str, given: Any) -> tuple[str, str]:
    """(message, fix) for a value that should be a date but is not one."""
    if isinstance(given, dt.datetime):
        day = given.date().isoformat()
        return (f"{key} 只写日期，不写时刻（现在写的是“{given}”）", f"例如 {key}: {day}")
    text = str(given)
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    day_exists = None
    if parts:
        with contextlib.suppress(ValueError):
            day_exists = dt.date(*(int(p) for p in parts.groups()))
    if day_exists is not None and text == day_exists.isoformat():
        # An unquoted YYYY-MM-DD that exists is read as a date; only quotes make it text.
        return (
            f"{key} 的日期“{text}”写在了引号里，被当成了文字而不是日期",
            f"去掉引号，例如 {key}: {text}",
        )
    if day_exists is not None:
        return (
            f"{key} 的值“{text}”格式不对：月和日都要写两位数",
            f"写成 YYYY-MM-DD，不加引号，例如 {key}: {day_exists.isoformat()}",
        )
    if parts:
        return (
            f"{key} 的值“{text}”不是一个真实存在的日期",
            f"日期写成 YYYY-MM-DD，并确认这一天存在，例如 {key}: 2026-02-28",
        )
    return (
        f"{key} 的值“{_show(given)}”不是日期",
        f"日期写成 YYYY-MM-DD，不加引号，例如 {key}: 2026-06-19",
    )


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _report_unknown_key(
    model: type[BaseModel], doc: YamlDoc, report: Reporter, loc: YamlPath, key: str
) -> None:
    mark = doc.locate_key(loc)
    if key.lower() in _BIRTH_KEYS:
        report.add(
            mark,
            "BIRTH_DATE",
            "不能公开完整的出生日期",
            "删除这一行，只写出生年份，例如 birth_year: 1962",
        )
        return
    owner = model_at(model, loc[:-1]) or model
    known = list(owner.model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"是不是想写 {close[0]}？" if close else f"可用的字段有：{', '.join(known)}"
    report.add(
        mark, "UNKNOWN_KEY", f"不认识的字段名“{key}”", f"{hint}（字段名用英文，见投稿指南的模板）"
    )


def check_former_ids(
    stations: Sequence[Station], folders: Collection[str], reserved: Collection[str]
) -> list[Problem]:
    """Former folder paths that cannot redirect: reserved, still in use, or claimed twice.

    ``folders`` holds every station folder of the tree (``township/village``), valid or
    not, so that a redirect can never shadow a station that exists today.
    """
    problems: list[Problem] = []
    claims: dict[str, Station] = {}
    for station in sorted(stations, key=lambda s: s.key):
        for index, former in enumerate(station.meta.former_ids):
            found = _former_id_problem(station, former, claims.get(former), folders, reserved)
            if found is None:
                claims[former] = station
                continue
            mark = station.origin.at("former_ids", index)
            problems.append(Problem(station.origin.path, mark.line, mark.col, *found))
    return problems


def _former_id_problem(
    station: Station,
    former: str,
    taken_by: Station | None,
    folders: Collection[str],
    reserved: Collection[str],
) -> tuple[str, str, str] | None:
    """(code, message, fix) when ``former`` cannot be a former path of ``station``."""
    if set(reserved).intersection(former.split("/")):
        return (
            "BAD_FORMER_ID",
            f"“{former}”含有保留名（{'、'.join(sorted(reserved))}），不会是实践站的旧路径",
            "写改名前的“乡镇文件夹名/村文件夹名”，例如 former_ids: [liuhe/dongzhuang]",
        )
    if former == station.key:
        return (
            "FORMER_ID_TAKEN",
            f"“{former}”是本站现在的路径，不是旧路径",
            "删除这一项；former_ids 只写文件夹改名之前用过的路径",
        )
    if former in folders:
        return (
            "FORMER_ID_TAKEN",
            f"“{former}”是现有实践站的文件夹，它的网址不能跳转到本站",
            f"删除这一项；若 {former} 已并入本站，先把它的内容移到本站文件夹并删除旧文件夹",
        )
    if taken_by is station:
        return ("FORMER_ID_TWICE", f"“{former}”在本站写了两次", "删除重复的一项")
    if taken_by is not None:
        return (
            "FORMER_ID_TWICE",
            f"“{former}”已经是 {taken_by.origin.path} 的旧路径，一个旧网址只能跳转到一个实践站",
            "核对改名记录，只在改名后的那个实践站写这一项",
        )
    return None

"""Schema validation of one YAML document, with pydantic's errors told in Chinese."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_plugins.content.located import Reporter, YamlDoc, YamlPath

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
    if not isinstance(doc.data, dict):
        report.add(
            doc.start,
            "NOT_A_MAPPING",
            "内容应当是若干行“字段: 值”",
            "对照模板，每行写一个字段，例如 title: 义诊进村",
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        seen: set[YamlPath] = set()
        for error in exc.errors():
            loc = _normalise(model, tuple(error["loc"]), error["type"] == "extra_forbidden")
            if loc in seen:
                continue  # a union reports once per member; one message is enough
            seen.add(loc)
            _report_error(model, doc, report, {**error, "loc": loc})
        return None


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
        report.add(
            where,
            "BAD_DATE",
            f"{key} 的值“{given}”不是一个真实存在的日期",
            f"日期写成 YYYY-MM-DD，并确认这一天存在，例如 {key}: 2026-02-28",
        )
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

"""Turning what a clerk typed into typed values, with the validator's own rules.

Every range, length and choice is checked by validating the value against the content
model (through :func:`site_plugins.content.checks.check_model`), so an answer accepted
here is never refused later by ``make validate`` for the same reason, and the wording of
the complaint is the validator's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from site_plugins.content import pii
from site_plugins.content.checks import check_model
from site_plugins.content.labels import LabelSet
from site_plugins.content.loader import TAG_OPENING
from site_plugins.content.located import Mark, Reporter, YamlDoc
from site_plugins.content.model import PERIOD_RE, Record
from site_plugins.content.problems import Problem


class AnswerError(Exception):
    """An answer that cannot be used: what is wrong and how to fix it, in Chinese."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message


@dataclass(frozen=True)
class Option:
    """One numbered choice: what is written to the file, what is shown, what else matches."""

    value: str
    shown: str
    aliases: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        return text in (self.value, self.shown, *self.aliases)


# --- the model's own rules --------------------------------------------------------------

# check_model places every problem about the checked key at this mark; problems about
# the other (absent) fields land on the document start, which is never this line.
_FIELD_MARK = Mark(1, 1)


def check_field(model: type[Record], key: str, value: Any) -> None:
    """Raise AnswerError if ``value`` breaks the model's rule for ``key``."""
    doc = YamlDoc(data={key: value}, start=Mark(0, 0), value_marks={(key,): _FIELD_MARK})
    found: list[Problem] = []
    check_model(model, doc, Reporter("", found))
    own = [p for p in found if (p.line, p.col) == (_FIELD_MARK.line, _FIELD_MARK.col)]
    if own:
        raise AnswerError(own[0].message)


def check_public_text(text: str) -> None:
    """Refuse ID numbers, mobile numbers, named negative lists and HTML tags."""
    for finding in pii.find_personal_data(text):
        if finding.code == "ID_NUMBER":
            raise AnswerError(
                f"含有居民身份证号码（{pii.mask(finding.number)}），公开网站不得出现",
                "删除号码；需要核对身份的材料请线下留存",
            )
        raise AnswerError(
            f"含有手机号码（{pii.mask(finding.number)}），公开网站不得出现个人手机号",
            "删除号码；需要联系方式时写实践站的办公电话",
        )
    for finding in pii.find_negative_lists(text):
        raise AnswerError(
            f"出现“{finding.text}”：不得在网上点名公布负面榜单",
            "删除点名内容，只写汇总情况，例如“本月劝导不文明行为 12 起”",
        )


def _no_markup(text: str) -> None:
    if TAG_OPENING.search(text):
        raise AnswerError(
            "文字里有 HTML 标签（<…>），这一项只能写文字", "删除 <…>；书名、文件名用书名号《》"
        )


# --- single answers ---------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width digits and letters to ASCII (１２ → 12), every run of whitespace to one
    space: one-line answers stay one line whatever the terminal or the pasted text held."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def parse_text(model: type[Record], key: str, text: str) -> str:
    """A one-line public text such as a title, checked for length, privacy and markup."""
    # Only whitespace is normalised: NFKC would turn the clerk's full-width punctuation
    # (，：) into ASCII, and that is their text, not ours.
    value = " ".join(text.split())
    if not value:
        raise AnswerError("不能为空", "请填写内容")
    check_public_text(value)
    _no_markup(value)
    check_field(model, key, value)
    return value


def parse_body(text: str) -> str:
    """The Markdown body: lines kept, trailing spaces and blank edges dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        raise AnswerError("正文不能为空", "写几句话说明经过、参加的人和效果")
    check_public_text(body)
    return body


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    """2026-06-12, also 2026-6-12, 2026/6/12, 2026.6.12 and 2026年6月12日."""
    value = normalise(text)
    match = _DATE.match(value)
    if not match:
        raise AnswerError(
            f"“{value}”不是日期", "写成 年-月-日，例如 2026-06-12（也可写 2026年6月12日）"
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise AnswerError(
            f"{year}年{month}月{day}日不是一个真实存在的日期", "核对月份和日期，例如 2026-06-12"
        ) from None


_UNITS = re.compile(r"(人次|个小时|小时|名|人|位|个|h)$", re.IGNORECASE)


def _without_unit(text: str) -> str:
    return _UNITS.sub("", normalise(text)).strip()


def parse_count(model: type[Record], key: str, text: str) -> int:
    """A whole number of people (``12``, ``12人``), within the model's range."""
    value = _without_unit(text)
    if not re.fullmatch(r"[+-]?\d+", value):
        raise AnswerError(f"“{normalise(text)}”不是整数", "只写阿拉伯数字，例如 12")
    number = int(value)
    check_field(model, key, number)
    return number


def parse_hours(model: type[Record], key: str, text: str) -> float:
    """Hours of service (``36``, ``7.5``, ``36小时``), within the model's range."""
    value = _without_unit(text)
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", value):
        raise AnswerError(f"“{normalise(text)}”不是数字", "只写数字，例如 36 或 7.5")
    number = float(value)
    check_field(model, key, number)
    return number


def parse_year(model: type[Record], key: str, text: str, today: dt.date) -> int:
    value = _without_unit(text).removesuffix("年")
    if not re.fullmatch(r"\d{4}", value):
        raise AnswerError(f"“{normalise(text)}”不是年份", "只写四位数的年份，不写月日，例如 1962")
    year = int(value)
    check_field(model, key, year)
    if year > today.year:
        raise AnswerError(f"{year} 年还没有到", f"核对年份，例如 {today.year - 40}")
    return year


_QUARTER = re.compile(r"^(\d{4})\s*(?:-|年)?\s*(?:Q|第)\s*([1-4一二三四])\s*(?:季度?)?$", re.I)
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_QUARTER_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def parse_period(text: str) -> int | str:
    """An honour's period: 2026, 2026-05 (also 2026年5月) or 2026-Q2 (also 2026年第二季度)."""
    value = normalise(text).removesuffix("年度").removesuffix("年")
    quarter = _QUARTER.match(value)
    month = _MONTH.match(value)
    if quarter:
        value = f"{quarter.group(1)}-Q{_QUARTER_DIGITS.get(quarter.group(2), quarter.group(2))}"
    elif month:
        value = f"{month.group(1)}-{int(month.group(2)):02d}"
    if not PERIOD_RE.match(value):
        raise AnswerError(
            f"期次“{normalise(text)}”格式不对", "写年份、年月或季度，例如 2026、2026-05 或 2026-Q2"
        )
    return int(value) if value.isdigit() else value


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags separated by 、，, ; or spaces, each a public text; duplicates dropped."""
    tags: list[str] = []
    for tag in re.split(r"[,，、;；\s]+", text.strip()):
        if tag and tag not in tags:
            check_public_text(tag)
            _no_markup(tag)
            tags.append(tag)
    return tuple(tags)


_YES = {"是", "y", "yes", "对", "好", "有", "1", "是的"}
_NO = {"否", "n", "no", "不", "不是", "没有", "无", "0"}


def parse_yes_no(text: str) -> bool:
    value = normalise(text).lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise AnswerError(f"“{value}”不是“是”或“否”", "回答 是 或 否")


def parse_choice(options: Sequence[Option], text: str, what: str) -> str:
    """The chosen option's value, by number, by what is shown, or by one of its aliases."""
    value = normalise(text)
    if value.isdigit() and 1 <= int(value) <= len(options):
        return options[int(value) - 1].value
    for option in options:
        if option.matches(value) or option.matches(text.strip()):
            return option.value
    numbers = f"1–{len(options)}" if len(options) > 1 else "1"
    shown = "、".join(o.value for o in options)
    names = f"，或写名称：{shown}" if len(shown) <= 60 else ""
    raise AnswerError(f"“{value}”不在{what}的选项中", f"输入列表中的编号 {numbers}{names}")


def parse_choices(options: Sequence[Option], text: str, what: str) -> tuple[str, ...]:
    """Several options, separated by 、，, ; or spaces, each as ``parse_choice`` reads it."""
    chosen: list[str] = []
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if part:
            value = parse_choice(options, part, what)
            if value not in chosen:
                chosen.append(value)
    return tuple(chosen)


def label_options(labels: LabelSet, first: Iterable[str] = ()) -> tuple[Option, ...]:
    """A county label set as options that write the label (as the demo entries do);
    the codes in ``first`` (e.g. the station's own platforms) are listed first."""
    codes = list(labels.labels)
    leading = [c for c in first if c in labels.labels]
    ordered = leading + [c for c in codes if c not in leading]
    return tuple(Option(labels.label(c), labels.label(c), (c,)) for c in ordered)

"""Entry files that read like the hand-written ones, and their file names.

The front matter keeps the field order of the demo entries and the contributor guide's
templates (``title, date, end_date, team, category, platform, …``), writes flow lists for
tags and block lists for photos and honours, and quotes a value only when YAML would
otherwise read it as something else. File names are pinyin: activities
``<date>-<title>.md`` (``2026-06-01-tong-xin-tiao-zao-shi-chang.md``), honorees by name
(``ding-yiming.md``); an existing name is never overwritten but gets ``-2``, ``-3``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_plugins.content.loader import RESERVED_SLUGS
from site_plugins.honor_roll.pinyin import SURNAME_READINGS, pinyin_keys

# Titles make long slugs; eight syllables keep the URL short and still say what it was.
MAX_TITLE_SYLLABLES = 8
MIN_TITLE_SYLLABLES = 4
# Compound surnames read as one word in a romanised name (Ouyang Nana, not Ou Yangnana).
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "夏侯", "令狐", "慕容", "司徒",
        "公孙", "宇文", "端木", "西门", "南宫", "轩辕", "独孤", "呼延", "闻人", "申屠",
        "司空", "百里", "东郭", "钟离", "太史", "濮阳", "公冶", "赫连", "拓跋", "第五",
    }
    | {s for s in SURNAME_READINGS if len(s) == 2}
)  # fmt: skip
_PHRASE_SPLIT = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")


@dataclass(frozen=True)
class PhotoEntry:
    file: str  # relative to the station folder, e.g. media/duan-wu.jpg
    caption: str | None = None


@dataclass(frozen=True)
class ActivityDraft:
    title: str
    date: dt.date
    volunteers: int
    beneficiaries: int
    service_hours: float
    body: str
    end_date: dt.date | None = None
    team: str | None = None
    category: str | None = None
    platform: str | None = None
    work: tuple[str, ...] = ()
    location: str | None = None
    photos: tuple[PhotoEntry, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class HonoreeDraft:
    name: str
    kind: str  # 个人 | 集体
    category: str
    level: str
    issuer: str
    period: int | str
    summary: str
    consent_by: str  # 本人 | 监护人
    consent_date: dt.date
    body: str
    gender: str | None = None
    birth_year: int | None = None
    honour_title: str | None = None
    photo: str | None = None


Fields = Sequence[tuple[str, Any]]


def activity_fields(draft: ActivityDraft) -> list[tuple[str, Any]]:
    """The front matter of an activity, in the demo entries' order, empty fields left out."""
    photos = [_drop_none({"file": p.file, "caption": p.caption}) for p in draft.photos]
    fields: list[tuple[str, Any]] = [
        ("title", draft.title),
        ("date", draft.date),
        ("end_date", draft.end_date),
        ("team", draft.team),
        ("category", draft.category),
        ("platform", draft.platform),
        ("work", list(draft.work) or None),
        ("volunteers", draft.volunteers),
        ("beneficiaries", draft.beneficiaries),
        ("service_hours", draft.service_hours),
        ("location", draft.location),
        ("photos", photos or None),
        ("tags", list(draft.tags) or None),
    ]
    return [(key, value) for key, value in fields if value is not None]


def honoree_fields(draft: HonoreeDraft) -> list[tuple[str, Any]]:
    """The front matter of an honoree, in the demo entries' order."""
    honour = _drop_none(
        {
            "level": draft.level,
            "issuer": draft.issuer,
            "title": draft.honour_title,
            "period": draft.period,
        }
    )
    fields: list[tuple[str, Any]] = [
        ("name", draft.name),
        ("kind", draft.kind),
        ("gender", draft.gender),
        ("birth_year", draft.birth_year),
        ("category", draft.category),
        ("honours", [honour]),
        ("summary", draft.summary),
        ("photo", draft.photo),
        ("consent", {"given": True, "by": draft.consent_by, "date": draft.consent_date}),
    ]
    return [(key, value) for key, value in fields if value is not None]


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


# --- YAML as people write it ------------------------------------------------------------


def render_entry(fields: Fields, body: str) -> str:
    """``---``, the front matter, ``---``, a blank line, the body, a final newline."""
    return "---\n" + "".join(_field_lines(fields, "")) + "---\n\n" + body.strip("\n") + "\n"


def _field_lines(fields: Fields, indent: str) -> Iterator[str]:
    for key, value in fields:
        if isinstance(value, dict):
            yield f"{indent}{key}:\n"
            yield from _field_lines(list(value.items()), indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield f"{indent}{key}:\n"
            for item in value:
                lines = list(_field_lines(list(item.items()), indent + "    "))
                yield f"{indent}  - " + lines[0].lstrip(" ")
                yield from lines[1:]
        elif isinstance(value, list):
            yield f"{indent}{key}: [{', '.join(scalar(v, in_flow=True) for v in value)}]\n"
        else:
            yield f"{indent}{key}: {scalar(value)}\n"


def scalar(value: Any, *, in_flow: bool = False) -> str:
    """One YAML scalar: plain when YAML reads it back as the same value, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _reads_back(text, in_flow) else json.dumps(text, ensure_ascii=False)


def _reads_back(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or any(c in text for c in "\n\r\t\u2028\u2029\x85"):
        return False
    if in_flow and any(c in text for c in ",[]{}"):
        return False
    source = f"k: [{text}]" if in_flow else f"k: {text}"
    try:
        loaded = yaml.safe_load(source)
    except (yaml.YAMLError, ValueError):
        return False
    return bool(loaded == {"k": [text] if in_flow else text})


# --- file names -------------------------------------------------------------------------


def _syllables(text: str) -> list[str]:
    return [readings[0] for readings in pinyin_keys(text, is_group=True).syllables]


def _ascii(words: Sequence[str]) -> list[str]:
    cleaned = (re.sub(r"[^a-z0-9]", "", w.lower()) for w in words)
    return [w for w in cleaned if w]


def title_slug(title: str, max_syllables: int = MAX_TITLE_SYLLABLES) -> str:
    """Pinyin of the title's first phrase, one syllable per word, as the demo entries are
    named after their title's first phrase: 童心跳蚤市场 小小摊主学勤俭 →
    ``tong-xin-tiao-zao-shi-chang``. A phrase shorter than four syllables takes the next
    one along (端午 包粽子 → ``duan-wu-bao-zong-zi``); at most ``max_syllables``."""
    taken: list[str] = []
    for phrase in _PHRASE_SPLIT.split(title):
        if len(taken) >= MIN_TITLE_SYLLABLES:
            break
        taken += _ascii(_syllables(phrase))
    return "-".join(taken[:max_syllables])


def name_slug(name: str, *, is_group: bool = False) -> str:
    """A person as surname-given name (丁一鸣 → ``ding-yiming``, 欧阳娜娜 → ``ouyang-nana``,
    单雄信 → ``shan-xiongxin``); a group like a title (``hu-he-dui``)."""
    name = name.strip()
    if is_group:
        return title_slug(name)
    parts = [p for p in _PHRASE_SPLIT.split(name) if p]
    if len(parts) != 1 or not re.fullmatch(r"[\u3400-\u9fff\U00020000-\U0003ffff]+", name):
        # 买买提·艾力, or a name in Latin letters: one word per part of the name.
        return "-".join(_ascii(["".join(_person_syllables(p)) for p in parts]))
    surname_length = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    surname, given = name[:surname_length], name[surname_length:]
    # A polyphonic surname is read as a surname (单 shan, 曾 zeng), the rest as words.
    read = SURNAME_READINGS.get(surname) or tuple(_syllables(surname))
    return "-".join(_ascii(["".join(read), "".join(_syllables(given))]))


def _person_syllables(part: str) -> list[str]:
    return [readings[0] for readings in pinyin_keys(part).syllables]


def activity_stem(draft: ActivityDraft) -> str:
    return f"{draft.date.isoformat()}-{title_slug(draft.title) or 'huodong'}"


def honoree_stem(draft: HonoreeDraft) -> str:
    return name_slug(draft.name, is_group=draft.kind == "集体") or "haoren"


def free_path(folder: Path, stem: str, suffix: str, taken: Sequence[Path] = ()) -> Path:
    """``folder/stem+suffix``, or with ``-2``, ``-3``… if that exists (or is in ``taken``).

    Names differing only in case count as taken: on Windows and macOS they are one file.
    """
    existing = {p.name.lower() for p in folder.iterdir()} if folder.is_dir() else set()
    existing |= {p.name.lower() for p in taken if p.parent == folder}
    number = 1
    while True:
        candidate = stem if number == 1 else f"{stem}-{number}"
        name = candidate + suffix
        if name.lower() not in existing and candidate not in RESERVED_SLUGS:
            return folder / name
        number += 1

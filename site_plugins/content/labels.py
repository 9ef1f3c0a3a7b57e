"""Configurable label sets: a stable code for storage, a Chinese label for people.

Counties name categories differently (孝老爱亲 / 孝老敬亲), so entries store a code and
the county decides the label. Clerks may write either the code or the exact label.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from site_plugins.content.model import HonourSystem, Labels


@dataclass(frozen=True)
class LabelSet:
    """An ordered code → label mapping, e.g. ``filial`` → 孝老爱亲."""

    name: str  # what the set is, in Chinese, for messages (e.g. 好人类别)
    labels: Mapping[str, str]

    @classmethod
    def of(cls, name: str, labels: Mapping[str, str]) -> LabelSet:
        return cls(name, MappingProxyType(dict(labels)))

    def resolve(self, value: str) -> str | None:
        """The code for a code or a label, or None if it is neither."""
        if value in self.labels:
            return value
        for code, label in self.labels.items():
            if label == value:
                return code
        return None

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def suggest(self, value: str) -> str | None:
        choices = list(self.labels.values()) + list(self.labels)
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.4)
        if close:
            return self.labels.get(close[0], close[0])
        return None

    def choices_text(self) -> str:
        return "、".join(self.labels.values())


DEFAULT_HONOREE_CATEGORIES = {
    "helping": "助人为乐",
    "bravery": "见义勇为",
    "honesty": "诚实守信",
    "dedication": "敬业奉献",
    "filial": "孝老爱亲",
}
# The five 好人 categories are one honour system; volunteer honours (最美志愿者, the "四个
# 100") are another, run by other bodies with other criteria, so they are counted and
# shown apart and never filed under 敬业奉献. A county may replace the second (or add more).
GOOD_PEOPLE = "haoren"
GOOD_PEOPLE_NAME = "身边好人"
DEFAULT_HONOUR_SYSTEMS = (
    (
        "volunteer",
        "志愿服务先进",
        {
            "best-volunteer": "最美志愿者",
            "best-organisation": "优秀志愿服务组织",
            "best-project": "最佳志愿服务项目",
            "best-community": "最美志愿服务社区",
        },
    ),
)
DEFAULT_HONOUR_LEVELS = {
    "national": "国家级",
    "provincial": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
    "village": "村级",
}
DEFAULT_TEAM_CATEGORIES = {
    "theory": "理论宣讲",
    "education": "教育服务",
    "culture": "文化文艺",
    "science": "科技科普",
    "health": "健康促进和体育",
    "law": "法律服务",
    "customs": "乡风文明",
    "environment": "卫生环保",
    "poverty": "扶贫帮困",
    "enterprise": "创业富民",
}
# 五项工作内容: what the centres' work is classified by (seed 004); a county may rename them.
DEFAULT_FIVE_ITEMS = {
    "theory": "学习实践科学理论",
    "policy": "宣传宣讲党的政策",
    "values": "培育践行主流价值",
    "culture": "丰富活跃文化生活",
    "customs": "持续深入移风易俗",
}
DEFAULT_PLATFORMS = {
    "theory": "理论宣讲",
    "education": "教育服务",
    "culture": "文化服务",
    "science": "科技与科普服务",
    "sports": "健身体育服务",
}


@dataclass(frozen=True)
class HonourSystemLabels:
    """One honour system: the 好人 categories, or another (volunteer honours…)."""

    id: str
    name: str
    categories: LabelSet


SystemConfig = tuple[str, str, Mapping[str, str]]


@dataclass(frozen=True)
class CountyLabels:
    honoree_categories: LabelSet  # the 好人 system's categories
    honour_levels: LabelSet
    team_categories: LabelSet
    platforms: LabelSet
    five_items: LabelSet
    other_systems: tuple[HonourSystemLabels, ...] = ()

    @property
    def honour_systems(self) -> tuple[HonourSystemLabels, ...]:
        """Every honour system, the 好人 first: pages list honorees system by system."""
        good = HonourSystemLabels(GOOD_PEOPLE, GOOD_PEOPLE_NAME, self.honoree_categories)
        return (good, *self.other_systems)

    @property
    def honour_categories(self) -> LabelSet:
        """Every system's categories in one set: what an honoree's ``category`` may name.
        A code (or label) two systems share belongs to the first that has it."""
        merged: dict[str, str] = {}
        for system in self.honour_systems:
            for code, label in system.categories.labels.items():
                merged.setdefault(code, label)
        return LabelSet.of("荣誉类别", merged)

    def system_of(self, category: str) -> HonourSystemLabels:
        """The system an honoree category code belongs to (the 好人 when unknown)."""
        systems = self.honour_systems
        return next((s for s in systems if category in s.categories.labels), systems[0])

    @classmethod
    def from_config(
        cls,
        honoree_categories: Mapping[str, str] | None = None,
        honour_levels: Mapping[str, str] | None = None,
        team_categories: Mapping[str, str] | None = None,
        platforms: Mapping[str, str] | None = None,
        five_items: Mapping[str, str] | None = None,
        *,
        honour_systems: Sequence[SystemConfig] | None = None,
    ) -> CountyLabels:
        systems = DEFAULT_HONOUR_SYSTEMS if honour_systems is None else honour_systems
        return cls(
            LabelSet.of("好人类别", honoree_categories or DEFAULT_HONOREE_CATEGORIES),
            LabelSet.of("荣誉级别", honour_levels or DEFAULT_HONOUR_LEVELS),
            LabelSet.of("服务类别", team_categories or DEFAULT_TEAM_CATEGORIES),
            LabelSet.of("实践平台", platforms or DEFAULT_PLATFORMS),
            LabelSet.of("五项工作内容", five_items or DEFAULT_FIVE_ITEMS),
            tuple(
                HonourSystemLabels(code, name, LabelSet.of(name, labels))
                for code, name, labels in systems
            ),
        )

    @classmethod
    def of(cls, given: Labels | None) -> CountyLabels:
        """The label sets county.yml's ``labels`` names, each defaulting when left out."""
        if given is None:
            return cls.from_config()
        return cls.from_config(
            given.honoree_categories,
            given.honour_levels,
            given.team_categories,
            given.platforms,
            given.five_items,
            honour_systems=_systems(given.honour_systems),
        )


def _systems(given: list[HonourSystem] | None) -> list[SystemConfig] | None:
    if given is None:
        return None
    return [(s.id, s.name, s.categories) for s in given]

"""Table-driven validator cases for menus and orders (site_plugins.service), shared with
tests/test_validator.py so that its "every code has a case" checks cover them."""

from __future__ import annotations

from dataclasses import dataclass, field

STATION = "stations/qingshi/zhangzhuang/"
MENU = "centre/menu/fanzha.md"
ORDER = STATION + "orders/2026-06-10-yizhen.md"
ACTIVITY = STATION + "activities/2026-06-19-yizhen.md"

# Lines: 1 ---, 2 title, 3 work, 4 team, 5 summary, 6 ---.
GOOD_MENU = """\
---
title: 防电信诈骗讲座
work: [宣传宣讲党的政策]
team: law
summary: 民警讲解常见骗局，现场教装反诈App
---

县公安局民警主讲。
"""

# Lines: 1 ---, 2 title, 3 date, 4 group, 5 menu, 6 assigned, 7 served, 8 review, 9 ---.
GOOD_ORDER = """\
---
title: 想请民警讲讲防诈骗
date: 2026-06-10
group: 二组群众
menu: centre:fanzha
assigned: {team: culture, date: 2026-06-11}
served: {activity: 2026-06-19-yizhen}
review: {satisfied: 20, basic: 2, unsatisfied: 1, date: 2026-06-20}
---

二组群众在村委会登记。
"""

GOOD_ACTIVITY = """\
---
title: 防诈骗讲座进村
date: 2026-06-19
team: theory
volunteers: 3
beneficiaries: 60
---

民警讲解常见骗局。
"""

EARLY_ACTIVITY = GOOD_ACTIVITY.replace("2026-06-19", "2026-06-01")


def order(old: str, new: str) -> str:
    assert old in GOOD_ORDER, old
    return GOOD_ORDER.replace(old, new)


# The county centre's teams: the menu item's ``team: law`` names the first of them.
CENTRE_YML = """\
teams:
  - id: law
    name: 县法律服务志愿服务支队
    category: 法律服务
    members: 52
"""


def files(**replace: str) -> dict[str, str | bytes]:
    """A county with a valid menu item, activity and order, ``replace`` by path key."""
    base: dict[str, str | bytes] = {
        "centre/centre.yml": CENTRE_YML,
        MENU: GOOD_MENU,
        ACTIVITY: GOOD_ACTIVITY,
        ORDER: GOOD_ORDER,
    }
    keys = {"menu": MENU, "order": ORDER, "activity": ACTIVITY}
    return {**base, **{keys[k]: v for k, v in replace.items()}}


@dataclass
class ServiceCase:
    id: str
    files: dict[str, str | bytes]
    code: str
    path: str
    line: int
    col: int
    extra: None = None
    message_has: list[str] = field(default_factory=list)


SERVICE_CASES = [
    ServiceCase(
        "order-names-a-person",
        files(order=order("group: 二组群众", "group: 村民赵大爷")),
        "PERSON_NAME",
        ORDER,
        4,
        8,
        message_has=["赵大爷", "二组群众"],
    ),
    ServiceCase(
        "order-names-a-nickname",
        files(order=order("group: 二组群众", "group: 返乡青年小张")),
        "PERSON_NAME",
        ORDER,
        4,
        8,
        message_has=["小张"],
    ),
    ServiceCase(
        "order-names-a-full-name",
        files(order=order("group: 二组群众", "group: 张桂芳")),
        "PERSON_NAME",
        ORDER,
        4,
        8,
    ),
    ServiceCase(
        "order-phone",
        files(order=order("group: 二组群众", "group: 二组群众13912345678")),
        "MOBILE_NUMBER",
        ORDER,
        4,
        12,
    ),
    ServiceCase(
        "order-unknown-menu-item",
        files(order=order("menu: centre:fanzha", "menu: centre:yizhen")),
        "UNKNOWN_MENU",
        ORDER,
        5,
        7,
        message_has=["centre:yizhen"],
    ),
    ServiceCase(
        "order-unknown-activity",
        files(order=order("activity: 2026-06-19-yizhen", "activity: 2026-06-20-yizhen")),
        "UNKNOWN_ACTIVITY",
        ORDER,
        7,
        20,
        message_has=["2026-06-20-yizhen"],
    ),
    ServiceCase(
        "order-served-before-it-was-made",
        {
            **files(order=order("activity: 2026-06-19-yizhen", "activity: 2026-06-01-yizhen")),
            STATION + "activities/2026-06-01-yizhen.md": EARLY_ACTIVITY,
        },
        "SERVICE_BEFORE_ORDER",
        ORDER,
        7,
        20,
        message_has=["2026-06-01", "2026-06-10"],
    ),
    ServiceCase(
        "review-without-counts",
        files(order=order("satisfied: 20, basic: 2, unsatisfied: 1, ", "")),
        "REVIEW_COUNTS",
        ORDER,
        8,
        9,
    ),
    ServiceCase(
        "review-all-zero",
        files(
            order=order(
                "satisfied: 20, basic: 2, unsatisfied: 1", "satisfied: 0, basic: 0, unsatisfied: 0"
            )
        ),
        "REVIEW_COUNTS",
        ORDER,
        8,
        9,
    ),
    ServiceCase(
        "review-before-the-service",
        files(order=order("date: 2026-06-20}", "date: 2026-06-18}")),
        "REVIEW_BEFORE_SERVICE",
        ORDER,
        8,
        57,
        message_has=["2026-06-18", "2026-06-19"],
    ),
    ServiceCase(
        "review-without-a-service",
        files(order=order("served: {activity: 2026-06-19-yizhen}\n", "")),
        "REVIEW_BEFORE_SERVICE",
        ORDER,
        7,
        9,
    ),
    ServiceCase(
        "menu-unknown-team",
        files(
            menu=GOOD_MENU.replace("team: law", "team: police"),
            order=order("menu: centre:fanzha\n", ""),
        ),
        "UNKNOWN_TEAM",
        MENU,
        4,
        7,
        message_has=["police", "centre:law"],
    ),
    ServiceCase(
        "order-unknown-assigned-team",
        files(order=order("team: culture", "team: nobody")),
        "UNKNOWN_TEAM",
        ORDER,
        6,
        18,
    ),
    ServiceCase(
        "order-assigned-before-it-was-made",
        files(order=order("date: 2026-06-11}", "date: 2026-06-09}")),
        "DATE_ORDER",
        ORDER,
        6,
        33,
    ),
    ServiceCase(
        "order-in-the-future",
        {
            STATION
            + "orders/2026-12-20-dongzhi.md": "---\ntitle: 冬至包饺子\ndate: 2026-12-20\ngroup: 老年协会\n---\n"
        },
        "FUTURE_DATE",
        STATION + "orders/2026-12-20-dongzhi.md",
        3,
        7,
    ),
]

# An activity still carrying the old order: field: published, with a warning.
# Lines: 1 ---, ..., 7 order:, 8 requested_by.
LEGACY_ACTIVITY = GOOD_ACTIVITY.replace(
    "---\n\n", "order:\n  requested_by: 二组群众\n  requested_on: 2026-06-10\n---\n\n"
)
SERVICE_WARNING_CASES = [
    ServiceCase(
        "activity-with-old-order-field",
        {ACTIVITY: LEGACY_ACTIVITY},
        "LEGACY_ORDER",
        ACTIVITY,
        8,
        3,
        message_has=["orders/", "served: {activity: 2026-06-19-yizhen}"],
    ),
]

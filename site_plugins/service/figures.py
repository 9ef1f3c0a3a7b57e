"""The 四单 figures, defined once: hubs, menu pages and the 通报 all count with these.

统计口径 (said under every table that shows them, see :data:`DEFINITIONS`):

* 点单: order files of the unit (a township counts its 实践所 and its stations; the county
  counts every unit), by their ``date``.
* 送单: orders whose ``served`` names an activity; counted at that activity's date.
* 办理天数: days from the order's date to the serving activity's date; the median of the
  served orders (an even count takes the mean of the middle two).
* 满意率: (满意 + 基本满意) ÷ everyone who reviewed, over the orders with a review.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from site_plugins.service.records import ServiceOrder

Month = tuple[int, int]

DEFINITIONS = (
    "点单：各单位 orders/ 中的点单记录，按点单日期统计；乡镇含实践所和所属实践站，全县含县中心。",
    "送单：写明送单活动的点单，按送单活动的日期统计；未送单的为办理中。",
    "办理天数：从点单日期到送单活动日期的天数，取中位数。",
    "满意率：（满意人数 + 基本满意人数）÷ 参加评单的总人数。",
)

# The 通报's 统计口径 for its 四单 table: counted over the period's months.
ORDER_RULES = (
    "点单：点单日期在本期内的点单记录；乡镇含实践所和所属实践站，全县含县中心。",
    "送单：送单活动的日期在本期内；办理天数取其中位数（点单日期到送单活动日期）。",
    "办理中：本期结束时已点单、尚未送单的。",
    "评单与满意率：评单日期在本期内；满意率 =（满意 + 基本满意）÷ 参加评单的总人数。",
)


@dataclass(frozen=True)
class OrderFigures:
    received: int
    served: int
    median_days: float | None
    reviews: int  # orders with a review
    voters: int  # residents who reviewed
    satisfied: int
    basic: int
    unsatisfied: int

    @property
    def open(self) -> int:
        return self.received - self.served

    @property
    def satisfaction(self) -> float | None:
        """满意率 in per cent, one decimal; None without a review."""
        if not self.voters:
            return None
        return round((self.satisfied + self.basic) * 100 / self.voters, 1)

    @property
    def median_text(self) -> str:
        return "—" if self.median_days is None else f"{self.median_days:g}"

    @property
    def satisfaction_text(self) -> str:
        rate = self.satisfaction
        return "—" if rate is None else f"{rate:g}%"


def order_figures(orders: Iterable[ServiceOrder]) -> OrderFigures:
    """Every figure of a set of orders (all time: the set decides the scope)."""
    received = served = reviews = voters = satisfied = basic = unsatisfied = 0
    days: list[int] = []
    for order in orders:
        received += 1
        if order.days_to_serve is not None:
            served += 1
            days.append(order.days_to_serve)
        if order.review is not None:
            reviews += 1
            voters += order.review.total
            satisfied += order.review.satisfied
            basic += order.review.basic
            unsatisfied += order.review.unsatisfied
    median = float(statistics.median(days)) if days else None
    return OrderFigures(received, served, median, reviews, voters, satisfied, basic, unsatisfied)


@dataclass(frozen=True)
class PeriodOrders:
    """What a 通报 counts for its months: orders taken, served and reviewed in them."""

    received: int
    served: int
    open_at_end: int  # taken by the period's end, not served by then
    median_days: float | None  # of the orders served in the period
    reviews: int
    satisfaction: float | None  # of the reviews given in the period

    @property
    def median_text(self) -> str:
        return "—" if self.median_days is None else f"{self.median_days:g}"

    @property
    def satisfaction_text(self) -> str:
        return "—" if self.satisfaction is None else f"{self.satisfaction:g}%"


def period_orders(orders: Iterable[ServiceOrder], months: Collection[Month]) -> PeriodOrders:
    last = max(months)
    received = served = open_at_end = reviews = 0
    days: list[int] = []
    good = voters = 0
    for order in orders:
        taken = (order.date.year, order.date.month)
        if taken in months:
            received += 1
        served_on = order.served_on
        if served_on is not None and (served_on.year, served_on.month) in months:
            served += 1
            days.append(order.days_to_serve or 0)
        if taken <= last and (served_on is None or (served_on.year, served_on.month) > last):
            open_at_end += 1
        review = order.review
        if review is not None and (review.date.year, review.date.month) in months:
            reviews += 1
            good += review.satisfied + review.basic
            voters += review.total
    return PeriodOrders(
        received,
        served,
        open_at_end,
        float(statistics.median(days)) if days else None,
        reviews,
        round(good * 100 / voters, 1) if voters else None,
    )

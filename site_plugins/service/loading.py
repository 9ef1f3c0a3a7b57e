"""Read every unit's ``menu/`` and ``orders/`` with the loader's machinery.

The loader walks the tree and hands the files it does not know to :func:`claim`; after
stations and activities are loaded, :func:`load_service` reads menus (all units first,
since an order may name another unit's item), then orders, then reports activities that
still carry the old ``order:`` field. Problems go to the loader's one list, located and
in Chinese, like every other file's; a file with an error is reported and left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from site_plugins.content.catalogue import (
    Activity,
    Station,
    Township,
    VolunteerTeam,
    resolve_team_ref,
)
from site_plugins.content.located import Reporter, YamlDoc
from site_plugins.content.problems import Problem, Severity
from site_plugins.service import people
from site_plugins.service.model import MenuItemFile, OrderFile
from site_plugins.service.records import CENTRE, Counts, MenuItem, ServiceOrder, ServiceRecords
from site_plugins.service.units import split_ref, team_choices

if TYPE_CHECKING:
    from site_plugins.content.loader import Loader
    from site_plugins.content.tree_walk import TreeWalk

SERVICE_FOLDERS = ("menu", "orders")
DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


def claim(
    loader: TreeWalk, parts: tuple[str, ...], path: Path, found: dict[str, list[Path]]
) -> bool:
    """Take ``path`` (its parts inside content/) when it lies in a unit's menu/ or
    orders/ folder; files there that are not Markdown are reported as misplaced."""
    if len(parts) < 3 or parts[-2] not in SERVICE_FOLDERS:
        return False
    head = parts[:-2]
    if head == ("centre",):
        unit = CENTRE
    elif head[0] == "stations" and len(head) in (2, 3):
        if not all(loader._check_folder_slug(path, slug) for slug in head[1:]):
            return True
        unit = "/".join(head[1:])
    else:
        return False
    if path.suffix != ".md":
        loader._unknown_file(path)
        return True
    found.setdefault(f"{unit}|{parts[-2]}", []).append(path)
    return True


@dataclass(frozen=True)
class _Units:
    """The units that loaded (the centre, valid townships and their valid stations) and
    every loaded unit's teams: what menu items and orders are checked against before the
    catalogue exists."""

    keys: frozenset[str]
    teams_of: Callable[[str], Iterable[VolunteerTeam]]

    def resolve_team(self, unit_key: str, ref: str) -> VolunteerTeam | None:
        return resolve_team_ref(self.teams_of, unit_key, ref)

    def team_choices(self, unit_key: str) -> str:
        return team_choices(self.teams_of, unit_key, unit_key in self.keys)


K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")
# What a service file's loading looked up besides its file: (lookup's name, key, found).
Looked = tuple[str, object, object]


class _Lookup(Generic[K, V]):
    """An index an order looks things up in (menu items, activities); while ``log`` is
    set, each lookup is written there, so that a remembered order knows what it named."""

    def __init__(self, name: str, items: dict[K, V]) -> None:
        self.name = name
        self.items = items
        self.log: list[Looked] | None = None

    def get(self, key: K) -> V | None:
        found = self.items.get(key)
        if self.log is not None:
            self.log.append((self.name, key, found))
        return found


@dataclass(frozen=True)
class _Outcome:
    """What loading one menu or order file gave (kept in the serve session's memo, with
    the file's reading): valid while the entries' context (``generation``: today, every
    unit's teams and keys), the loaded units and everything it looked up stay the same."""

    generation: tuple[int, frozenset[str]]
    looked: tuple[Looked, ...]
    record: object
    problems: tuple[Problem, ...]


def _reused(
    loader: Loader,
    what: tuple[str, str, Path],
    load: Callable[[], R],
    *,
    generation: tuple[int, frozenset[str]],
    lookups: Sequence[_Lookup[Any, Any]] = (),
) -> R:
    """``load()``, or with a memo the outcome of an earlier load of the unchanged file in
    the same circumstances, replayed: records and problems exactly as ``load`` gives them
    (checking 4,000 orders was a quarter of a serve rebuild's reading at budget scale)."""
    memo = loader.memo
    if memo is None:
        return load()
    kind, unit_key, path = what
    key = str(path)
    stamp = loader.file_stamp(path)
    kept = loader.remembered_file(key, stamp) if stamp is not None else None
    how = (kind, True, unit_key)
    outcome = kept.outcomes.get(how) if kept is not None else None
    if isinstance(outcome, _Outcome) and _holds(outcome, generation, lookups):
        loader.problems.extend(outcome.problems)
        return cast(R, outcome.record)
    before = len(loader.problems)
    log: list[Looked] = []
    for lookup in lookups:
        lookup.log = log
    try:
        record = load()
    finally:
        for lookup in lookups:
            lookup.log = None
    kept = memo.get(key)
    if kept is not None and kept.stamp == stamp:  # read (or replayed) by this load
        kept.outcomes[how] = _Outcome(
            generation, tuple(log), record, tuple(loader.problems[before:])
        )
    return record


def _holds(
    outcome: _Outcome, generation: tuple[int, frozenset[str]], lookups: Sequence[_Lookup[Any, Any]]
) -> bool:
    # The units' keys are compared by identity: one frozenset per change (see load_service).
    if outcome.generation[0] != generation[0] or outcome.generation[1] is not generation[1]:
        return False
    named = {lookup.name: lookup for lookup in lookups}
    return all(named[name].items.get(key) is found for name, key, found in outcome.looked)


def load_service(
    loader: Loader,
    found: dict[str, list[Path]],
    *,
    townships: Sequence[Township],
    stations: Sequence[Station],
    activities: Sequence[Activity],
) -> ServiceRecords:
    keys = frozenset([CENTRE, *(t.slug for t in townships), *(s.key for s in stations)])
    memo = loader.memo
    if memo is not None:  # the same keys, the same object: outcomes compare it by identity
        if memo.service_keys != keys:
            memo.service_keys = keys
        keys = memo.service_keys
    generation = (memo.generation if memo is not None else 0, keys)
    units = _Units(keys, lambda key: loader.teams.get(key, ()))
    menus: list[MenuItem] = []
    for key in sorted(k for k in found if k.endswith("|menu")):
        unit = key.split("|")[0]
        for path in found[key]:
            item = _reused(
                loader,
                ("menu", unit, path),
                partial(_load_menu_item, loader, units, unit, path),
                generation=generation,
            )
            if item is not None:
                menus.append(item)
    menu_index = _Lookup("menu", {(m.unit_key, m.slug): m for m in menus})
    activity_index = _Lookup("activity", {(a.station_key, a.slug): a for a in activities})
    orders: list[ServiceOrder] = []
    for key in sorted(k for k in found if k.endswith("|orders")):
        unit = key.split("|")[0]
        for path in found[key]:
            order = _reused(
                loader,
                ("order", unit, path),
                partial(
                    _load_order,
                    loader,
                    units,
                    unit,
                    path,
                    menus=menu_index,
                    activities=activity_index,
                ),
                generation=generation,
                lookups=(menu_index, activity_index),
            )
            if order is not None:
                orders.append(order)
    _report_legacy_orders(loader, activities)
    return ServiceRecords(tuple(menus), tuple(orders))


def _load_menu_item(loader: Loader, units: _Units, unit_key: str, path: Path) -> MenuItem | None:
    opened = loader.open_file(MenuItemFile, path)
    if opened is None:
        return None
    meta, doc, report = opened.meta, opened.doc, opened.report
    work = loader._work(meta.work or [], doc, report)
    team = None
    if meta.team is not None:
        team = units.resolve_team(unit_key, meta.team)
        if team is None:
            report.add(
                doc.locate(("team",)),
                "UNKNOWN_TEAM",
                f"找不到志愿服务队“{meta.team}”，这项服务没有人提供",
                f"可选：{units.team_choices(unit_key)}",
            )
    category = None
    if meta.category is not None:
        category = loader.resolve_label(
            loader.labels.team_categories, meta.category, doc, ("category",), report
        )
    elif team is not None:
        category = team.category
    publishable = opened.publishable(loader.error_count())
    if not publishable or unit_key not in units.keys or team is None or category is None:
        return None
    return MenuItem(
        unit_key,
        path.stem,
        meta,
        work,
        category,
        team,
        opened.body,
        loader.rel(path),
        opened.origin,
    )


def _future(
    loader: Loader, doc: YamlDoc, report: Reporter, where: tuple[str, ...], what: str
) -> None:
    report.add(
        doc.locate(where),
        "FUTURE_DATE",
        f"{what}晚于今天（{loader.today}）：四单只记已经发生的事",
        f"等事情办了再写；若日期写错，请改正，例如 date: {loader.today}",
    )


def _load_order(
    loader: Loader,
    units: _Units,
    unit_key: str,
    path: Path,
    *,
    menus: _Lookup[tuple[str, str], MenuItem],
    activities: _Lookup[tuple[str, str], Activity],
) -> ServiceOrder | None:
    opened = loader.open_file(OrderFile, path)
    if opened is None:
        return None
    meta, doc, report = opened.meta, opened.doc, opened.report
    date = meta.date
    prefix = DATE_PREFIX.match(path.name)
    if date and prefix and prefix.group(1) != date.isoformat():
        report.add(
            doc.locate(("date",)),
            "PATH_MISMATCH",
            f"文件名的日期是 {prefix.group(1)}，但 date 写的是 {date.isoformat()}",
            "让两者一致：改正 date，或重命名文件",
        )
    if date and date > loader.today:
        _future(loader, doc, report, ("date",), f"点单日期 {date} ")
    if meta.group is not None:
        person = people.person_in(meta.group)
        if person:
            report.add(
                doc.locate(("group",)),
                "PERSON_NAME",
                f"“{person}”像是个人的称呼：点单信息会公开，不能写个人姓名",
                "写群体，例如 group: 二组群众、东组老年协会、留守儿童家长",
            )
    menu_item = None
    if meta.menu is not None:
        named, slug = split_ref(meta.menu)
        menu_item = menus.get((named or unit_key, slug))
        if menu_item is None:
            report.add(
                doc.locate(("menu",)),
                "UNKNOWN_MENU",
                f"菜单里没有“{meta.menu}”这一项",
                "写菜单文件名（不含 .md），本单位的直接写，其他单位的写“单位:文件名”，"
                "例如 menu: centre:fanzha-jiangzuo；菜单以外的需求删除 menu 这一行",
            )
    team = None
    if meta.assigned is not None:
        team = units.resolve_team(unit_key, meta.assigned.team)
        if team is None:
            report.add(
                doc.locate(("assigned", "team")),
                "UNKNOWN_TEAM",
                f"找不到志愿服务队“{meta.assigned.team}”",
                f"可选：{units.team_choices(unit_key)}",
            )
        if date and meta.assigned.date < date:
            report.add(
                doc.locate(("assigned", "date")),
                "DATE_ORDER",
                f"配单日期 {meta.assigned.date} 早于点单日期 {date}",
                f"改正日期，例如 date: {date}",
            )
        if meta.assigned.date > loader.today:
            _future(loader, doc, report, ("assigned", "date"), f"配单日期 {meta.assigned.date} ")
    activity = None
    if meta.served is not None:
        named, slug = split_ref(meta.served.activity)
        activity = activities.get((named or unit_key, slug))
        if activity is None:
            report.add(
                doc.locate(("served", "activity")),
                "UNKNOWN_ACTIVITY",
                f"找不到活动报道“{meta.served.activity}”",
                "先提交那次活动的报道，再写它的文件名（不含 .md）；其他单位的活动写“单位:文件名”，"
                "例如 activity: qingshi/zhangzhuang:2026-10-15-fanzha",
            )
        elif date and activity.date < date:
            report.add(
                doc.locate(("served", "activity")),
                "SERVICE_BEFORE_ORDER",
                f"活动 {activity.date} 开展，早于点单日期 {date}：不是这次点单送的服务",
                "改写真正送单的那次活动，或改正点单日期",
            )
    review = _review(loader, meta, doc, report, activity)
    if not opened.publishable(loader.error_count()) or unit_key not in units.keys:
        return None
    return ServiceOrder(
        unit_key,
        path.stem,
        meta,
        menu_item,
        team,
        activity,
        review,
        loader.rel(path),
        opened.origin,
    )


def _review(
    loader: Loader, meta: OrderFile, doc: YamlDoc, report: Reporter, activity: Activity | None
) -> Counts | None:
    given = meta.review
    if given is None:
        return None
    numbers = (given.satisfied, given.basic, given.unsatisfied)
    if any(n is None for n in numbers) or sum(n or 0 for n in numbers) == 0:
        report.add(
            doc.locate(("review",)),
            "REVIEW_COUNTS",
            "评单要写满意、基本满意、不满意各有多少人（至少一人评价）",
            "例如 review: {satisfied: 25, basic: 3, unsatisfied: 0, date: 2026-10-16}",
        )
        return None
    if meta.served is None:
        report.add(
            doc.locate(("review",)),
            "REVIEW_BEFORE_SERVICE",
            "还没有送单（served）就有了评单",
            "先写送单：served: {activity: 活动文件名}，再写评单",
        )
    elif activity is not None and given.date < activity.date:
        report.add(
            doc.locate(("review", "date")),
            "REVIEW_BEFORE_SERVICE",
            f"评单日期 {given.date} 早于送单活动日期 {activity.date}",
            f"改正日期，例如 date: {activity.date}",
        )
    if given.date > loader.today:
        _future(loader, doc, report, ("review", "date"), f"评单日期 {given.date} ")
    satisfied, basic, unsatisfied = (n or 0 for n in numbers)
    return Counts(satisfied, basic, unsatisfied, given.date, given.comment)


def _report_legacy_orders(loader: Loader, activities: Sequence[Activity]) -> None:
    """The ``order:`` field on activities predates order files: still accepted and shown,
    but not counted in the 四单 figures, so the clerk is told how to move it."""
    for activity in activities:
        if activity.meta.order is None:
            continue
        Reporter(activity.origin.path, loader.problems).add(
            activity.origin.at("order"),
            "LEGACY_ORDER",
            "活动里的 order（点单）是旧写法，不计入四单统计",
            f"在本站 orders/ 里新建点单记录（例如 orders/{activity.slug}.md），"
            f"送单写 served: {{activity: {activity.slug}}}，然后删除这里的 order",
            Severity.WARNING,
        )

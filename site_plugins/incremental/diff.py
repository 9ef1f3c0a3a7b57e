"""What changed between two builds' catalogues, as the dependency names pages declare.

Every planned page names the records it is drawn from (``PlannedPage.depends``, see
:mod:`site_plugins.plans`). This module fingerprints one build's inputs: one digest for
what every page shows (the county, its townships, the themes, the reference date, the
configuration and the templates) and one per record (``activity:<key>/<slug>``,
``honoree:…``, ``plan:…``, ``station:<key>``). Comparing two fingerprints gives the
names whose records changed, appeared or vanished, plus the names of the sets they
belong to (``activities``, ``station:<key>``…), or ``None`` when the whole site must be
rebuilt. Pure functions over plain data: no MkDocs here.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from site_plugins.content.catalogue import Activity, Catalogue, Honoree, Plan, Station
from site_plugins.plans import (
    COUNTED,
    PLAN_REPORTS,
    UNITS,
    Dependency,
    counted_dependency,
    month_counts_dependency,
    theme_month_dependency,
    theme_units_dependency,
    township_honorees,
    township_theme_month_dependency,
)

# The record kinds whose edits are followed one by one, and the set each belongs to:
# entries, and the 文明实践菜单's items and 四单 orders (site_plugins.service).
_COLLECTIONS = {
    "activity": "activities",
    "honoree": "honorees",
    "plan": "plans",
    "menu": "service",
    "order": "service",
}
CENTRE = "centre"  # the county centre's unit key, and the name of its own record
# Sets made from other records (count_digests), not records: they stand for nothing else.
_DERIVED = frozenset({"counted", "month-counts", "plan-reports", "theme-units"})


@dataclass(frozen=True)
class Fingerprint:
    """One build's inputs: ``whole`` for what every page shows, ``records`` by name."""

    whole: str
    records: Mapping[Dependency, str]


def digest(*parts: object) -> str:
    """A short, stable digest of the ``repr`` of plain records (dataclasses, pydantic)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _fields(record: object) -> tuple[object, ...]:
    """A record's fields except ``origin`` (lines and columns, which no page shows)."""
    assert dataclasses.is_dataclass(record)
    return tuple(getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "origin")


# An entry's file part (its validated fields and its body) digested, by the identity of
# its fields: ``mkdocs serve`` keeps the same validated object for a file that did not
# change (content.file_reading), and the repr of 30,000 validated models was most of
# fingerprinting a county. Each build's memo holds only the entries it saw.
DigestMemo = dict[int, tuple[object, object, str]]
_OWN = ("origin", "meta", "body")


def _entry_digest(
    record: Activity | Honoree | Plan, memo: DigestMemo, seen: DigestMemo, *extra: object
) -> str:
    meta, body = record.meta, record.body
    kept = memo.get(id(meta))
    if kept is not None and kept[0] is meta and kept[1] is body:
        own = kept[2]
    else:
        own = digest(meta, body)
    seen[id(meta)] = (meta, body, own)
    rest = [getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in _OWN]
    return digest(own, rest, *extra)


def _kept_digest(
    record: Activity | Honoree | Plan, memo: DigestMemo, seen: DigestMemo, *extra: object
) -> str:
    """``_entry_digest``, or the last build's when this is the very record it digested
    (``mkdocs serve`` keeps an unchanged entry's record: content.entry_reuse) with equal
    ``extra`` (plain frozen dataclasses and tuples, whose ``==`` follows their repr)."""
    kept = memo.get(id(record))
    if kept is not None and kept[0] is record and kept[1] == extra:
        found = kept[2]
        own = memo.get(id(record.meta))
        if own is not None:
            seen[id(record.meta)] = own
    else:
        found = _entry_digest(record, memo, seen, *extra)
    seen[id(record)] = (record, extra, found)
    return found


def _fields_digest(record: object, meta: object, memo: DigestMemo, seen: DigestMemo) -> str:
    """``digest(_fields(record))``, or the last build's when ``record`` was made from the
    same file object (``meta``, kept while its file is unchanged) and its fields are
    equal: comparing them is cheap where they are the same objects (an order's activity),
    while their repr held whole activities (a third of a rebuild's fingerprint)."""
    fields = _fields(record)
    kept = memo.get(id(meta))
    if kept is not None and kept[0] is meta and kept[1] == fields:
        found = kept[2]
    else:
        found = digest(fields)
    seen[id(meta)] = (meta, fields, found)
    return found


def whole_digest(catalogue: Catalogue, extra: Iterable[bytes] = ()) -> str:
    """What changes every page (or too many to follow): the county, its townships (names in
    every breadcrumb), the centre's own file, the themes, the reference date, the other
    pages; ``extra`` is the configuration and templates, as bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(
        digest(
            catalogue.county,
            [_fields(t) for t in catalogue.townships],
            [_fields(y) for y in catalogue.theme_years],
            catalogue.reference_date,
            catalogue.pages,
            # centre.yml, like county.yml: the centre's name, office and venues are shown
            # on many pages (and it changes seldom).
            _fields(catalogue.centre) if catalogue.centre is not None else None,
        ).encode()
    )
    for part in extra:
        hasher.update(hashlib.blake2b(part, digest_size=16).digest())
    return hasher.hexdigest()


def record_name(record: Activity | Honoree | Plan | Station) -> Dependency:
    """The dependency name a page uses for ``record`` (see :mod:`site_plugins.plans`)."""
    if isinstance(record, Station):
        return f"station:{record.key}"
    kind = {Activity: "activity", Honoree: "honoree", Plan: "plan"}[type(record)]
    return f"{kind}:{record.station_key}/{record.slug}"


def record_digests(
    catalogue: Catalogue,
    photos: Mapping[str, object] | None = None,
    memo: DigestMemo | None = None,
) -> dict[Dependency, str]:
    """Every followed record's digest by name; an entry's photos' renditions count too
    (a replaced photo keeps its path but not its sizes). ``memo``: the last build's
    (see :data:`DigestMemo`); it is replaced by this build's."""
    photos = photos or {}
    last = dict(memo) if memo is not None else {}
    seen: DigestMemo = {}
    found: dict[Dependency, str] = {}
    for station in catalogue.stations:
        found[record_name(station)] = digest(_fields(station))
        # The station's own record alone (plans.unit_record): ``station:<key>`` also
        # stands for every record in it.
        found[f"unit:{station.key}"] = found[record_name(station)]
    service = catalogue.service
    for activity in catalogue.activities:
        shown = [photos.get(ref.src) for ref in activity.photos]
        # Its page names the 点单 it answered: the order's own fields, from the order file.
        order = service.order_served_by(activity) if service is not None else None
        answered = (order.unit_key, order.slug, order.meta) if order is not None else None
        found[record_name(activity)] = _kept_digest(activity, last, seen, shown, answered)
    for honoree in catalogue.honorees:
        shown = [photos.get(honoree.photo.src)] if honoree.photo is not None else []
        found[record_name(honoree)] = _kept_digest(honoree, last, seen, shown)
    for plan in catalogue.plans:
        found[record_name(plan)] = _kept_digest(plan, last, seen)
    if memo is not None:
        memo.clear()
        memo.update(seen)
    # (this build's memo is filled by now: the service's digests go straight into it)
    found.update(_service_digests(catalogue, last, memo if memo is not None else {}))
    found.update(_team_digests(catalogue, found))
    found.update(_theme_month_digests(catalogue, found))
    found.update(count_digests(catalogue))
    # Every station's own record as one set: pages that name every station (a month's
    # table by township) but none of their entries.
    found[UNITS] = digest(sorted((s.key, found[f"unit:{s.key}"]) for s in catalogue.stations))
    # Not a record but a set some pages show whole: the months that have activities (every
    # 通报 links to every month's).
    found["months"] = digest(sorted(catalogue.activity_months))
    return found


def _service_digests(
    catalogue: Catalogue, memo: DigestMemo, seen: DigestMemo
) -> dict[Dependency, str]:
    """The 文明实践菜单's items (``menu:<unit>/<slug>``) and 四单 orders
    (``order:<unit>/<slug>``; with the menu item, team and activity they name, as the
    order tables show them), and each unit's menu as a set (``menus:<unit>``: the menu
    pages of the units below link to it while it has items, and their forms offer its
    items). ``memo``, ``seen``: as for entries (see :func:`_fields_digest`)."""
    service = catalogue.service
    if service is None:
        return {}
    found: dict[Dependency, str] = {}
    for item in service.menu_items:
        found[f"menu:{item.unit_key}/{item.slug}"] = _fields_digest(item, item.meta, memo, seen)
    for order in service.orders:
        name = f"order:{order.unit_key}/{order.slug}"
        found[name] = _fields_digest(order, order.meta, memo, seen)
    for unit in service.units_with_menus:
        items = [found[f"menu:{unit}/{m.slug}"] for m in service.menu_of(unit)]
        found[f"menus:{unit}"] = digest(items)
    return found


def _theme_month_digests(
    catalogue: Catalogue, found: Mapping[Dependency, str]
) -> dict[Dependency, str]:
    """Each theme month's activities as a set, the county's (``theme-month:<y>-<m>``) and
    each township's or the centre's (``theme-month:<y>-<m>:<scope>``), their full digests
    (those pages list titles): an edit in May redraws May's theme pages, not all twelve;
    a date moved to June changes both months' sets."""
    months: dict[Dependency, list[str]] = {}
    for activity in catalogue.activities:
        year, scope = activity.date.year, activity.unit_key.split("/", 1)[0]
        own = found[record_name(activity)]
        months.setdefault(theme_month_dependency(year, activity.theme_month), []).append(own)
        theme = township_theme_month_dependency(year, activity.theme_month, scope)
        months.setdefault(theme, []).append(own)
    return {name: digest(sorted(values)) for name, values in months.items()}


def counted_fields(activity: Activity) -> tuple[object, ...]:
    """What a count, a ranking or a chart reads of an activity (``counted``): its unit,
    month, category, 五项 items, people and hours, the theme month it serves and the plan
    it reports (a 通报 lists the plans nobody reported); not its title, body or photos."""
    meta = activity.meta
    return (
        activity.unit_key,
        activity.date.year,
        activity.date.month,
        activity.category,
        activity.work,
        meta.volunteers,
        meta.beneficiaries,
        meta.service_hours,
        activity.theme_month,
        meta.plan,
    )


def count_digests(catalogue: Catalogue) -> dict[Dependency, str]:
    """The sets lists and counts are drawn from (see :mod:`site_plugins.plans`): which
    plans have a report (``plan-reports``); every activity's counted fields
    (``counted``), by month for the county and for each township or the centre
    (``counted:<year>-<month>[:<scope>]``); each unit's activities per month
    (``month-counts:<unit>``, and ``month-counts:<unit>:<year>-<month>``); each theme
    month's activities per unit (``theme-units:<year>-<month>``). A date moved to another
    month changes both months' sets."""
    # Grouped by (year, month, scope) first: the county's month and ``counted`` are then
    # digests of those groups' digests (a county of 30,000 activities is fingerprinted on
    # every rebuild).
    groups: dict[tuple[int, int, str], list[str]] = {}
    theme_units: dict[Dependency, dict[str, int]] = {}
    months: dict[str, dict[tuple[int, int], int]] = {}
    reports: list[str] = []
    for activity in catalogue.activities:
        date, unit = activity.date, activity.unit_key
        scope = unit.split("/", 1)[0]  # a township's slug, or the centre
        key = (date.year, date.month, scope)
        groups.setdefault(key, []).append(repr(counted_fields(activity)))
        units = theme_units.setdefault(theme_units_dependency(date.year, activity.theme_month), {})
        units[unit] = units.get(unit, 0) + 1
        per_month = months.setdefault(unit, {})
        per_month[key[:2]] = per_month.get(key[:2], 0) + 1
        if activity.meta.plan:
            reports.append(repr((unit, activity.meta.plan)))
    digests: dict[Dependency, str] = {}
    by_month: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for (year, month, scope), values in groups.items():
        group = digest(sorted(values))
        digests[counted_dependency(year, month, scope)] = group
        by_month.setdefault((year, month), []).append((scope, group))
    for (year, month), scopes in by_month.items():
        digests[counted_dependency(year, month)] = digest(sorted(scopes))
    digests[COUNTED] = digest(sorted((name, value) for name, value in digests.items()))
    if reports:
        digests[PLAN_REPORTS] = digest(sorted(reports))
    digests.update((name, digest(sorted(units.items()))) for name, units in theme_units.items())
    for unit, counts in months.items():
        digests[month_counts_dependency(unit)] = digest(sorted(counts.items()))
        for month_of, count in counts.items():
            digests[month_counts_dependency(unit, month_of)] = digest(count)
    return digests


def _team_digests(catalogue: Catalogue, found: Mapping[Dependency, str]) -> dict[Dependency, str]:
    """Each team's activities in any unit (``team:<ref>``), as its page lists them: the
    activities' own digests and their stations' (whose names the list shows)."""
    return {
        f"team:{team.ref}": digest(
            [
                (found[record_name(a)], found.get(f"station:{a.unit_key}"))
                for a in catalogue.team_activities(team)
            ]
        )
        for team in catalogue.teams
    }


def fingerprint(
    catalogue: Catalogue, photos: Mapping[str, object] | None = None, extra: Iterable[bytes] = ()
) -> Fingerprint:
    return Fingerprint(whole_digest(catalogue, extra), record_digests(catalogue, photos))


def changed(before: Fingerprint, after: Fingerprint) -> frozenset[Dependency] | None:
    """The names whose records changed, appeared or vanished, and the sets that hold them;
    ``None`` when what every page shows changed (rebuild everything)."""
    if before.whole != after.whole:
        return None
    names = set(before.records).symmetric_difference(after.records)
    names.update(
        name for name, value in after.records.items() if before.records.get(name, value) != value
    )
    return frozenset(_with_sets(names))


def _with_sets(names: Iterable[Dependency]) -> set[Dependency]:
    """Each name with the sets it is counted in: an entry belongs to its station (whose
    pages list it and whose entries link to their neighbours), to its township (whose 通报
    and month pages count it; ``station:`` and ``township:`` name a place and everything
    in it; the centre's entries also to ``centre``) and to its kind's set; menu items and
    orders likewise (their set is ``service``); every record counts in ``stations`` (the
    station index, feeds and guide summarise them)."""
    found: set[Dependency] = set()
    for name in names:
        kind, _, key = name.partition(":")
        if not key or kind in _DERIVED:
            found.add(name)  # a set ("months"), not a record
            continue
        found.update((name, "stations"))
        if kind in _COLLECTIONS or kind == "station":
            found.add(f"township:{key.split('/')[0]}")
        if kind in _COLLECTIONS:
            unit = key.rsplit("/", 1)[0]
            found.add(_COLLECTIONS[kind])
            found.add(f"station:{unit}")
            if kind == "honoree":  # a township's 通报 names its own honorees only
                found.add(township_honorees(key.split("/")[0]))
            if unit == CENTRE:  # the centre's own pages name it so (practice.plans)
                found.add(CENTRE)
        if kind == "menus":
            found.add("service")
    return found


def is_stale(depends: frozenset[Dependency], changes: frozenset[Dependency] | None) -> bool:
    """Whether a page with these dependencies must be drawn again. A page that names no
    dependency could show anything: it is always drawn again."""
    return changes is None or not depends or not depends.isdisjoint(changes)

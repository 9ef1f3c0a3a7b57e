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
import operator
from collections.abc import Callable, Hashable, Iterable, Mapping
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
    getter = _GETTERS.get(type(record))
    if getter is None:
        assert dataclasses.is_dataclass(record)
        names = [f.name for f in dataclasses.fields(record) if f.name != "origin"]
        # (one getter per class: ``dataclasses.fields`` per record was a tenth of a rebuild)
        many = operator.attrgetter(*names, names[0])  # always a tuple, one too many
        getter = _GETTERS[type(record)] = lambda r: many(r)[:-1]
    return getter(record)


_GETTERS: dict[type, Callable[[object], tuple[object, ...]]] = {}


# An entry's file part (its validated fields and its body) digested, by the identity of
# its fields: ``mkdocs serve`` keeps the same validated object for a file that did not
# change (content.file_reading), and the repr of 30,000 validated models was most of
# fingerprinting a county.
Memo = dict[int, tuple[object, object, str]]
_OWN = ("origin", "meta", "body")


def _entry_digest(record: Activity | Honoree | Plan, memo: Memo, *extra: object) -> str:
    meta, body = record.meta, record.body
    kept = memo.get(id(meta))
    if kept is not None and kept[0] is meta and kept[1] is body:
        own = kept[2]
    else:
        own = digest(meta, body)
        memo[id(meta)] = (meta, body, own)
    rest = [getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in _OWN]
    return digest(own, rest, *extra)


def _fields_digest(record: object, meta: object, memo: Memo, seen: Memo) -> str:
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
    (a replaced photo keeps its path but not its sizes). ``memo``: a serve session's,
    which digests only what changed since its last build (see :class:`DigestMemo`)."""
    photos = photos or {}
    if memo is not None:
        return memo.update(catalogue, photos)
    answered = _answered(catalogue)
    own: Memo = {}
    found: dict[Dependency, str] = {}
    for station in catalogue.stations:
        found[record_name(station)] = digest(_fields(station))
        # The station's own record alone (plans.unit_record): ``station:<key>`` also
        # stands for every record in it.
        found[f"unit:{station.key}"] = found[record_name(station)]
    for record in _entries(catalogue):
        found[record_name(record)] = _entry_digest(record, own, *_extra(record, photos, answered))
    found.update(_service_digests(catalogue, {}, {}))
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


Answered = dict[tuple[str, str], tuple[str, str, object]]


def _entries(catalogue: Catalogue) -> tuple[Activity | Honoree | Plan, ...]:
    return (*catalogue.activities, *catalogue.honorees, *catalogue.plans)


def _answered(catalogue: Catalogue) -> Answered:
    """The 点单 each activity answered, by the activity's (unit, slug): the order's own
    fields, from the order file (an activity's page names it)."""
    if catalogue.service is None:
        return {}
    orders = catalogue.service.orders_by_activity
    return {key: (order.unit_key, order.slug, order.meta) for key, order in orders.items()}


def _extra(
    record: Activity | Honoree | Plan, photos: Mapping[str, object], answered: Answered
) -> tuple[object, ...]:
    """What an entry's digest adds to its record: its photos' renditions, and for an
    activity the order it answered."""
    if isinstance(record, Activity):
        shown = [photos.get(ref.src) for ref in record.photos]
        return (shown, answered.get((record.unit_key, record.slug)))
    if isinstance(record, Honoree):
        return ([photos.get(record.photo.src)] if record.photo is not None else [],)
    return ()


def _service_digests(catalogue: Catalogue, memo: Memo, seen: Memo) -> dict[Dependency, str]:
    """The 文明实践菜单's items (``menu:<unit>/<slug>``) and 四单 orders
    (``order:<unit>/<slug>``; with the menu item, team and activity they name, as the
    order tables show them), and each unit's menu as a set (``menus:<unit>``: the menu
    pages of the units below link to it while it has items, and their forms offer its
    items). ``memo``: the last build's, ``seen`` this build's (see :func:`_fields_digest`)."""
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


# --- a serve session's digests, made again only for what changed ----------------------
#
# ``mkdocs serve`` keeps an unchanged entry's record from one load to the next (the very
# object: content.entry_reuse), and every record is held here, so a record held is one
# whose id is still among the catalogue's. Digesting a county afresh walked all of its
# 30,000 activities (most of a rebuild's fingerprint); the memo instead takes the records
# that came and went, moves their parts in and out of the sets they count in (bags of
# values with their multiplicities), and digests again only the sets they touched. The
# digests are those :func:`record_digests` gives without a memo (tests compare them).

_Bag = dict[Hashable, int]  # a value and how many records gave it
_Part = tuple[tuple[Hashable, ...], Hashable]  # (bag key, value)


@dataclass(frozen=True)
class _Held:
    record: Activity | Honoree | Plan
    name: Dependency
    extra: tuple[object, ...]
    digest: str
    parts: tuple[_Part, ...]


def _parts(activity: Activity, own: str) -> tuple[_Part, ...]:
    """The sets an activity counts in (see :func:`count_digests`, :func:`_team_digests`,
    :func:`_theme_month_digests`), each as a bag key and the value it adds."""
    date, unit, month = activity.date, activity.unit_key, activity.theme_month
    scope = unit.split("/", 1)[0]
    parts: list[_Part] = [
        (("counted", date.year, date.month, scope), repr(counted_fields(activity))),
        (("theme-units", date.year, month), unit),
        (("month-counts", unit), (date.year, date.month)),
        (("theme-month", date.year, month, ""), own),
        (("theme-month", date.year, month, scope), own),
        (("months",), (date.year, date.month)),
    ]
    if activity.meta.plan:
        parts.append((("reports",), repr((unit, activity.meta.plan))))
    if activity.team is not None:
        ref = activity.team.ref
        parts.append((("team", ref), (date, unit, activity.slug, own)))
        parts.append((("unit-teams", unit), ref))
    return tuple(parts)


def _sorted(bag: _Bag) -> list[Hashable]:
    """A bag's values, each as often as it was given, sorted."""
    return sorted(value for value, times in bag.items() for _ in range(times))  # type: ignore[type-var]


class DigestMemo:
    """A serve session's last build: its digests, the records they were made from and
    the sets those records count in."""

    def __init__(self) -> None:
        self._found: dict[Dependency, str] = {}
        self._own: Memo = {}  # entries' file parts digested, by the identity of their fields
        self._held: dict[int, _Held] = {}  # by the record's id
        self._pictured: set[int] = set()  # records held that show photos
        self._activities: dict[Dependency, int] = {}  # activities held, by name
        self._answered: Answered = {}
        self._bags: dict[tuple[Hashable, ...], _Bag] = {}
        self._keys: dict[tuple[Hashable, ...], tuple[Hashable, ...]] = {}
        self._published: dict[tuple[Hashable, ...], tuple[Dependency, ...]] = {}
        self._stations: dict[str, tuple[tuple[object, ...], str]] = {}
        self._service: Memo = {}
        self._service_names: frozenset[Dependency] = frozenset()
        self._teams: frozenset[Dependency] = frozenset()

    def __len__(self) -> int:
        return len(self._held)

    def update(self, catalogue: Catalogue, photos: Mapping[str, object]) -> dict[Dependency, str]:
        """This build's digests (as :func:`record_digests`); remember them."""
        try:
            return self._update(catalogue, photos)
        except BaseException:
            self.__init__()  # type: ignore[misc]  # half updated: start afresh next time
            raise

    def _update(self, catalogue: Catalogue, photos: Mapping[str, object]) -> dict[Dependency, str]:
        first = not self._found
        found = dict(self._found)  # the last build's stays as the caller holds it
        moved = self._station_digests(catalogue, found)
        touched: set[tuple[Hashable, ...]] = set()
        self._entry_digests(catalogue, photos, found, touched)
        for unit in moved:  # a team's list shows its activities' stations
            touched.update(("team", ref) for ref in self._bags.get(("unit-teams", unit), ()))
        seen: Memo = {}
        service = _service_digests(catalogue, self._service, seen)
        self._service = seen
        for name in self._service_names.difference(service):
            del found[name]
        found.update(service)
        self._service_names = frozenset(service)
        self._publish(touched, found, first)
        self._team_digests(catalogue, touched, found)
        if moved or first:
            stations = catalogue.stations
            found[UNITS] = digest(sorted((s.key, found[f"unit:{s.key}"]) for s in stations))
        self._found = found
        return found

    def _station_digests(self, catalogue: Catalogue, found: dict[Dependency, str]) -> set[str]:
        """Each station's digest, made again when its fields are not equal to the last
        build's (station files are read again on every load); the keys that changed."""
        last, self._stations = self._stations, {}
        moved: set[str] = set()
        for station in catalogue.stations:
            key, fields = station.key, _fields(station)
            kept = last.pop(key, None)
            if kept is not None and kept[0] == fields:
                self._stations[key] = kept
                continue
            self._stations[key] = (fields, digest(fields))
            found[f"station:{key}"] = found[f"unit:{key}"] = self._stations[key][1]
            moved.add(key)
        for key in last:  # gone
            del found[f"station:{key}"], found[f"unit:{key}"]
            moved.add(key)
        return moved

    def _entry_digests(
        self,
        catalogue: Catalogue,
        photos: Mapping[str, object],
        found: dict[Dependency, str],
        touched: set[tuple[Hashable, ...]],
    ) -> None:
        """Activities, honorees and plans: those new (or no longer held), and those held
        whose photos or answered order are not what they were, are digested again."""
        held = self._held
        records = _entries(catalogue)
        ids = set(map(id, records))
        gone = held.keys() - ids
        new = [r for r in records if id(r) not in held]
        answered = _answered(catalogue)
        last, self._answered = self._answered, answered
        again = self._pictured & ids
        for key in last.keys() | answered.keys():
            if last.get(key) != answered.get(key):
                index = self._activities.get(f"activity:{key[0]}/{key[1]}")
                if index is not None and index in ids:
                    again.add(index)
        for index in again:
            record = held[index].record
            if _extra(record, photos, answered) != held[index].extra:
                gone.add(index)
                new.append(record)
        dropped = [self._drop(held.pop(index), found, touched) for index in gone]
        for record in new:
            self._hold(record, photos, answered, found, touched)
        # Forget the file parts of records gone for good (not those made again).
        kept_fields = {id(record.meta) for record in new}
        for record in dropped:
            entry = self._own.get(id(record.meta))
            if entry is not None and entry[0] is record.meta and id(record.meta) not in kept_fields:
                del self._own[id(record.meta)]

    def _drop(
        self, held: _Held, found: dict[Dependency, str], touched: set[tuple[Hashable, ...]]
    ) -> Activity | Honoree | Plan:
        record = held.record
        del found[held.name]
        self._pictured.discard(id(record))
        if self._activities.get(held.name) == id(record):
            del self._activities[held.name]
        for key, value in held.parts:
            bag = self._bags[key]
            bag[value] -= 1
            if not bag[value]:
                del bag[value]
            touched.add(key)
        return record

    def _hold(
        self,
        record: Activity | Honoree | Plan,
        photos: Mapping[str, object],
        answered: Answered,
        found: dict[Dependency, str],
        touched: set[tuple[Hashable, ...]],
    ) -> None:
        extra = _extra(record, photos, answered)
        own = _entry_digest(record, self._own, *extra)
        name = record_name(record)
        parts = _parts(record, own) if isinstance(record, Activity) else ()
        # One key object per set, not one per record (30,000 records hold ten parts each).
        parts = tuple((self._keys.setdefault(key, key), value) for key, value in parts)
        self._held[id(record)] = _Held(record, name, extra, own, parts)
        found[name] = own
        if isinstance(record, Activity):
            self._activities[name] = id(record)
        if extra and extra[0]:  # photos shown (their renditions may change)
            self._pictured.add(id(record))
        for key, value in parts:
            bag = self._bags.setdefault(key, {})
            bag[value] = bag.get(value, 0) + 1
            touched.add(key)

    def _publish(
        self, touched: set[tuple[Hashable, ...]], found: dict[Dependency, str], first: bool
    ) -> None:
        """Digest again the sets whose members changed (see :func:`count_digests`)."""
        bags = self._bags
        months = {key[1:3] for key in touched if key[0] == "counted"}
        for key in touched:
            if key[0] in ("team", "unit-teams"):
                continue  # (teams: _team_digests; which teams a unit's activities name)
            bag = bags.get(key, {})
            names: dict[Dependency, str] = {}
            if key[0] == "counted" and bag:
                names[counted_dependency(*key[1:4])] = digest(_sorted(bag))  # type: ignore[arg-type]
            elif key[0] == "theme-units" and bag:
                names[theme_units_dependency(*key[1:3])] = digest(sorted(bag.items()))  # type: ignore[arg-type]
            elif key[0] == "month-counts" and bag:
                unit = str(key[1])
                names[month_counts_dependency(unit)] = digest(sorted(bag.items()))
                names.update(
                    (month_counts_dependency(unit, month), digest(count))  # type: ignore[arg-type]
                    for month, count in bag.items()
                )
            elif key[0] == "theme-month" and bag:
                year, month, scope = key[1:4]
                name = theme_month_dependency(year, month)  # type: ignore[arg-type]
                names[f"{name}:{scope}" if scope else name] = digest(_sorted(bag))
            elif key[0] == "reports" and bag:
                names[PLAN_REPORTS] = digest(_sorted(bag))
            self._replace(key, names, found)
            if not bag:
                bags.pop(key, None)
                self._keys.pop(key, None)
        counted = sorted(key for key in bags if key[0] == "counted")  # a few hundred
        for month in months:
            scopes = [
                (scope, found[counted_dependency(year, mon, scope)])  # type: ignore[arg-type]
                for _, year, mon, scope in counted
                if (year, mon) == month
            ]
            month_digest = {counted_dependency(*month): digest(sorted(scopes))} if scopes else {}  # type: ignore[arg-type]
            self._replace(("counted-month", *month), month_digest, found)
        if months or first:
            parts = [self._published.get(key, ()) for key in counted]
            parts += [names for key, names in self._published.items() if key[0] == "counted-month"]
            found[COUNTED] = digest(sorted((name, found[name]) for n in parts for name in n))
        if ("months",) in touched or first:
            found["months"] = digest(sorted(bags.get(("months",), {})))  # type: ignore[type-var]

    def _replace(
        self, key: tuple[Hashable, ...], names: dict[Dependency, str], found: dict[Dependency, str]
    ) -> None:
        """Publish a set's digests in place of those it had."""
        for name in self._published.pop(key, ()):
            del found[name]
        found.update(names)
        if names:
            self._published[key] = tuple(names)

    def _team_digests(
        self, catalogue: Catalogue, touched: set[tuple[Hashable, ...]], found: dict[Dependency, str]
    ) -> None:
        """Each team's activities, newest first, with their stations' digests (see
        :func:`_team_digests`): again for the teams whose list changed, or that are new."""
        teams = {f"team:{team.ref}": team.ref for team in catalogue.teams}
        for name in self._teams.difference(teams):
            del found[name]
        refs = {key[1] for key in touched if key[0] == "team"}
        refs.update(ref for name, ref in teams.items() if name not in self._teams)
        for ref in refs:
            name = f"team:{ref}"
            if name not in teams:
                continue
            members = sorted(self._bags.get(("team", ref), {}), key=lambda m: m[1:3])  # type: ignore[index]
            members.sort(key=lambda m: m[0], reverse=True)  # type: ignore[index]
            found[name] = digest([(m[3], found.get(f"station:{m[1]}")) for m in members])  # type: ignore[index]
        self._teams = frozenset(teams)

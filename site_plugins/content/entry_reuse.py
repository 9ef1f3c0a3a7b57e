"""Entries kept whole between the loads of a ``mkdocs serve`` session.

An unchanged entry file loaded under the same circumstances gives the same record and the
same problems, so the memo keeps what loading it gave (:class:`EntryOutcome`) beside the
file's reading, and a later load replays it instead of checking the entry again: at
30,000 activities even the checks of remembered fields cost a second per rebuild.

"The same circumstances" is everything an entry's checks read besides its own file: the
reference date, the theme months, every unit's teams and key (``context``, compared once
per load), its unit's plans (an activity's ``plan:``), and the photos it names (their
place and check). When any of these differs, the entry is loaded afresh. The records
kept are the very objects of the last load, so that what is remembered by identity
further on (the digests of :mod:`site_plugins.incremental.diff`) is found again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from site_plugins.content.catalogue import Activity, Honoree, Plan
from site_plugins.content.honoree_loading import HonoreeLoading
from site_plugins.content.problems import Problem

Entry = TypeVar("Entry", Activity, Plan, Honoree)
# What a photo check found: (station folder, photo, its place, its check or _UNCHECKED).
PhotoFact = tuple[Path, Path, tuple[bool, bool, int], object]
_UNCHECKED = object()


@dataclass(frozen=True)
class EntryOutcome:
    """What loading one entry file gave, and what it depended on besides the file."""

    generation: int  # the memo's context it was loaded under
    plans: frozenset[str] | None  # its unit's plans, for an activity
    photos: tuple[PhotoFact, ...]
    record: object
    problems: tuple[Problem, ...]
    checked_photos: tuple[str, ...]  # the photos it found usable


class EntryReuse(HonoreeLoading):
    """Loads entries through the memo's outcomes (see the module's docstring)."""

    def remember_context(self) -> None:
        """Once every unit is loaded, before any entry: what entries depend on in this
        load, compared with the last load's (a new generation when it differs)."""
        memo = self.memo
        if memo is None:
            return
        # The county's labels are the built-in ones (LoadState), the same in every load.
        context = (
            self.root,
            self.today,
            frozenset(self.themes),
            dict(self.teams),
            frozenset(self.unit_keys),
        )
        if context != memo.context:
            memo.context = context
            memo.generation += 1

    def entry(
        self,
        kind: str,
        load: Callable[[bool, str, Path], Entry | None],
        unit_ok: bool,
        unit_key: str,
        path: Path,
    ) -> Entry | None:
        """``load(unit_ok, unit_key, path)``, or with a memo the outcome of an earlier
        load of the unchanged file under the same circumstances, replayed."""
        memo = self.memo
        if memo is None:
            return load(unit_ok, unit_key, path)
        key = str(path)
        stamp = self.file_stamp(path)
        kept = self.remembered_file(key, stamp) if stamp is not None else None
        how = (kind, unit_ok, unit_key)
        plans = frozenset(self.unit_plans.get(unit_key, ())) if kind == "activity" else None
        outcome = kept.outcomes.get(how) if kept is not None else None
        if isinstance(outcome, EntryOutcome) and self._holds(outcome, memo.generation, plans):
            self.problems.extend(outcome.problems)
            self.checked_photos.update(outcome.checked_photos)
            return cast("Entry | None", outcome.record)
        before = len(self.problems)
        self.photo_log, self.photo_log_checked = [], []
        try:
            record = load(unit_ok, unit_key, path)
            looked = self.photo_log
        finally:
            self.photo_log = None
        kept = memo.get(key)
        if kept is not None and kept.stamp == stamp:  # read (or replayed) by this load
            kept.outcomes[how] = EntryOutcome(
                memo.generation,
                plans,
                tuple(self._fact(folder, photo) for folder, photo in looked),
                record,
                tuple(self.problems[before:]),
                tuple(self.photo_log_checked),
            )
        return record

    def _fact(self, folder: Path, photo: Path) -> PhotoFact:
        place = self.photo_place(folder, photo)
        return folder, photo, place, self.photo_checks.get(photo, _UNCHECKED)

    def _holds(self, outcome: EntryOutcome, generation: int, plans: frozenset[str] | None) -> bool:
        """Whether an outcome still stands: same context and plans, and every photo it
        looked at found where and as it was (asked once per load, see PhotoChecks)."""
        if outcome.generation != generation or outcome.plans != plans:
            return False
        for folder, photo, place, check in outcome.photos:
            if self.photo_place(folder, photo) != place:
                return False
            if check is not _UNCHECKED and self.photo_check(photo) != check:
                return False
        return True

"""Scaffolding for station clerks: new activity and honoree entries from answers.

``scripts/new_activity.py`` and ``scripts/new_honoree.py`` are thin wrappers around
:mod:`.activity` and :mod:`.honoree`. Every answer is checked with the content model's
own rules (:mod:`.answers`), the entry is written exactly like a hand-written one
(:mod:`.entries`), photos get safe names (:mod:`.photos`), and the result is validated
with the real loader before the clerk is told what to commit (:mod:`.writing`).
``python -m site_plugins menu`` and ``order`` (:mod:`.service`) do the same for a menu
item or a 四单 order of any unit.
"""

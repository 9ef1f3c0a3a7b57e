"""Site plugins for 文明实践公示: a county's 新时代文明实践 public website on MkDocs.

The content model and its validation live in :mod:`site_plugins.content` and know
nothing of MkDocs; the MkDocs-facing plugins are thin adapters over it.
"""

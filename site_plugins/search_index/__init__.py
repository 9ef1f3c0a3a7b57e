"""Site search: a compact character-bigram index, sharded by term and fetched lazily.

``extract`` takes what a page says out of its built HTML (title, place, date, main text),
``index`` turns pages into the static index files, ``plugin`` is the thin MkDocs layer,
and ``theme_overrides/assets/javascripts/search.js`` is the reader's side. The first two
know nothing of MkDocs.
"""

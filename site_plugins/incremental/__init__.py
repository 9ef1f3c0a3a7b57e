"""Incremental rebuilds for ``mkdocs serve --dirty``: only pages whose records changed."""

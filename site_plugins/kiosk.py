"""An offline copy of the built site that works when opened from disk (``make kiosk``).

A county editor copies the site to a USB stick for a kiosk or a meeting-room laptop and
double-clicks ``index.html``. Opened from disk (``file://``) two things of the served site
break: a link to a folder (``../binhe/``) shows the folder's listing instead of its page,
and the browser refuses the search script's requests for the index files. The copy fixes
both without changing the served site: every relative link to a folder names its
``index.html``, and every file of the search index is also written as a script
(``search/d/3.json.js``) that hands its content to ``window.wmSearchFile`` — search.js
loads those when the page's address is ``file:``. Links inside scripts are made by
search.js the same way (see ``pageUrl`` there).

Pure functions over strings and one over a folder; no MkDocs.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

# href="…" as MkDocs, Markdown and our templates write it (always double quotes).
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SEARCH_FOLDER = "search"


def folder_link_to_file(href: str) -> str:
    """``../binhe/`` → ``../binhe/index.html``; query and fragment kept; others unchanged."""
    if not href or href.startswith(("#", "/", "?")) or _SCHEME.match(href):
        return href
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    if path in {".", ".."} or path.endswith(("/.", "/..")):
        return f"{path}/index.html{rest}"
    return href


def rewrite_links(html: str) -> str:
    """Every relative ``href`` to a folder in ``html`` names the folder's index.html."""
    return _HREF.sub(lambda m: m.group(1) + folder_link_to_file(m.group(2)) + m.group(3), html)


def search_script(key: str, data: bytes) -> str:
    """The script form of one search-index file: JSON as is, binary files as base64."""
    if key.endswith(".json"):
        payload = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":"))
    else:
        payload = json.dumps(base64.b64encode(data).decode("ascii"))
    return f"wmSearchFile({json.dumps(key)},{payload});\n"


@dataclass(frozen=True)
class KioskCopy:
    pages: int  # HTML files whose links were rewritten
    search_files: int  # search-index files also written as scripts


def make_kiosk(site: Path, out: Path) -> KioskCopy:
    """Copy the built ``site`` to ``out`` (replaced) as a copy that works from disk."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    pages = 0
    for page in sorted(out.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        page.write_text(rewrite_links(text), encoding="utf-8")
        pages += 1
    search = out / SEARCH_FOLDER
    files = sorted(p for p in search.rglob("*") if p.is_file()) if search.is_dir() else []
    for file in files:
        key = file.relative_to(search).as_posix()
        script = search_script(key, file.read_bytes())
        file.with_name(file.name + ".js").write_text(script, encoding="utf-8")
    return KioskCopy(pages, len(files))

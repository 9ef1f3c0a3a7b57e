"""Reading the counties' exports (``<exports>/<county>/data.json``) for the city portal.

A county's export is another site's output: it is checked before use and a bad or
missing one never stops the city's build — that county is shown without data, and
why. Freshness: the day the city's CI received the export (``received.txt``, written by
the step that fetched it) or, without that file, the export's own ``as_of``; a county
whose data is older than the city's ``stale_after_days`` is shown as stale, since then.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from site_plugins.content.model import Footer, Record, Slug, Text
from site_plugins.open_data.tables import MAJOR, table

# The tables the portal reads. Only these are required: an export of a later minor
# version (a table added, say 服务菜单) or an earlier one (without it) reads the same.
CITY_TABLES = ("stations", "plans", "honorees", "figures")

DATA_FILE = "data.json"
RECEIVED_FILE = "received.txt"
# Paths inside a county site, as the export writes them: nothing that could leave it.
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.\-]*$|^$")
_SAFE_SITE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d+)?(/[A-Za-z0-9/_.\-]*)?$")

Row = Mapping[str, Any]


class CountyEntry(Record):
    slug: Slug = Field(description="县的代码：exports/ 下的文件夹名，例如：shifan")
    name: Text = Field(description="县（市、区）名称")
    site_url: Text = Field(description="该县网站地址，例如：https://wmsj.shifan.gov.cn/")


class CityFile(Record):
    """``city/city.yml``: the city's own name and footer, and its counties."""

    name: Text = Field(description="市名称，例如：示范市")
    centre: Text = Field(description="市新时代文明实践中心全称")
    footer: Footer
    counties: list[CountyEntry] = Field(min_length=1)


def read_city(path: Path) -> tuple[CityFile | None, list[str]]:
    """The city file, or the problems that stop it (Chinese, with the path)."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return CityFile.model_validate(raw), []
    except OSError as exc:
        return None, [f"{path}: 读不到市的配置文件（{exc.strerror}）— 请按 README 写好 city.yml"]
    except yaml.YAMLError as exc:
        return None, [f"{path}: YAML 格式有误 — {exc}"]
    except ValidationError as exc:
        return None, [
            f"{path}: {'.'.join(str(p) for p in e['loc'])}  {e['msg']} — 请对照 README 的示例改正"
            for e in exc.errors()
        ]


@dataclass(frozen=True)
class CountyExport:
    """One county as the city sees it: its export's tables, or why there are none."""

    entry: CountyEntry
    tables: Mapping[str, Sequence[Row]] = field(default_factory=dict)
    as_of: dt.date | None = None
    received: dt.date | None = None
    report_quota: int | None = None
    problem: str | None = None  # why there is no data (Chinese)

    @property
    def has_data(self) -> bool:
        return self.problem is None

    @property
    def fresh_on(self) -> dt.date | None:
        """The last day this county's data is known to be current."""
        return self.received or self.as_of

    def stale(self, today: dt.date, after_days: int) -> bool:
        fresh = self.fresh_on
        return fresh is None or (today - fresh).days > after_days

    def link(self, path: str) -> str | None:
        """An address on the county's own site, or None when ``path`` is not a safe one."""
        if not _SAFE_PATH.match(path) or ".." in path:
            return None
        return self.entry.site_url.rstrip("/") + "/" + path


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _check(doc: Any) -> str | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("tables"), dict):
        return "data.json 不是开放数据文件"
    version = str(doc.get("schema_version", ""))
    if version.split(".", maxsplit=1)[0] != MAJOR:
        return f"数据格式版本 {version or '（未写）'} 与本平台的第 {MAJOR} 版不一致"
    for name in CITY_TABLES:
        wanted = table(name)
        rows = doc["tables"].get(name)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return f"缺少“{wanted.title}”表"
        keys = {c.key for c in wanted.columns}
        if any(not keys <= r.keys() for r in rows):
            return f"“{wanted.title}”表缺少列"
    return None


def load_export(folder: Path, entry: CountyEntry) -> CountyExport:
    """``folder``/data.json of one county; never raises for a bad or missing export."""
    if not _SAFE_SITE.match(entry.site_url):
        return CountyExport(entry, problem=f"网站地址 {entry.site_url} 不是 http(s) 地址")
    received = None
    stamp = folder / RECEIVED_FILE
    if stamp.is_file():
        received = _day(stamp.read_text(encoding="utf-8").strip())
    try:
        doc = json.loads((folder / DATA_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return CountyExport(entry, received=received, problem="未取得数据（没有导出文件）")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return CountyExport(entry, received=received, problem=f"数据文件无法读取：{exc}")
    problem = _check(doc)
    if problem is not None:
        return CountyExport(entry, received=received, problem=problem)
    county = doc.get("county") if isinstance(doc.get("county"), dict) else {}
    quota = county.get("report_quota")
    return CountyExport(
        entry,
        tables=doc["tables"],
        as_of=_day(county.get("as_of")),
        received=received,
        report_quota=quota if isinstance(quota, int) else None,
    )


def load_exports(root: Path, city: CityFile) -> tuple[CountyExport, ...]:
    return tuple(load_export(root / entry.slug, entry) for entry in city.counties)

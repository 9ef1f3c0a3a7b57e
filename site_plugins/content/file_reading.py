"""Reading one content file: parsed with the line and column of every value, and scanned
before anything uses it for personal data, named negative lists, markup in plain-text
fields and anything that would load from another host.

A file is read once per load (and, with a memo, once per ``mkdocs serve`` while it is
unchanged); its problems are kept with it so a remembered file reports them again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from site_plugins.content import external, pii
from site_plugins.content.checks import Checked, check_fields
from site_plugins.content.load_state import (
    LoadState,
    Read,
    ReadFile,
    Stamp,
    content_digest,
    settled,
    stamp_of,
)
from site_plugins.content.located import (
    Mark,
    Reporter,
    YamlDoc,
    YamlPath,
    parse_yaml,
    read_source,
    split_front_matter,
)
from site_plugins.content.problems import Severity
from site_plugins.content.safe_html import find_unsafe_markup, render_unsanitised

# An office phone is public by design, but a mobile there is most often the clerk's own:
# it is published only when the file marks it as the station's public service line.
OFFICE_PHONE: YamlPath = ("office", "phone")
PUBLIC_LINE_KEY = "mobile_is_public_line"
# Fields written in Markdown are rendered and sanitised; every other text is plain text,
# where something that opens a tag is a mistake or an attack.
MARKDOWN_FIELDS = {"intro", "guidance"}
TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
M = TypeVar("M", bound=BaseModel)


class FileReading(LoadState):
    """Reads YAML files and Markdown entries, scanning every text they hold."""

    def read_yaml_file(self, path: Path) -> YamlDoc | None:
        """A YAML file (county, township, station, themes), scanned for personal data."""
        kept = self._remembered(path, self._read_yaml_file)
        assert kept is None or isinstance(kept, YamlDoc)
        return kept

    def _read_yaml_file(self, path: Path) -> YamlDoc | None:
        source = read_source(path, self.shown(path), self.problems)
        if source is None:
            return None
        doc = parse_yaml(source.text, source.rel_path, 1, self.problems)
        if doc is not None:
            self.scan_doc(doc, source.text.split("\n"), 1, self.reporter(path))
        return doc

    def read_entry(self, path: Path) -> tuple[YamlDoc, str, int] | None:
        """Front matter and body of a Markdown entry, scanned for personal data."""
        kept = self._remembered(path, self._read_entry)
        assert kept is None or isinstance(kept, tuple)
        return kept

    def _remembered(self, path: Path, read: Callable[[Path], Read]) -> Read:
        """``read(path)``, or with a memo (``mkdocs serve --dirty`` keeps one between
        rebuilds) its result and problems from an earlier load, when the file is unchanged
        (see :meth:`remembered_file`): reading and scanning is most of loading a county."""
        if self.memo is None:
            return read(path)
        key = str(path)
        stamp = self.file_stamp(path)
        if stamp is None:
            return read(path)
        kept = self.remembered_file(key, stamp)
        if kept is not None:
            self.problems.extend(kept.problems)
            return kept.result
        # Digest before reading: a write in between makes the next load read it again.
        digest = None if settled(stamp, self.read_at_ns) else content_digest(path)
        before = len(self.problems)
        result = read(path)
        self.memo[key] = ReadFile(stamp, result, tuple(self.problems[before:]), digest=digest)
        return result

    def file_stamp(self, path: Path) -> Stamp | None:
        """The file's stamp as the walk saw it (or now), marking it as seen in this load."""
        key = str(path)
        stat = self.stats.get(key)
        if stat is None:
            try:
                stat = path.stat()
            except OSError:
                return None
        self.seen.add(key)
        return stamp_of(stat)

    def remembered_file(self, key: str, stamp: Stamp) -> ReadFile | None:
        """The memo's reading of a file, if the file has not changed since: same stamp and,
        if the stamp was too recent to tell (see RACY_NS), the same bytes."""
        assert self.memo is not None
        kept = self.memo.get(key)
        if kept is None or kept.stamp != stamp:
            return None
        if kept.digest is None:
            return kept
        if content_digest(Path(key)) != kept.digest:
            return None
        if settled(stamp, self.read_at_ns):  # unchanged since, and now beyond doubt
            kept = dataclasses.replace(kept, digest=None)
            self.memo[key] = kept
        return kept

    def checked_fields(
        self, model: type[M], path: Path, doc: YamlDoc, report: Reporter
    ) -> Checked[M]:
        """``check_fields(model, doc, report)``; with a memo, remembered with the file
        it read ``doc`` from (validating is a pure function of the two, and most of the
        cost of a remembered file: 30,000 activities per ``mkdocs serve`` rebuild)."""
        kept = self.memo.get(str(path)) if self.memo is not None else None
        if kept is None or not isinstance(kept.result, tuple) or kept.result[0] is not doc:
            return check_fields(model, doc, report)
        remembered = kept.checks.get(model)
        if remembered is not None:
            checked, problems = remembered
            self.problems.extend(problems)
            return cast(Checked[M], checked)
        before = len(self.problems)
        found = check_fields(model, doc, report)
        kept.checks[model] = (found, tuple(self.problems[before:]))
        return found

    def _read_entry(self, path: Path) -> tuple[YamlDoc, str, int] | None:
        source = read_source(path, self.shown(path), self.problems)
        if source is None:
            return None
        front = split_front_matter(source, self.problems)
        if front is None:
            return None
        report = self.reporter(path)
        doc = parse_yaml(front.yaml_text, source.rel_path, front.yaml_first_line, self.problems)
        if doc is not None:
            self.scan_doc(doc, front.yaml_text.split("\n"), front.yaml_first_line, report)
        self.scan_body(front.body, front.body_first_line, report)
        if doc is None:
            return None
        return doc, front.body, front.body_first_line

    def scan_doc(self, doc: YamlDoc, lines: list[str], first_line: int, report: Reporter) -> None:
        public_line = _public_line(doc.data)
        for path, text in _strings(doc.data, ()):
            mark = doc.locate(path)
            tag = TAG_OPENING.search(text)
            if tag and not (path and path[-1] in MARKDOWN_FIELDS):
                where = _find_in_lines(lines, first_line, mark, tag.group())
                report.add(
                    where,
                    "MARKUP_IN_TEXT",
                    f"“{_excerpt(text, tag.start())}”中有 HTML 标签，文字字段只能写文字",
                    "删除 <…>；书名、文件名用书名号，例如 title: 学习《民法典》进万家",
                )
            for finding in [*pii.find_personal_data(text), *pii.find_negative_lists(text)]:
                where = _find_in_lines(lines, first_line, mark, finding.text)
                if path != OFFICE_PHONE or finding.code != "MOBILE_NUMBER":
                    self.report_finding(report, where, finding)
                elif not public_line:
                    report.add(
                        where,
                        "MOBILE_NUMBER",
                        f"办公电话是手机号码（{pii.mask(finding.number)}），个人手机号不能公开",
                        "写实践站的固定电话，例如 phone: 0539-6121234；这部手机若是本站对外公开的"
                        f"服务电话，在 office 下加一行 {PUBLIC_LINE_KEY}: true",
                    )
            if path and path[-1] in MARKDOWN_FIELDS:
                self.scan_markdown_field(text, lines, first_line, mark, report)

    def scan_body(self, body: str, first_line: int, report: Reporter) -> None:
        lines = body.split("\n")
        for finding in [*pii.find_personal_data(body), *pii.find_negative_lists(body)]:
            line = body.count("\n", 0, finding.start)
            col = finding.start - (body.rfind("\n", 0, finding.start) + 1) + 1
            self.report_finding(report, Mark(first_line + line, col), finding)
        unsafe = find_unsafe_markup(body)
        if unsafe:
            line = body.count("\n", 0, unsafe.start())
            col = unsafe.start() - (body.rfind("\n", 0, unsafe.start()) + 1) + 1
            report.add(
                Mark(first_line + line, col),
                "UNSAFE_HTML",
                f"正文中的“{unsafe.group().strip()}”等 HTML 不安全，发布时已被去除",
                "请只用 Markdown 排版，例如 **加粗**、- 列表",
                Severity.WARNING,
            )
        for load in external.find_external_loads(body, render_unsanitised):
            report.add(
                _offset_mark(body, load.offset, first_line),
                "EXTERNAL_RESOURCE",
                external.problem_text(body, load),
                external.ENTRY_FIX,
            )
        del lines

    def scan_markdown_field(
        self, text: str, lines: list[str], first_line: int, mark: Mark, report: Reporter
    ) -> None:
        """A YAML field rendered as Markdown (intro, guidance) must not load from elsewhere."""
        for load in external.find_external_loads(text, render_unsanitised):
            where = _find_in_lines(lines, first_line, mark, load.url) if load.url else mark
            if where != mark:  # found on its line: point at its image or tag
                line = lines[where.line - first_line]
                where = Mark(where.line, external.image_start(line, where.col - 1) + 1)
            report.add(
                where,
                "EXTERNAL_RESOURCE",
                external.problem_text(text, load),
                external.FIELD_FIX,
            )

    def report_finding(self, report: Reporter, mark: Mark, finding: pii.Finding) -> None:
        if finding.code == "ID_NUMBER":
            report.add(
                mark,
                "ID_NUMBER",
                f"发现居民身份证号码（{pii.mask(finding.number)}），公开网站不得出现",
                "删除号码；需要核对身份的材料请线下留存",
            )
        elif finding.code == "MOBILE_NUMBER":
            report.add(
                mark,
                "MOBILE_NUMBER",
                f"发现手机号码（{pii.mask(finding.number)}），公开网站不得出现个人手机号",
                "删除号码；需要联系方式时写实践站办公电话，例如“咨询电话见本站页面”",
            )
        else:
            report.add(
                mark,
                "NEGATIVE_LIST",
                f"出现“{finding.text}”：不得在网上点名公布负面榜单",
                "删除点名内容，只写汇总情况，例如“本月劝导不文明行为 12 起”",
            )


def _strings(value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    """Every text in a YAML value, and every whole number: unquoted, 13912345678 is one."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, int) and not isinstance(value, bool):
        yield path, str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _public_line(data: Any) -> bool:
    """Whether the file marks its office mobile as a public service line."""
    office = data.get("office") if isinstance(data, dict) else None
    return isinstance(office, dict) and office.get(PUBLIC_LINE_KEY) is True


def _excerpt(text: str, start: int) -> str:
    return text[max(start - 6, 0) : start + 12]


def _offset_mark(text: str, offset: int, first_line: int) -> Mark:
    """The line and column of ``offset`` in ``text``, which starts on ``first_line``."""
    line = text.count("\n", 0, offset)
    return Mark(first_line + line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _find_in_lines(lines: list[str], first_line: int, mark: Mark, needle: str) -> Mark:
    """Where ``needle`` stands in the source, searching from the value's own line."""
    start = mark.line - first_line
    for index in range(max(start, 0), len(lines)):
        col = lines[index].find(needle)
        if col >= 0:
            return Mark(first_line + index, col + 1)
    return mark

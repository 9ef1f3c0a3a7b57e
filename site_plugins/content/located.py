"""Reading content files so that every value remembers where it came from.

PyYAML's ``safe_load`` forgets positions, accepts duplicate keys silently and raises on
impossible dates; so we compose the node tree ourselves and build plain values beside a
table of positions, reporting every problem instead of stopping at the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_plugins.content import pii
from site_plugins.content.problems import Problem, Severity

TEXT_SIZE_LIMIT = 256 * 1024
# Bounds the work an aliased ("billion laughs") document can cause.
NODE_LIMIT = 20_000
# No entry nests deeper than a few levels; a recursive alias would nest without end.
DEPTH_LIMIT = 50

YamlPath = tuple[str | int, ...]

# libyaml composes about five times faster; positions and errors are the same.
_COMPOSER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


class Mark(NamedTuple):
    """A 1-based line and column in a file.

    A named tuple, not a dataclass: the loader makes one per YAML node (hundreds of
    thousands in a county) and a frozen dataclass is several times slower to create.
    """

    line: int
    col: int


@dataclass
class YamlDoc:
    """Plain values from one YAML document, with the position of every key and value."""

    data: Any
    start: Mark
    value_marks: dict[YamlPath, Mark] = field(default_factory=dict)
    key_marks: dict[YamlPath, Mark] = field(default_factory=dict)

    def locate(self, path: YamlPath) -> Mark:
        """The value at ``path``, or the nearest enclosing one that exists."""
        for end in range(len(path), 0, -1):
            mark = self.value_marks.get(path[:end])
            if mark is not None:
                return mark
        return self.start

    def locate_key(self, path: YamlPath) -> Mark:
        return self.key_marks.get(path) or self.locate(path)


@dataclass(frozen=True)
class SourceFile:
    """A text file decoded and normalised: UTF-8, no BOM, LF line endings."""

    rel_path: str
    text: str


@dataclass(frozen=True)
class FrontMatter:
    yaml_text: str
    yaml_first_line: int  # file line of the first YAML line
    body: str
    body_first_line: int


class Reporter:
    """Collects problems for one file so helpers need not pass the path around."""

    def __init__(self, rel_path: str, sink: list[Problem]) -> None:
        self.rel_path = rel_path
        self.sink = sink

    def add(
        self,
        mark: Mark,
        code: str,
        message: str,
        fix: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        # Messages quote what the file says ("phone 应当是文字，现在写的是…"); a log of
        # problems is read by more people than the file, so numbers in it are masked.
        message, fix = pii.mask_numbers(message), pii.mask_numbers(fix)
        self.sink.append(Problem(self.rel_path, mark.line, mark.col, code, message, fix, severity))


def read_source(path: Path, rel_path: str, sink: list[Problem]) -> SourceFile | None:
    """Read a text file, or report why it cannot be read."""
    report = Reporter(rel_path, sink)
    start = Mark(1, 1)
    size = path.stat().st_size
    if size > TEXT_SIZE_LIMIT:
        report.add(
            start,
            "FILE_TOO_LARGE",
            f"文件有 {size // 1024} KB，超过了 {TEXT_SIZE_LIMIT // 1024} KB 的上限",
            "请精简正文，或把长篇材料拆成几篇（例如把活动总结分为几次活动各写一篇）",
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(
            Mark(line, col),
            "ENCODING",
            "文件不是 UTF-8 编码（可能是 GBK），无法读取",
            "请用 UTF-8 重新保存（例如记事本“另存为”→ 编码选 UTF-8）",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
        report.add(
            start,
            "BOM",
            "文件开头有 BOM 标记，已自动忽略",
            "可在编辑器中另存为“UTF-8（无 BOM）”",
            Severity.WARNING,
        )
    # CRLF (Windows) and lone CR (old Mac) endings are accepted and normalised.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(rel_path, text)


_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


def split_front_matter(source: SourceFile, sink: list[Problem]) -> FrontMatter | None:
    """Split ``---`` front matter from the Markdown body."""
    report = Reporter(source.rel_path, sink)
    lines = source.text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        report.add(
            Mark(1, 1),
            "NO_FRONT_MATTER",
            "文件没有以 --- 开头的信息块",
            "第一行写 ---，接着写“字段: 值”，再用一行 --- 结束（例如：---↵title: 义诊进村↵---）",
        )
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_first_line=2,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    report.add(
        Mark(1, 1),
        "UNCLOSED_FRONT_MATTER",
        "开头的信息块没有用 --- 结束",
        "在最后一个字段之后加一行 ---，再写正文",
    )
    return None


def _yaml_problem_text(exc: yaml.MarkedYAMLError, line_text: str) -> tuple[str, str]:
    problem = (exc.problem or "") + " " + (exc.context or "")
    if "'\\t'" in problem or "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
        return (
            "用了 Tab 键缩进，YAML 只能用空格缩进",
            "把行首的 Tab 换成空格（例如两个空格：“  - 文化服务”）",
        )
    if "quoted scalar" in problem:
        return ("引号没有成对", '检查这一行的引号是否成对，例如 title: "重阳敬老宴"')
    if "mapping values are not allowed" in problem:
        return (
            "冒号用法有误：值里含有冒号时要加引号",
            '给整个值加上引号，例如 location: "村委会：二楼会议室"',
        )
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return (
            "缩进不一致或缺少冒号",
            "同一层的字段左侧对齐，字段名后写“: ”（例如 date: 2026-06-19）",
        )
    return ("YAML 格式无法解析", "对照模板检查缩进、冒号和引号")


# The scalar constructors are stateless; one shared instance, because building a loader
# (a pure-Python reader over the text) per document was a tenth of loading a county.
_SCALARS = yaml.SafeLoader("")


class _Builder:
    """Turns a composed node tree into plain values and a position table.

    Aliases share nodes, so a recursive document would nest forever and a "billion
    laughs" one explode: a nesting limit (``DEPTH_LIMIT``) stops the first and counting
    every node built (``NODE_LIMIT``) the second.
    """

    def __init__(self, report: Reporter, line_offset: int, doc: YamlDoc) -> None:
        self.report = report
        self.line_offset = line_offset
        self.doc = doc
        self.count = 0
        self.constructor = _SCALARS

    def mark(self, node: Node) -> Mark:
        return Mark(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def build(self, node: Node, path: YamlPath) -> Any:
        self.count += 1
        if self.count > NODE_LIMIT or len(path) > DEPTH_LIMIT:
            raise _TooComplex(self.mark(node))
        self.doc.value_marks[path] = self.mark(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.scalar(node)

    def mapping(self, node: MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report.add(
                    self.mark(key_node),
                    "YAML_SYNTAX",
                    "字段名必须是简单的文字",
                    "每行写成“字段: 值”，例如 title: 义诊进村",
                )
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.key_marks[(*path, key)]
                self.report.add(
                    self.mark(key_node),
                    "DUPLICATE_KEY",
                    f"字段“{key}”重复出现（第一次在第 {first.line} 行），PyYAML 会悄悄只留一个",
                    f"删除多余的一行，只保留一个 {key}:",
                )
                continue
            self.doc.key_marks[(*path, key)] = self.mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if node.style in ("'", '"', "|", ">") or tag == "tag:yaml.org,2002:str":
            return str(node.value)
        try:
            if tag == "tag:yaml.org,2002:int":
                return self.constructor.construct_yaml_int(node)
            if tag == "tag:yaml.org,2002:float":
                return self.constructor.construct_yaml_float(node)
            if tag == "tag:yaml.org,2002:bool":
                return self.constructor.construct_yaml_bool(node)
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:timestamp":
                return self.constructor.construct_yaml_timestamp(node)
        except (ValueError, ConstructorError, OverflowError):
            # An impossible date such as 2026-02-30 stays text; validation names it.
            return str(node.value)
        # Explicit tags (!!python/..., !custom) are not part of our format: keep the text.
        return str(node.value)


class _TooComplex(Exception):
    def __init__(self, mark: Mark) -> None:
        self.mark = mark


def parse_yaml(text: str, rel_path: str, first_line: int, sink: list[Problem]) -> YamlDoc | None:
    """Parse one YAML document whose first line is ``first_line`` of the file."""
    report = Reporter(rel_path, sink)
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote is found at the end of the stream; point at where it opened.
        unclosed = "quoted scalar" in (exc.context or "") and exc.context_mark is not None
        where = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        line = (where.line if where else 0) + 1 + offset
        col = (where.column if where else 0) + 1
        lines = text.split("\n")
        line_text = lines[line - 1 - offset] if 0 <= line - 1 - offset < len(lines) else ""
        message, fix = _yaml_problem_text(exc, line_text)
        report.add(Mark(line, col), "YAML_SYNTAX", message, fix)
        return None
    except yaml.YAMLError:
        report.add(Mark(first_line, 1), "YAML_SYNTAX", "YAML 格式无法解析", "对照模板检查格式")
        return None
    doc = YamlDoc(data=None, start=Mark(first_line, 1))
    if node is None:
        doc.data = {}
        return doc
    try:
        doc.data = _Builder(report, offset, doc).build(node, ())
    except _TooComplex as exc:
        report.add(
            exc.mark,
            "YAML_SYNTAX",
            "内容过于复杂（使用了过多的锚点 & 和引用 *）",
            "不要使用 & 和 * 引用，直接写出每个值",
        )
        return None
    return doc

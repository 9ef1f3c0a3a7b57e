"""Asking in the terminal, in Chinese, until the answer is usable.

Choices are numbered; a default is shown in brackets and taken on an empty answer; an
unusable answer is explained and asked again. End of input (Ctrl-D, or a pipe that runs
dry) and Ctrl-C propagate as EOFError and KeyboardInterrupt for the command to turn
into a clean Chinese goodbye.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import Any

from site_plugins.scaffold.answers import AnswerError
from site_plugins.scaffold.questions import Question


def enable_line_editing() -> None:
    """Let arrow keys and backspace work over wide Chinese characters in a terminal."""
    # Windows has no readline module; its console edits lines by itself.
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - importing it is what makes input() use it


class Prompter:
    """Reads answers with ``read`` (``input`` by default) and talks through ``write``."""

    def __init__(
        self,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
    ) -> None:
        self.read = read
        self.write = write

    def ask(self, question: Question) -> Any:
        self.write("")
        for number, option in enumerate(question.options, start=1):
            self.write(f"  {number}. {option.shown}")
        if question.multiline:
            return self._ask_text(question)
        if question.many:
            return self._ask_many(question)
        return self._ask_one(question, self._prompt(question))

    def _prompt(self, question: Question) -> str:
        parts = [question.label]
        notes = [question.hint] if question.hint else []
        if question.options:
            notes.insert(0, "输入编号")
        if not question.required and question.default is None and "回车" not in question.hint:
            notes.append("不填直接回车")
        if notes:
            parts.append(f"（{'，'.join(notes)}）")
        if question.default is not None:
            parts.append(f" [{question.default}]")
        return "".join(parts) + "："

    def _ask_one(self, question: Question, prompt: str) -> Any:
        while True:
            text = self.read(prompt).strip()
            if not text:
                if question.default is not None:
                    text = question.default
                elif not question.required:
                    return None
                else:
                    self._refuse("这一项必须填写")
                    continue
            try:
                return question.parse(text)
            except AnswerError as exc:
                self._refuse(exc)

    def _ask_many(self, question: Question) -> list[Any]:
        items: list[Any] = []
        while True:
            notes = [f"第 {len(items) + 1} 张", question.hint, "没有了直接回车"]
            text = self.read(f"{question.label}（{'，'.join(n for n in notes if n)}）：").strip()
            if not text:
                return items
            try:
                items.append(question.parse(text))
            except AnswerError as exc:
                self._refuse(exc)

    def _ask_text(self, question: Question) -> Any:
        self.write(f"{question.label}：{question.hint}")
        while True:
            lines: list[str] = []
            while True:
                line = self.read("> " if not lines else "  ")
                if not line.strip():
                    break
                lines.append(line)
            # Each line typed is a paragraph: Markdown needs a blank line between them.
            try:
                return question.parse("\n\n".join(line.strip() for line in lines))
            except AnswerError as exc:
                self._refuse(exc)
                self.write("请重新输入全部内容：")

    def _refuse(self, reason: AnswerError | str) -> None:
        if isinstance(reason, AnswerError):
            text = _sentence(reason.message) + (_sentence(reason.fix) if reason.fix else "")
        else:
            text = _sentence(reason)
        self.write(f"  ✗ {text}请重新输入。")


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (messages may end in 。 or ？ already)."""
    return text if text.endswith(("。", "？", "！")) else text.rstrip("。") + "。"

"""One list of questions serves both ways of answering: flags and the terminal.

A step looks at the answers so far and returns the questions it asks now (none, one, or
one per photo), so later questions follow earlier answers: a station's teams after the
station, no gender for a group. Flags are parsed first, all of them, and every mistake
is reported at once; if a required answer is still missing, the clerk is asked for
everything not given (or, with ``--no-input``, told which flags are missing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from site_plugins.scaffold.answers import AnswerError, Option

Answers = dict[str, Any]


@dataclass(frozen=True)
class Question:
    """One thing to find out, from a flag or by asking in the terminal."""

    key: str  # where the answer goes in Answers
    flag: str  # e.g. --date; '' when no flag gives it
    label: str  # the question, in Chinese, e.g. 活动日期
    parse: Callable[[str], Any]  # raises AnswerError with the reason
    required: bool = True
    default: str | None = None  # shown, and used when the answer is left empty
    hint: str = ""  # e.g. 例如 2026-06-12
    options: tuple[Option, ...] = ()  # numbered choices
    multiline: bool = False  # a body of text, ended by an empty line
    many: bool = False  # a list: the flag repeats, the terminal asks until empty
    asked: bool = True  # False: only a flag gives it (e.g. a team for a group-less station)
    missing: str = ""  # what to say when it is missing and cannot be asked

    def empty(self) -> Any:
        """The answer when nothing was given: the default, else nothing."""
        if self.default is not None:
            return self.parse(self.default)
        return [] if self.many else None


Step = Callable[[Answers], Sequence[Question]]


class FlagErrors(Exception):
    """Every mistake in the given flags (or every missing one), each a Chinese line."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def parse_flags(steps: Sequence[Step], given: Mapping[str, str | list[str]]) -> Answers:
    """Answers from the given flags, in step order; FlagErrors lists every bad one."""
    answers: Answers = {}
    errors: list[str] = []
    for step in steps:
        for question in step(answers):
            raw = given.get(question.key)
            if raw is None or question.key in answers:
                continue
            try:
                answers[question.key] = _parse_given(question, raw)
            except AnswerError as exc:
                errors.append(f"{question.flag}：{exc}")
    if errors:
        raise FlagErrors(errors)
    return answers


def _parse_given(question: Question, raw: str | list[str]) -> Any:
    if question.many:
        items = raw if isinstance(raw, list) else [raw]
        return [question.parse(item) for item in items]
    return question.parse(raw if isinstance(raw, str) else raw[-1])


def missing(steps: Sequence[Step], answers: Answers) -> list[Question]:
    """Required questions that neither a flag nor a default answers."""
    found: list[Question] = []
    for step in steps:
        for question in step(answers):
            if question.key not in answers and question.required and question.default is None:
                found.append(question)
    return found


class Asker(Protocol):
    """What :func:`complete` needs from a terminal (see :class:`.prompts.Prompter`)."""

    def ask(self, question: Question) -> Any: ...


def complete(steps: Sequence[Step], answers: Answers, asker: Asker | None) -> Answers:
    """Fill every unanswered question: by asking, or (no asker) with its default."""
    filled = dict(answers)
    for step in steps:
        for question in step(filled):
            if question.key in filled:
                continue
            if asker is not None and question.asked:
                filled[question.key] = asker.ask(question)
                continue
            try:
                filled[question.key] = question.empty()
            except AnswerError as exc:  # a default that does not fit the other answers
                raise FlagErrors([f"{question.flag}：{exc}"]) from None
    return filled


def missing_lines(questions: Sequence[Question]) -> list[str]:
    """One line per missing flag (township and station are both --station)."""
    lines = [
        q.missing or f"缺少 {q.flag}：{q.label}" + (f"，{q.hint}" if q.hint else "")
        for q in questions
    ]
    return list(dict.fromkeys(lines))

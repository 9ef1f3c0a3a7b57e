"""Decap CMS form fields generated from the content model.

The model's JSON Schema (the one the validator's pydantic model produces) says each
field's type, whether it is required, its limits and its Chinese description; this
module turns it into Decap widgets. What the schema cannot say comes from a
:class:`FormRules` value: which fields are selects and their options (the county's
labels, the station's teams), which text fields are photos, and a few labels and hints
worded for a form rather than for YAML. A field added to the model appears in the form
without a change here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from site_plugins.cms.patterns import Pattern, text_pattern

Widget = dict[str, Any]
FieldPath = tuple[str, ...]  # field names from the entry's top; list items add no step

DATE_FORMAT = "YYYY-MM-DD"  # the content's dates (dayjs tokens), as YAML reads them
YAML_DATE = re.compile(r"[，,；]?\s*(?:格式\s*)?YYYY-MM-DD")
SELECT_NOTE = "（名称或代码）"  # the YAML hint that a select makes moot


@dataclass(frozen=True)
class Choice:
    value: str  # what the file stores (a code, an id, or the literal itself)
    label: str  # what the clerk sees


@dataclass(frozen=True)
class FormRules:
    """What the form needs beyond the model's schema, by field path."""

    choices: Mapping[FieldPath, Sequence[Choice]] = field(default_factory=dict)
    labels: Mapping[FieldPath, str] = field(default_factory=dict)
    hints: Mapping[FieldPath, str] = field(default_factory=dict)
    widgets: Mapping[FieldPath, Widget] = field(
        default_factory=dict
    )  # merged last; None drops a key
    patterns: Mapping[FieldPath, Pattern] = field(default_factory=dict)
    required: frozenset[FieldPath] = frozenset()  # required by the validator, not the model
    skip: frozenset[str] = frozenset()  # top-level fields the form leaves out


def label_of(description: str) -> str:
    """The words before the first note: ``活动标题，例如：…`` → ``活动标题``."""
    for index, char in enumerate(description):
        if char in "，；：（":
            return description[:index].strip() or description
    return description


@dataclass(frozen=True)
class RequiredWithin:
    """Fields required only once their optional group is filled in at all.

    Decap validates an optional object's required fields even when the clerk leaves the
    whole object empty, so the form marks them optional and ``wm-cms.js`` checks this
    rule on saving instead: e.g. a 点单信息 needs its 点单人或群体.
    """

    path: FieldPath
    label: str
    fields: tuple[tuple[str, str], ...]  # (name, label) of each required field


@dataclass(frozen=True)
class TextField:
    """A plain-text field that wm-cms.js checks on saving (:mod:`.checks`)."""

    path: FieldPath
    label: str
    max_length: int | None


@dataclass(frozen=True)
class Form:
    fields: list[Widget]
    required_within: list[RequiredWithin]
    texts: list[TextField] = field(default_factory=list)


@functools.cache
def _json_schema(model: type[BaseModel]) -> dict[str, Any]:
    # The same for every station's form; pydantic rebuilds it on every call (read only).
    return model.model_json_schema()


def decap_form(model: type[BaseModel], rules: FormRules) -> Form:
    """One Decap field per model field (in the model's order), except ``rules.skip``."""
    schema = _json_schema(model)
    defs: dict[str, Any] = schema.get("$defs", {})
    walker = _Walker(defs, rules)
    properties: dict[str, Any] = schema["properties"]
    required = set(schema.get("required", ()))
    fields = [
        walker.widget((name,), prop, name in required)
        for name, prop in properties.items()
        if name not in rules.skip
    ]
    return Form(fields, walker.required_within, walker.texts)


def decap_fields(model: type[BaseModel], rules: FormRules) -> list[Widget]:
    return decap_form(model, rules).fields


class _Walker:
    def __init__(self, defs: dict[str, Any], rules: FormRules) -> None:
        self.defs = defs
        self.rules = rules
        self.required_within: list[RequiredWithin] = []
        self.texts: list[TextField] = []

    def resolve(self, prop: dict[str, Any]) -> dict[str, Any]:
        ref = prop.get("$ref")
        if isinstance(ref, str):
            resolved: dict[str, Any] = self.defs[ref.rsplit("/", 1)[-1]]
            return resolved
        return prop

    def widget(self, path: FieldPath, prop: dict[str, Any], required: bool) -> Widget:
        rules = self.rules
        description = str(prop.get("description", path[-1]))
        kind = self.resolve(_without_null(prop))
        out: Widget = {
            "name": path[-1],
            "label": rules.labels.get(path) or label_of(description),
            "required": required or path in rules.required,
        }
        choices = rules.choices.get(path)
        if choices is not None:
            out.update(_select(choices))
            if kind.get("type") == "array":
                out["multiple"] = True  # several of the set, e.g. 五项工作内容
            description = description.replace(SELECT_NOTE, "")
        else:
            out.update(self.typed(path, kind))
            if out["widget"] == "object" and not out["required"]:
                self._defer_required(path, out["label"], out["fields"])
        hint = rules.hints.get(path, description)
        if hint and hint != out["label"]:
            out["hint"] = hint
        default = prop.get("default")
        if default not in (None, [], {}):
            out["default"] = default
        if path in rules.patterns:
            out["pattern"] = list(rules.patterns[path])
        out.update(rules.widgets.get(path, {}))
        if out.get("widget") == "datetime" and "hint" in out:
            # The picker writes the date itself: the YAML format is no hint for a clerk.
            cleaned = YAML_DATE.sub("", out["hint"])
            out["hint"] = cleaned if cleaned and cleaned != out["label"] else None
        if out.get("widget") == "string" and out.get("pattern"):
            self.texts.append(TextField(path, out["label"], kind.get("maxLength")))
        return {key: value for key, value in out.items() if value is not None}

    def typed(self, path: FieldPath, kind: dict[str, Any]) -> Widget:
        if "enum" in kind:
            return _select([Choice(str(v), str(v)) for v in kind["enum"]])
        if "anyOf" in kind:  # e.g. an honour's period: 2026 or "2026-05"
            return {"widget": "string"}
        type_ = kind.get("type")
        if type_ == "object":
            return {"widget": "object", "fields": self.fields(path, kind)}
        if type_ == "array":
            return self.array(path, kind)
        if type_ == "boolean":
            return {"widget": "boolean"}
        if type_ in ("integer", "number"):
            return _number(kind)
        if kind.get("format") == "date":
            return {
                "widget": "datetime",
                "format": DATE_FORMAT,
                "date_format": DATE_FORMAT,
                "time_format": False,
                "picker_utc": False,
            }
        return {"widget": "string", "pattern": text_pattern(kind.get("maxLength"))}

    def fields(self, path: FieldPath, kind: dict[str, Any]) -> list[Widget]:
        required = set(kind.get("required", ()))
        properties: dict[str, Any] = kind.get("properties", {})
        return [
            self.widget((*path, name), prop, name in required) for name, prop in properties.items()
        ]

    def _defer_required(self, path: FieldPath, label: str, fields: list[Widget]) -> None:
        required = tuple((f["name"], f["label"]) for f in fields if f["required"])
        for widget in fields:
            widget["required"] = False
        if required:
            self.required_within.append(RequiredWithin(path, label, required))

    def array(self, path: FieldPath, kind: dict[str, Any]) -> Widget:
        items = self.resolve(kind.get("items", {}))
        out: Widget = {"widget": "list"}
        if items.get("type") == "object":
            out["fields"] = self.fields(path, items)
        # A list of plain strings is Decap's comma-separated text box (tags).
        if "minItems" in kind:
            out["min"] = kind["minItems"]
        if "maxItems" in kind:
            out["max"] = kind["maxItems"]
        return out


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` → X: leaving a field empty is how the form says None."""
    options = prop.get("anyOf")
    if not isinstance(options, list):
        return prop
    rest = [option for option in options if option.get("type") != "null"]
    if len(rest) == 1:
        return dict(rest[0])
    return {"anyOf": rest}


def _select(choices: Sequence[Choice]) -> Widget:
    return {
        "widget": "select",
        "options": [{"label": choice.label, "value": choice.value} for choice in choices],
    }


def _number(kind: dict[str, Any]) -> Widget:
    integer = kind.get("type") == "integer"
    out: Widget = {"widget": "number", "value_type": "int" if integer else "float"}
    out["step"] = 1 if integer else 0.5
    for key, decap in (("minimum", "min"), ("maximum", "max")):
        if key in kind:
            out[decap] = kind[key]
    return out

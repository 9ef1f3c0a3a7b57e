"""One Decap CMS configuration per station, generated from the content model.

A clerk opens ``/admin/<township>/<station>/`` and sees three collections, that station's
活动, 活动预告 and 好人, stored in its own ``activities/``, ``plans/`` and ``honorees/`` folders with photos in
its ``media/``: the folders are the filter. Fields come from the pydantic models
(:mod:`.fields`); selects list the county's labels and the station's teams; text fields
carry the validator's rules (:mod:`.patterns`). ``publish_mode: editorial_workflow``:
saving opens a pull request for that one entry.

File names follow the demo's ``<date>-<ascii>.md``: Decap's slug template uses the
activity's date field and the category *code* (a select stores codes, so the name stays
ASCII whatever the Chinese title); a second one on the same day gets ``-1``. Honorees
are named ``<category>-<YYYYMMDD>`` of the day they were entered; the county may rename
a file in review (the file name is the page's address).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from site_plugins.cms.fields import Choice, Form, FormRules, TextField, Widget, decap_form
from site_plugins.cms.patterns import js_regex
from site_plugins.content.catalogue import Station, Township, VolunteerTeam
from site_plugins.content.labels import CountyLabels, LabelSet
from site_plugins.content.loader import PHOTO_SIZE_LIMIT
from site_plugins.content.model import PERIOD_RE, ActivityFile, HonoreeFile, PlanFile

# Photos are resized and stripped of their location in the browser (wm-photos.js).
PHOTO_HINT = "手机里的照片直接选；上传前网页会自动缩小照片，并去掉拍摄地点等信息"
WORK_HINT = "这次活动属于哪几项工作，可选多项"
# Path-derived fields: the folder says which township and station; the form never writes them.
PATH_FIELDS = frozenset({"township", "station"})
LOCALE = "zh_Hans"
# The validator's photo limit, checked by the form before uploading (Decap reads it from
# the image field's media_library options): a 50 MB phone photo is refused at once with
# the limit ("文件体积过大 … 不允许文件体积超过 20971 kB").
IMAGE: Widget = {
    "widget": "image",
    "choose_url": False,
    "pattern": None,
    "media_library": {"config": {"max_file_size": PHOTO_SIZE_LIMIT}},
}


class HasTeams(Protocol):
    """A unit with teams: a station, a township or the centre (the rules need no more)."""

    @property
    def teams(self) -> Sequence[VolunteerTeam]: ...


def _choices(labels: LabelSet) -> list[Choice]:
    return [Choice(code, label) for code, label in labels.labels.items()]


def activity_rules(station: HasTeams, labels: CountyLabels) -> FormRules:
    return FormRules(
        choices={
            ("team",): [Choice(team.id, team.name) for team in station.teams],
            ("category",): _choices(labels.team_categories),
            ("platform",): _choices(labels.platforms),
            ("work",): _choices(labels.five_items),
        },
        labels={
            ("team",): "志愿服务队",
            ("theme_month",): "归入主题月份",
            ("photos", "file"): "照片",
            ("plan",): "对应的活动预告",
        },
        hints={
            ("team",): "本站登记的志愿服务队；选了队伍，服务类别可不选（按队伍的类别计）",
            ("category",): "与“志愿服务队”至少选一项",
            ("tags",): "用逗号分隔，例如：我们的节日, 端午",
            ("photos", "file"): PHOTO_HINT,
            ("order",): "群众“点单”的活动才填写",
            ("work",): WORK_HINT,
            ("plan",): "这次活动事先发过预告的，在这里选那条预告",
        },
        widgets={
            ("photos",): {"label_singular": "照片", "summary": "{{fields.caption}}"},
            ("photos", "file"): IMAGE,
            ("order",): {"collapsed": True},
            # The station's own plans to choose from, stored by file name (the plan's slug).
            ("plan",): {
                "widget": "relation",
                "collection": "plans",
                "value_field": "{{slug}}",
                "search_fields": ["title"],
                "display_fields": ["{{date}} {{title}}"],
                "pattern": None,
            },
        },
        skip=PATH_FIELDS,
    )


def plan_rules(station: HasTeams, labels: CountyLabels) -> FormRules:
    return FormRules(
        choices={
            ("team",): [Choice(team.id, team.name) for team in station.teams],
            ("category",): _choices(labels.team_categories),
            ("work",): _choices(labels.five_items),
        },
        labels={("team",): "志愿服务队", ("theme_month",): "归入主题月份"},
        hints={
            ("team",): "本站登记的志愿服务队；选了队伍，服务类别可不选（按队伍的类别计）",
            ("category",): "与“志愿服务队”至少选一项",
            ("date",): "活动将在哪一天开展（可以是以后的日期）",
            ("work",): WORK_HINT,
        },
        skip=PATH_FIELDS,
    )


def honoree_rules(labels: CountyLabels) -> FormRules:
    return FormRules(
        choices={
            ("category",): _choices(labels.honour_categories),
            ("honours", "level"): _choices(labels.honour_levels),
        },
        labels={("kind",): "类型", ("photo",): "照片", ("consent",): "本人同意"},
        hints={
            ("photo",): "本人同意公开的照片。" + PHOTO_HINT,
            ("consent",): "取得本人（未满 14 周岁为监护人）书面同意后填写，必填",
        },
        widgets={
            ("photo",): IMAGE,
            ("honours",): {"label_singular": "荣誉", "summary": "{{fields.title}}"},
        },
        patterns={
            ("honours", "period"): [
                js_regex(PERIOD_RE.pattern),
                "写成 2026年、2026年5月 或 2026年第二季度",
            ],
            # The validator publishes an honoree only with consent given (NO_CONSENT).
            ("consent", "given"): ["^true$", "须经本人（或监护人）同意才能发布"],
        },
        required=frozenset({("consent",)}),
        skip=PATH_FIELDS,
    )


def body_field(hint: str) -> Widget:
    """The Markdown text after the front matter (Decap's ``body`` in frontmatter files)."""
    return {
        "name": "body",
        "label": "正文",
        "widget": "markdown",
        "required": False,
        "hint": hint,
        "modes": ["rich_text", "raw"],
        "buttons": [
            "bold",
            "italic",
            "link",
            "heading-three",
            "quote",
            "bulleted-list",
            "numbered-list",
        ],
        # No image or code-block components: photos go in the photo list, and no raw HTML.
        "editor_components": [],
    }


def _collection(
    name: str, label: str, folder: str, media: str, fields: list[Widget], **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": folder,
        "create": True,
        # No 发布 button: a clerk's entry is published by merging its pull request on the
        # code host, after the CI check and the county's review, never from the form.
        "publish": False,
        "format": "frontmatter",
        "extension": "md",
        **extra,
        # Absolute (from the repository root) so a new entry's photos land in media/
        # even before the entry has a path; stored in the file as media/<name>.
        "media_folder": "/" + media,
        "public_folder": "media",
        "fields": fields,
    }


@dataclass(frozen=True)
class StationForm:
    """One station's form editor: Decap's configuration and the save rules for wm-cms.js."""

    config: dict[str, Any]
    forms: dict[str, Form]  # by collection name

    def rules(self) -> dict[str, Any]:
        """The rules wm-cms.js checks on saving, by collection (the same for every station)."""
        return {
            name: {
                "groups": [
                    {"path": list(r.path), "label": r.label, "fields": [list(f) for f in r.fields]}
                    for r in form.required_within
                ],
                "texts": [
                    {
                        "path": list(t.path),
                        "label": t.label,
                        "max": t.max_length,
                        "markup": t is not BODY_TEXT,
                    }
                    for t in [*form.texts, BODY_TEXT]
                ],
            }
            for name, form in self.forms.items()
        }


# The Markdown body: checked for personal numbers and named-negative words, not for tags.
BODY_TEXT = TextField(("body",), "正文", None)


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside an HTML <script> element.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c`` means the same:
    no ``</script>`` and no ``<!--`` (which changes how the browser finds the end).
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class FormWording:
    """What a unit's form says in its three collections: a station's words differ from
    those of the centre's and a 所's own form (see ``cms/units.py``)."""

    activities: str  # the activity collection's name
    honorees: str
    activities_description: str
    plans_description: str
    honorees_description: str
    plans_body: str  # the hint on the plans' Markdown text


def station_wording(full_name: str) -> FormWording:
    return FormWording(
        activities="活动报道",
        honorees="好人推荐",
        activities_description=(
            f"{full_name}已经开展的志愿服务活动。点“提交审核”交给县中心，审核通过后发布。"
        ),
        plans_description=(
            f"{full_name}将要开展的活动。开展以后另写活动报道，并在报道里注明对应的预告。"
        ),
        honorees_description=f"{full_name}推荐的身边好人。须有本人（或监护人）书面同意。",
        plans_body="要做什么、请谁来、要注意什么；不写个人手机号、身份证号",
    )


def station_form(
    township: Township,
    station: Station,
    *,
    labels: CountyLabels,
    backend: dict[str, object],
    content_path: str,
    site_url: str | None = None,
) -> StationForm:
    """The Decap configuration of one station's form editor.

    ``content_path`` is the content folder inside the repository (``content``), since
    Decap's folders are repository paths.
    """
    return entry_form(
        station,
        labels,
        base=f"{content_path.strip('/')}/stations/{station.key}",
        where=f"{township.name}{station.name}",
        wording=station_wording(station.full_name),
        backend=backend,
        site_url=site_url,
    )


def entry_form(
    unit: HasTeams,
    labels: CountyLabels,
    *,
    base: str,
    where: str,
    wording: FormWording,
    backend: dict[str, object],
    site_url: str | None,
) -> StationForm:
    """The form editor of any unit's own entries (活动, 活动预告, 好人), stored in its folder
    ``base`` (a repository path); ``where`` names the unit in commit messages."""
    media = f"{base}/media"
    activity_form = decap_form(ActivityFile, activity_rules(unit, labels))
    honoree_form = decap_form(HonoreeFile, honoree_rules(labels))
    plan_form = decap_form(PlanFile, plan_rules(unit, labels))
    dated = {
        "identifier_field": "title",
        "summary": "{{fields.date}} {{fields.title}}",
        "sortable_fields": ["date", "title"],
    }
    activities = _collection(
        "activities",
        wording.activities,
        f"{base}/activities",
        media,
        [*activity_form.fields, body_field("活动经过和效果；不写个人手机号、身份证号")],
        description=wording.activities_description,
        slug="{{fields.date}}-{{fields.category | default('huodong')}}",
        **dated,
    )
    plans = _collection(
        "plans",
        "活动预告",
        f"{base}/plans",
        media,
        [*plan_form.fields, body_field(wording.plans_body)],
        description=wording.plans_description,
        slug="{{fields.date}}-{{fields.category | default('yugao')}}",
        **dated,
    )
    honorees = _collection(
        "honorees",
        wording.honorees,
        f"{base}/honorees",
        media,
        [*honoree_form.fields, body_field("事迹全文；不写出生月日、手机号、身份证号")],
        description=wording.honorees_description,
        slug="{{fields.category}}-{{year}}{{month}}{{day}}",
        identifier_field="name",
        summary="{{fields.name}}",
        sortable_fields=["name"],
    )
    config: dict[str, Any] = {
        "backend": {**backend, "commit_messages": _commit_messages(where)},
        "publish_mode": "editorial_workflow",
        "locale": LOCALE,
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config.update(
        {
            "show_preview_links": False,
            "media_folder": media,
            "public_folder": "media",
            # Entry file names come from dates and codes, so they stay ASCII anyway; "unicode"
            # keeps a photo named 端午.jpg from becoming ".jpg" (ascii drops every Chinese
            # character). The build publishes such photos under web names (web_stem).
            "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
            "editor": {"preview": False},
            "collections": [activities, plans, honorees],
        }
    )
    forms = {"activities": activity_form, "plans": plan_form, "honorees": honoree_form}
    return StationForm(config, forms)


def _commit_messages(where: str) -> dict[str, str]:
    """Chinese commit (and so pull-request) titles that name the station."""
    return {
        "create": f"{where}：新增{{{{collection}}}}“{{{{slug}}}}”",
        "update": f"{where}：修改{{{{collection}}}}“{{{{slug}}}}”",
        "delete": f"{where}：删除{{{{collection}}}}“{{{{slug}}}}”",
        "uploadMedia": f"{where}：上传照片“{{{{path}}}}”",
        "deleteMedia": f"{where}：删除照片“{{{{path}}}}”",
    }


def config_yaml(config: dict[str, Any]) -> str:
    """The configuration as Decap reads it (config.yml); same input, same bytes.

    Written as JSON, which is YAML too (Decap parses config.yml as YAML 1.2): PyYAML's
    representer took seconds for a county's 700 stations, json a fraction of that.
    """
    header = (
        "# 由 cms 插件根据内容模型生成，请勿手改：改 mkdocs.yml 的 cms 选项或 county.yml 的清单。\n"
    )
    body = json.dumps(config, ensure_ascii=False, indent=1) + "\n"
    return header + body

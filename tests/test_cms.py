"""The /admin/ form editor's generated configuration: the model, the rules, the pages.

The model is walked here on its own (pydantic's ``model_fields``, not the JSON Schema the
generator reads), so a field the generator missed, or a limit it copied wrong, shows up
as a difference. Patterns are run with Python's ``re`` on the strings the validator
refuses; the expressions use only syntax JavaScript reads the same way.
"""

from __future__ import annotations

import json
import re
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import annotated_types
import pytest
import yaml
from conftest import REPO, SOURCE_DATE_EPOCH, build_site
from pydantic import BaseModel, Field
from pydantic_core import PydanticUndefined

from site_plugins.cms import backends, decap
from site_plugins.cms.backends import BackendOptions, CmsOptionError, backend_settings
from site_plugins.cms.checks import client_rules, text_checks
from site_plugins.cms.fields import FormRules, decap_fields
from site_plugins.cms.patterns import text_pattern
from site_plugins.content import load_catalogue, pii, problems
from site_plugins.content.loader import PHOTO_SIZE_LIMIT
from site_plugins.content.model import ActivityFile, HonoreeFile

CONTENT = REPO / "content"
KINDS = {"activities": ActivityFile, "honorees": HonoreeFile}


@pytest.fixture(scope="module")
def catalogue() -> Any:
    return load_catalogue(CONTENT, SOURCE_DATE_EPOCH)


@pytest.fixture(scope="module")
def form(catalogue: Any) -> decap.StationForm:
    station = catalogue.station("qingshi/zhangzhuang")
    return decap.station_form(
        catalogue.township("qingshi"),
        station,
        labels=catalogue.county.labels,
        backend={"name": "test-repo"},
        content_path="content",
        site_url="https://wmsj.example.gov.cn/",
    )


def _collection(form: decap.StationForm, name: str) -> dict[str, Any]:
    return next(c for c in form.config["collections"] if c["name"] == name)


# --- the model, walked independently ------------------------------------------------------


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The record type inside X, X | None or list[X], if any."""
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args:
        found = _submodel(arg)
        if found is not None:
            return found
    return None


# Required by the validator although optional in the model (NO_CONSENT is its own message).
VALIDATOR_REQUIRED = {("consent",)}


def _model_paths(
    model: type[BaseModel], prefix: tuple[str, ...] = (), optional_parent: bool = False
) -> Iterator[tuple[tuple[str, ...], Any, bool]]:
    """(path, FieldInfo, required in the form) of every field at every depth.

    Fields inside an optional group are optional in the form: Decap would demand them
    even when the whole group is left empty (wm-cms.js checks them instead).
    """
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        needed = info.is_required() or path in VALIDATOR_REQUIRED
        yield path, info, needed and not optional_parent
        inner = _submodel(info.annotation)
        if inner is not None:
            is_list = typing.get_origin(info.annotation) is list
            yield from _model_paths(inner, path, optional_parent or not (needed or is_list))


def _form_paths(
    fields: list[dict[str, Any]], prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    for widget in fields:
        path = (*prefix, widget["name"])
        yield path, widget
        yield from _form_paths(widget.get("fields", []), path)


def _limit(info: Any, kind: type, attribute: str) -> Any:
    return next((getattr(m, attribute) for m in info.metadata if isinstance(m, kind)), None)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_model_field_has_a_form_field(form: decap.StationForm, name: str) -> None:
    model = KINDS[name]
    widgets = dict(_form_paths(_collection(form, name)["fields"]))
    expected = {path for path, _, _ in _model_paths(model) if path[0] not in decap.PATH_FIELDS}
    assert set(widgets) - {("body",)} == expected
    assert widgets[("body",)]["widget"] == "markdown"
    assert not set(widgets) & {("township",), ("station",)}  # the folder says those


@pytest.mark.parametrize("name", sorted(KINDS))
def test_required_and_limits_match_the_model(form: decap.StationForm, name: str) -> None:
    widgets = dict(_form_paths(_collection(form, name)["fields"]))
    for path, info, required in _model_paths(KINDS[name]):
        if path[0] in decap.PATH_FIELDS:
            continue
        widget = widgets[path]
        assert widget["required"] is required, path
        if widget["widget"] == "list":  # item counts
            limits = (
                (annotated_types.MinLen, "min_length", "min"),
                (annotated_types.MaxLen, "max_length", "max"),
            )
        else:
            limits = ((annotated_types.Ge, "ge", "min"), (annotated_types.Le, "le", "max"))
        for kind, attribute, key in limits:
            assert widget.get(key) == _limit(info, kind, attribute), (path, key)
        if widget["widget"] == "number":
            assert widget["value_type"] == ("int" if int in _types(info.annotation) else "float")
        max_length = _limit(info, annotated_types.MaxLen, "max_length")
        if max_length is not None and widget["widget"] == "string":
            regex, _ = widget["pattern"]
            assert re.match(regex, "字" * max_length) and not re.match(
                regex, "字" * (max_length + 1)
            )
        if info.default not in (None, PydanticUndefined):
            assert widget.get("default") == info.default, path
        else:
            assert "default" not in widget, path


def _types(annotation: Any) -> set[Any]:
    args = typing.get_args(annotation)
    return set(args) if args else {annotation}


def test_a_field_added_to_the_model_appears_in_the_form() -> None:
    class Extended(ActivityFile):
        weather: int | None = Field(None, ge=-40, le=50, description="气温（摄氏度），例如：28")

    widgets = dict(_form_paths(decap_fields(Extended, FormRules(skip=decap.PATH_FIELDS))))
    assert widgets[("weather",)] == {
        "name": "weather",
        "label": "气温",
        "required": False,
        "widget": "number",
        "value_type": "int",
        "step": 1,
        "min": -40,
        "max": 50,
        "hint": "气温（摄氏度），例如：28",
    }


def test_optional_groups_defer_their_required_fields(form: decap.StationForm) -> None:
    widgets = dict(_form_paths(_collection(form, "activities")["fields"]))
    assert widgets[("order", "requested_by")]["required"] is False
    assert form.forms["activities"].required_within[0].fields == (("requested_by", "点单人或群体"),)
    assert form.rules()["activities"]["groups"] == [
        {"path": ["order"], "label": "点单信息", "fields": [["requested_by", "点单人或群体"]]}
    ]


# --- selects and the station's folders -----------------------------------------------------


def _options(widget: dict[str, Any]) -> list[tuple[str, str]]:
    assert widget["widget"] == "select"
    return [(o["value"], o["label"]) for o in widget["options"]]


def test_selects_list_the_countys_labels_and_the_stations_teams(
    form: decap.StationForm, catalogue: Any
) -> None:
    labels = catalogue.county.labels
    activity = dict(_form_paths(_collection(form, "activities")["fields"]))
    honoree = dict(_form_paths(_collection(form, "honorees")["fields"]))
    assert _options(activity[("category",)]) == list(labels.team_categories.labels.items())
    assert _options(activity[("platform",)]) == list(labels.platforms.labels.items())
    station = catalogue.station("qingshi/zhangzhuang")
    assert _options(activity[("team",)]) == [(t.id, t.name) for t in station.teams]
    # Every honour system's categories: the 好人 five, then 最美志愿者 and the others.
    assert _options(honoree[("category",)]) == list(labels.honour_categories.labels.items())
    assert ("best-volunteer", "最美志愿者") in _options(honoree[("category",)])
    assert _options(honoree[("honours", "level")]) == list(labels.honour_levels.labels.items())
    assert _options(honoree[("kind",)]) == [("个人", "个人"), ("集体", "集体")]
    assert _options(honoree[("consent", "by")]) == [("本人", "本人"), ("监护人", "监护人")]


def test_the_configuration_uses_the_editorial_workflow_in_chinese(form: decap.StationForm) -> None:
    config = form.config
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "zh_Hans"
    activities = _collection(form, "activities")
    assert (activities["format"], activities["extension"]) == ("frontmatter", "md")
    assert [c["publish"] for c in config["collections"]] == [False] * 3  # merged on the host
    assert activities["slug"].startswith("{{fields.date}}-")
    assert config["slug"]["encoding"] == "unicode"  # keeps Chinese photo names
    # Uploads over the validator's photo limit are refused by the form itself.
    images = [f for _, f in _form_paths(activities["fields"]) if f.get("widget") == "image"]
    assert images
    assert all(f["media_library"]["config"]["max_file_size"] == PHOTO_SIZE_LIMIT for f in images)
    date = dict(_form_paths(activities["fields"]))[("date",)]
    assert (date["widget"], date["format"], date["time_format"]) == (
        "datetime",
        "YYYY-MM-DD",
        False,
    )
    assert config["backend"]["commit_messages"]["create"].startswith("青石镇张庄村：新增")


def test_one_configuration_per_station_pointing_at_its_folders(
    demo_site: Path, catalogue: Any
) -> None:
    keys = sorted(station.key for station in catalogue.stations)
    found = sorted(
        p.parent.relative_to(demo_site / "admin").as_posix()
        for p in demo_site.glob("admin/*/*/config.yml")
    )
    assert found == keys
    for key in keys:
        config = yaml.safe_load(
            (demo_site / "admin" / key / "config.yml").read_text(encoding="utf-8")
        )
        base = f"content/stations/{key}"
        folders = {c["name"]: c["folder"] for c in config["collections"]}
        assert folders == {
            "activities": f"{base}/activities",
            "plans": f"{base}/plans",
            "honorees": f"{base}/honorees",
            "menu": f"{base}/menu",  # the station's 菜单 and 点单 (test_cms_service.py)
            "orders": f"{base}/orders",
        }
        assert config["media_folder"] == f"{base}/media"
        assert {c["media_folder"] for c in config["collections"]} == {f"/{base}/media"}
        assert (CONTENT / "stations" / key / "station.yml").is_file()
        others = [
            other for other in keys if other != key and other.split("/")[1] != key.split("/")[1]
        ]
        text = (demo_site / "admin" / key / "config.yml").read_text(encoding="utf-8")
        assert not [other for other in others if f"stations/{other}/" in text]
    index = (demo_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([a-z0-9-]+/[a-z0-9-]+)/"', index) == [
        s.key for t in catalogue.townships for s in catalogue.stations_of(t.slug)
    ]


URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""")


def test_admin_pages_load_nothing_from_other_hosts(demo_site: Path) -> None:
    admin = demo_site / "admin"
    pages = [admin / "index.html", admin / "edit" / "index.html", *admin.glob("*/*/index.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert URL.findall(html) == [], page
        assert 'name="robots" content="noindex, nofollow"' in html
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html):
            assert (page.parent / src).resolve().is_file()
        assert "<script>" not in html  # no inline script: a strict CSP may forbid it
    configs = sorted(admin.glob("*/*/config.yml"))
    assert configs and len(configs) == len(pages) - 2  # one per station, beside its page
    for config in configs:
        urls = set(URL.findall(config.read_text(encoding="utf-8")))
        assert urls == {"https://wmsj.example.gov.cn/"}  # the site itself (site_url)
    assert URL.findall((admin / "wm-cms.js").read_text(encoding="utf-8")) == []


def test_station_pages_forward_to_the_one_editor(demo_site: Path, catalogue: Any) -> None:
    admin = demo_site / "admin"
    editor = (admin / "edit" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="wm-cms-data">(.*?)</script>', editor, re.S).group(1))
    # Every unit has a form: the centre, each 所 (its own entries) and each station.
    assert sorted(data["stations"]) == sorted(u.key for u in catalogue.units)
    assert data["stations"]["qingshi/zhangzhuang"] == "青石镇张庄村新时代文明实践站"
    assert data["stations"]["centre"] == "示范县新时代文明实践中心"
    for key, folder in (("centre", "content/centre"), ("qingshi", "content/stations/qingshi")):
        config = (admin / key / "config.yml").read_text(encoding="utf-8")
        assert f'"folder": "{folder}/activities"' in config
        html = (admin / key / "index.html").read_text(encoding="utf-8")
        assert f'url=../edit/?station={key}"' in html
    assert set(data["rules"]) == {"activities", "plans", "honorees", "menu", "orders"}
    # Our script first (it holds Decap back until the station is known), then Decap.
    assert editor.index("../wm-cms.js") < editor.index("../decap-cms.js")
    for station in catalogue.stations:
        html = (admin / station.key / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        assert target == f"../../edit/?station={station.key}"
        assert (admin / station.key / "../../edit/index.html").resolve().is_file()


def test_admin_pages_stay_out_of_the_sitemap_search_and_nav(demo_site: Path) -> None:
    assert "/admin/" not in (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in (demo_site / "search").rglob("*"):
        if path.is_file():
            assert b"admin/" not in path.read_bytes(), path
    assert "admin/" not in (demo_site / "index.html").read_text(encoding="utf-8")


def test_the_vendored_bundle_is_the_pinned_release() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "vendor_decap", REPO / "scripts" / "vendor_decap.py"
    )
    assert spec and spec.loader
    vendor = importlib.util.module_from_spec(spec)
    # Registered first, as an import would: its dataclasses look their module up there.
    sys.modules.setdefault("vendor_decap", vendor)
    spec.loader.exec_module(vendor)
    folder = REPO / "site_plugins" / "cms" / "vendor"
    assert vendor.check(folder) == []
    record = yaml.safe_load((folder / "VERSION.json").read_text(encoding="utf-8"))
    assert record["version"] == vendor.VERSION and record["integrity"] == vendor.INTEGRITY
    assert f'console.log("decap-cms {vendor.VERSION}")' in (folder / "decap-cms.js").read_text(
        encoding="utf-8"
    )


# --- the validator's text rules ----------------------------------------------------------


def _id18(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _first_problem(text: str, markup: bool = True) -> str | None:
    """What wm-cms.js reports first for ``text``: the checks in order, as Python reads them."""
    for check in text_checks():
        if check["markup"] and not markup:
            continue
        if re.search(check["regex"], text):
            return str(check["code"])
    return None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("粽叶飘香迎端午", None),
        ("学习《民法典》进万家 2026", None),
        ("联系电话 13812345678", "MOBILE_NUMBER"),
        ("联系电话 138-1234-5678", "MOBILE_NUMBER"),
        ("+86 139 1234 5678 报名", "MOBILE_NUMBER"),
        (f"身份证 {_id18('11010519491231002')}", "ID_NUMBER"),
        ("本月“黑榜”名单", "NEGATIVE_LIST"),
        ("<b>加粗</b>标题", "MARKUP_IN_TEXT"),
        ("编号 20260618123456789012 不是身份证", None),  # 20 digits: no ID, no phone
        ("办公电话 0539-6151457", None),
    ],
)
def test_text_checks_name_the_problem_the_validator_names(text: str, code: str | None) -> None:
    assert _first_problem(text) == code
    if code in ("ID_NUMBER", "MOBILE_NUMBER"):
        assert [p.code for p in pii.find_personal_data(text)] == [code]
    if code == "NEGATIVE_LIST":
        assert list(pii.find_negative_lists(text))


def test_the_body_may_hold_markdown_but_not_personal_numbers() -> None:
    assert (
        _first_problem("第一段。\n\n- 列表 <br>\n\n**加粗** 电话 0539-6151457", markup=False)
        is None
    )
    assert _first_problem("第一段。\n\n请联系 13912345678。", markup=False) == "MOBILE_NUMBER"


def test_text_pattern_says_only_blank_and_length() -> None:
    regex, message = text_pattern(80)
    assert re.match(regex, "  前后有空格也可以  ") and not re.match(regex, "   ")
    assert re.match(regex, "字" * 80) and not re.match(regex, "字" * 81)
    assert message == "不能只写空格，最多 80 字"


def test_form_messages_are_the_validators_titles() -> None:
    """One source: each problem the form reports has the validator's code and title."""
    rules = client_rules()
    for code, message in rules["messages"].items():
        assert message["problem"] == problems.CODES[code].title
        # Chinese for a clerk; HEIC is the name iPhone users meet when sharing such a photo.
        words = re.findall("[A-Za-z]{2,}", message["fix"].replace("{max}", ""))
        assert message["fix"] and set(words) <= {"HEIC"}, words
    assert {c["code"] for c in rules["checks"]} <= set(rules["messages"])
    assert rules["photo"]["max_bytes"] == PHOTO_SIZE_LIMIT


# --- backends --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (BackendOptions(), {"name": "test-repo"}),
        (
            BackendOptions("github", repo="wmsj/county", base_url="https://auth.example.gov.cn"),
            {
                "name": "github",
                "repo": "wmsj/county",
                "branch": "main",
                "base_url": "https://auth.example.gov.cn",
            },
        ),
        (
            BackendOptions(
                "gitlab", repo="wmsj/county", app_id="abc", base_url="https://gl.example"
            ),
            {
                "name": "gitlab",
                "repo": "wmsj/county",
                "branch": "main",
                "auth_type": "pkce",
                "app_id": "abc",
                "base_url": "https://gl.example",
            },
        ),
        (
            BackendOptions(
                "gitea", repo="wmsj/county", app_id="abc", base_url="https://git.example/"
            ),
            {
                "name": "forgejo",
                "repo": "wmsj/county",
                "branch": "main",
                "api_root": "https://git.example/api/v1",
                "app_id": "abc",
            },
        ),
        (
            BackendOptions(
                "forgejo",
                repo="a/b",
                app_id="x",
                api_root="https://f.example/api/v1",
                open_authoring=True,
            ),
            {
                "name": "forgejo",
                "repo": "a/b",
                "branch": "main",
                "api_root": "https://f.example/api/v1",
                "app_id": "x",
                "open_authoring": True,
            },
        ),
    ],
)
def test_backend_settings(options: BackendOptions, expected: dict[str, object]) -> None:
    assert backend_settings(options) == expected


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (BackendOptions("svn"), "只能是"),
        (BackendOptions("github"), "repo"),
        (BackendOptions("gitlab", repo="a/b"), "app_id"),
        (BackendOptions("gitea", repo="a/b", app_id="x"), "api_root"),
        (BackendOptions("gitlab", repo="a/b", app_id="x", open_authoring=True), "open_authoring"),
    ],
)
def test_backend_mistakes_are_explained(options: BackendOptions, words: str) -> None:
    with pytest.raises(CmsOptionError, match=words):
        backend_settings(options)
    assert backends.KINDS[0] == "test-repo"


def test_a_bad_backend_option_fails_the_build_in_chinese(county_factory: Any) -> None:
    project = county_factory()
    config = project / "mkdocs.yml"
    text = re.sub(
        r"^  - cms\b.*?(?=^  - |\Z)",
        "  - cms:\n      backend: gitlab\n      repo: a/b\n",
        config.read_text(encoding="utf-8"),
        flags=re.S | re.M,
    )
    config.write_text(text, encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert "backend: gitlab 还需要 app_id" in result.stderr
    assert "Traceback" not in result.stderr


def test_same_input_same_configuration(form: decap.StationForm, catalogue: Any) -> None:
    again = decap.station_form(
        catalogue.township("qingshi"),
        catalogue.station("qingshi/zhangzhuang"),
        labels=catalogue.county.labels,
        backend={"name": "test-repo"},
        content_path="content",
        site_url="https://wmsj.example.gov.cn/",
    )
    assert decap.config_yaml(again.config) == decap.config_yaml(form.config)


def test_the_plan_form_has_the_plans_fields_and_the_stations_teams() -> None:
    catalogue = load_catalogue(CONTENT, SOURCE_DATE_EPOCH)
    station = catalogue.station("qingshi/zhangzhuang")
    form = decap.station_form(
        catalogue.township("qingshi"),
        station,
        labels=catalogue.county.labels,
        backend={"name": "test-repo"},
        content_path="content",
    )
    plans = next(c for c in form.config["collections"] if c["name"] == "plans")
    assert plans["label"] == "活动预告"
    fields = {f["name"]: f for f in plans["fields"]}
    assert {"title", "date", "time", "location", "team", "work", "who", "bring", "body"} <= set(
        fields
    )
    assert fields["location"]["required"] is True
    assert [o["value"] for o in fields["team"]["options"]] == [t.id for t in station.teams]
    assert fields["work"]["multiple"] is True

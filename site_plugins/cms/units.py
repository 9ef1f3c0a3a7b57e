"""Form editors for the county centre's and each township's own entries.

The same three collections as a station's (活动, 活动预告, 好人), stored in the unit's
own folders: ``centre/activities/``… and ``stations/<township>/activities/``…; the form
page lives at ``/admin/centre/`` and ``/admin/<township>/`` (one level up from a
station's), and wm-cms.js finds the configuration by the unit key as it does a station's.
"""

from __future__ import annotations

from html import escape

from site_plugins import routes
from site_plugins.cms import decap, pages, service
from site_plugins.cms.fields import decap_form
from site_plugins.content.catalogue import CENTRE_KEY, Catalogue, Unit
from site_plugins.content.model import ActivityFile, HonoreeFile, PlanFile
from site_plugins.plans import PlannedFile, unit_dependency
from site_plugins.service.units import ancestors


class _Teams:
    def __init__(self, catalogue: Catalogue, key: str) -> None:
        self.teams = catalogue.unit_teams(key)


def unit_form(
    catalogue: Catalogue,
    unit: Unit,
    *,
    backend: dict[str, object],
    content_path: str,
    site_url: str | None = None,
) -> decap.StationForm:
    """The Decap configuration of a 中心's or 所's own form editor."""
    folder = "centre" if unit.key == CENTRE_KEY else "/".join(("stations", unit.key))
    base = f"{content_path.strip('/')}/{folder}"
    media = f"{base}/media"
    labels = catalogue.county.labels
    teams = _Teams(catalogue, unit.key)
    activity_form = decap_form(ActivityFile, decap.activity_rules(teams, labels))
    plan_form = decap_form(PlanFile, decap.plan_rules(teams, labels))
    honoree_form = decap_form(HonoreeFile, decap.honoree_rules(labels))
    common = {"identifier_field": "title", "summary": "{{fields.date}} {{fields.title}}"}
    collections = [
        decap._collection(
            "activities",
            "活动",
            f"{base}/activities",
            media,
            [*activity_form.fields, decap.body_field("活动经过和效果；不写个人手机号、身份证号")],
            description=f"{unit.name}自己组织的活动。保存即提交审核，审核通过后发布。",
            slug="{{fields.date}}-{{fields.category | default('huodong')}}",
            sortable_fields=["date", "title"],
            **common,
        ),
        decap._collection(
            "plans",
            "活动预告",
            f"{base}/plans",
            media,
            [*plan_form.fields, decap.body_field("要做什么、请谁来、要注意什么")],
            description=f"{unit.name}将要开展的活动。",
            slug="{{fields.date}}-{{fields.category | default('yugao')}}",
            sortable_fields=["date", "title"],
            **common,
        ),
        decap._collection(
            "honorees",
            "好人",
            f"{base}/honorees",
            media,
            [*honoree_form.fields, decap.body_field("事迹全文；不写出生月日、手机号、身份证号")],
            description=f"{unit.name}推荐的身边好人或志愿服务先进。须有本人（或监护人）书面同意。",
            slug="{{fields.category}}-{{year}}{{month}}{{day}}",
            identifier_field="name",
            summary="{{fields.name}}",
            sortable_fields=["name"],
        ),
    ]
    config: dict[str, object] = {
        "backend": {**backend, "commit_messages": decap._commit_messages(unit.short_name)},
        "publish_mode": "editorial_workflow",
        "locale": decap.LOCALE,
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config.update(
        {
            "show_preview_links": False,
            "media_folder": media,
            "public_folder": "media",
            "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
            "editor": {"preview": False},
            "collections": collections,
        }
    )
    forms = {"activities": activity_form, "plans": plan_form, "honorees": honoree_form}
    return decap.StationForm(config, forms)


def unit_page(key: str, title: str) -> str:
    """``/admin/<unit>/``: forwards to the editor with this unit chosen (one level deep)."""
    target = escape(f"../{pages.EDITOR}/?station={key}")
    return (
        pages._HEAD.format(title=escape(title))
        + f'<meta http-equiv="refresh" content="0; url={target}">\n'
        + "</head>\n<body>\n"
        + f'<p><a href="{target}">{escape(title)}</a></p>\n'
        + "</body>\n</html>\n"
    )


def unit_files(
    catalogue: Catalogue,
    unit: Unit,
    *,
    backend: dict[str, object],
    content_path: str,
    site_url: str | None,
) -> list[PlannedFile]:
    def config() -> str:  # made when written (site_plugins.incremental)
        form = unit_form(
            catalogue, unit, backend=backend, content_path=content_path, site_url=site_url
        )
        # The unit's 菜单 and 点单 collections after its own entries (cms/service.py).
        form = service.with_service(form, catalogue, unit.key, content_path, unit.name)
        return decap.config_yaml(form.config)

    folder = routes.admin_file(unit.key)
    # The form shows the unit (its teams, its orders), the county's lists and the menus
    # the unit can order from; the teams of the units above are in their files (whole).
    menus = {f"menus:{key}" for key in ancestors(unit.key)}
    depends = frozenset({unit_dependency(unit.key), "county", *menus})
    page = unit_page(unit.key, f"表单投稿 · {unit.name}")
    return [
        PlannedFile(f"{folder}/index.html", page, depends=depends),
        PlannedFile(f"{folder}/config.yml", make=config, depends=depends),
    ]

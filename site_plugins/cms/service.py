"""Form collections for a unit's 文明实践菜单 and 四单 orders, generated from the model.

Every unit that keeps ``menu/`` and ``orders/`` (the county centre, each township's
实践所, each village's 实践站) gets two more collections in its form editor, stored in
its own folders. The fields come from :class:`MenuItemFile` and :class:`OrderFile`
through :func:`.fields.decap_form` like the other collections; the only thing written
here is what the schema cannot say: which teams and menu items a unit may name (selects
whose values are the references the loader resolves, ``law`` or ``centre:law``) and a
few form-worded hints.

Every unit's form (a station's from ``decap.station_form``, the centre's and a 所's from
``units.unit_form``, both made by ``decap.entry_form``) gains them in
:func:`with_service`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from site_plugins.cms import decap
from site_plugins.cms.fields import Choice, Form, FormRules, decap_form
from site_plugins.content.catalogue import Catalogue
from site_plugins.service.model import MenuItemFile, OrderFile
from site_plugins.service.records import CENTRE
from site_plugins.service.units import ancestors

MENU, ORDERS = "menu", "orders"


def unit_folder(content_path: str, unit_key: str) -> str:
    """The unit's folder in the repository: ``content/centre`` or ``content/stations/…``."""
    # A content path (a repository folder), not a site address: built from its parts.
    folder = [CENTRE] if unit_key == CENTRE else ["stations", unit_key]
    return "/".join([content_path.strip("/"), *folder])


def _ref(unit_key: str, own: str, value: str) -> str:
    """How an entry of ``own`` names ``value`` of ``unit_key``: bare when it is its own."""
    return value if unit_key == own else f"{unit_key}:{value}"


def team_choices(catalogue: Catalogue, unit_key: str) -> list[Choice]:
    """The teams the unit, its township and the centre registered, as references (the
    loader resolves each with ``Catalogue.resolve_team``)."""
    return [
        Choice(_ref(key, unit_key, team.id), team.name)
        for key in ancestors(unit_key)
        for team in catalogue.unit_teams(key)
    ]


def menu_choices(catalogue: Catalogue, unit_key: str) -> list[Choice]:
    """Menu items a resident of the unit can order: its own, its township's, the centre's."""
    service = catalogue.service
    if service is None:
        return []
    return [
        Choice(_ref(key, unit_key, item.slug), item.title)
        for key in ancestors(unit_key)
        for item in service.menu_of(key)
    ]


def menu_rules(catalogue: Catalogue, unit_key: str) -> FormRules:
    labels = catalogue.county.labels
    return FormRules(
        choices={
            ("team",): team_choices(catalogue, unit_key),
            ("category",): decap._choices(labels.team_categories),
            ("work",): decap._choices(labels.five_items),
        },
        labels={("team",): "提供服务的志愿服务队", ("order",): "怎样点单"},
        hints={
            ("team",): "本单位的队伍，或上级（实践所、县中心）的队伍",
            ("category",): "选了队伍可不选（按队伍的类别计）",
            ("order",): "不填则用本单位办公电话和县点单平台",
        },
        widgets={("order",): {"collapsed": True}},
    )


def order_rules(catalogue: Catalogue, unit_key: str) -> FormRules:
    teams = team_choices(catalogue, unit_key)
    return FormRules(
        choices={("menu",): menu_choices(catalogue, unit_key), ("assigned", "team"): teams},
        labels={
            ("menu",): "点的是菜单上的哪一项",
            ("assigned",): "配单",
            ("served",): "送单",
            ("review",): "评单",
        },
        hints={
            ("group",): "只写群体，例如：二组群众、东组老年协会；不写个人姓名、称呼和电话",
            ("menu",): "菜单以外的需求不选",
            ("served",): "服务做完、活动报道提交以后再填",
            ("served", "activity"): "那次活动报道的文件名（不含 .md），例如 2026-10-15-fanzha",
            ("review",): "满意、基本满意、不满意三项人数都要填",
        },
        widgets={
            ("assigned",): {"collapsed": True},
            ("served",): {"collapsed": True},
            ("review",): {"collapsed": True},
        },
    )


def collections(
    catalogue: Catalogue, unit_key: str, content_path: str, full_name: str
) -> tuple[list[dict[str, Any]], dict[str, Form]]:
    """The 菜单 and 点单 collections of one unit, and their forms (for the save rules)."""
    base = unit_folder(content_path, unit_key)
    media = f"{base}/media"
    menu_form = decap_form(MenuItemFile, menu_rules(catalogue, unit_key))
    order_form = decap_form(OrderFile, order_rules(catalogue, unit_key))
    menu = decap._collection(
        MENU,
        "菜单",
        f"{base}/menu",
        media,
        [*menu_form.fields, decap.body_field("服务内容、需要多长时间、适合哪些群众")],
        description=f"{full_name}的文明实践菜单：每项服务一条，群众照着点单。",
        # The file name is how orders name the item: ASCII, from the category code.
        slug="{{fields.category | default('fuwu')}}-{{year}}{{month}}{{day}}",
        identifier_field="title",
        summary="{{fields.title}}",
        sortable_fields=["title"],
    )
    orders = decap._collection(
        ORDERS,
        "点单",
        f"{base}/orders",
        media,
        [*order_form.fields, decap.body_field("群众提出的需求和办理经过；不写个人姓名、电话")],
        description=f"{full_name}收到的群众点单，和配单、送单、评单的办理情况。",
        # The validator wants the file name to start with the order's date.
        slug="{{fields.date}}-diandan",
        identifier_field="title",
        summary="{{fields.date}} {{fields.title}}",
        sortable_fields=["date", "title"],
    )
    return [menu, orders], {MENU: menu_form, ORDERS: order_form}


def with_service(
    form: decap.StationForm, catalogue: Catalogue, unit_key: str, content_path: str, name: str
) -> decap.StationForm:
    """``form`` with the unit's 菜单 and 点单 collections after its own."""
    extra, forms = collections(catalogue, unit_key, content_path, name)
    config = {**form.config, "collections": [*form.config["collections"], *extra]}
    return replace(form, config=config, forms={**form.forms, **forms})

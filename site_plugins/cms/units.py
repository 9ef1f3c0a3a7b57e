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
from site_plugins.content.catalogue import Catalogue, Unit
from site_plugins.plans import PlannedFile, unit_dependency
from site_plugins.service.units import ancestors


class _Teams:
    def __init__(self, catalogue: Catalogue, key: str) -> None:
        self.teams = catalogue.unit_teams(key)


def unit_wording(name: str) -> decap.FormWording:
    return decap.FormWording(
        activities="活动",
        honorees="好人",
        activities_description=f"{name}自己组织的活动。保存即提交审核，审核通过后发布。",
        plans_description=f"{name}将要开展的活动。",
        honorees_description=f"{name}推荐的身边好人或志愿服务先进。须有本人（或监护人）书面同意。",
        plans_body="要做什么、请谁来、要注意什么",
    )


def unit_form(
    catalogue: Catalogue,
    unit: Unit,
    *,
    backend: dict[str, object],
    content_path: str,
    site_url: str | None = None,
) -> decap.StationForm:
    """The Decap configuration of a 中心's or 所's own form editor."""
    return decap.entry_form(
        _Teams(catalogue, unit.key),
        catalogue.county.labels,
        base=service.unit_folder(content_path, unit.key),
        where=unit.short_name,
        wording=unit_wording(unit.name),
        backend=backend,
        site_url=site_url,
    )


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

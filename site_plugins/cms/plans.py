"""The form editor's files under ``/admin/``: the station list, the one Decap page, each
station's ``config.yml`` and forwarding page, the vendored Decap CMS and our script."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_plugins import routes
from site_plugins.cms import decap, pages, service
from site_plugins.content.catalogue import Catalogue, Station, Township
from site_plugins.plans import PlannedFile
from site_plugins.service.records import CENTRE

HERE = Path(__file__).resolve().parent
VENDORED = (HERE / "vendor" / "decap-cms.js", HERE / "vendor" / "decap-cms.js.LICENSE.txt")
OUR_JS = HERE / "static" / pages.OUR_JS


@dataclass(frozen=True)
class FormOptions:
    backend: dict[str, object]  # Decap's backend settings
    content_path: str  # the content folder inside the repository
    site_url: str | None
    login: str  # how to log in, shown on the station list
    trial: bool  # Decap's test backend: nothing is saved


def plan(catalogue: Catalogue, options: FormOptions) -> list[PlannedFile]:
    planned: list[PlannedFile] = []
    townships = []
    stations: dict[str, str] = {}
    rules: dict[str, object] = {}
    # The centre's and each 所's 菜单 and 点单 (service.py), listed before the stations.
    service_forms = [(CENTRE, catalogue.county.meta.centre)]
    service_forms += [(t.slug, t.institute) for t in catalogue.townships]
    unit_links: dict[str, pages.StationLink] = {}
    for key, name in service_forms:
        files, form = service.unit_files(
            catalogue,
            key,
            name,
            backend=options.backend,
            content_path=options.content_path,
            site_url=options.site_url,
        )
        planned += files
        stations[key] = name
        rules = form.rules()  # the same for every unit (by collection)
        unit_links[key] = pages.StationLink(f"{key}/", f"{name}（菜单、点单）")
    townships.append(pages.TownshipLinks("县中心", [unit_links[CENTRE]]))
    for township in catalogue.townships:
        links = [unit_links[township.slug]]
        for station in catalogue.stations_of(township.slug):
            title = f"{township.name}{station.full_name}"
            files, rules = _station(catalogue, options, township, station, title)
            planned += files
            stations[station.key] = title
            links.append(pages.StationLink(f"{station.key}/", station.full_name))
        townships.append(pages.TownshipLinks(township.institute, links))
    index = pages.index_page(
        catalogue.county.meta.centre, townships, options.login, trial=options.trial
    )
    planned.append(PlannedFile(routes.admin_file("index.html"), index))
    editor = pages.editor_page(decap.script_json({"rules": rules, "stations": stations}))
    planned.append(PlannedFile(routes.admin_file(f"{pages.EDITOR}/index.html"), editor))
    for path in (*VENDORED, OUR_JS):
        planned.append(PlannedFile(routes.admin_file(path.name), copy_of=path))
    return planned


def _station(
    catalogue: Catalogue, options: FormOptions, township: Township, station: Station, title: str
) -> tuple[list[PlannedFile], dict[str, object]]:
    """The station's forwarding page and config.yml, and its save rules."""
    form = decap.station_form(
        township,
        station,
        labels=catalogue.county.labels,
        backend=options.backend,
        content_path=options.content_path,
        site_url=options.site_url,
    )
    form = service.with_service(form, catalogue, station.key, options.content_path, title)
    folder = routes.admin_file(station.key)
    page = pages.station_page(station.key, f"表单投稿 · {title}")
    files = [
        PlannedFile(f"{folder}/index.html", page),
        PlannedFile(f"{folder}/config.yml", decap.config_yaml(form.config)),
    ]
    return files, form.rules()

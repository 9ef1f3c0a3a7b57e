"""The form editor's files under ``/admin/``: the station list, the one Decap page, each
station's ``config.yml`` and forwarding page, the vendored Decap CMS and our script."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_plugins import routes
from site_plugins.cms import checks, decap, pages, service, units
from site_plugins.content.catalogue import Catalogue, Station, Township, Unit
from site_plugins.plans import PlannedFile
from site_plugins.service.units import ancestors

HERE = Path(__file__).resolve().parent
VENDORED = (HERE / "vendor" / "decap-cms.js", HERE / "vendor" / "decap-cms.js.LICENSE.txt")
OURS = tuple(HERE / "static" / name for name in (pages.OUR_JS, pages.PHOTOS_JS, pages.OUR_CSS))


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
    last: tuple[Township, Station, str] | None = None

    # The centre's and each 所's own entries have forms too (units.py), listed first.
    def unit_files(unit: Unit) -> list[PlannedFile]:
        return units.unit_files(
            catalogue,
            unit,
            backend=options.backend,
            content_path=options.content_path,
            site_url=options.site_url,
        )

    centre = catalogue.unit("centre")
    planned += unit_files(centre)
    stations[centre.key] = centre.name
    townships.append(pages.TownshipLinks("县中心", [pages.StationLink("centre/", centre.name)]))
    for township in catalogue.townships:
        links = []
        unit = catalogue.unit(township.slug)
        planned += unit_files(unit)
        stations[unit.key] = unit.name
        links.append(pages.StationLink(f"{unit.key}/", "实践所本级"))
        for station in catalogue.stations_of(township.slug):
            title = f"{township.name}{station.full_name}"
            planned += _station(catalogue, options, township, station, title)
            last = (township, station, title)
            stations[station.key] = title
            links.append(pages.StationLink(f"{station.key}/", station.full_name))
        townships.append(pages.TownshipLinks(township.institute, links))
    index = pages.index_page(
        catalogue.county.meta.centre, townships, options.login, trial=options.trial
    )
    planned.append(PlannedFile(routes.admin_file("index.html"), index))
    if last is not None:  # the save rules, the same in every station's form
        rules = _form(catalogue, options, *last).rules()
    data = {"rules": rules, "stations": stations, **checks.client_rules()}
    editor = pages.editor_page(decap.script_json(data))
    planned.append(PlannedFile(routes.admin_file(f"{pages.EDITOR}/index.html"), editor))
    for path in (*VENDORED, *OURS):
        planned.append(PlannedFile(routes.admin_file(path.name), copy_of=path))
    return planned


def _form(
    catalogue: Catalogue, options: FormOptions, township: Township, station: Station, title: str
) -> decap.StationForm:
    form = decap.station_form(
        township,
        station,
        labels=catalogue.county.labels,
        backend=options.backend,
        content_path=options.content_path,
        site_url=options.site_url,
    )
    return service.with_service(form, catalogue, station.key, options.content_path, title)


def _station(
    catalogue: Catalogue, options: FormOptions, township: Township, station: Station, title: str
) -> list[PlannedFile]:
    """The station's forwarding page and config.yml. The form is made only when the file
    is written: it shows the station (its teams), the county's lists and the menus the
    station can order from (site_plugins.incremental)."""
    folder = routes.admin_file(station.key)
    page = pages.station_page(station.key, f"表单投稿 · {title}")
    menus = {f"menus:{key}" for key in ancestors(station.key)}
    depends = frozenset({f"station:{station.key}", "county", *menus})
    return [
        PlannedFile(f"{folder}/index.html", page, depends=depends),
        PlannedFile(
            f"{folder}/config.yml",
            make=lambda: decap.config_yaml(
                _form(catalogue, options, township, station, title).config
            ),
            depends=depends,
        ),
    ]

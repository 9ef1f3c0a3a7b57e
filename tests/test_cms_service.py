"""The form editor's 菜单 and 点单 collections (site_plugins.cms.service).

The model is walked with test_cms's own walker (pydantic's fields, not the schema the
generator reads); the selects' values are written into files and read back by the real
loader, so a choice the form offers is one the validator accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SOURCE_DATE_EPOCH, TOWNSHIP_YML, make_county
from service_cases import CENTRE_YML, ORDER, files
from test_cms import _form_paths, _model_paths

from site_plugins.cms import decap, service, units
from site_plugins.content import load_catalogue
from site_plugins.service.model import MenuItemFile, OrderFile

MODELS = {"menu": MenuItemFile, "orders": OrderFile}
STATION = "qingshi/zhangzhuang"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Any:
    project = make_county(tmp_path_factory.mktemp("small"), files())
    return load_catalogue(project / "content", SOURCE_DATE_EPOCH)


def _station_form(catalogue: Any, key: str = STATION) -> decap.StationForm:
    station = catalogue.station(key)
    form = decap.station_form(
        catalogue.township(station.township),
        station,
        labels=catalogue.county.labels,
        backend={"name": "test-repo"},
        content_path="content",
    )
    return service.with_service(form, catalogue, key, "content", station.full_name)


def _collection(form: decap.StationForm, name: str) -> dict[str, Any]:
    return next(c for c in form.config["collections"] if c["name"] == name)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_field_of_the_model_is_in_the_form_as_required(small: Any, name: str) -> None:
    widgets = dict(_form_paths(_collection(_station_form(small), name)["fields"]))
    expected = {path: required for path, _, required in _model_paths(MODELS[name])}
    assert set(widgets) - {("body",)} == set(expected)
    assert {path: widgets[path]["required"] for path in expected} == expected


def test_collections_are_the_units_own_folders(small: Any) -> None:
    station = _station_form(small)
    names = [c["name"] for c in station.config["collections"]]
    assert names == ["activities", "plans", "honorees", "menu", "orders"]
    assert _collection(station, "menu")["folder"] == f"content/stations/{STATION}/menu"
    assert _collection(station, "orders")["folder"] == f"content/stations/{STATION}/orders"
    # The centre's form as the build makes it: its own entries, then 菜单 and 点单.
    unit = small.unit("centre")
    own = units.unit_form(small, unit, backend={}, content_path="content")
    centre = service.with_service(own, small, unit.key, "content", unit.name)
    assert {c["name"]: c["folder"] for c in centre.config["collections"]} == {
        "activities": "content/centre/activities",
        "plans": "content/centre/plans",
        "honorees": "content/centre/honorees",
        "menu": "content/centre/menu",
        "orders": "content/centre/orders",
    }
    assert set(centre.rules()) == {"activities", "plans", "honorees", "menu", "orders"}
    assert [g["path"] for g in centre.rules()["orders"]["groups"]] == [
        ["assigned"],
        ["served"],
        ["review"],
    ]


def _options(form: decap.StationForm, name: str, path: tuple[str, ...]) -> list[str]:
    widgets = dict(_form_paths(_collection(form, name)["fields"]))
    return [option["value"] for option in widgets[path]["options"]]


def test_selects_offer_references_the_loader_resolves(
    small: Any, county_factory: Callable[..., Path]
) -> None:
    form = _station_form(small)
    teams = _options(form, "menu", ("team",))
    own = [t.id for t in small.station(STATION).teams]
    assert teams[: len(own)] == own  # the station's own teams, bare
    assert "centre:law" in teams  # the county's teams, as units of other levels write them
    assert _options(form, "orders", ("assigned", "team")) == teams
    assert _options(form, "orders", ("menu",)) == ["centre:fanzha"]
    # Every offered team, written as the form writes it, is accepted by the validator.
    orders = {
        f"stations/{STATION}/orders/2026-07-01-diandan-{i}.md": (
            "---\ntitle: 想听讲座\ndate: 2026-07-01\ngroup: 二组群众\nmenu: centre:fanzha\n"
            f"assigned: {{team: {team}, date: 2026-07-02}}\n---\n"
        )
        for i, team in enumerate(teams)
    }
    project = county_factory({**files(), **orders})
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    assert [str(p) for p in catalogue.errors] == []
    assert len(catalogue.service.orders) == len(orders) + 1
    assert ORDER not in orders


def test_selects_offer_every_team_the_unit_its_township_and_the_centre_registered(
    county_factory: Callable[..., Path],
) -> None:
    """Team ids need not be category codes: ``elders`` and ``river`` are offered too."""
    team = "  - {{id: {}, name: {}, category: 法律服务, members: 9}}\n"
    project = county_factory(
        files()
        | {
            "centre/centre.yml": CENTRE_YML + team.format("elders", "县关爱老人志愿服务队"),
            "stations/qingshi/township.yml": TOWNSHIP_YML
            + "teams:\n"
            + team.format("river", "青石镇护河志愿服务队"),
        }
    )
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    assert [str(p) for p in catalogue.errors] == []
    choices = service.team_choices(catalogue, STATION)
    assert [c.value for c in choices] == [
        "culture",
        "theory",
        "qingshi:river",
        "centre:law",
        "centre:elders",
    ]
    assert choices[2].label == "青石镇护河志愿服务队"
    assert [c.value for c in service.team_choices(catalogue, "qingshi")] == [
        "river",
        "centre:law",
        "centre:elders",
    ]


def test_the_order_file_name_starts_with_its_date(small: Any) -> None:
    """The validator wants ``<date>-…`` (PATH_MISMATCH otherwise): Decap's slug says so."""
    assert _collection(_station_form(small), "orders")["slug"].startswith("{{fields.date}}-")


def test_centre_and_township_forms_are_built_and_listed(demo_site: Path) -> None:
    admin = demo_site / "admin"
    for key, up in (("centre", "../"), ("qingshi", "../")):
        config = yaml.safe_load((admin / key / "config.yml").read_text(encoding="utf-8"))
        base = "content/centre" if key == "centre" else f"content/stations/{key}"
        kinds = ("activities", "plans", "honorees", "menu", "orders")
        assert [c["folder"] for c in config["collections"]] == [f"{base}/{k}" for k in kinds]
        page = (admin / key / "index.html").read_text(encoding="utf-8")
        target = re.search(r'url=([^"]+)"', page)
        assert target and target.group(1) == f"{up}edit/?station={key}"
        assert (admin / key / up / "edit" / "index.html").resolve().is_file()
    station = yaml.safe_load((admin / STATION / "config.yml").read_text(encoding="utf-8"))
    assert [c["name"] for c in station["collections"]][-2:] == ["menu", "orders"]
    editor = (admin / "edit" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="wm-cms-data">(.*?)</script>', editor, re.S).group(1))
    assert {"centre", "qingshi", STATION} <= set(data["stations"])
    assert {"menu", "orders"} <= set(data["rules"])
    index = (admin / "index.html").read_text(encoding="utf-8")
    assert 'href="centre/"' in index and 'href="qingshi/"' in index

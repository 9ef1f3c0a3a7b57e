"""The copyable templates in the contributor guide are themselves valid content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import STATION_DIR, jpeg_bytes

from site_plugins.content import load_catalogue
from site_plugins.practice.guide import TEMPLATE_DIR, TEMPLATES


def template(name: str) -> str:
    return (TEMPLATE_DIR / name).read_text(encoding="utf-8")


def test_entry_and_folder_templates_validate(county_factory: Callable[..., Path]) -> None:
    content = (
        county_factory(
            {
                "stations/qingshi/township.yml": template("township.yml"),
                f"{STATION_DIR}/station.yml": template("station.yml"),
                f"{STATION_DIR}/activities/2026-06-19-duanwu.md": template("activity.md"),
                f"{STATION_DIR}/honorees/zhang-guifang.md": template("honoree.md"),
                f"{STATION_DIR}/media/zhang-guifang.jpg": jpeg_bytes(),
            }
        )
        / "content"
    )
    catalogue = load_catalogue(content)
    assert catalogue.problems == ()
    assert [a.slug for a in catalogue.activities] == ["2026-06-19-duanwu"]
    assert [h.name for h in catalogue.honorees] == ["张桂芳"]


def test_themes_template_lacks_only_the_months_it_elides(
    county_factory: Callable[..., Path],
) -> None:
    content = county_factory({"themes/2026.yml": template("themes.yml")}) / "content"
    codes = [p.code for p in load_catalogue(content).errors]
    assert codes == ["THEME_MONTHS"]


def test_every_template_is_listed_in_the_guide() -> None:
    listed = {name for _, name, _, _ in TEMPLATES}
    assert listed == {p.name for p in TEMPLATE_DIR.iterdir()}

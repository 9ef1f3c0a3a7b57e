"""Pure helpers of the portal's templates (site_plugins/portal.py)."""

from __future__ import annotations

import pytest

from site_plugins.portal import join_stylesheets, tel_href


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("0539-6151457", "05396151457"),
        ("（0539）615 1457 转 8", "05396151457"),
        ("０５３９－６１５１４５７", "05396151457"),  # full-width digits
        ("+86 539 6151457", "+865396151457"),
        ("12345", "12345"),
        ("服务热线：0539.6151457（工作日）", "05396151457"),
        ("暂无", ""),
        ("", ""),
        (None, ""),
        ("110", ""),  # too short to be an office line: left as text
    ],
)
def test_tel_href(written: str | None, dialled: str) -> None:
    assert tel_href(written) == dialled


def test_join_stylesheets_keeps_order_and_names_each_file() -> None:
    joined = join_stylesheets([("a.css", "p { color: red; }\n\n"), ("b.css", "p { color: blue; }")])
    assert (
        joined
        == "/* --- a.css --- */\np { color: red; }\n/* --- b.css --- */\np { color: blue; }\n"
    )
    # Later files win as with separate <link>s: their rules come after.
    assert joined.index("blue") > joined.index("red")

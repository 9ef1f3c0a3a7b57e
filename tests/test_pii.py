"""Personal-data detection: IDs and mobiles in the forms people type, and what must pass."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from site_plugins.cms import checks
from site_plugins.cms.patterns import JS_SEPARATORS, text_pattern
from site_plugins.content import pii
from site_plugins.content.pii import (
    find_negative_lists,
    find_personal_data,
    fold,
    is_id15,
    is_id18,
    mask,
)

REPO = Path(__file__).resolve().parent.parent

# The worked example of GB 11643 (DOMAIN.md): weights sum to a check character of X.
VALID_ID = "11010519491231002X"
# The example grouping with its right check character (…2316 would be wrong).
GROUPED_ID = "370302 19640817 2317"


def codes(text: str) -> list[str]:
    return [f.code for f in find_personal_data(text)]


def test_valid_id_by_checksum() -> None:
    assert is_id18(VALID_ID)
    assert is_id18(VALID_ID.lower())
    assert is_id18(GROUPED_ID.replace(" ", ""))


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # wrong check character
        "11010519491331002X",  # month 13
        "11010519490230002X",  # 30 February
        "1101051949123100",  # too short
        "370302196408172316",  # the example as written: wrong check character
        "99010519491231002X",  # no province 99, even with a right check character
    ],
)
def test_invalid_ids_are_not_flagged(number: str) -> None:
    assert not is_id18(number)
    assert codes(f"编号{number}号") == []


def test_the_region_code_is_checked_before_the_checksum() -> None:
    body = "99010519491231002"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    assert not is_id18(body + check)


def test_id_in_running_chinese_text() -> None:
    found = list(find_personal_data(f"身份证号{VALID_ID}，请核对"))
    assert [(f.code, f.start, f.text, f.number) for f in found] == [
        ("ID_NUMBER", 4, VALID_ID, VALID_ID)
    ]


def test_id_inside_a_longer_number_is_not_an_id() -> None:
    assert codes(f"9{VALID_ID}") == []


def test_old_fifteen_digit_id() -> None:
    assert is_id15("110105491231002")  # Beijing, born 1949-12-31
    assert not is_id15("110105491331002")  # month 13
    assert not is_id15("200105491231002")  # no province 20
    assert codes("旧身份证110105491231002") == ["ID_NUMBER"]


FULL = str.maketrans("0123456789Xx+-. ()", "０１２３４５６７８９Ｘｘ＋－．　（）")

# (text as typed, code, the characters reported): each form people really write.
CAUGHT = [
    # IDs
    (VALID_ID, "ID_NUMBER", VALID_ID),
    ("11010519491231002x", "ID_NUMBER", "11010519491231002x"),
    ("11010519491231002×", "ID_NUMBER", "11010519491231002×"),  # IME's multiplication sign
    (VALID_ID.translate(FULL), "ID_NUMBER", VALID_ID.translate(FULL)),
    (f"身份证：{GROUPED_ID}。", "ID_NUMBER", GROUPED_ID),
    ("370302-19640817-2317", "ID_NUMBER", "370302-19640817-2317"),
    ("370302.19640817.2317", "ID_NUMBER", "370302.19640817.2317"),
    ("3703 0219 6408 1723 17", "ID_NUMBER", "3703 0219 6408 1723 17"),
    (
        "３７０３０２　１９６４０８１７　２３１７",
        "ID_NUMBER",
        "３７０３０２　１９６４０８１７　２３１７",
    ),
    ("110105 491231 002", "ID_NUMBER", "110105 491231 002"),  # old 15-digit, grouped
    ("sfz11010519491231002X", "ID_NUMBER", VALID_ID),  # a label glued on
    # mobiles
    ("电话13912345678", "MOBILE_NUMBER", "13912345678"),
    ("186.2290.7315", "MOBILE_NUMBER", "186.2290.7315"),
    ("1381 234 5678", "MOBILE_NUMBER", "1381 234 5678"),
    ("138-1234-5678", "MOBILE_NUMBER", "138-1234-5678"),
    ("1-3-8-1-2-3-4-5-6-7-8", "MOBILE_NUMBER", "1-3-8-1-2-3-4-5-6-7-8"),
    ("１５９１２３４５６７８", "MOBILE_NUMBER", "１５９１２３４５６７８"),
    ("１５９－１２３４－５６７８", "MOBILE_NUMBER", "１５９－１２３４－５６７８"),
    ("159．1234．5678", "MOBILE_NUMBER", "159．1234．5678"),
    ("138–1234–5678", "MOBILE_NUMBER", "138–1234–5678"),  # en dash
    ("138—1234—5678", "MOBILE_NUMBER", "138—1234—5678"),  # em dash
    ("138·1234·5678", "MOBILE_NUMBER", "138·1234·5678"),  # middle dot
    ("138　1234　5678", "MOBILE_NUMBER", "138　1234　5678"),  # full-width space
    ("138 - 1234 - 5678", "MOBILE_NUMBER", "138 - 1234 - 5678"),
    ("138\u200b1234\u200b5678", "MOBILE_NUMBER", "138\u200b1234\u200b5678"),  # invisible
    ("报名：138\n1234 5678", "MOBILE_NUMBER", "138\n1234 5678"),  # shown as one line
    ("+8613912345678", "MOBILE_NUMBER", "8613912345678"),
    ("+86 139 1234 5678", "MOBILE_NUMBER", "86 139 1234 5678"),
    ("86 139 1234 5678", "MOBILE_NUMBER", "86 139 1234 5678"),
    ("0086-13912345678", "MOBILE_NUMBER", "0086-13912345678"),
    ("（＋８６）１３９ １２３４ ５６７８", "MOBILE_NUMBER", "１３９ １２３４ ５６７８"),
    ("vx13912345678", "MOBILE_NUMBER", "13912345678"),  # WeChat ID that is the mobile
    ("Tel:13912345678", "MOBILE_NUMBER", "13912345678"),
    ("①13912345678", "MOBILE_NUMBER", "13912345678"),  # a list mark is not a digit
    ("2026-06-19 13912345678", "MOBILE_NUMBER", "13912345678"),  # a whole group of a chain
    ("号码：19912345678。", "MOBILE_NUMBER", "19912345678"),
]


@pytest.mark.parametrize(("text", "code", "written"), CAUGHT, ids=[c[0] for c in CAUGHT])
def test_caught_in_every_form(text: str, code: str, written: str) -> None:
    found = list(find_personal_data(text))
    assert [(f.code, f.text) for f in found] == [(code, written)]
    assert text[found[0].start :].startswith(written)  # offsets are those of the source


PASSES = [
    "370302 19640817 2316",  # wrong check character
    "202606191234567",  # 15-digit order number: no province 20
    "110105491331002",  # 15 digits with a province but no real date
    "20260618123456789012",  # 20-digit order number
    "编号 143498960105623X",  # 16 characters: not an ID of either length
    "SF1234567890123",  # tracking numbers: letters glued to the digits
    "SF13912345678",
    "JD0012345678901",
    "1381234567890",  # 13 digits that begin like a mobile: part of a longer number
    "13812345678901234",
    "¥13,812,345,678",  # amounts
    "￥13812345678",
    "13812345678元",
    "共计13812345678.50元",
    "1381.23元",
    "RMB 13812345678",
    "办公电话0539-6121234",  # landlines
    "0531-8888 6666",
    "(0531)88886666",
    "（0531）88886666",
    "０５３１－８８８８６６６６",
    "0531-88886666转801",
    "010 8888 6666",
    "400-123-4567",  # service lines
    "800 820 8820",
    "4008123456",
    "2026-06-19",  # dates and times
    "2026.06.19 13:30",
    "20260619",
    "12912345678",  # 12x is not a mobile prefix
    "1391234567",  # ten digits
    "139123456789",  # twelve digits
    "受益群众 120 人，服务时长 54 小时",
]


@pytest.mark.parametrize("text", PASSES)
def test_not_personal_data(text: str) -> None:
    assert codes(text) == []


def test_id_is_not_also_reported_as_mobile() -> None:
    assert codes(VALID_ID) == ["ID_NUMBER"]
    assert codes("13010519491231002X".replace("X", "")) == []  # 17 digits: neither


def test_several_numbers_in_one_chain_are_each_reported() -> None:
    found = list(find_personal_data("13912345678 13812345678"))
    assert [(f.start, f.number) for f in found] == [(0, "13912345678"), (12, "13812345678")]


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("13912345678", "139****5678"),
        ("１３９ １２３４ ５６７８", "139****5678"),
        (VALID_ID, "110***********002X"),
    ],
)
def test_masks_never_show_the_whole_number(number: str, shown: str) -> None:
    assert mask(number) == shown


def test_every_caught_number_is_masked() -> None:
    for text, _, _ in CAUGHT:
        for finding in find_personal_data(text):
            masked = mask(finding.number)
            assert finding.number not in masked and "****" in masked


def test_folding_keeps_every_offset() -> None:
    """One code point folds to one: offsets in the folded text are source offsets."""
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(every)) == len(every)
    assert fold("１２３ＸｘＶＸ　－．·—") == "123XXVX -..-"


def test_negative_list_words() -> None:
    assert [f.text for f in find_negative_lists("本月不文明行为曝光台：")] == ["曝光台"]
    assert list(find_negative_lists("本月劝导不文明行为 12 起")) == []


# --- the benchmark's generators, at a small size -----------------------------------------


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "pii_benchmark", REPO / "scripts/pii_benchmark.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_rates_at_small_size() -> None:
    bench = _benchmark()
    personal = list(bench.personal_samples(7, 60, 60))
    assert len(personal) == 60 * (len(bench.ID_FORMS) + len(bench.MOBILE_FORMS))
    caught = bench.overall(bench.caught(pii, personal))
    assert caught.percent == 100.0
    refusals, examples = bench.refused(pii, bench.other_samples(7, 3000))
    refused = bench.overall(refusals)
    assert refused.total == 3000
    assert refused.percent <= 0.1, examples
    # The generators do make hard cases: the previous scanner refused about 3 % of them.
    assert {"tracking number", "amount", "13–16 digits led by 1[3-9]"} <= set(refusals)


def test_the_form_refuses_every_form_the_validator_catches() -> None:
    """The form's number checks (cms/checks.py, run by wm-cms.js on saving) are built from
    the validator's own shapes: every written form the validator catches, they catch."""
    bench = _benchmark()
    shapes = [re.compile(checks._SHAPES[code]) for code in ("ID_NUMBER", "MOBILE_NUMBER")]
    for sample in bench.personal_samples(11, 20, 20):
        assert any(shape.search(sample.text) for shape in shapes), sample
    assert all(c in pii.SEPARATOR_CHARS for c in JS_SEPARATORS)


@pytest.mark.parametrize("text", ["办公电话 0539-6151457", "2026-06-19 活动", "¥1,381.23"])
def test_the_form_lets_landlines_dates_and_amounts_through(text: str) -> None:
    assert re.match(text_pattern(80)[0], text)


def test_mask_numbers_in_a_message() -> None:
    message = "phone 应当是文字，现在写的是“13912345678”，身份证 370302 19640817 2317"
    assert (
        pii.mask_numbers(message)
        == "phone 应当是文字，现在写的是“139****5678”，身份证 370***********2317"
    )


def test_an_id_hides_the_mobile_shapes_inside_it_but_not_the_next_number() -> None:
    text = f"{GROUPED_ID} 139 1234 5678 110105 491231 002"
    found = [(f.code, f.number) for f in find_personal_data(text)]
    assert found == [
        ("ID_NUMBER", GROUPED_ID.replace(" ", "")),
        ("MOBILE_NUMBER", "13912345678"),
        ("ID_NUMBER", "110105491231002"),
    ]

"""Personal-data detection: ID numbers by checksum, old IDs, mobile numbers."""

from __future__ import annotations

import pytest

from site_plugins.content.pii import find_negative_lists, find_personal_data, is_id15, is_id18

# The worked example of GB 11643 (DOMAIN.md): weights sum to a check character of X.
VALID_ID = "11010519491231002X"


def codes(text: str) -> list[str]:
    return [f.code for f in find_personal_data(text)]


def test_valid_id_by_checksum() -> None:
    assert is_id18(VALID_ID)
    assert is_id18(VALID_ID.lower())


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # wrong check character
        "11010519491331002X",  # month 13
        "11010519490230002X",  # 30 February
        "1101051949123100",  # too short
    ],
)
def test_invalid_ids_are_not_flagged(number: str) -> None:
    assert not is_id18(number)
    assert codes(f"编号{number}号") == []


def test_id_in_running_chinese_text() -> None:
    found = list(find_personal_data(f"身份证号{VALID_ID}，请核对"))
    assert [(f.code, f.start, f.text) for f in found] == [("ID_NUMBER", 4, VALID_ID)]


def test_id_inside_a_longer_number_is_not_an_id() -> None:
    assert codes(f"9{VALID_ID}") == []


def test_old_fifteen_digit_id() -> None:
    assert is_id15("110105491231002")  # area 110105, born 1949-12-31
    assert not is_id15("110105491331002")  # month 13
    assert codes("旧身份证110105491231002") == ["ID_NUMBER"]


@pytest.mark.parametrize(
    "text",
    [
        "电话13912345678",
        "+8613912345678",
        "86 139 1234 5678",
        "139-1234-5678",
        "号码：19912345678。",
    ],
)
def test_mobile_numbers(text: str) -> None:
    assert codes(text) == ["MOBILE_NUMBER"]


@pytest.mark.parametrize(
    "text",
    [
        "办公电话0539-6121234",  # landline
        "12912345678",  # 12x is not a mobile prefix
        "1391234567",  # ten digits
        "受益群众 120 人，服务时长 54 小时",
        "2026-06-19",
    ],
)
def test_not_mobile_numbers(text: str) -> None:
    assert codes(text) == []


def test_id_is_not_also_reported_as_mobile() -> None:
    assert codes(VALID_ID) == ["ID_NUMBER"]


def test_negative_list_words() -> None:
    assert [f.text for f in find_negative_lists("本月不文明行为曝光台：")] == ["曝光台"]
    assert list(find_negative_lists("本月劝导不文明行为 12 起")) == []

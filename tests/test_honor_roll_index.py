"""The honor roll's index, in plain Python: pinyin keys, deeds excerpts, facets, counts.

The search rules of ``honor-roll.js`` are stated in :mod:`site_plugins.honor_roll.index`
(``matches``, ``facet_counts``); these tests pin them down on small catalogues made with
``make_county``. tests/test_honor_roll_browser.py checks that the browser keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import STATION_DIR, make_county

from site_plugins.content import load_catalogue
from site_plugins.honor_roll import index
from site_plugins.honor_roll.index import (
    HonorRoll,
    build_roll,
    compact_index,
    deeds_excerpt,
    facet_counts,
    filter_roll,
    index_script,
    matches,
    normalise,
    pinyin_matches,
    query_words,
)
from site_plugins.honor_roll.pinyin import compact, from_table, pinyin_keys, reading_table

SOURCE_DATE_EPOCH = "1796486400"  # 2026-12-06 Beijing time, as the tests build
OTHER_STATION = "stations/liuhe/xinglong"
OTHER_TOWNSHIP = "name: 柳河镇\n"
OTHER_STATION_YML = """\
name: 兴隆村
kind: 村
six_haves: {venue: true, signage: true, team: true, projects: true, rules: true, display: true}
"""


def honoree_md(
    name: str,
    *,
    category: str = "孝老爱亲",
    honours: Sequence[tuple[str, str]] = (("县级", "2026-Q2"),),
    summary: str = "照顾瘫痪婆婆二十年如一日。",
    kind: str = "个人",
    consent: bool = True,
    body: str = "二十年来悉心照料卧床的婆婆。",
) -> str:
    lines = ["---", f"name: {name}", f"kind: {kind}", f"category: {category}", "honours:"]
    for level, period in honours:
        lines += [
            f"  - level: {level}",
            "    issuer: 示范县新时代文明实践中心",
            f"    period: {period}",
        ]
    lines.append(f"summary: {summary}")
    if consent:
        lines += ["consent:", "  given: true", "  by: 本人", "  date: 2026-04-02"]
    return "\n".join([*lines, "---", "", body, ""])


def county(tmp_path: Path, honorees: dict[str, str]) -> Path:
    """A county of two townships; ``honorees`` maps station-dir/slug → file text."""
    files = {
        "stations/liuhe/township.yml": OTHER_TOWNSHIP,
        f"{OTHER_STATION}/station.yml": OTHER_STATION_YML,
    }
    files.update({f"{key}.md": text for key, text in honorees.items()})
    return make_county(tmp_path, files)


def roll_of(project: Path, deeds_chars: int = 40) -> HonorRoll:
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    assert not catalogue.errors, [p.format() for p in catalogue.errors]
    return build_roll(catalogue, deeds_chars)


H = f"{STATION_DIR}/honorees"
H2 = f"{OTHER_STATION}/honorees"


@pytest.fixture
def roll(tmp_path: Path) -> HonorRoll:
    return roll_of(
        county(
            tmp_path,
            {
                f"{H}/zhang-guifang": honoree_md(
                    "张桂芳",
                    honours=[("县级", "2026-Q2"), ("村级", "2025")],
                    body="张桂芳的婆婆瘫痪在床。她每天端水喂饭，擦身翻身。",
                ),
                f"{H}/wang-xiuying": honoree_md(
                    "王秀英",
                    category="助人为乐",
                    honours=[("乡镇级", "2026-03")],
                    summary="义务为老人理发二十年。",
                ),
                f"{H2}/wang-xiuying": honoree_md(
                    "王秀英",
                    category="见义勇为",
                    honours=[("县级", "2025-08")],
                    summary="跳入河中救起落水儿童。",
                    body="那天傍晚，她听到河边有人呼救。",
                ),
                f"{H2}/laobing": honoree_md(
                    "老兵宣讲团",
                    kind="集体",
                    category="敬业奉献",
                    honours=[("市级", "2026-05")],
                    summary="走村入户宣讲党的政策。",
                ),
            },
        )
    )


# --- pinyin -------------------------------------------------------------------------------


def test_full_pinyin_and_initials() -> None:
    keys = pinyin_keys("张桂芳")
    assert keys.full == "zhangguifang"
    assert keys.initials == "zgf"
    assert keys.tokens == ("张", "桂", "芳")


@pytest.mark.parametrize(
    ("name", "surname", "everyday"),
    [
        ("单雄信", "shan", "dan"),
        ("曾国藩", "zeng", "ceng"),
        ("解缙", "xie", "jie"),
        ("仇英", "qiu", "chou"),
        ("区志强", "ou", "qu"),
        ("翟志刚", "zhai", "di"),
        ("朴正", "piao", "pu"),
    ],
)
def test_polyphonic_surnames_are_read_as_surnames(name: str, surname: str, everyday: str) -> None:
    keys = pinyin_keys(name)
    # The surname reading comes first (full pinyin, initials); the everyday one stays
    # findable for a reader who types that.
    assert keys.syllables[0] == (surname, everyday)
    assert keys.full.startswith(surname)
    assert pinyin_matches(keys, keys.full)
    assert pinyin_matches(keys, everyday + keys.full[len(surname) :])


def test_compound_surnames_need_a_given_name() -> None:
    assert pinyin_keys("万俟卨").full == "moqixie"
    assert pinyin_keys("尉迟恭").full == "yuchigong"
    # Two characters only: the surname 单 and the given name 于, not the compound 单于
    # (chanyu; pypinyin's reading in context stays the second choice).
    keys = pinyin_keys("单于")
    assert keys.full == "shanyu"
    assert keys.syllables[1] == ("yu",)


def test_a_group_name_is_not_read_as_a_surname() -> None:
    assert pinyin_keys("单位志愿服务队", is_group=True).syllables[0] == ("dan",)
    assert pinyin_keys("单位志愿服务队").syllables[0] == ("shan", "dan")


def test_rare_characters_keep_no_syllable_but_the_rest_keeps_its_pinyin() -> None:
    # U+20BB7 𠮷 is outside pypinyin's table.
    keys = pinyin_keys("李𠮷明")
    assert keys.syllables == (("li",), ("ming",))
    assert keys.tokens == ("李", "明")
    assert pinyin_matches(keys, "liming")
    assert pinyin_matches(keys, "lm")


def test_latin_letters_in_a_name_are_kept() -> None:
    assert pinyin_keys("阿依·Kerim").full == "ayikerim"


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("zhangguifang", True),
        ("zgf", True),
        ("guifang", True),
        ("zhanggf", True),
        ("zhgufa", True),
        ("gf", True),
        ("z", True),
        ("angg", False),  # not from a syllable's start
        ("zgfx", False),
        ("fangzhang", False),  # order counts
        ("zf", False),  # syllables must be consecutive
        ("", False),
        ("z" * 500, False),
    ],
)
def test_pinyin_matching(word: str, found: bool) -> None:
    assert pinyin_matches(pinyin_keys("张桂芳"), word) is found


def test_reading_table_and_exceptions_rebuild_every_name() -> None:
    names = [
        "张桂芳",
        "单雄信",
        "单位志愿服务队",
        "曾国藩",
        "曾家湾志愿服务队",
        "李𠮷明",
        "阿依·Kerim",
    ]
    keys = [pinyin_keys(n, is_group=n.endswith("队")) for n in names]
    table = reading_table(keys)
    assert "𠮷" not in table
    assert table["张"] == "zhang"
    rebuilt = [from_table(n, table) for n in names]
    # Most names read right from the table; the compact index lists the others.
    assert rebuilt[0] == keys[0].syllables
    assert sum(r != k.syllables for r, k in zip(rebuilt, keys, strict=True)) <= 2


# --- text ---------------------------------------------------------------------------------


def test_query_words_are_normalised_and_cannot_carry_markup() -> None:
    assert query_words("  张桂 ，ＺＧＦ ") == ["张桂", "zgf"]
    assert query_words(".*[(<script>") == ["script"]
    assert query_words("") == []
    assert query_words("，。！") == []
    assert normalise("青石镇·张庄村") == "青石镇 张庄村"


def test_deeds_excerpt_drops_what_the_card_says_and_keeps_the_story() -> None:
    body = (
        "## 事迹\n\n张桂芳是青石镇张庄村的一名**退休教师**。"
        "[照顾瘫痪婆婆](https://example.org)二十年如一日。<br>她每天端水喂饭。她每天端水喂饭。"
    )
    text = deeds_excerpt(
        body,
        known=["张桂芳", "照顾瘫痪婆婆二十年如一日。"],
        cut=["张桂芳", "青石镇张庄村", "青石镇", "张庄村"],
        limit=100,
    )
    assert text == "事迹 的一名 退休教师 她每天端水喂饭"
    assert "https" not in text and "<" not in text
    assert len(deeds_excerpt(body, known=[], cut=[], limit=10)) <= 10


# --- the roll -----------------------------------------------------------------------------


def test_entries_newest_honour_first(roll: HonorRoll) -> None:
    assert [e.name for e in roll.entries] == ["张桂芳", "老兵宣讲团", "王秀英", "王秀英"]
    first = roll.entries[0]
    assert first.honours == "2026年第二季度 县级；2025年度 村级"
    assert first.levels == ("county", "village")
    assert first.years == (2026, 2025)


def test_same_names_are_told_apart_by_place(roll: HonorRoll) -> None:
    places = {e.place for e in roll.entries if e.name == "王秀英"}
    assert places == {"青石镇张庄村", "柳河镇兴隆村"}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("张桂", ["张桂芳"]),
        ("桂芳", ["张桂芳"]),
        ("zgf", ["张桂芳"]),
        ("zhangguifang", ["张桂芳"]),
        ("王秀英", ["王秀英", "王秀英"]),
        ("兴隆", ["老兵宣讲团", "王秀英"]),  # place
        ("落水", ["王秀英"]),  # summary
        ("呼救", ["王秀英"]),  # deeds
        ("擦身翻身", ["张桂芳"]),  # deeds
        ("集体", ["老兵宣讲团"]),
        ("县级", ["张桂芳", "王秀英"]),
        ("王 兴隆", ["王秀英"]),  # every word must match
        ("wxy 兴隆", ["王秀英"]),
        ("張桂芳", ["张桂芳"]),  # traditional characters
        ("興隆", ["老兵宣讲团", "王秀英"]),
        ("王奶奶", ["王秀英", "王秀英"]),  # surname + kinship term: people, not groups
        ("张大姐", ["张桂芳"]),
        ("老大哥", []),  # 老 is no surname
        ("", ["张桂芳", "老兵宣讲团", "王秀英", "王秀英"]),
        (".*[(<script>", []),
        ("张" * 500, []),
    ],
)
def test_text_search(roll: HonorRoll, query: str, names: list[str]) -> None:
    assert [e.name for e in roll.entries if matches(e, query)] == names


def test_facets_in_the_countys_order(roll: HonorRoll) -> None:
    assert [v.label for v in roll.categories] == ["助人为乐", "见义勇为", "敬业奉献", "孝老爱亲"]
    assert [v.label for v in roll.levels] == ["市级", "县级", "乡镇级", "村级"]
    assert roll.years == (2026, 2025)
    assert [v.label for v in roll.townships] == ["柳河镇", "青石镇"]  # the catalogue's order
    assert [v.key for v in roll.villages] == ["liuhe/xinglong", "qingshi/zhangzhuang"]


def test_facet_counts_ignore_their_own_choice(roll: HonorRoll) -> None:
    counts = facet_counts(roll, {})
    assert counts["y"] == {"2026": 3, "2025": 2}  # any honour's year counts
    assert counts["l"] == {"county": 2, "village": 1, "township": 1, "city": 1}
    assert counts["v"] == {"qingshi/zhangzhuang": 2, "liuhe/xinglong": 2}

    chosen = {"t": "liuhe"}
    counts = facet_counts(roll, chosen)
    assert counts["t"] == {"qingshi": 2, "liuhe": 2}  # its own facet: alternatives stay
    assert counts["c"] == {"bravery": 1, "dedication": 1}
    assert [e.name for e in filter_roll(roll, chosen)] == ["老兵宣讲团", "王秀英"]

    counts = facet_counts(roll, {"y": "2025"}, query="王")
    assert counts["y"] == {"2026": 1, "2025": 1}
    assert counts["v"] == {"liuhe/xinglong": 1}
    assert [e.place for e in filter_roll(roll, {"y": "2025"}, "王")] == ["柳河镇兴隆村"]


def test_compact_index_columns_follow_the_cards(roll: HonorRoll) -> None:
    data = compact_index(roll)
    assert len(data["c"]) == len(data["l"]) == len(data["y"]) == len(data["v"]) == 4
    assert len(data["d"]) == 4
    first = roll.entries[0]
    assert data["cat"][data["c"][0]][0] == first.category
    assert [data["lvl"][i][0] for i in data["l"][0]] == list(first.levels)
    assert [data["yr"][i] for i in data["y"][0]] == [2026, 2025]
    village = data["vil"][data["v"][0]]
    assert village[0] == "qingshi/zhangzhuang"
    assert data["twp"][village[2]][0] == "qingshi"
    # Every name's pinyin comes back from the table, or from the exceptions.
    for position, entry in enumerate(roll.entries):
        exception = data["px"].get(str(position))
        rebuilt = (
            exception if exception is not None else compact(from_table(entry.name, data["pt"]))
        )
        assert rebuilt == entry.pinyin.compact()


def test_index_script_sets_one_global_and_survives_old_parsers(tmp_path: Path) -> None:
    roll = roll_of(
        county(tmp_path, {f"{H}/a": honoree_md("张三", body="第一段\u2028第二段，救起落水儿童。")})
    )
    script = index_script(roll)
    assert script.startswith("window.wmHonorRoll={") and script.endswith("};\n")
    assert "\u2028" not in script and "\u2029" not in script
    data = json.loads(script.removeprefix("window.wmHonorRoll=").removesuffix(";\n"))
    assert data["sep"] == index.SEPARATORS
    assert "救起落水儿童" in data["d"][0]


def test_an_empty_roll(tmp_path: Path) -> None:
    roll = roll_of(make_county(tmp_path))
    assert roll.entries == ()
    assert compact_index(roll)["c"] == []


# --- consent ------------------------------------------------------------------------------


def test_an_unconsented_honoree_never_reaches_the_roll_or_its_index(tmp_path: Path) -> None:
    project = county(
        tmp_path,
        {
            f"{H}/zhang-guifang": honoree_md("张桂芳"),
            f"{H2}/li-secret": honoree_md(
                "李保密", consent=False, summary="未登记同意的事迹一句话。", body="机密事迹正文。"
            ),
        },
    )
    catalogue = load_catalogue(project / "content", SOURCE_DATE_EPOCH)
    assert [p.code for p in catalogue.errors] == ["NO_CONSENT"]
    roll = build_roll(catalogue)
    assert [e.name for e in roll.entries] == ["张桂芳"]
    script = index_script(roll)
    for secret in ("李保密", "li-secret", "未登记同意", "机密事迹", "lbm", "libaomi"):
        assert secret not in script
    # Not even the village: with no published honoree there, it is no filter value.
    assert [v.key for v in roll.villages] == ["qingshi/zhangzhuang"]

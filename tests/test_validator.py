"""Table-driven validator tests: one bad input → one problem code at one exact place.

Every case starts from a small valid county (see ``county_factory`` in conftest) and
adds or replaces files. Expected lines and columns are worked out by hand from the text
of each case: line 1 of an entry is its opening ``---``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import COUNTY_YML, STATION_DIR, STATION_YML, build_site, make_county
from PIL import Image
from service_cases import SERVICE_CASES, SERVICE_WARNING_CASES

from site_plugins.content import honoree_loading, load_catalogue
from site_plugins.content.loader import build_date
from site_plugins.content.located import Mark
from site_plugins.content.problems import CODES, Severity

REPO_MEDIA = Path(__file__).resolve().parent.parent / "content/stations/chengguan/binhe/media"
ACT = "stations/qingshi/zhangzhuang/activities/"
HON = "stations/qingshi/zhangzhuang/honorees/"
STATION = "stations/qingshi/zhangzhuang/station.yml"
PLANS = "stations/qingshi/zhangzhuang/plans/"
# The county centre's own file: two teams (line 1 teams, 2 - id: theory, …).
CENTRE_YML = """\
teams:
  - id: theory
    name: 县理论宣讲志愿服务支队
    category: 理论宣讲
    members: 86
  - id: health
    name: 县医疗健身志愿服务支队
    category: 健康促进和体育
    members: 118
"""

# Lines: 1 ---, 2 title, 3 date, 4 team, 5 volunteers, 6 beneficiaries,
# 7 service_hours, 8 location, 9 ---, 10 blank, 11 body.
GOOD_ACTIVITY = """\
---
title: 义诊进村
date: 2026-06-19
team: culture
volunteers: 8
beneficiaries: 60
service_hours: 16
location: 村卫生室
---

志愿者为村民测量血压、讲解慢性病防治知识。
"""

# Lines: 1 ---, 2 name, 3 gender, 4 birth_year, 5 category, 6 honours, 7 - level,
# 8 issuer, 9 period, 10 summary, 11 consent, 12 given, 13 by, 14 date, 15 ---.
GOOD_HONOREE = """\
---
name: 张桂芳
gender: 女
birth_year: 1962
category: 孝老爱亲
honours:
  - level: 县级
    issuer: 示范县新时代文明实践中心
    period: 2026-Q2
summary: 照顾瘫痪婆婆二十年如一日。
consent:
  given: true
  by: 本人
  date: 2026-04-02
---

二十年来悉心照料卧床的婆婆。
"""

# Lines: 1 year, 2 months, 3 - month: 1, 4 title, 5 - month: 2, 6 title ...
THEMES = "year: 2026\nmonths:\n" + "".join(
    f"  - month: {m}\n    title: 主题{m}\n" for m in range(1, 13)
)


MINIMAL_STATION = """\
name: 新村
kind: 村
six_haves: {venue: true, signage: true, team: true, projects: true, rules: true, display: true}
"""


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def act(old: str, new: str) -> str:
    assert old in GOOD_ACTIVITY, old
    return GOOD_ACTIVITY.replace(old, new)


def hon(old: str, new: str) -> str:
    assert old in GOOD_HONOREE, old
    return GOOD_HONOREE.replace(old, new)


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    code: str
    path: str  # inside content/
    line: int
    col: int
    extra: Callable[[Path], None] | None = None
    message_has: list[str] = field(default_factory=list)


CASES = [
    Case(
        "tab-indent",
        {ACT + "a.md": act("location: 村卫生室\n", "photos:\n\t- media/scene-1.jpg\n")},
        "YAML_SYNTAX",
        ACT + "a.md",
        9,
        1,
        message_has=["Tab"],
    ),
    Case(
        "unclosed-quote",
        {ACT + "a.md": act("title: 义诊进村", 'title: "义诊进村')},
        "YAML_SYNTAX",
        ACT + "a.md",
        2,
        8,
        message_has=["引号"],
    ),
    Case(
        "duplicate-key",
        {ACT + "a.md": act("location: 村卫生室\n", "location: 村卫生室\nvolunteers: 9\n")},
        "DUPLICATE_KEY",
        ACT + "a.md",
        9,
        1,
        message_has=["volunteers", "第 5 行"],
    ),
    Case(
        "no-front-matter",
        {ACT + "a.md": "志愿者为村民测量血压。\n"},
        "NO_FRONT_MATTER",
        ACT + "a.md",
        1,
        1,
    ),
    Case(
        "unclosed-front-matter",
        {ACT + "a.md": GOOD_ACTIVITY.replace("---\n\n志愿者", "\n志愿者")},
        "UNCLOSED_FRONT_MATTER",
        ACT + "a.md",
        1,
        1,
    ),
    Case(
        "front-matter-not-a-mapping",
        {ACT + "a.md": "---\n- 义诊\n---\n正文\n"},
        "NOT_A_MAPPING",
        ACT + "a.md",
        2,
        1,
    ),
    Case(
        "wrong-type",
        {ACT + "a.md": act("volunteers: 8", "volunteers: 很多")},
        "WRONG_TYPE",
        ACT + "a.md",
        5,
        13,
        message_has=["整数"],
    ),
    Case(
        "unknown-key-did-you-mean",
        {ACT + "a.md": act("volunteers: 8", "voluntears: 8")},
        "UNKNOWN_KEY",
        ACT + "a.md",
        5,
        1,
        message_has=["voluntears", "volunteers"],
    ),
    Case(
        "impossible-date",
        {ACT + "a.md": act("date: 2026-06-19", "date: 2026-02-30")},
        "BAD_DATE",
        ACT + "a.md",
        3,
        7,
        message_has=["2026-02-30"],
    ),
    Case(
        "quoted-date",
        {ACT + "a.md": act("date: 2026-06-19", 'date: "2026-06-19"')},
        "BAD_DATE",
        ACT + "a.md",
        3,
        7,
        message_has=["引号", "date: 2026-06-19"],
    ),
    Case(
        "date-without-leading-zeros",
        {ACT + "a.md": act("date: 2026-06-19", "date: 2026-6-9")},
        "BAD_DATE",
        ACT + "a.md",
        3,
        7,
        message_has=["两位数", "date: 2026-06-09"],
    ),
    Case(
        "date-in-words",
        {ACT + "a.md": act("date: 2026-06-19", "date: 6月19日")},
        "BAD_DATE",
        ACT + "a.md",
        3,
        7,
        message_has=["6月19日", "YYYY-MM-DD"],
    ),
    Case(
        "empty-title",
        {ACT + "a.md": act("title: 义诊进村", 'title: ""')},
        "EMPTY",
        ACT + "a.md",
        2,
        8,
    ),
    Case(
        "missing-title",
        {ACT + "a.md": act("title: 义诊进村\n", "")},
        "REQUIRED",
        ACT + "a.md",
        2,
        1,
        message_has=["title"],
    ),
    Case(
        "negative-count",
        {ACT + "a.md": act("volunteers: 8", "volunteers: -3")},
        "OUT_OF_RANGE",
        ACT + "a.md",
        5,
        13,
    ),
    Case(
        "markup-in-title",
        {ACT + "a.md": act("title: 义诊进村", "title: 义诊<img src=x onerror=alert(1)>进村")},
        "MARKUP_IN_TEXT",
        ACT + "a.md",
        2,
        10,
    ),
    Case(
        "markup-in-nested-field",
        {
            ACT + "a.md": act(
                "location: 村卫生室\n",
                "photos:\n  - file: media/scene-1.jpg\n    caption: 好</figcaption><script>\n",
            )
        },
        "MARKUP_IN_TEXT",
        ACT + "a.md",
        10,
        15,
    ),
    # Body lines: 11 the good body, 12 blank, 13 what the case adds.
    Case(
        "external-image-in-body",
        {ACT + "a.md": GOOD_ACTIVITY + "\n现场 ![签到](https://evil.example/pixel.gif)\n"},
        "EXTERNAL_RESOURCE",
        ACT + "a.md",
        13,
        4,
        message_has=["evil.example", "![签到](https://evil.example/pixel.gif)", "media/"],
    ),
    Case(
        "protocol-relative-raw-img",
        {ACT + "a.md": GOOD_ACTIVITY + "\n好 <img src=//evil.example/a.gif>\n"},
        "EXTERNAL_RESOURCE",
        ACT + "a.md",
        13,
        3,
        message_has=["evil.example", "图片"],
    ),
    Case(
        "external-srcset-on-second-line-of-tag",
        {
            ACT + "a.md": GOOD_ACTIVITY
            + '\n<img alt="x"\n  srcset="a.jpg 1x, HTTPS://evil.example/b.gif 2x">\n'
        },
        "EXTERNAL_RESOURCE",
        ACT + "a.md",
        13,
        1,  # the tag's "<", a line above the URL
    ),
    Case(
        "reference-image-points-at-its-definition",
        {ACT + "a.md": GOOD_ACTIVITY + "\n![图][p]\n\n[p]: https://evil.example/p.gif\n"},
        "EXTERNAL_RESOURCE",
        ACT + "a.md",
        15,
        6,
    ),
    Case(
        "external-video-poster",
        {ACT + "a.md": GOOD_ACTIVITY + '\n<video poster="https://evil.example/v.jpg"></video>\n'},
        "EXTERNAL_RESOURCE",
        ACT + "a.md",
        13,
        1,
        message_has=["视频"],
    ),
    Case(
        "external-image-in-station-intro",
        {STATION: MINIMAL_STATION + "intro: |\n  本站简介\n  ![](https://evil.example/x.png)\n"},
        "EXTERNAL_RESOURCE",
        STATION,
        6,
        3,
    ),
    Case(
        "theme-month-without-theme",
        {ACT + "a.md": act("date: 2026-06-19\n", "date: 2026-06-19\ntheme_month: 7\n")},
        "NO_THEME",
        ACT + "a.md",
        4,
        14,
        message_has=["2026 年 7 月"],
    ),
    Case(
        "county-day-that-does-not-exist",
        {"county.yml": COUNTY_YML + "days:\n  - {month: 2, day: 30, name: 测试日}\n"},
        "BAD_DATE",
        "county.yml",
        8,
        21,
        message_has=["2月30日"],
    ),
    Case(
        "title-too-long",
        {ACT + "a.md": act("title: 义诊进村", "title: " + "长" * 81)},
        "TOO_LONG",
        ACT + "a.md",
        2,
        8,
        message_has=["81", "80"],
    ),
    Case(
        "end-before-start",
        {ACT + "a.md": act("date: 2026-06-19\n", "date: 2026-06-19\nend_date: 2026-06-18\n")},
        "DATE_ORDER",
        ACT + "a.md",
        4,
        11,
    ),
    Case(
        "venue-map-not-a-link",
        {
            STATION: MINIMAL_STATION
            + "venues:\n  - id: guangchang\n    name: 文化广场\n    map: 高德地图搜文化广场\n"
        },
        "BAD_LINK",
        STATION,
        7,
        10,
        message_has=["https://"],
    ),
    Case(
        "venue-id-twice",
        {
            STATION: MINIMAL_STATION
            + "venues:\n  - id: guangchang\n    name: 文化广场\n"
            + "  - id: guangchang\n    name: 农家书屋\n"
        },
        "DUPLICATE_ID",
        STATION,
        7,
        9,
        message_has=["guangchang"],
    ),
    Case(
        "report-names-a-plan-that-is-not-there",
        {ACT + "a.md": act("date: 2026-06-19\n", "date: 2026-06-19\nplan: 2026-06-19-duanwu\n")},
        "UNKNOWN_PLAN",
        ACT + "a.md",
        4,
        7,
        message_has=["2026-06-19-duanwu"],
    ),
    Case(
        "plan-with-an-unknown-team",
        {
            PLANS + "2026-06-19-duanwu.md": "---\ntitle: 端午包粽子\ndate: 2026-06-19\n"
            "location: 文化广场\nteam: choir\n---\n\n一起包粽子。\n"
        },
        "UNKNOWN_TEAM",
        PLANS + "2026-06-19-duanwu.md",
        5,
        7,
        message_has=["choir"],
    ),
    Case(
        "plan-without-a-place",
        {
            PLANS
            + "2026-06-19-duanwu.md": "---\ntitle: 端午包粽子\ndate: 2026-06-19\ncategory: 文化文艺\n---\n"
        },
        "REQUIRED",
        PLANS + "2026-06-19-duanwu.md",
        2,
        1,
        message_has=["location"],
    ),
    Case(
        "unknown-work-item",
        {
            ACT + "a.md": act(
                "date: 2026-06-19\n", "date: 2026-06-19\nwork: [丰富活跃文化生活, 文艺演出]\n"
            )
        },
        "UNKNOWN_LABEL",
        ACT + "a.md",
        4,
        18,
        message_has=["文艺演出", "五项工作内容"],
    ),
    Case(
        # Dated after the build date (today, as these cases load with no SOURCE_DATE_EPOCH).
        "report-from-the-future",
        {ACT + "a.md": act("date: 2026-06-19\n", "date: 2036-06-19\n")},
        "FUTURE_DATE",
        ACT + "a.md",
        3,
        7,
        message_has=["2036-06-19", "已经开展"],
    ),
    Case(
        "unknown-category-label",
        {ACT + "a.md": act("team: culture", "category: 文化娱乐")},
        "UNKNOWN_LABEL",
        ACT + "a.md",
        4,
        11,
        message_has=["文化娱乐", "文化文艺"],
    ),
    Case(
        "unknown-team",
        {ACT + "a.md": act("team: culture", "team: dance")},
        "UNKNOWN_TEAM",
        ACT + "a.md",
        4,
        7,
        message_has=["dance", "culture"],
    ),
    Case(
        "photo-missing",
        {ACT + "a.md": act("location: 村卫生室\n", "photos:\n  - media/nope.jpg\n")},
        "PHOTO_MISSING",
        ACT + "a.md",
        9,
        5,
    ),
    Case(
        "photo-parent-path",
        {ACT + "a.md": act("location: 村卫生室\n", "photos:\n  - ../../liujiawa/media/x.jpg\n")},
        "PHOTO_OUTSIDE",
        ACT + "a.md",
        9,
        5,
    ),
    Case(
        "photo-absolute-path",
        {ACT + "a.md": act("location: 村卫生室\n", "photos:\n  - file: /etc/passwd\n")},
        "PHOTO_OUTSIDE",
        ACT + "a.md",
        9,
        11,
    ),
    Case(
        "photo-path-with-nul-byte",
        {ACT + "a.md": act("location: 村卫生室\n", 'photos: ["media/scene-1\\0.jpg"]\n')},
        "BAD_PATH",
        ACT + "a.md",
        8,
        10,
        message_has=["\\x00"],
    ),
    Case(
        "honoree-photo-path-with-nul-byte",
        {HON + "zhang-guifang.md": hon("consent:", 'photo: "media/\\0.jpg"\nconsent:')},
        "BAD_PATH",
        HON + "zhang-guifang.md",
        11,
        8,
    ),
    Case(
        "jpg-and-png-of-one-name",
        {
            f"{STATION_DIR}/media/scene-1.png": png_bytes(),
            ACT + "a.md": act(
                "location: 村卫生室\n", "photos: [media/scene-1.jpg, media/scene-1.png]\n"
            ),
        },
        "PHOTO_NAME_CLASH",
        f"{STATION_DIR}/media/scene-1.png",
        1,
        1,
        message_has=["scene-1.jpg", "media/scene-1-2.png"],
    ),
    Case(
        "photo-corrupt",
        {
            ACT + "a.md": act("location: 村卫生室\n", "photos:\n  - media/bad.jpg\n"),
            "stations/qingshi/zhangzhuang/media/bad.jpg": b"not a jpeg at all",
        },
        "PHOTO_BROKEN",
        ACT + "a.md",
        9,
        5,
    ),
    Case(
        "id-number-in-body",
        {ACT + "a.md": GOOD_ACTIVITY + "联系人身份证11010519491231002X\n"},
        "ID_NUMBER",
        ACT + "a.md",
        12,
        7,
    ),
    Case(
        "mobile-in-field",
        {ACT + "a.md": act("location: 村卫生室", "location: 村卫生室（电话13912345678）")},
        "MOBILE_NUMBER",
        ACT + "a.md",
        8,
        18,
    ),
    Case(
        "mobile-full-width-in-body",
        {ACT + "a.md": GOOD_ACTIVITY + "报名电话：１３９ １２３４ ５６７８\n"},
        "MOBILE_NUMBER",
        ACT + "a.md",
        12,
        6,
        message_has=["139****5678"],
    ),
    Case(
        "mobile-full-width-in-field",
        {
            ACT + "a.md": act(
                "location: 村卫生室", "location: 村卫生室（电话１３９－１２３４－５６７８）"
            )
        },
        "MOBILE_NUMBER",
        ACT + "a.md",
        8,
        18,
        message_has=["139****5678"],
    ),
    Case(
        "id-grouped-in-body",
        {ACT + "a.md": GOOD_ACTIVITY + "身份证 370302 19640817 2317\n"},
        "ID_NUMBER",
        ACT + "a.md",
        12,
        5,
        message_has=["370***********2317"],
    ),
    Case(
        "office-phone-is-a-private-mobile",
        # Lines 1–12 are the station; 13 office, 14 address, 15 phone.
        {STATION: STATION_YML + "office:\n  address: 张庄村委会\n  phone: 139 1234 5678\n"},
        "MOBILE_NUMBER",
        STATION,
        15,
        10,
        message_has=["办公电话", "139****5678", "mobile_is_public_line: true"],
    ),
    Case(
        "office-phone-holds-an-id",
        {
            STATION: STATION_YML
            + "office:\n  phone: 11010519491231002X\n  mobile_is_public_line: true\n"
        },
        "ID_NUMBER",
        STATION,
        14,
        10,
    ),
    Case(
        "negative-list",
        {ACT + "a.md": GOOD_ACTIVITY + "本月曝光台：\n"},
        "NEGATIVE_LIST",
        ACT + "a.md",
        12,
        3,
    ),
    Case(
        "claims-another-station",
        {ACT + "a.md": act("location: 村卫生室\n", "location: 村卫生室\nstation: liujiawa\n")},
        "PATH_MISMATCH",
        ACT + "a.md",
        9,
        10,
        message_has=["liujiawa"],
    ),
    Case(
        "file-date-contradicts-date",
        {ACT + "2026-06-18-yizhen.md": GOOD_ACTIVITY},
        "PATH_MISMATCH",
        ACT + "2026-06-18-yizhen.md",
        3,
        7,
    ),
    Case(
        "bad-file-slug",
        {ACT + "Yi Zhen.md": GOOD_ACTIVITY},
        "BAD_SLUG",
        ACT + "Yi Zhen.md",
        1,
        1,
    ),
    Case(
        "reserved-slug",
        {ACT + "page.md": GOOD_ACTIVITY},
        "BAD_SLUG",
        ACT + "page.md",
        1,
        1,
    ),
    Case(
        "no-consent",
        {
            HON + "zhang-guifang.md": "\n".join(
                GOOD_HONOREE.split("\n")[:10] + GOOD_HONOREE.split("\n")[14:]
            )
        },
        "NO_CONSENT",
        HON + "zhang-guifang.md",
        2,
        1,
    ),
    Case(
        "consent-not-given",
        {HON + "zhang-guifang.md": hon("given: true", "given: false")},
        "NO_CONSENT",
        HON + "zhang-guifang.md",
        12,
        3,
    ),
    Case(
        "child-needs-guardian",
        {HON + "zhang-guifang.md": hon("birth_year: 1962", "birth_year: 2015")},
        "GUARDIAN_CONSENT",
        HON + "zhang-guifang.md",
        13,
        7,
    ),
    Case(
        "full-birth-date",
        {HON + "zhang-guifang.md": hon("birth_year: 1962", "birth_year: 1962-03-04")},
        "BIRTH_DATE",
        HON + "zhang-guifang.md",
        4,
        13,
    ),
    Case(
        "birthday-key",
        {HON + "zhang-guifang.md": hon("birth_year: 1962", "birthday: 1962-03-04")},
        "BIRTH_DATE",
        HON + "zhang-guifang.md",
        4,
        1,
    ),
    Case(
        "bad-period",
        {HON + "zhang-guifang.md": hon("period: 2026-Q2", "period: 2026-13")},
        "BAD_PERIOD",
        HON + "zhang-guifang.md",
        9,
        13,
    ),
    Case(
        "bad-honoree-kind",
        {HON + "zhang-guifang.md": hon("gender: 女", "kind: 团体")},
        "BAD_CHOICE",
        HON + "zhang-guifang.md",
        3,
        7,
    ),
    Case(
        "duplicate-team-id",
        {
            STATION: "name: 张庄村\nkind: 村\nsix_haves: {venue: true, signage: true, team: true,"
            " projects: true, rules: true, display: true}\nteams:\n"
            "  - {id: culture, name: 文艺队, category: 文化文艺, members: 3}\n"
            "  - {id: culture, name: 文艺二队, category: 文化文艺, members: 4}\n"
        },
        "DUPLICATE_ID",
        STATION,
        6,
        10,
    ),
    Case(
        "station-folder-without-station-yml",
        {"stations/qingshi/xincun/activities/2026-06-19-a.md": GOOD_ACTIVITY},
        "STATION_MISSING",
        "stations/qingshi/xincun",
        1,
        1,
    ),
    Case(
        "township-folder-without-township-yml",
        {"stations/xinzhen/xincun/station.yml": MINIMAL_STATION},
        "TOWNSHIP_MISSING",
        "stations/xinzhen",
        1,
        1,
    ),
    Case(
        "stray-file",
        {"stations/qingshi/zhangzhuang/notes.txt": "备忘"},
        "UNKNOWN_FILE",
        "stations/qingshi/zhangzhuang/notes.txt",
        1,
        1,
    ),
    Case(
        "hidden-entry-file",
        {ACT + ".2026-06-19-yizhen.md": GOOD_ACTIVITY},
        "HIDDEN_FILE",
        ACT + ".2026-06-19-yizhen.md",
        1,
        1,
        message_has=["去掉文件名开头的点", "改为 2026-06-19-yizhen.md"],
    ),
    Case(
        "hidden-folder",
        {f"{STATION_DIR}/.drafts/2026-06-19-yizhen.md": GOOD_ACTIVITY},
        "HIDDEN_FILE",
        f"{STATION_DIR}/.drafts",
        1,
        1,
        message_has=["去掉文件夹名开头的点"],
    ),
    Case(
        "entry-that-is-a-folder",
        {ACT + "2026-06-19-yizhen.md/index.md": GOOD_ACTIVITY},
        "NOT_A_FILE",
        ACT + "2026-06-19-yizhen.md",
        1,
        1,
        message_has=["文件夹"],
    ),
    Case(
        "heic-photo",
        {"stations/qingshi/zhangzhuang/media/IMG_0001.heic": b"\x00"},
        "UNKNOWN_FILE",
        "stations/qingshi/zhangzhuang/media/IMG_0001.heic",
        1,
        1,
    ),
    Case(
        "gbk-file",
        {ACT + "a.md": GOOD_ACTIVITY.encode("gbk")},
        "ENCODING",
        ACT + "a.md",
        2,
        8,
    ),
    Case(
        "oversized-file",
        {ACT + "a.md": GOOD_ACTIVITY + "长" * 100_000},
        "FILE_TOO_LARGE",
        ACT + "a.md",
        1,
        1,
    ),
    Case(
        "symlink-out-of-content",
        {},
        "SYMLINK",
        ACT + "evil.md",
        1,
        1,
        extra=lambda content: (
            (content / ACT).mkdir(parents=True, exist_ok=True)
            or (content / ACT / "evil.md").symlink_to("/etc/hostname")
        ),
    ),
    Case(
        "theme-year-missing-months",
        {"themes/2026.yml": "year: 2026\nmonths:\n  - month: 1\n    title: 情暖冷冬\n"},
        "THEME_MONTHS",
        "themes/2026.yml",
        3,
        3,
        message_has=["2月", "12月"],
    ),
    Case(
        "theme-month-twice",
        {"themes/2026.yml": THEMES + "  - month: 3\n    title: 又一个三月\n"},
        "DUPLICATE_MONTH",
        "themes/2026.yml",
        27,
        12,
    ),
    Case(
        "theme-month-13",
        {"themes/2026.yml": THEMES.replace("month: 12", "month: 13")},
        "OUT_OF_RANGE",
        "themes/2026.yml",
        25,
        12,
    ),
    Case(
        "theme-year-twice",
        {"themes/2026.yml": THEMES, "themes/2026.yaml": THEMES},
        "DUPLICATE_SLUG",
        "themes/2026.yml",
        1,
        1,
    ),
    Case(
        "maintainer-written-as-chinese-name",
        {STATION: MINIMAL_STATION + "maintainers: [zhangzhuang-clerk, 张三]\n"},
        "BAD_USERNAME",
        STATION,
        4,
        34,
        message_has=["张三", "用户名"],
    ),
    Case(
        "editor-with-space-in-name",
        {"county.yml": COUNTY_YML + "editors: [county editor]\n"},
        "BAD_USERNAME",
        "county.yml",
        7,
        11,
    ),
    Case(
        "former-id-without-township",
        {STATION: MINIMAL_STATION + "former_ids: [dongzhuang]\n"},
        "BAD_FORMER_ID",
        STATION,
        4,
        14,
        message_has=["乡镇文件夹名/村文件夹名"],
    ),
    Case(
        "former-id-with-reserved-name",
        {STATION: MINIMAL_STATION + "former_ids: [qingshi/page]\n"},
        "BAD_FORMER_ID",
        STATION,
        4,
        14,
    ),
    Case(
        "former-id-of-a-station-that-exists",
        {
            STATION: MINIMAL_STATION + "former_ids: [qingshi/xincun]\n",
            "stations/qingshi/xincun/station.yml": MINIMAL_STATION,
        },
        "FORMER_ID_TAKEN",
        STATION,
        4,
        14,
    ),
    Case(
        "former-id-is-own-folder",
        {STATION: MINIMAL_STATION + "former_ids: [qingshi/zhangzhuang]\n"},
        "FORMER_ID_TAKEN",
        STATION,
        4,
        14,
    ),
    Case(
        # Stations are checked in folder order: xincun claims it first.
        "former-id-claimed-by-two-stations",
        {
            STATION: MINIMAL_STATION + "former_ids: [qingshi/laocun]\n",
            "stations/qingshi/xincun/station.yml": MINIMAL_STATION
            + "former_ids: [qingshi/laocun]\n",
        },
        "FORMER_ID_TWICE",
        STATION,
        4,
        14,
        message_has=["stations/qingshi/xincun/station.yml"],
    ),
    # --- units: the centre and the townships publish too (units.md) -------------------
    Case(
        "team-ref-badly-written",
        {ACT + "a.md": act("team: culture", "team: Centre:theory")},
        "BAD_TEAM_REF",
        ACT + "a.md",
        4,
        7,
        message_has=["centre:theory"],
    ),
    Case(
        "team-of-another-unit-unknown",
        {ACT + "a.md": act("team: culture", "team: centre:nothing")},
        "UNKNOWN_TEAM",
        ACT + "a.md",
        4,
        7,
        message_has=["centre", "nothing"],
    ),
    Case(
        "team-of-a-unit-that-does-not-exist",
        {ACT + "a.md": act("team: culture", "team: nowhere/far:culture")},
        "UNKNOWN_TEAM",
        ACT + "a.md",
        4,
        7,
        message_has=["nowhere/far"],
    ),
    Case(
        "centre-team-unknown-from-a-centre-activity",
        {
            "centre/centre.yml": CENTRE_YML,
            "centre/activities/a.md": act("team: culture", "team: culture"),
        },
        "UNKNOWN_TEAM",
        "centre/activities/a.md",
        4,
        7,
        message_has=["centre:theory"],
    ),
    Case(
        "team-members-as-a-list-of-names",
        {
            "stations/qingshi/township.yml": "name: 青石镇\nteams:\n  - id: customs\n"
            "    name: 青石镇移风易俗支队\n    category: 乡风文明\n    members: [张三, 李四]\n"
        },
        "MEMBER_NAMES",
        "stations/qingshi/township.yml",
        6,
        14,
        message_has=["members: 2"],
    ),
    Case(
        "centre-entry-claims-a-station",
        {
            "centre/activities/a.md": act("location: 村卫生室\n", "station: zhangzhuang\n").replace(
                "team: culture", "category: 文化文艺"
            )
        },
        "PATH_MISMATCH",
        "centre/activities/a.md",
        8,
        10,
        message_has=["centre/"],
    ),
    Case(
        "township-entry-claims-another-township",
        {
            "stations/qingshi/activities/a.md": act(
                "location: 村卫生室\n", "township: liuhe\n"
            ).replace("team: culture", "category: 文化文艺")
        },
        "PATH_MISMATCH",
        "stations/qingshi/activities/a.md",
        8,
        11,
    ),
    Case(
        "honour-category-in-two-systems",
        {
            "county.yml": COUNTY_YML
            + "labels:\n  honour_systems:\n    - id: volunteer\n      name: 志愿服务先进\n"
            "      categories:\n        dedication: 敬业奉献\n"
        },
        "DUPLICATE_ID",
        "county.yml",
        12,
        21,
        message_has=["敬业奉献"],
    ),
    Case(
        "township-called-centre",
        {"stations/centre/township.yml": "name: 中心镇\n"},
        "BAD_SLUG",
        "stations/centre",
        1,
        1,
    ),
]


# Menus and orders (site_plugins.service): the same shape, kept in their own module.
CASES += [
    Case(c.id, c.files, c.code, c.path, c.line, c.col, None, c.message_has) for c in SERVICE_CASES
]


def _errors(content: Path) -> list[tuple[str, str, int, int]]:
    catalogue = load_catalogue(content)
    return [(p.code, p.path, p.line, p.col) for p in catalogue.errors]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_bad_input_one_located_error(case: Case, county_factory: Callable[..., Path]) -> None:
    content = county_factory(case.files) / "content"
    if case.extra:
        case.extra(content)
    catalogue = load_catalogue(content)
    found = [(p.code, p.path, p.line, p.col) for p in catalogue.errors]
    assert found == [(case.code, f"content/{case.path}", case.line, case.col)]
    message = catalogue.errors[0].message + catalogue.errors[0].fix
    for needle in case.message_has:
        assert needle in message


def test_every_error_code_has_a_case() -> None:
    covered = {c.code for c in CASES}
    covered.add("NO_CONTENT")  # a missing content folder: the CLI's concern, see test_cli
    errors = {code for code, info in CODES.items() if info.severity is Severity.ERROR}
    assert errors - covered == set()


# One input → one warning of this code at this place, and no error: the entry is published.
WARNING_CASES = [
    Case("bom", {ACT + "a.md": "\ufeff" + GOOD_ACTIVITY}, "BOM", ACT + "a.md", 1, 1),
    Case(
        "os-litter",
        {"stations/qingshi/.DS_Store": b"\x00\x00\x00\x01Bud1"},
        "SYSTEM_FILE",
        "stations/qingshi/.DS_Store",
        1,
        1,
        message_has=[".DS_Store"],
    ),
    Case(
        "macos-resource-fork",
        {f"{STATION_DIR}/media/._scene-1.jpg": b"\x00\x05\x16\x07"},
        "SYSTEM_FILE",
        f"{STATION_DIR}/media/._scene-1.jpg",
        1,
        1,
    ),
    Case(
        "minor-honoured-for-a-rescue",
        {
            HON + "zhang-guifang.md": hon("birth_year: 1962", "birth_year: 2010").replace(
                "category: 孝老爱亲", "category: 见义勇为"
            )
        },
        "MINOR_RESCUE",
        HON + "zhang-guifang.md",
        5,
        11,
        message_has=["2010", "18", "category: 助人为乐"],
    ),
    Case(
        "photo-twice",
        {
            ACT + "a.md": act(
                "location: 村卫生室\n", "photos: [media/scene-1.jpg, media/scene-1.jpg]\n"
            )
        },
        "PHOTO_TWICE",
        ACT + "a.md",
        8,
        29,
    ),
    Case(
        "unsafe-html",
        {ACT + "a.md": GOOD_ACTIVITY + "好<script>alert(1)</script>\n"},
        "UNSAFE_HTML",
        ACT + "a.md",
        12,
        2,
    ),
    Case("unused-photo", {}, "UNUSED_PHOTO", f"{STATION_DIR}/media/scene-1.jpg", 1, 1),
]


WARNING_CASES += [
    Case(c.id, c.files, c.code, c.path, c.line, c.col, None, c.message_has)
    for c in SERVICE_WARNING_CASES
]


@pytest.mark.parametrize("case", WARNING_CASES, ids=[c.id for c in WARNING_CASES])
def test_one_input_one_located_warning(case: Case, county_factory: Callable[..., Path]) -> None:
    catalogue = load_catalogue(county_factory(case.files) / "content")
    assert catalogue.errors == ()
    found = [w for w in catalogue.warnings if w.code == case.code]
    assert [(w.path, w.line, w.col) for w in found] == [
        (f"content/{case.path}", case.line, case.col)
    ]
    for needle in case.message_has:
        assert needle in found[0].message + found[0].fix


def test_every_warning_code_has_a_case() -> None:
    covered = {c.code for c in WARNING_CASES}
    warnings = {code for code, info in CODES.items() if info.severity is Severity.WARNING}
    assert warnings - covered == set()


@pytest.mark.parametrize(("birth_year", "warned"), [(2007, False), (2008, True)])
def test_minor_rescue_counts_anyone_who_may_have_been_17(
    birth_year: int, warned: bool, county_factory: Callable[..., Path]
) -> None:
    # Honoured in 2026: born 2008 may still have been 17 then; born 2007 was at least 18.
    text = hon("birth_year: 1962", f"birth_year: {birth_year}")
    text = text.replace("category: 孝老爱亲", "category: 见义勇为")
    catalogue = load_catalogue(county_factory({HON + "h.md": text}) / "content")
    assert [w.code == "MINOR_RESCUE" for w in catalogue.warnings].count(True) == int(warned)
    assert [h.slug for h in catalogue.honorees] == ["h"]


def test_a_bad_field_does_not_hide_the_other_checks_of_its_file(
    county_factory: Callable[..., Path],
) -> None:
    text = act("date: 2026-06-19", "date: 2026-02-30").replace("team: culture", "team: dance")
    text = text.replace("location: 村卫生室\n", "platform: 文化娱乐\nphotos: [media/nope.jpg]\n")
    content = county_factory({ACT + "2026-06-19-a.md": text}) / "content"
    catalogue = load_catalogue(content)
    where = f"content/{ACT}2026-06-19-a.md"
    assert [(p.code, p.path, p.line, p.col) for p in catalogue.errors] == [
        ("BAD_DATE", where, 3, 7),
        ("UNKNOWN_TEAM", where, 4, 7),
        ("UNKNOWN_LABEL", where, 8, 11),
        ("PHOTO_MISSING", where, 9, 10),
    ]
    assert catalogue.activities == ()


def test_a_honoree_with_a_bad_field_gets_every_check(county_factory: Callable[..., Path]) -> None:
    text = hon("summary: 照顾瘫痪婆婆二十年如一日。", "summary: " + "长" * 71)
    text = text.replace("level: 县级", "level: 镇级").replace("given: true", "given: false")
    catalogue = load_catalogue(county_factory({HON + "h.md": text}) / "content")
    codes = [(p.code, p.line) for p in catalogue.errors]
    assert codes == [("UNKNOWN_LABEL", 7), ("TOO_LONG", 10), ("NO_CONSENT", 12)]


def test_a_station_with_a_bad_field_still_gets_its_teams_checked(
    county_factory: Callable[..., Path],
) -> None:
    text = MINIMAL_STATION.replace("kind: 村", "kind: 村庄") + (
        "teams:\n  - {id: dance, name: 舞蹈队, category: 跳舞, members: 9}\n"
    )
    catalogue = load_catalogue(county_factory({STATION: text}) / "content")
    assert [(p.code, p.line, p.col) for p in catalogue.errors] == [
        ("BAD_CHOICE", 2, 7),
        ("UNKNOWN_LABEL", 5, 38),
    ]
    assert catalogue.stations == ()


def test_a_malformed_consent_is_reported_once(county_factory: Callable[..., Path]) -> None:
    text = hon("by: 本人", "by: 他自己")
    catalogue = load_catalogue(county_factory({HON + "h.md": text}) / "content")
    assert [(p.code, p.line, p.col) for p in catalogue.errors] == [("BAD_CHOICE", 13, 7)]


def test_photos_of_a_refused_entry_are_neither_unused_nor_published(
    county_factory: Callable[..., Path],
) -> None:
    no_consent = hon("given: true", "given: false").replace(
        "consent:", "photo: media/scene-1.jpg\nconsent:"
    )
    # The photos field itself fails (a number among the paths): the file still names it.
    bad_list = act("location: 村卫生室\n", "photos: [media/portrait.jpg, 12]\n")
    files = {
        HON + "h.md": no_consent,
        ACT + "a.md": bad_list,
        f"{STATION_DIR}/media/portrait.jpg": (REPO_MEDIA / "scene-1.jpg").read_bytes(),
    }
    catalogue = load_catalogue(county_factory(files) / "content")
    assert {p.code for p in catalogue.errors} == {"NO_CONSENT", "WRONG_TYPE"}
    assert [w.code for w in catalogue.warnings] == []
    assert catalogue.photos == ()


def test_photos_of_published_entries_are_published(county_factory: Callable[..., Path]) -> None:
    text = act("location: 村卫生室\n", "photos: [media/scene-1.jpg]\n")
    catalogue = load_catalogue(county_factory({ACT + "a.md": text}) / "content")
    assert catalogue.photos == (f"{STATION_DIR}/media/scene-1.jpg",)


def test_bom_is_a_warning_and_the_entry_is_published(county_factory: Callable[..., Path]) -> None:
    content = county_factory({ACT + "a.md": "\ufeff" + GOOD_ACTIVITY}) / "content"
    catalogue = load_catalogue(content)
    assert catalogue.errors == ()
    assert ("BOM", f"content/{ACT}a.md", 1, 1) in [
        (p.code, p.path, p.line, p.col) for p in catalogue.warnings
    ]
    assert [a.slug for a in catalogue.activities] == ["a"]


def test_crlf_line_endings_are_accepted(county_factory: Callable[..., Path]) -> None:
    text = GOOD_ACTIVITY.replace("\n", "\r\n").encode()
    content = county_factory({ACT + "a.md": text}) / "content"
    catalogue = load_catalogue(content)
    assert catalogue.errors == ()
    assert catalogue.activities[0].meta.volunteers == 8


def test_unsafe_html_is_a_located_warning(county_factory: Callable[..., Path]) -> None:
    content = county_factory({ACT + "a.md": GOOD_ACTIVITY + "好<script>alert(1)</script>\n"})
    catalogue = load_catalogue(content / "content")
    assert catalogue.errors == ()
    assert [(p.code, p.line, p.col) for p in catalogue.warnings if p.code == "UNSAFE_HTML"] == [
        ("UNSAFE_HTML", 12, 2)
    ]


def test_unused_photo_is_a_warning(county_factory: Callable[..., Path]) -> None:
    content = county_factory({}) / "content"
    warnings = [(p.code, p.path) for p in load_catalogue(content).warnings]
    assert ("UNUSED_PHOTO", "content/stations/qingshi/zhangzhuang/media/scene-1.jpg") in warnings


def test_all_errors_reported_and_all_good_entries_published(
    county_factory: Callable[..., Path],
) -> None:
    good = {
        ACT + f"2026-0{m}-1{m}-good.md": act("date: 2026-06-19", f"date: 2026-0{m}-1{m}")
        for m in range(1, 8)
    }
    bad = {
        ACT + "bad-type.md": act("volunteers: 8", "volunteers: 很多"),
        ACT + "bad-date.md": act("date: 2026-06-19", "date: 2026-02-30"),
        HON + "no-consent.md": hon("given: true", "given: false"),
        ACT + "bad-phone.md": GOOD_ACTIVITY + "电话13912345678\n",
        HON + "good.md": GOOD_HONOREE,
    }
    content = county_factory({**good, **bad}) / "content"
    catalogue = load_catalogue(content)
    bad_files = {f"content/{p}" for p in bad if not p.endswith("good.md")}
    assert len(catalogue.errors) == len(bad_files)
    assert {p.path for p in catalogue.errors} == bad_files
    assert sorted(a.slug for a in catalogue.activities) == sorted(Path(p).stem for p in good)
    assert [h.slug for h in catalogue.honorees] == ["good"]


def test_several_errors_in_one_file_are_all_reported(county_factory: Callable[..., Path]) -> None:
    text = (
        GOOD_ACTIVITY.replace("volunteers: 8", "volunteers: 很多")
        .replace("date: 2026-06-19", "date: 2026-02-30")
        .replace("team: culture", "team: culture\nteam: theory")
    )
    content = county_factory({ACT + "a.md": text}) / "content"
    codes = sorted(p.code for p in load_catalogue(content).errors)
    assert codes == ["BAD_DATE", "DUPLICATE_KEY", "WRONG_TYPE"]


def test_missing_county_file_is_reported(county_factory: Callable[..., Path]) -> None:
    content = county_factory({}) / "content"
    (content / "county.yml").unlink()
    assert _errors(content) == [("REQUIRED", "content/county.yml", 1, 1)]


def test_reference_date_follows_source_date_epoch(county_factory: Callable[..., Path]) -> None:
    content = county_factory({ACT + "a.md": GOOD_ACTIVITY}) / "content"
    # Without SOURCE_DATE_EPOCH: the day of the build (Beijing time), not the newest entry.
    assert load_catalogue(content).reference_date == build_date(None)
    assert load_catalogue(content, "1767225600").reference_date.isoformat() == "2026-01-01"


def test_theme_month_pointing_at_an_existing_theme_is_accepted(
    county_factory: Callable[..., Path],
) -> None:
    text = act("date: 2026-06-19\n", "date: 2026-06-19\ntheme_month: 7\n")
    content = county_factory({ACT + "a.md": text, "themes/2026.yml": THEMES}) / "content"
    catalogue = load_catalogue(content)
    assert catalogue.errors == ()
    assert catalogue.activities[0].theme_month == 7


def test_records_remember_where_each_value_stands(county_factory: Callable[..., Path]) -> None:
    content = county_factory({ACT + "a.md": GOOD_ACTIVITY}) / "content"
    activity = load_catalogue(content).activities[0]
    assert activity.origin.path == f"content/{ACT}a.md"
    assert activity.origin.at("location") == Mark(8, 11)
    assert activity.origin.body_line == 10


def test_photo_listed_twice_is_shown_once_with_a_warning(
    county_factory: Callable[..., Path],
) -> None:
    photos = "photos:\n  - media/scene-1.jpg\n  - file: media/scene-1.jpg\n    caption: 再一次\n"
    content = county_factory({ACT + "a.md": act("location: 村卫生室\n", photos)}) / "content"
    catalogue = load_catalogue(content)
    assert catalogue.errors == ()
    assert [(p.code, p.line, p.col) for p in catalogue.warnings] == [("PHOTO_TWICE", 10, 11)]
    assert len(catalogue.activities[0].photos) == 1


def test_office_mobile_marked_as_public_line_is_published(tmp_path: Path) -> None:
    office = "office:\n  phone: 139 1234 5678\n  mobile_is_public_line: true\n"
    project = make_county(tmp_path, {STATION: STATION_YML + office})
    assert load_catalogue(project / "content").errors == ()
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "stations" / "qingshi" / "zhangzhuang" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<dt>办公电话</dt><dd><a class="wm-tel" href="tel:13912345678">139 1234 5678</a></dd>'
        in page
    )


def test_office_mobile_without_the_mark_fails_the_build(tmp_path: Path) -> None:
    project = make_county(tmp_path, {STATION: STATION_YML + "office:\n  phone: 13912345678\n"})
    result = build_site(project)
    assert result.returncode != 0
    assert f"content/{STATION}:14:10  MOBILE_NUMBER  办公电话是手机号码（139****5678）" in (
        result.stdout + result.stderr
    )
    assert "13912345678" not in result.stdout + result.stderr


def test_the_build_date_is_beijing_time_and_never_from_the_content(
    county_factory: Callable[..., Path],
) -> None:
    # 2026-06-30 17:00 UTC is already 1 July in Beijing.
    assert build_date("1782838800") == dt.date(2026, 7, 1)
    late = dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC)
    assert build_date(None, now=late) == dt.date(2026, 7, 1)
    assert build_date("  ", now=late) == dt.date(2026, 7, 1)
    content = county_factory({ACT + "a.md": act("date: 2026-06-19\n", "date: 2036-06-19\n")})
    catalogue = load_catalogue(content / "content", "1782838800")
    # One file dated 2036 is refused; it does not move "today" for every other page.
    assert catalogue.reference_date == dt.date(2026, 7, 1)
    assert [p.code for p in catalogue.errors] == ["FUTURE_DATE"]
    assert catalogue.activities == ()


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("2026", (2026, None, None)),
        ("2026-05", (2026, 5, None)),
        ("2026-Q2", (2026, None, 2)),
        ("2026年", (2026, None, None)),
        ("2026年5月", (2026, 5, None)),
        ("2026年12月", (2026, 12, None)),
        ("2026年第二季度", (2026, None, 2)),
        ("2026年第4季度", (2026, None, 4)),
        ("2026年13月", None),
        ("2026年第五季度", None),
        ("今年五月", None),
    ],
)
def test_honour_periods_as_clerks_write_them(written: str, parts: tuple[int, ...] | None) -> None:
    """The form and `make honoree` accept 2026年第二季度; the validator reads it the same."""
    period = honoree_loading._period(written)
    assert (None if period is None else (period.year, period.month, period.quarter)) == parts

"""The validator's rules and messages as the form checks them on the clerk's phone.

One source: each problem the form reports carries the validator's problem code, its
title (what is wrong) is the validator's own (:data:`problems.CODES`), and the expressions
come from the validator's modules (personal numbers from :mod:`pii`, the named-negative
words, the HTML-tag opening of :mod:`loader`). Only the "how to fix it" differs: the
validator tells someone editing YAML (``end_date 不能早于 date``), the form tells a clerk
which box to change. ``wm-cms.js`` reads the result from the editor page (#wm-cms-data).
"""

from __future__ import annotations

import re
from typing import Any

from site_plugins.cms.patterns import JS_SEPARATORS, js_class, js_regex
from site_plugins.content import pii
from site_plugins.content.loader import PHOTO_SIZE_LIMIT, TAG_OPENING
from site_plugins.content.problems import CODES

# How a clerk fixes each problem in the form, by the validator's code.
FORM_FIXES: dict[str, str] = {
    "REQUIRED": "请填写或选择这一项。",
    "EMPTY": "不能只写空格，请写上文字。",
    "TOO_LONG": "请删短到 {max} 字以内。",  # {max}: the field's limit, filled in by wm-cms.js
    "ID_NUMBER": "公开网站不能出现身份证号，请删掉这串号码。",
    "MOBILE_NUMBER": "公开网站不能出现个人手机号，请删掉这串号码；要留联系方式就写“联系村委会”。",
    "NEGATIVE_LIST": "网上不点名批评，请只写做了什么、效果怎样。",
    "MARKUP_IN_TEXT": "只写文字；书名用《》，不要用尖括号。",
    "FUTURE_DATE": "还没开展的活动请存为“活动预告”；日期写错了就改成开展的那一天。",
    "DATE_ORDER": "把结束日期改成活动当天或以后。",
    "BAD_PERIOD": "写成 2026年、2026年5月 或 2026年第二季度。",
    "GUARDIAN_CONSENT": "“由谁同意”选“监护人”，并请监护人书面签字。",
    "NO_CONSENT": "取得本人（或监护人）书面同意后，勾选“本人同意”。",
    "PHOTO_BROKEN": (
        "手机网页读不出这张照片。苹果手机“高效”格式的照片（HEIC）：在“设置—相机—格式”里选"
        "“兼容性最佳”后重拍，或先用微信发给自己再保存，得到普通照片后再选。"
    ),
    "FILE_TOO_LARGE": (
        "每张照片不超过 {limit} 兆。网页会先自动缩小照片；仍然太大的，请截屏或用微信发送后保存再选。"
    ),
}

# Checks of every text field: (code, expression). Numbers first: they are the commonest.
_DIGITS = js_class("0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
_SHAPES = pii.number_shapes(
    _DIGITS, js_class(JS_SEPARATORS, prefix="\\s"), js_class("Xx\uff38\uff58\u00d7")
)


def text_checks() -> list[dict[str, Any]]:
    """The per-field checks; ``markup`` is False for checks the Markdown body skips."""
    return [
        {"code": "ID_NUMBER", "regex": js_regex(_SHAPES["ID_NUMBER"]), "markup": False},
        {"code": "MOBILE_NUMBER", "regex": js_regex(_SHAPES["MOBILE_NUMBER"]), "markup": False},
        {
            "code": "NEGATIVE_LIST",
            "regex": "|".join(re.escape(word) for word in pii.NEGATIVE_LIST_WORDS),
            "markup": False,
        },
        {"code": "MARKUP_IN_TEXT", "regex": TAG_OPENING.pattern, "markup": True},
    ]


def messages() -> dict[str, dict[str, str]]:
    """``{code: {problem, fix}}``: the validator's title and the form's fix."""
    limit = str(PHOTO_SIZE_LIMIT // (1024 * 1024))
    return {
        code: {"problem": CODES[code].title, "fix": fix.replace("{limit}", limit)}
        for code, fix in FORM_FIXES.items()
    }


def client_rules() -> dict[str, Any]:
    """Everything wm-cms.js checks with, apart from the per-collection field lists."""
    return {
        "checks": text_checks(),
        "messages": messages(),
        "photo": {"max_bytes": PHOTO_SIZE_LIMIT, "max_side": PHOTO_MAX_SIDE, "quality": 0.85},
    }


# Photos are resized in the browser to at most this many pixels on the long side (the
# site's largest rendition is smaller), re-encoded as JPEG, which also drops EXIF and GPS.
PHOTO_MAX_SIDE = 2560

"""Whether an order's ``group`` names a private person instead of a group.

An order is published; who ordered must be a group (二组群众, 东组老年协会), never a
person: 张桂芳, 赵大爷, 小张, 刘某 all name someone a neighbour recognises.
"""

from __future__ import annotations

from site_plugins.chinese import COMPOUND_SURNAMES, KINSHIP

# The most common single-character surnames (about 85 % of the population).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶"
    "黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
    "詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛"
)
# Words that make a text a group (or a place), not a person.
GROUP_WORDS = (
    "群众", "村民", "居民", "组", "协会", "队", "会", "班", "学校", "小学", "中学", "幼儿园",
    "合作社", "委员会", "网格", "小区", "们", "之家", "中心", "站", "所", "社", "团", "村",
    "社区", "家庭", "老人", "儿童", "青年", "妇女", "党员", "学生", "家长", "农户", "商户",
    "企业", "公司", "单位", "医院", "楼", "院", "户", "人员", "代表", "农", "工", "师", "生",
    "志愿者", "残疾人", "群体", "家",
)  # fmt: skip
# After 小 or 老 a surname is a nickname (小张, 老王).
NICKNAME_PREFIXES = "小老"


def _surname_at(text: str, start: int) -> int:
    """Length of the surname starting at ``start`` (2 compound, 1 common, 0 none)."""
    if text[start : start + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[start : start + 1] in COMMON_SURNAMES else 0


def person_in(text: str) -> str | None:
    """The part of ``text`` that names a person, or None."""
    text = "".join(text.split())
    for start in range(len(text)):
        length = _surname_at(text, start)
        if not length:
            continue
        rest = text[start + length :]
        if rest in KINSHIP or rest in ("某", "某某"):
            return text[start:]  # 赵大爷, 刘某
        if (
            not rest
            and start > 0
            and text[start - 1] in NICKNAME_PREFIXES
            and (start == 1 or text[start - 2] not in NICKNAME_PREFIXES)
        ):
            return text[start - 1 :]  # 小张, 老王
    if 2 <= len(text) <= 4 and _surname_at(text, 0) and not any(w in text for w in GROUP_WORDS):
        return text  # 张桂芳
    return None

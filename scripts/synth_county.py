"""Generate a deterministic synthetic county for scale tests and benchmarks.

The output is a complete MkDocs project that the real plugins can build:

- ``DIR/mkdocs.yml``: the repository's mkdocs.yml (``docs_dir: content``, the site name
  changed to the synthetic county's centre);
- ``DIR/theme_overrides``: a symlink to the repository's ``theme_overrides/``
  (``--copy-theme`` copies it instead);
- ``DIR/content/``: ``county.yml``, ``index.md``, ``themes/<year>.yml`` (twelve months),
  townships ``t01``…, stations ``s001``… spread over them, activities
  ``<date>-a<n>.md`` spread unevenly over the stations (a few busy ones, some with none),
  honorees ``h<n>.md`` and small drawn photos in the media folders of some stations;
  文明实践菜单 at every level (``centre/menu/m<n>.md``, about 100 for 700 stations, a few
  per township and station) and 四单 orders: one per activity that answered an order
  (``orders/<date>-o<n>.md``, most reviewed), and a few open ones.

Everything comes from one seeded ``random.Random``, so the same arguments give a
byte-identical tree (photos too, with the same Pillow build). Every file is valid under
``python -m site_plugins validate`` with no warnings: consent is recorded, no number in
the text is long enough to look like a phone or ID number, and every photo is used.

Usage::

    .venv/bin/python scripts/synth_county.py --out /tmp/county \\
        [--townships 25] [--stations 700] [--activities 30000] [--honorees 3000] \\
        [--photos 200] [--busy-station N] [--year 2026] [--seed 1] [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
COUNTY = "模拟县"
CENTRE_KEY = "centre"  # the county centre's unit key (content/centre/)
CENTRE = f"{COUNTY}新时代文明实践中心"
PHOTO_SIZE = (640, 480)
PHOTOS_PER_OWNER = 4  # photos a station gets before the next station gets any
IDLE_SHARE = 0.08  # share of stations with no activities at all
MAX_WEIGHT = 25.0  # caps how busy the busiest stations are (times a quiet one)

# --- word lists -----------------------------------------------------------------------

TEAM_CATEGORIES: dict[str, str] = {
    "theory": "理论宣讲",
    "education": "教育服务",
    "culture": "文化文艺",
    "science": "科技科普",
    "health": "健康促进和体育",
    "law": "法律服务",
    "customs": "乡风文明",
    "environment": "卫生环保",
    "poverty": "扶贫帮困",
    "enterprise": "创业富民",
}
TEAM_NAMES: dict[str, str] = {
    "theory": "理论宣讲",
    "education": "助学支教",
    "culture": "文化文艺",
    "science": "科技科普",
    "health": "医疗健身",
    "law": "法律服务",
    "customs": "移风易俗",
    "environment": "环境治理",
    "poverty": "扶贫帮困",
    "enterprise": "创业富民",
}
PLATFORMS = ("理论宣讲", "教育服务", "文化服务", "科技与科普服务", "健身体育服务")
CATEGORY_PLATFORM: dict[str, str] = {
    "theory": "理论宣讲",
    "education": "教育服务",
    "culture": "文化服务",
    "science": "科技与科普服务",
    "health": "健身体育服务",
    "law": "理论宣讲",
    "customs": "文化服务",
    "environment": "科技与科普服务",
    "poverty": "教育服务",
    "enterprise": "科技与科普服务",
}
HONOREE_CATEGORIES = ("助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲")
HONOUR_LEVELS = ("国家级", "省级", "市级", "县级", "乡镇级", "村级")
LEVEL_WEIGHTS = (1, 3, 6, 20, 30, 40)

TOWNSHIP_ROOTS = (
    "青石", "柳河", "桃源", "石门", "白马", "龙泉", "凤凰", "黄山", "杏花", "梨园",
    "双河", "三里", "金沙", "银杏", "大营", "小店", "马庄", "槐树", "南湖", "北岭",
    "高庄", "新集", "古城", "长岭", "清水", "红星", "太平", "永安", "兴隆", "和平",
    "富民", "安乐", "张集", "李营", "王楼", "赵庄", "刘集", "陈店", "松林", "枣园",
)  # fmt: skip
SURNAMES = (
    "张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶",
    "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "范", "金", "石", "贾", "夏", "付", "方", "白", "孟", "秦", "江", "尹", "薛", "段",
)  # fmt: skip
VILLAGE_FORMS = (
    "{s}庄", "{s}家洼", "{s}家营", "{s}楼", "{s}集", "{s}屯", "{s}店", "{s}家湾",
    "{s}家岭", "{s}家沟",
)  # fmt: skip
NATURE_FIRST = ("东", "西", "南", "北", "前", "后", "上", "下", "大", "小", "石", "柳")
NATURE_SECOND = ("河", "山", "岭", "坡", "沟", "桥", "湾", "泉", "坪", "营", "峪", "旺")
COMMUNITY_ROOTS = (
    "文昌", "解放路", "滨河", "幸福", "和谐", "阳光", "金桥", "锦绣", "新华", "建设",
    "人民路", "胜利", "光明", "朝阳", "育才", "翠园", "花园", "东城", "西城", "南苑",
    "北苑", "康宁", "福寿", "平安", "振兴", "惠民", "书香", "紫荆", "丽景", "春晖",
)  # fmt: skip
VARIANT_PREFIXES = ("", "东", "西", "南", "北", "前", "后", "新", "上", "下")
MALE_GIVEN = "建国军伟强明志刚海平东峰亮勇成春林杰涛斌超磊鹏德福贵宝山"
FEMALE_GIVEN = "桂芳秀英兰玉梅丽娟霞红燕敏静艳琴凤珍萍慧洁云莲华娥翠"
VENUES = (
    "党群服务中心", "文化广场", "新时代文明实践站", "农家书屋", "村委会议室",
    "老年活动中心", "卫生室", "幸福院", "综合文化服务中心", "村小学",
)  # fmt: skip
COMMUNITY_VENUES = (
    "党群服务中心", "居民议事厅", "文化活动室", "小区广场", "卫生服务站",
    "新时代文明实践站", "长者食堂", "四点半课堂",
)  # fmt: skip

TOPICS: dict[str, tuple[str, ...]] = {
    "theory": ("理论宣讲进农家", "百姓宣讲小院", "田间课堂学政策", "板凳课堂话发展",
               "红色故事会", "政策明白人宣讲", "党课进网格", "理论微宣讲"),
    "education": ("周末公益课堂", "四点半课堂", "暑期托管班", "亲子共读会",
                  "留守儿童陪伴", "书香润童心", "假期安全课", "科学小课堂"),
    "culture": ("广场舞展演", "村晚联欢", "戏曲进村", "书法送福", "民俗文化节",
                "电影放映进村", "农民歌手赛", "剪纸非遗课"),
    "science": ("农技服务进田间", "科普大篷车", "果树修剪培训", "智能手机课堂",
                "防灾减灾科普", "气象知识讲座", "病虫害防治指导", "电商技能培训"),
    "health": ("义诊进村", "健康讲座", "全民健身日", "中医理疗服务", "健步走活动",
               "血压血糖筛查", "急救知识培训", "老年人体检"),
    "law": ("普法进万家", "法律明白人讲堂", "反诈宣传", "民法典宣讲", "法律咨询日",
            "矛盾纠纷调解", "禁毒知识宣传", "防范养老诈骗"),
    "customs": ("移风易俗倡议", "文明家庭评选", "好家风分享会", "红白理事会议事",
                "道德讲堂", "孝善敬老宴", "文明餐桌行动", "邻里节"),
    "environment": ("人居环境整治", "垃圾分类宣传", "清河护岸行动", "植树添绿",
                    "庭院美化评比", "秸秆禁烧宣传", "爱国卫生运动", "清洁家园行动"),
    "poverty": ("爱心送温暖", "困难家庭走访", "助残服务日", "爱心超市兑换",
                "独居老人关爱", "助学金发放", "冬衣捐赠", "暖心午餐"),
    "enterprise": ("返乡创业分享", "直播带货培训", "农产品展销会", "合作社观摩",
                   "就业招聘会", "特色种植指导", "巧手编织培训", "小微企业帮扶"),
}  # fmt: skip
SLOGANS = (
    "暖人心", "惠民生", "聚民心", "助振兴", "传新风", "进万家", "润乡村", "显真情",
    "添活力", "促和谐", "见实效", "美家园",
)  # fmt: skip
ACTIONS: dict[str, tuple[str, ...]] = {
    "theory": (
        "宣讲员用拉家常的方式，把惠农政策和乡村振兴的新要求讲给群众听",
        "大家围坐在一起，结合身边变化谈体会、说打算，现场气氛热烈",
        "宣讲员把政策要点编成顺口溜，群众一听就懂、一学就会",
        "活动还设置了有奖问答环节，群众踊跃抢答，学习热情高涨",
        "老党员讲述了亲身经历的发展变化，引起在场群众强烈共鸣",
        "宣讲结束后，志愿者逐户发放政策明白纸，解答群众关心的问题",
    ),
    "education": (
        "志愿者辅导孩子们完成作业，并带领大家开展趣味阅读和手工制作",
        "大学生志愿者为孩子们上了一堂生动的科学实验课",
        "老师志愿者围绕防溺水、交通安全等内容，为孩子们上了安全课",
        "家长和孩子一起读绘本、讲故事，亲子关系更加融洽",
        "志愿者还为留守儿童准备了文具和课外读物",
        "活动设置了书法、绘画等兴趣小组，孩子们学得认真、玩得开心",
    ),
    "culture": (
        "文艺志愿者带来了歌舞、快板、三句半等节目，台下掌声不断",
        "书法志愿者现场挥毫泼墨，把祝福送到群众手中",
        "群众自编自演的小品，讲述了身边的好人好事，引得笑声阵阵",
        "非遗传承人现场教学，大家跟着学剪纸、做手工，兴致很高",
        "活动现场还布置了民俗展板，展示本村发展变化",
        "广场舞队伍精神饱满，展现了群众积极向上的精神风貌",
    ),
    "science": (
        "农技专家深入田间地头，手把手指导群众科学管理",
        "志愿者现场演示了手机缴费、视频通话等常用功能",
        "科普展板和互动体验项目吸引了不少群众驻足学习",
        "专家针对群众提出的实际问题逐一解答，大家收获满满",
        "志愿者发放科普宣传资料，讲解防灾避险常识",
        "活动还组织了现场观摩，群众对新技术有了直观认识",
    ),
    "health": (
        "医生志愿者为群众免费测量血压、血糖，并提供健康咨询",
        "中医志愿者开展推拿、艾灸等理疗服务，深受老年人欢迎",
        "志愿者讲解了高血压、糖尿病等慢性病的预防和日常管理知识",
        "健身骨干带领群众做健身操，倡导科学健身、健康生活",
        "志愿者为行动不便的老人上门服务，送去常用药品",
        "活动现场还演示了心肺复苏和海姆立克急救法",
    ),
    "law": (
        "法律顾问结合真实案例，讲解婚姻家庭、土地承包等方面的法律知识",
        "志愿者揭露了常见的电信网络诈骗手法，提醒群众守好钱袋子",
        "现场设置了法律咨询台，律师志愿者耐心解答群众疑问",
        "调解员主动上门，帮助化解了邻里之间的矛盾纠纷",
        "志愿者向群众发放普法宣传册，引导大家遇事找法、办事依法",
        "活动还开展了普法知识问答，群众参与热情很高",
    ),
    "customs": (
        "红白理事会成员宣读了移风易俗倡议书，倡导婚事新办、丧事简办",
        "大家分享了自家的好家风好家训，互相学习、共同提高",
        "志愿者为老人包饺子、理发，营造了孝老敬亲的浓厚氛围",
        "活动表彰了一批文明家庭和好媳妇好婆婆",
        "村民代表签订了文明公约承诺书，带头抵制陈规陋习",
        "道德讲堂上，身边好人讲述了自己的故事，感人至深",
    ),
    "environment": (
        "志愿者清理了房前屋后的杂物和道路两侧的垃圾",
        "大家分工协作，清理沟渠、修剪绿化，环境面貌焕然一新",
        "志愿者入户讲解垃圾分类知识，指导群众正确投放",
        "活动中共栽种树苗数百株，为村庄增添了新绿",
        "志愿者劝导群众不乱扔乱倒，引导养成良好卫生习惯",
        "评比小组逐户查看庭院卫生，为优秀家庭挂上了流动红旗",
    ),
    "poverty": (
        "志愿者走访困难家庭，送去米面油等生活物资",
        "大家帮助独居老人打扫卫生、检查用电安全，陪老人聊天解闷",
        "爱心企业捐赠了衣物和学习用品，志愿者逐一送到群众手中",
        "志愿者详细了解困难群众的实际需求，建立帮扶台账",
        "活动还为残疾人提供了代购代办等贴心服务",
        "爱心超市开放积分兑换，群众用志愿服务积分换取生活用品",
    ),
    "enterprise": (
        "返乡创业青年分享了自己的创业经历，鼓励大家大胆闯、大胆试",
        "电商志愿者现场教学，帮助群众开设网店、学习直播带货",
        "活动现场展销了本地特色农产品，群众的土特产卖出了好价钱",
        "志愿者介绍了创业扶持政策和小额信贷办理流程",
        "合作社负责人带领大家参观种植基地，讲解管理经验",
        "招聘会提供了数十个就近就业岗位，不少群众达成就业意向",
    ),
}
OPENERS = (
    "{when}，{station}在{location}开展“{topic}”活动。",
    "{when}，{team}走进{location}，开展“{topic}”志愿服务。",
    "为丰富群众精神文化生活，{when}，{station}组织开展“{topic}”活动。",
    "{when}上午，{station}联合{team}在{location}举办“{topic}”活动。",
    "围绕本月主题，{station}于{when}开展“{topic}”志愿服务活动。",
)
TURNOUTS = (
    "活动共有{volunteers}名志愿者参与，服务群众{beneficiaries}人次。",
    "本次活动共组织志愿者{volunteers}人，惠及群众{beneficiaries}人次。",
    "{volunteers}名志愿者全程参与服务，现场受益群众达{beneficiaries}人次。",
)
EFFECTS = (
    "活动得到群众的一致好评，大家纷纷表示这样的活动实在、管用。",
    "不少群众说，志愿服务送到了家门口，办了实事、暖了人心。",
    "下一步，实践站将把此类活动常态化开展，让文明实践更加贴近群众。",
    "活动的开展进一步营造了崇德向善、文明和谐的良好氛围。",
    "实践站将继续围绕群众需求点单派单，让志愿服务更精准、更贴心。",
    "参加活动的群众表示，收获很大，希望以后多办这样的活动。",
)
FILLERS = (
    "活动前，实践站通过村广播和微信群发布通知，群众报名踊跃。",
    "志愿者提前布置场地、准备物资，确保活动有序进行。",
    "活动结束后，志愿者还收集了群众的意见建议，为下一次服务做好准备。",
    "现场秩序井然，老人和孩子都有专人照顾。",
    "实践站负责人表示，将把群众的需求作为开展活动的出发点。",
)
CAPTIONS: dict[str, tuple[str, ...]] = {
    code: (f"{name}活动现场", f"志愿者开展{name}服务", f"群众积极参与{name}活动")
    for code, name in TEAM_NAMES.items()
}
TAGS: dict[str, tuple[str, ...]] = {
    "theory": ("理论宣讲", "政策解读", "乡村振兴"),
    "education": ("关爱未成年人", "阅读", "四点半课堂"),
    "culture": ("群众文化", "非遗", "文艺演出"),
    "science": ("科普", "农技", "数字生活"),
    "health": ("健康", "义诊", "全民健身"),
    "law": ("普法", "反诈", "调解"),
    "customs": ("移风易俗", "好家风", "文明家庭"),
    "environment": ("人居环境", "垃圾分类", "植树"),
    "poverty": ("关爱老人", "困难帮扶", "爱心超市"),
    "enterprise": ("创业", "就业", "电商"),
}
MONTH_FESTIVALS: dict[int, tuple[str, ...]] = {
    1: ("元旦", "腊八节"),
    2: ("春节", "除夕"),
    3: ("元宵节", "学雷锋纪念日"),
    4: ("清明节", "世界读书日"),
    5: ("劳动节", "青年节"),
    6: ("端午节", "儿童节"),
    7: ("建党节",),
    8: ("建军节", "七夕"),
    9: ("中秋节", "教师节"),
    10: ("国庆节", "重阳节"),
    11: ("消防宣传日",),
    12: ("国际志愿者日", "宪法日"),
}
THEMES: tuple[tuple[str, str], ...] = (
    ("情暖冷冬", "关爱困难群众、留守老人和儿童，开展冬季送温暖活动"),
    ("新春送福", "围绕春节开展送春联、送文化、送祝福活动，倡导文明过节"),
    ("学雷锋·播撒爱心", "以学雷锋纪念日为契机，广泛开展学雷锋志愿服务活动"),
    ("清明·清风入户", "倡导文明祭扫、绿色殡葬，推动清廉家风进万家"),
    ("劳动创造幸福", "弘扬劳动精神，开展农技服务和技能培训"),
    ("粽香传情", "办好端午民俗活动，关爱未成年人健康成长"),
    ("红心向党", "开展党史学习和红色教育，凝聚奋进力量"),
    ("清凉一夏", "做好防溺水、防暑降温宣传，开展爱国卫生运动"),
    ("月圆人和", "围绕中秋开展邻里互助活动，尊师重教"),
    ("九九敬老", "围绕重阳节开展孝老敬亲志愿服务"),
    ("法治同行", "开展反诈普法和消防安全宣传"),
    ("志愿有我", "总结全年志愿服务，表彰优秀志愿者和身边好人"),
)
GUIDANCE = (
    "组织志愿者入户走访，摸清群众需求，建立服务台账",
    "结合本月主题开展集中志愿服务，做到站站有活动",
    "用好农家书屋、文化广场等阵地，办好群众喜闻乐见的活动",
    "及时在公示网站发布活动信息，接受群众监督",
)
IDENTITIES = (
    "的一名普通村民", "的一名退休教师", "的村医", "的一名党员", "的网格员",
    "的一名返乡青年", "的一名农技员", "的一名志愿者",
)  # fmt: skip
DEEDS: dict[str, tuple[str, ...]] = {
    "助人为乐": (
        "多年来，谁家有困难，{who}总是第一个赶到，帮着干农活、跑手续",
        "{who}常年义务为村里的老人理发、修理家电，从不收一分钱",
        "遇到独居老人生病，{who}主动陪护，送医送药，细心照料",
        "{who}还自掏腰包为困难学生购买学习用品，鼓励他们好好读书",
        "在{who}的带动下，村里成立了互助小组，邻里之间互帮互助蔚然成风",
    ),
    "见义勇为": (
        "一天傍晚，{who}听到河边有人呼救，毫不犹豫跳入水中救人",
        "面对突发火情，{who}第一时间冲进屋内，把被困的老人背了出来",
        "{who}在路上遇到车辆侧翻，立即组织群众施救，并拨打急救电话",
        "事后有人问起，{who}只是说：“换了谁都会这么做。”",
        "{who}的事迹在村里传开后，大家都说这是咱身边的英雄",
    ),
    "诚实守信": (
        "{who}在集市上捡到一个装有现金的钱包，在原地等了两个多小时，终于等到失主",
        "{who}经营小卖部二十多年，童叟无欺，从不缺斤短两",
        "家里遭遇变故欠下债务，{who}起早贪黑打工，一笔一笔全部还清",
        "合作社收购农产品，{who}坚持按约定价格付款，从不拖欠",
        "乡亲们都说，跟{who}打交道，心里踏实",
    ),
    "敬业奉献": (
        "{who}扎根基层多年，把群众的小事当成自己的大事",
        "无论刮风下雨，{who}总是准时出现在服务一线",
        "疫情期间，{who}连续多日坚守岗位，守护群众平安",
        "{who}把业余时间都用在志愿服务上，累计服务时长上千小时",
        "{who}常说：“能为大家做点事，心里高兴。”",
    ),
    "孝老爱亲": (
        "{who}照顾卧床的老人十多年，端水喂饭、擦身翻身从不间断",
        "为了方便照顾老人，{who}放弃了外出务工的机会",
        "老人吞咽困难，{who}就把饭菜做得软烂，一勺一勺慢慢喂",
        "{who}不仅孝敬自家老人，还经常照顾邻居家的空巢老人",
        "在{who}的影响下，孩子们从小懂得孝敬老人，一家人和和睦睦",
    ),
}
DEED_FILLERS = (
    "这些事看起来平平常常，一做就是很多年。",
    "说起这些，乡亲们都竖起了大拇指。",
    "村里的年轻人都把这份坚持看在眼里、记在心上。",
    "实践站把这些事迹写进了道德讲堂，让更多人学有榜样。",
)
DEED_ENDINGS = (
    "{who}的事迹感动了身边的每一个人，也带动了更多群众崇德向善。",
    "如今，{who}的故事在十里八乡传为佳话。",
    "平凡的坚守，诠释了新时代文明实践的真谛。",
)
SUMMARIES: dict[str, tuple[str, ...]] = {
    "助人为乐": ("热心帮助困难群众，常年义务为老人服务", "急人所急、帮人所难，带动邻里互帮互助"),
    "见义勇为": ("危急时刻挺身而出，勇救落水群众", "面对火情冲锋在前，救出被困老人"),
    "诚实守信": ("拾金不昧、诚信经营，赢得乡亲信赖", "欠债还钱从不拖欠，用行动诠释诚信"),
    "敬业奉献": ("扎根基层默默奉献，把群众小事当大事", "常年坚守服务一线，累计服务上千小时"),
    "孝老爱亲": ("照顾卧床老人十余年如一日", "孝敬老人、和睦邻里，带动形成敬老好风气"),
}

# --- the plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    out: Path
    townships: int = 25
    stations: int = 700
    activities: int = 30_000
    honorees: int = 3_000
    photos: int = 200
    busy_station: int = 0
    year: int = 2026
    seed: int = 1
    force: bool = False
    copy_theme: bool = False
    # The last day an activity may have: reports are refused after the build date, so a
    # county built with an earlier SOURCE_DATE_EPOCH needs its activities to stop there.
    until: dt.date | None = None


@dataclass(frozen=True)
class TownshipPlan:
    slug: str
    name: str
    is_street: bool


@dataclass(frozen=True)
class Served:
    """An activity that answered a resident group's order (点单), asked on ``asked``."""

    slug: str
    day: dt.date
    asked: dt.date
    category: str
    topic: str
    beneficiaries: int


@dataclass
class StationPlan:
    township: TownshipPlan
    slug: str
    name: str
    kind: str
    teams: tuple[str, ...]  # team-category codes; the code is also the team id
    platforms: tuple[str, ...]
    activities: int = 0
    honorees: int = 0
    photos: list[str] = field(default_factory=list)  # file names inside media/
    served: list[Served] = field(default_factory=list)  # orders its activities answered

    @property
    def full_name(self) -> str:
        return f"{self.name}新时代文明实践站"

    @property
    def folder(self) -> str:
        return f"stations/{self.township.slug}/{self.slug}"


@dataclass
class Tree:
    """Files to write: path inside the project → bytes."""

    files: dict[str, bytes] = field(default_factory=dict)

    def text(self, path: str, content: str) -> None:
        self.files[path] = content.encode("utf-8")


def width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def unique_names(rng: Random, bases: Sequence[str], count: int) -> list[str]:
    """``count`` distinct names from ``bases``, with 东/西/… variants once bases run out."""
    pool = list(bases)
    rng.shuffle(pool)
    names: list[str] = []
    for prefix in VARIANT_PREFIXES:
        for base in pool:
            if len(names) == count:
                return names
            names.append(prefix + base)
    while len(names) < count:  # more than ten times the pool: plain repeats are fine
        names.append(pool[len(names) % len(pool)])
    return names


def village_bases() -> list[str]:
    bases = [form.format(s=s) for s in SURNAMES for form in VILLAGE_FORMS]
    bases += [a + b for a in NATURE_FIRST for b in NATURE_SECOND]
    return bases


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, exact sum)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    rest = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for index in order[:rest]:
        counts[index] += 1
    return counts


def plan_townships(rng: Random, count: int) -> list[TownshipPlan]:
    roots = unique_names(rng, TOWNSHIP_ROOTS, count)
    streets = max(1, count // 10)
    plans = []
    for index, root in enumerate(roots):
        is_street = index < streets
        suffix = "街道" if is_street else ("乡" if index % 4 == 3 else "镇")
        slug = f"t{index + 1:0{width(count, 2)}d}"
        plans.append(TownshipPlan(slug, root + suffix, is_street))
    return plans


def plan_stations(rng: Random, opts: Options, townships: list[TownshipPlan]) -> list[StationPlan]:
    per_township = allocate(opts.stations, [1.0 + rng.random() for _ in townships])
    streets = sum(n for n, t in zip(per_township, townships, strict=True) if t.is_street)
    villages = iter(unique_names(rng, village_bases(), opts.stations - streets))
    communities = iter(unique_names(rng, COMMUNITY_ROOTS, streets))
    codes = list(TEAM_CATEGORIES)
    plans: list[StationPlan] = []
    for township, count in zip(townships, per_township, strict=True):
        for _ in range(count):
            number = len(plans) + 1
            name, kind = (
                (next(communities) + "社区", "社区")
                if township.is_street
                else (next(villages) + "村", "村")
            )
            # Station n always has category n mod 10, so every category is in use.
            extra = rng.sample(codes, rng.randint(2, 7))
            teams = tuple(c for c in codes if c == codes[number % 10] or c in extra)
            platforms = tuple(p for p in PLATFORMS if rng.random() < 0.6) or (PLATFORMS[0],)
            slug = f"s{number:0{width(opts.stations, 3)}d}"
            plans.append(StationPlan(township, slug, name, kind, teams, platforms))
    return plans


def spread_activities(rng: Random, opts: Options, stations: list[StationPlan]) -> None:
    weights = [
        0.0 if rng.random() < IDLE_SHARE else min(rng.paretovariate(1.1), MAX_WEIGHT)
        for _ in stations
    ]
    if not any(weights):
        weights[0] = 1.0
    total = max(opts.activities, opts.busy_station)
    if opts.busy_station > 0:
        weights[0] = 0.0
        if not any(weights) and len(weights) > 1:
            weights[1] = 1.0
        stations[0].activities = opts.busy_station
        total -= opts.busy_station
        if len(stations) == 1:
            stations[0].activities += total
            return
    for station, count in zip(stations, allocate(total, weights), strict=True):
        station.activities += count


def spread_honorees(rng: Random, opts: Options, stations: list[StationPlan]) -> None:
    weights = [0.0 if rng.random() < 0.2 else 0.5 + rng.random() for _ in stations]
    if not any(weights):
        weights[0] = 1.0
    for station, count in zip(stations, allocate(opts.honorees, weights), strict=True):
        station.honorees = count


def spread_photos(rng: Random, opts: Options, stations: list[StationPlan]) -> int:
    """Give photos to some active stations, a few each; return how many were placed."""
    owners = [s for s in stations if s.activities > 0]
    rng.shuffle(owners)
    remaining = opts.photos
    limit = PHOTOS_PER_OWNER
    while remaining > 0:
        placed = 0
        for station in owners:
            # Never more photos than activities: each activity uses at least one.
            give = min(limit - len(station.photos), station.activities - len(station.photos))
            give = min(max(give, 0), remaining)
            for _ in range(give):
                station.photos.append(f"photo-{opts.photos - remaining + 1:04d}.jpg")
                remaining -= 1
            placed += give
            if remaining == 0:
                break
        if placed == 0 and limit > max((s.activities for s in owners), default=0):
            break
        limit += PHOTOS_PER_OWNER
    return opts.photos - remaining


# --- YAML and text helpers --------------------------------------------------------------

_YAML_SPECIAL_START = tuple("-?:,[]{}#&*!|>'\"%@`")
_YAML_TYPED = re.compile(r"^(?:[-+.\d][\d_:.eE+-]*|true|false|yes|no|on|off|null|~)$", re.I)


def scalar(text: str) -> str:
    """A YAML scalar for ``text``: plain when safe, double-quoted otherwise."""
    plain = (
        text
        and text.strip() == text
        and not text.startswith(_YAML_SPECIAL_START)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _YAML_TYPED.match(text)
    )
    if plain:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def flow_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def hours_text(hours: float) -> str:
    return str(int(hours)) if hours == int(hours) else f"{hours:.1f}"


def chinese_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def fill(parts: list[str], extra: Sequence[str], rng: Random, low: int, high: int) -> list[str]:
    """Add sentences from ``extra`` until the text is ``low``–``high`` characters long."""
    target = rng.randint(low, high)
    pool = list(extra)
    rng.shuffle(pool)
    for sentence in pool:
        if sum(map(len, parts)) >= target:
            break
        if sum(map(len, parts)) + len(sentence) <= high:
            parts.insert(-1, sentence)
    return parts


# --- content files ---------------------------------------------------------------------


def county_yml(opts: Options, townships: int, stations: int) -> str:
    return (
        f"name: {COUNTY}\n"
        f"centre: {CENTRE}\n"
        "intro: |\n"
        f"  {CENTRE}统筹全县 {townships} 个乡镇（街道）新时代文明实践所和 {stations} 个村（社区）"
        "新时代文明实践站，以志愿服务为基本形式，推动理论宣讲、文化惠民、移风易俗等活动常态化开展。\n"
        "  （本县为性能测试生成的虚构县，人物、地点和照片均为虚构。）\n"
        "footer:\n"
        f"  sponsor: 中共{COUNTY}委宣传部\n"
        f"  organizer: {CENTRE}\n"
        f"  icp: 模ICP备{opts.year}0001号-1\n"
        "  police: 模公网安备 00000000000001号\n"
        '  site_code: "0000000001"\n'
        "  domain: wmsj.example.gov.cn\n"
    )


def index_md(opts: Options) -> str:
    return (
        f"# {CENTRE}\n\n"
        f"欢迎访问{COUNTY}新时代文明实践公示网站。这里公开全县各乡镇（街道）新时代文明实践所、"
        "各村（社区）新时代文明实践站开展的志愿服务活动，以及各级评选的身边好人。\n\n"
        "- 想了解本村开展了哪些活动，请在“实践站”中找到所在乡镇和村（社区）。\n"
        "- 想推荐身边好人或投稿活动，请阅读[投稿指南](guide/index.md)。\n\n"
        f"本站内容由性能测试工具按随机种子 {opts.seed} 生成。\n"
    )


def themes_yml(rng: Random, year: int) -> str:
    lines = [f"year: {year}", "draft: false", "months:"]
    for month, (title, focus) in enumerate(THEMES, start=1):
        lines += [
            f"  - month: {month}",
            f"    title: {scalar(title)}",
            f"    focus: {scalar(focus)}",
            "    guidance: |",
            *(f"      - {g}" for g in rng.sample(GUIDANCE, 3)),
            f"    festivals: {flow_list(MONTH_FESTIVALS[month])}",
        ]
    return "\n".join(lines) + "\n"


def township_yml(rng: Random, township: TownshipPlan, stations: int, index: int) -> str:
    kind = "街道" if township.is_street else "乡镇"
    return (
        f"name: {township.name}\n"
        f"institute: {township.name}新时代文明实践所\n"
        f"intro: {township.name}辖{stations}个村（社区），实践所依托{kind}党群服务中心建设，"
        f"统筹全{kind[0]}志愿服务力量，常年开展{rng.choice(list(TEAM_NAMES.values()))}等志愿服务。\n"
        "office:\n"
        f"  address: {township.name}政府院内二楼\n"
        f"  phone: 0539-61{index:05d}\n" + unit_teams_yml(f"{township.name}", "志愿服务分队", 20)
    )


def unit_teams_yml(owner: str, suffix: str, members: int) -> str:
    """A ``teams:`` block with one team per category, its id the category code: the
    centre's 支队 and each 所's 分队 that menu items and orders name (``centre:law``)."""
    lines = ["teams:"]
    for number, (code, category) in enumerate(TEAM_CATEGORIES.items()):
        lines += [
            f"  - id: {code}",
            f"    name: {owner}{TEAM_NAMES[code]}{suffix}",
            f"    category: {category}",
            f"    members: {members + number * 3}",
        ]
    return "\n".join(lines) + "\n"


def station_yml(rng: Random, station: StationPlan, index: int, year: int) -> str:
    established = dt.date(rng.randint(2018, year - 1), rng.randint(1, 12), rng.randint(1, 28))
    haves = ("venue", "signage", "team", "projects", "rules", "display")
    lines = [
        f"name: {station.name}",
        f"kind: {station.kind}",
        f"full_name: {station.full_name}",
        f"established: {established.isoformat()}",
        f"star: {rng.randint(1, 5)}",
        "six_haves:",
        *(f"  {h}: {'true' if h == 'venue' or rng.random() < 0.85 else 'false'}" for h in haves),
        "teams:",
    ]
    for code in station.teams:
        category = code if rng.random() < 0.2 else TEAM_CATEGORIES[code]
        lines += [
            f"  - id: {code}",
            f"    name: {station.name}{TEAM_NAMES[code]}志愿服务小队",
            f"    category: {category}",
            f"    members: {rng.randint(5, 40)}",
        ]
    lines += [
        f"platforms: {flow_list(station.platforms)}",
        "office:",
        f"  address: {station.name}党群服务中心一楼",
        f"  phone: 0539-7{index:06d}",
        f"maintainers: [{station.slug}-clerk]",
        "intro: |",
        f"  {station.full_name}依托{station.name}党群服务中心建设，设有"
        f"{'、'.join(rng.sample(VENUES[1:], 3))}，常年开展"
        f"{'、'.join(TEAM_NAMES[c] for c in station.teams[:3])}等志愿服务。",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ActivityDraft:
    date: dt.date
    category: str  # team-category code
    topic: str
    location: str
    volunteers: int
    beneficiaries: int


def draft_activity(rng: Random, station: StationPlan, day: dt.date) -> ActivityDraft:
    code = rng.choice(station.teams) if rng.random() < 0.8 else rng.choice(list(TEAM_CATEGORIES))
    venues = COMMUNITY_VENUES if station.kind == "社区" else VENUES
    return ActivityDraft(
        day,
        code,
        rng.choice(TOPICS[code]),
        f"{station.name}{rng.choice(venues)}",
        rng.randint(3, 60),
        rng.randint(10, 800),
    )


def activity_dates(
    rng: Random, year: int, count: int, until: dt.date | None = None
) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    days = (min(until or dt.date(year, 12, 31), dt.date(year, 12, 31)) - start).days + 1
    # Busier around festivals: a gentle bump in Feb, Mar, Jun, Sep, Oct and Dec.
    month_weight = (1.0, 1.3, 1.4, 1.0, 1.0, 1.2, 1.0, 0.9, 1.2, 1.3, 1.0, 1.2)
    weights = [month_weight[(start + dt.timedelta(d)).month - 1] for d in range(days)]
    picks = rng.choices(range(days), weights=weights, k=count)
    return sorted(start + dt.timedelta(d) for d in picks)


def activity_md(
    rng: Random, station: StationPlan, draft: ActivityDraft, photos: list[str], year: int
) -> tuple[str, dt.date | None]:
    """The activity file, and the day of the order it answered, if it did."""
    code = draft.category
    title = f"{draft.topic} {rng.choice(SLOGANS)}"
    hours = draft.volunteers * rng.choice((1.0, 1.5, 2.0, 2.5, 3.0, 4.0))
    lines = ["---", f"title: {scalar(title)}", f"date: {draft.date.isoformat()}"]
    if rng.random() < 0.05 and draft.date < dt.date(year, 12, 29):
        lines.append(f"end_date: {(draft.date + dt.timedelta(rng.randint(1, 2))).isoformat()}")
    if code in station.teams and rng.random() < 0.75:
        lines.append(f"team: {code}")
        if rng.random() < 0.3:
            lines.append(f"category: {TEAM_CATEGORIES[code]}")
    else:
        lines.append(f"category: {code if rng.random() < 0.2 else TEAM_CATEGORIES[code]}")
    if rng.random() < 0.6:
        lines.append(f"platform: {scalar(CATEGORY_PLATFORM[code])}")
    if rng.random() < 0.05:
        month = draft.date.month
        lines.append(f"theme_month: {month + 1 if month < 12 else month - 1}")
    lines += [
        f"volunteers: {draft.volunteers}",
        f"beneficiaries: {draft.beneficiaries}",
        f"service_hours: {hours_text(hours)}",
        f"location: {scalar(draft.location)}",
    ]
    if photos:
        lines.append("photos:")
        for name in photos:
            lines += [f"  - file: media/{name}", f"    caption: {rng.choice(CAPTIONS[code])}"]
    tags = [*rng.sample(TAGS[code], rng.randint(0, 2))]
    if rng.random() < 0.3:
        tags.append(rng.choice(MONTH_FESTIVALS[draft.date.month]))
    if tags:
        lines.append(f"tags: {flow_list(tags)}")
    asked = None
    if rng.random() < 0.15:
        # Answered an order: written as an order file (orders/), as the 四单 loop asks;
        # the draws are kept so that the rest of the county stays as it was.
        asked = draft.date - dt.timedelta(rng.randint(1, 14))
        rng.choice(SURNAMES)
    text = "\n".join([*lines, "---", "", activity_body(rng, station, draft)])
    return text, asked


def activity_body(rng: Random, station: StationPlan, draft: ActivityDraft) -> str:
    code = draft.category
    opener = rng.choice(OPENERS).format(
        when=chinese_day(draft.date),
        station=station.full_name,
        team=f"{station.name}{TEAM_NAMES[code]}志愿服务小队",
        location=draft.location,
        topic=draft.topic,
    )
    actions = [a + "。" for a in rng.sample(ACTIONS[code], rng.randint(2, 4))]
    turnout = rng.choice(TURNOUTS).format(
        volunteers=draft.volunteers, beneficiaries=draft.beneficiaries
    )
    parts = fill([opener, *actions, turnout], FILLERS, rng, 150, 400)
    effect = rng.choice(EFFECTS)
    if sum(map(len, parts)) + len(effect) <= 400 or sum(map(len, parts)) < 150:
        parts.append(effect)
    split = rng.randint(1, max(1, len(parts) - 1))
    return "".join(parts[:split]) + "\n\n" + "".join(parts[split:]) + "\n"


def person_name(rng: Random, gender: str) -> str:
    given = MALE_GIVEN if gender == "男" else FEMALE_GIVEN
    return rng.choice(SURNAMES) + "".join(rng.sample(given, rng.choice((1, 2, 2))))


def honour_lines(rng: Random, station: StationPlan, category: str, year: int) -> list[str]:
    issuers = {
        "国家级": "中央文明办",
        "省级": "省文明办",
        "市级": "市文明办",
        "县级": CENTRE,
        "乡镇级": f"{station.township.name}新时代文明实践所",
        "村级": station.full_name,
    }
    scopes = {
        "国家级": "全国",
        "省级": "全省",
        "市级": "全市",
        "县级": COUNTY,
        "乡镇级": station.township.name,
        "村级": station.name,
    }
    lines = ["honours:"]
    for level in sorted(
        set(rng.choices(HONOUR_LEVELS, weights=LEVEL_WEIGHTS, k=rng.randint(1, 3))),
        key=HONOUR_LEVELS.index,
    ):
        period_year = year - rng.randint(0, 2)
        period = rng.choice(
            (str(period_year), f"{period_year}-{rng.randint(1, 12):02d}",
             f"{period_year}-Q{rng.randint(1, 4)}")
        )  # fmt: skip
        lines += [f"  - level: {level}", f"    issuer: {issuers[level]}"]
        if rng.random() < 0.7:
            lines.append(f"    title: {scopes[level]}“{category}”好人")
        lines.append(f"    period: {period}")
    return lines


def honoree_md(rng: Random, station: StationPlan, photo: str | None, year: int) -> str:
    category = rng.choice(HONOREE_CATEGORIES)
    is_group = rng.random() < 0.15
    consent_day = dt.date(year, 1, 1) - dt.timedelta(rng.randint(0, 500))
    lines = ["---"]
    if is_group:
        name = rng.choice(
            (f"{station.name}{rng.choice(list(TEAM_NAMES.values()))}志愿服务队",
             f"{person_name(rng, '女')}家庭")
        )  # fmt: skip
        lines += [f"name: {name}", "kind: 集体"]
        by = "本人"
        who = name
        young = False
    else:
        gender = rng.choice(("男", "女"))
        name = person_name(rng, gender)
        birth_year = rng.randint(1940, year - 8)
        by = "监护人" if consent_day.year - birth_year <= 14 else "本人"
        young = year - birth_year < 18
        lines += [f"name: {name}", "kind: 个人", f"gender: {gender}", f"birth_year: {birth_year}"]
        who = name
    lines += [f"category: {category}", *honour_lines(rng, station, category, year)]
    summary = "，".join(rng.sample(SUMMARIES[category], 2)) + "。"
    lines.append(f"summary: {scalar(summary[:70])}")
    if photo:
        lines.append(f"photo: media/{photo}")
    lines += ["consent:", "  given: true", f"  by: {by}", f"  date: {consent_day.isoformat()}"]
    return "\n".join(
        [*lines, "---", "", deeds(rng, station, category, who, is_group=is_group, young=young)]
    )


def deeds(
    rng: Random, station: StationPlan, category: str, who: str, *, is_group: bool, young: bool
) -> str:
    identity = rng.choice(IDENTITIES)
    if is_group:
        identity = f"成立于{rng.randint(2010, 2024)}年"
    elif young:
        identity = "的一名学生"
    intro = (
        f"{who}{identity}，扎根{station.township.name}{station.name}。"
        if is_group
        else f"{who}是{station.township.name}{station.name}{identity}。"
    )
    sentences = [s.format(who=who) + "。" for s in rng.sample(DEEDS[category], 4)]
    ending = rng.choice(DEED_ENDINGS).format(who=who)
    parts = fill([intro, *sentences, ending], DEED_FILLERS, rng, 250, 350)
    return "".join(parts[:2]) + "\n\n" + "".join(parts[2:]) + "\n"


# --- photos -----------------------------------------------------------------------------


def photo_jpeg(seed: int, name: str) -> bytes:
    """A small drawn scene (sky, hills, houses, people, a banner), the same every run."""
    rng = Random(f"{seed}/{name}")
    w, h = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (rng.randint(120, 200), rng.randint(170, 220), 240))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(h // 3, h // 2)
    for _ in range(3):
        x = rng.randint(-100, w)
        draw.ellipse((x, horizon - rng.randint(40, 120), x + rng.randint(200, 400), horizon + 80),
                     fill=(rng.randint(60, 110), rng.randint(120, 160), rng.randint(60, 100)))  # fmt: skip
    draw.rectangle((0, horizon, w, h), fill=(rng.randint(150, 200), rng.randint(140, 180), 120))
    for _ in range(rng.randint(2, 5)):
        x, top = rng.randint(0, w - 120), horizon - rng.randint(40, 90)
        draw.rectangle((x, top, x + 110, horizon + 20), fill=(235, 230, 220))
        draw.polygon([(x - 10, top), (x + 55, top - 35), (x + 120, top)], fill=(170, 40, 40))
    draw.rectangle((w // 4, horizon - 20, 3 * w // 4, horizon + 10), fill=(200, 30, 36))
    for _ in range(rng.randint(4, 12)):
        x, y = rng.randint(10, w - 30), rng.randint(horizon + 40, h - 60)
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        draw.ellipse((x, y, x + 20, y + 20), fill=(230, 190, 150))
        draw.rectangle((x - 2, y + 20, x + 22, y + 60), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=78)
    return out.getvalue()


# --- menus and orders (四单) ---------------------------------------------------------------

# The 五项 item (county default codes) each team category mostly serves.
FIVE_OF_CATEGORY: dict[str, str] = {
    "theory": "theory", "education": "values", "culture": "culture", "science": "policy",
    "health": "values", "law": "policy", "customs": "customs", "environment": "customs",
    "poverty": "values", "enterprise": "policy",
}  # fmt: skip
MENU_ENDINGS = ("进村", "进社区", "上门服务", "小课堂", "面对面")
AVAILABLE = ("常年", "常年", "3–10月", "每周六上午", "工作日")
GROUPS = (
    "东组群众", "西组群众", "二组群众", "老年协会", "留守儿童家长", "妇女之家",
    "种植合作社社员", "青年志愿者协会", "退休教师", "小学家长委员会",
)  # fmt: skip
COMMENTS = ("讲得实在，还想再听", "很实用，谢谢志愿者", "来得及时", "希望常来")
SERVED_PER_STATION = 30  # newest orders with an order file: menu pages list them all


@dataclass(frozen=True)
class MenuPlan:
    unit: str  # centre | <township> | <township>/<station>
    slug: str
    category: str


def menu_md(rng: Random, item: MenuPlan, team: str) -> str:
    code = item.category
    topic = rng.choice(TOPICS[code])
    title = f"{topic}{rng.choice(MENU_ENDINGS)}"[:40]
    return (
        f"---\ntitle: {scalar(title)}\nwork: [{FIVE_OF_CATEGORY[code]}]\nteam: {team}\n"
        f"summary: {TEAM_NAMES[code]}志愿者{topic}，约{rng.choice((30, 40, 60, 90))}分钟\n"
        f"available: {rng.choice(AVAILABLE)}\n---\n\n"
        f"由{TEAM_NAMES[code]}志愿服务队提供，群众可向所在实践站点单。\n"
    )


def plan_menus(
    rng: Random, townships: list[TownshipPlan], stations: list[StationPlan]
) -> list[MenuPlan]:
    """~100 county items for 700 stations (at least 12), 2–4 per 实践所, 1–3 at a third of
    the stations (from their own teams)."""
    codes = list(TEAM_CATEGORIES)
    items = [
        MenuPlan(CENTRE_KEY, f"m{n:03d}", codes[n % len(codes)])
        for n in range(1, min(100, max(12, len(stations) // 7)) + 1)
    ]
    for township in townships:
        items += [
            MenuPlan(township.slug, f"m{n}", rng.choice(codes))
            for n in range(1, rng.randint(2, 4) + 1)
        ]
    for station in stations:
        if rng.random() < 0.33:
            key = f"{station.township.slug}/{station.slug}"
            items += [
                MenuPlan(key, f"m{n}", rng.choice(station.teams))
                for n in range(1, rng.randint(1, 3) + 1)
            ]
    return items


def _unit_folder(unit: str) -> str:
    return "content/centre" if unit == CENTRE_KEY else f"content/stations/{unit}"


def order_md(
    rng: Random, served: Served, station: StationPlan, menu: str | None, until: dt.date
) -> str:
    code = served.category
    team = code if code in station.teams else f"{CENTRE_KEY}:{code}"
    assigned = served.asked + dt.timedelta(rng.randint(0, (served.day - served.asked).days))
    group = rng.choice(GROUPS)
    lines = [
        "---",
        f"title: {scalar(f'想请志愿者来{served.topic}')}",
        f"date: {served.asked.isoformat()}",
        f"group: {group}",
    ]
    if menu:
        lines.append(f"menu: {menu}")
    lines += [
        f"assigned: {{team: {team}, date: {assigned.isoformat()}}}",
        f"served: {{activity: {served.slug}}}",
    ]
    if rng.random() < 0.8:
        voters = max(1, min(served.beneficiaries, rng.randint(8, 60)))
        unsatisfied = rng.randint(0, 2) if rng.random() < 0.3 else 0
        basic = min(rng.randint(0, 6), voters - 1) if voters > 1 else 0
        satisfied = max(voters - basic - unsatisfied, 0)
        day = min(served.day + dt.timedelta(rng.randint(0, 3)), until)
        comment = f", comment: {rng.choice(COMMENTS)}" if rng.random() < 0.5 else ""
        lines.append(
            f"review: {{satisfied: {satisfied}, basic: {basic}, unsatisfied: {unsatisfied}"
            f"{comment}, date: {day.isoformat()}}}"
        )
    lines += ["---", "", f"{group}提出需求，站里登记后按四单流程办理。", ""]
    return "\n".join(lines)


def open_order_md(rng: Random, day: dt.date, category: str) -> str:
    topic = rng.choice(TOPICS[category])
    return (
        f"---\ntitle: {scalar(f'想请志愿者来{topic}')}\ndate: {day.isoformat()}\n"
        f"group: {rng.choice(GROUPS)}\n---\n\n需求已登记，正在安排志愿服务队。\n"
    )


def service_files(
    rng: Random,
    tree: Tree,
    townships: list[TownshipPlan],
    stations: list[StationPlan],
    opts: Options,
) -> None:
    """Menus at every level, an order file for each activity that answered an order (its
    station's newest ``SERVED_PER_STATION``), and a few open orders per township."""
    until = min(opts.until or dt.date(opts.year, 12, 31), dt.date(opts.year, 12, 31))
    menus = plan_menus(rng, townships, stations)
    by_category: dict[tuple[str, str], list[MenuPlan]] = {}
    for item in menus:
        # Every unit's team ids are category codes (station.yml, township.yml, centre.yml).
        tree.text(
            f"{_unit_folder(item.unit)}/menu/{item.slug}.md", menu_md(rng, item, item.category)
        )
        by_category.setdefault((item.unit, item.category), []).append(item)
    number = 1
    for station in stations:
        key = f"{station.township.slug}/{station.slug}"
        for served in station.served[-SERVED_PER_STATION:]:
            menu = None
            for unit in (key, station.township.slug, CENTRE_KEY):
                found = by_category.get((unit, served.category))
                if found and rng.random() < 0.8:
                    item = rng.choice(found)
                    menu = item.slug if unit == key else f"{unit}:{item.slug}"
                    break
            path = f"content/{station.folder}/orders/{served.asked.isoformat()}-o{number:05d}.md"
            tree.text(path, order_md(rng, served, station, menu, until))
            number += 1
    codes = list(TEAM_CATEGORIES)
    for township in townships:
        own = [s for s in stations if s.township is township]
        for unit in (township.slug, *(f"{township.slug}/{s.slug}" for s in rng.sample(own, 1))):
            day = until - dt.timedelta(rng.randint(0, 20))
            path = f"{_unit_folder(unit)}/orders/{day.isoformat()}-o{number:05d}.md"
            tree.text(path, open_order_md(rng, day, rng.choice(codes)))
            number += 1
    day = until - dt.timedelta(rng.randint(0, 10))
    tree.text(
        f"content/centre/orders/{day.isoformat()}-o{number:05d}.md",
        open_order_md(rng, day, rng.choice(codes)),
    )


# --- putting it together ------------------------------------------------------------------


def mkdocs_yml(opts: Options) -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name:.*$", f"site_name: {CENTRE}", text)
    text = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: content", text)
    return re.sub(r"(?m)^site_dir:.*$", "site_dir: site", text)


def station_files(rng: Random, tree: Tree, station: StationPlan, first: int, opts: Options) -> None:
    base = f"content/{station.folder}"
    digits = width(max(opts.activities, opts.busy_station), 5)
    cursor = 0  # photos are used round-robin, so each is used once before any twice
    for number, day in enumerate(
        activity_dates(rng, opts.year, station.activities, opts.until), first
    ):
        draft = draft_activity(rng, station, day)
        photos: list[str] = []
        if station.photos:
            take = rng.randint(1, 3)
            photos = [station.photos[(cursor + i) % len(station.photos)] for i in range(take)]
            photos = list(dict.fromkeys(photos))
            cursor += take
        slug = f"{day.isoformat()}-a{number:0{digits}d}"
        text, asked = activity_md(rng, station, draft, photos, opts.year)
        tree.text(f"{base}/activities/{slug}.md", text)
        if asked is not None:
            station.served.append(
                Served(slug, day, asked, draft.category, draft.topic, draft.beneficiaries)
            )
    for name in station.photos:
        tree.files[f"{base}/media/{name}"] = photo_jpeg(opts.seed, f"{station.folder}/{name}")


def honoree_files(rng: Random, tree: Tree, station: StationPlan, first: int, opts: Options) -> None:
    base = f"content/{station.folder}/honorees"
    for offset in range(station.honorees):
        photo = (
            station.photos[offset % len(station.photos)]
            if station.photos and offset % 3 == 0
            else None
        )
        slug = f"h{first + offset:0{width(opts.honorees, 4)}d}"
        tree.text(f"{base}/{slug}.md", honoree_md(rng, station, photo, opts.year))


def build_tree(opts: Options) -> tuple[Tree, list[StationPlan], int]:
    rng = Random(opts.seed)
    townships = plan_townships(rng, opts.townships)
    stations = plan_stations(rng, opts, townships)
    spread_activities(rng, opts, stations)
    spread_honorees(rng, opts, stations)
    photos = spread_photos(rng, opts, stations)
    tree = Tree()
    tree.text("mkdocs.yml", mkdocs_yml(opts))
    tree.text("content/county.yml", county_yml(opts, len(townships), len(stations)))
    tree.text("content/index.md", index_md(opts))
    tree.text("content/centre/centre.yml", unit_teams_yml("县", "志愿服务支队", 40))
    tree.text(f"content/themes/{opts.year}.yml", themes_yml(rng, opts.year))
    for index, township in enumerate(townships, start=1):
        count = sum(1 for s in stations if s.township is township)
        tree.text(
            f"content/stations/{township.slug}/township.yml",
            township_yml(rng, township, count, index),
        )
    activity_number, honoree_number = 1, 1
    for index, station in enumerate(stations, start=1):
        tree.text(
            f"content/{station.folder}/station.yml", station_yml(rng, station, index, opts.year)
        )
        station_files(rng, tree, station, activity_number, opts)
        honoree_files(rng, tree, station, honoree_number, opts)
        activity_number += station.activities
        honoree_number += station.honorees
    service_files(Random(f"service-{opts.seed}"), tree, townships, stations, opts)
    return tree, stations, photos


def prepare_out(opts: Options) -> None:
    out = opts.out
    owned = [out / "mkdocs.yml", out / "content", out / "theme_overrides"]
    if out.exists() and any(out.iterdir()):
        if not opts.force:
            raise SystemExit(
                f"{out} 不是空文件夹；加 --force 覆盖其中的 mkdocs.yml、content/、theme_overrides"
            )
        for path in owned:
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
    out.mkdir(parents=True, exist_ok=True)


def write_tree(opts: Options, tree: Tree) -> None:
    prepare_out(opts)
    folders = sorted({str(Path(p).parent) for p in tree.files})
    for folder in folders:
        (opts.out / folder).mkdir(parents=True, exist_ok=True)
    for path, data in tree.files.items():
        (opts.out / path).write_bytes(data)
    theme = opts.out / "theme_overrides"
    if opts.copy_theme:
        shutil.copytree(REPO / "theme_overrides", theme)
    else:
        theme.symlink_to(REPO / "theme_overrides", target_is_directory=True)


def parse_args(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(description="生成一个确定性的虚构县（性能测试用）")
    parser.add_argument("--out", type=Path, required=True, help="输出的项目文件夹")
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--stations", type=int, default=700)
    parser.add_argument("--activities", type=int, default=30_000)
    parser.add_argument("--honorees", type=int, default=3_000)
    parser.add_argument("--photos", type=int, default=200, help="不同照片文件的数量")
    parser.add_argument(
        "--busy-station", type=int, default=0, help="让第一个实践站有 N 条活动（计入 --activities）"
    )
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--until",
        type=dt.date.fromisoformat,
        default=None,
        help="活动日期最晚到哪一天（默认当年 12 月 31 日），例如 2026-12-06",
    )
    parser.add_argument("--force", action="store_true", help="覆盖已有的输出")
    parser.add_argument("--copy-theme", action="store_true", help="复制而不是链接 theme_overrides")
    parser.add_argument("--county", default=None, help="县名（默认“模拟县”；make city 造三个县）")
    args = parser.parse_args(argv)
    if args.county:
        name_county(args.county)
    if args.townships < 1 or args.stations < args.townships:
        parser.error("需要 1 ≤ --townships ≤ --stations")
    if min(args.activities, args.honorees, args.photos, args.busy_station) < 0:
        parser.error("数量不能为负")
    if not 1902 <= args.year <= 2098:
        parser.error("--year 应在 1902–2098 之间")
    return Options(
        args.out.resolve(),
        args.townships,
        args.stations,
        args.activities,
        args.honorees,
        args.photos,
        args.busy_station,
        args.year,
        args.seed,
        args.force,
        args.copy_theme,
        args.until,
    )


def name_county(name: str) -> None:
    """Use ``name`` instead of 模拟县 everywhere (the city demo needs several counties)."""
    global COUNTY, CENTRE  # the word lists above read these module names
    COUNTY, CENTRE = name, f"{name}新时代文明实践中心"


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse_args(argv)
    started = time.perf_counter()
    tree, stations, photos = build_tree(opts)
    write_tree(opts, tree)
    activities = sum(s.activities for s in stations)
    idle = sum(1 for s in stations if s.activities == 0)
    busiest = max(stations, key=lambda s: s.activities)
    print(
        f"{opts.out}: {opts.townships} 个乡镇，{len(stations)} 个实践站（{idle} 个无活动），"
        f"{activities} 条活动（最多 {busiest.folder} {busiest.activities} 条），"
        f"{sum(s.honorees for s in stations)} 位好人，{photos} 张照片；"
        f"用时 {time.perf_counter() - started:.1f} 秒",
        file=sys.stderr,
    )
    if photos < opts.photos:
        print(
            f"注意：活动太少，只放了 {photos} 张照片（每张照片至少要被一条活动引用）",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

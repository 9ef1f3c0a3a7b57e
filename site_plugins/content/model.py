"""The shape of every content file, as pydantic models.

These models are the single source of truth for three things: validation of what clerks
write, the JSON Schemas that give editors autocompletion, and (later) the form editor's
fields. Keys are English, descriptions Chinese. Models are strict: YAML already types
numbers, dates and booleans, so ``"12"`` for a count is a mistake worth reporting.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An honour's period: 2026, 2026-05, 2026-Q2, or as clerks write them, 2026年, 2026年5月,
# 2026年第二季度 (also 第2季度). Distinct group names because Python forbids repeating one.
PERIOD_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4]))"
    r"|年(?:(?P<zh_month>0?[1-9]|1[0-2])月|第(?P<zh_quarter>[1-4一二三四])季度)?)?$"
)
# A login name valid on GitHub, GitLab and Gitea alike: letters, digits and . _ - inside,
# a letter or digit at both ends. An optional leading @ is accepted (as in mentions).
_HOST_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?"
HOST_USER_RE = re.compile(rf"^@?{_HOST_NAME}$")
# An owner may also be a team: @org/team on GitHub and Gitea, @group/subgroup on GitLab.
HOST_OWNER_RE = re.compile(rf"^@?{_HOST_NAME}(?:/{_HOST_NAME})*$")
# A station's identity and folder path: <township>/<village>, both slugs.
STATION_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
# A team reference on an entry: ``theory`` (a team of the entry's own unit), or
# ``<unit key>:theory`` for another unit's: ``centre:theory``, ``chengguan:culture``,
# ``chengguan/binhe:theory`` (a county team serving in a village). See units.md.
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TEAM_REF_RE = re.compile(rf"^(?:(?:{_SLUG}(?:/{_SLUG})?):)?{_SLUG}$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_RE.pattern)]
HostUser = Annotated[str, StringConstraints(strip_whitespace=True, pattern=HOST_USER_RE.pattern)]
HostOwner = Annotated[str, StringConstraints(strip_whitespace=True, pattern=HOST_OWNER_RE.pattern)]
StationId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=STATION_ID_RE.pattern)]
TeamRef = Annotated[str, StringConstraints(strip_whitespace=True, pattern=TEAM_REF_RE.pattern)]
# A link to another site (a map app, the volunteer platform): https only. The site links
# to it and never loads anything from it.
HTTPS_LINK_RE = re.compile(r"^https://[^\s<>\"']+$")
HttpsLink = Annotated[str, StringConstraints(pattern=HTTPS_LINK_RE.pattern)]


class Record(BaseModel):
    """Strict, closed and immutable: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# --- county.yml -------------------------------------------------------------------------


class Footer(Record):
    sponsor: Text = Field(description="主办单位，例如：中共示范县委宣传部")
    organizer: Text | None = Field(None, description="承办单位，例如：示范县新时代文明实践中心")
    icp: Text | None = Field(None, description="ICP 备案号，例如：示ICP备20260001号-1")
    police: Text | None = Field(
        None, description="公安机关备案号，例如：示公网安备 00000000000001号"
    )
    site_code: Text | None = Field(None, description="政府网站标识码")
    domain: Text | None = Field(None, description="网站域名，例如：wmsj.example.gov.cn")


LabelMap = dict[Slug, Text]


class Labels(Record):
    honoree_categories: LabelMap | None = Field(
        None, description="好人类别：代码 → 名称。默认为全国道德模范五类"
    )
    honour_levels: LabelMap | None = Field(None, description="荣誉级别：代码 → 名称")
    team_categories: LabelMap | None = Field(None, description="志愿服务队类别：代码 → 名称")
    platforms: LabelMap | None = Field(None, description="实践平台：代码 → 名称")
    five_items: LabelMap | None = Field(
        None, description="五项工作内容：代码 → 名称。默认为学习实践科学理论等五项"
    )
    honour_systems: list[HonourSystem] | None = Field(
        None,
        description="好人类别以外的其他荣誉体系（例如志愿服务先进：最美志愿者、优秀志愿服务组织），"
        "与五类好人分开展示；不写则使用默认的“志愿服务先进”",
    )


class HonourSystem(Record):
    """一套荣誉体系：例如“身边好人”（五类）和“志愿服务先进”（最美志愿者等），页面分开展示。"""

    id: Slug = Field(description="体系代码，例如：volunteer")
    name: Text = Field(max_length=20, description="体系名称，例如：志愿服务先进")
    categories: LabelMap = Field(
        description="本体系的类别：代码 → 名称，例如：{best-volunteer: 最美志愿者}"
    )


class Day(Record):
    """本县另行纪念的固定日子（公历），例如建县纪念日。"""

    month: int = Field(ge=1, le=12, description="月份 1–12")
    day: int = Field(ge=1, le=31, description="日 1–31")
    name: Text = Field(max_length=20, description="名称，例如：示范县志愿服务日")


class VolunteerPlatform(Record):
    name: Text = Field(max_length=40, description="平台名称，例如：中国志愿服务网")
    url: HttpsLink = Field(
        description="平台网址，https 开头，例如：https://chinavolunteer.mca.gov.cn/"
    )


class OrderPlatform(Record):
    """群众线上点单的平台（县里在省级平台或微信小程序上开设）。"""

    name: Text = Field(max_length=40, description="平台名称，例如：示范县文明实践点单平台")
    url: HttpsLink = Field(
        description="点单网址，https 开头；菜单页和张贴菜单上的二维码指向它，"
        "例如：https://diandan.example.gov.cn/"
    )
    note: Text | None = Field(
        None, max_length=80, description="一句说明，例如：微信扫码即可点单，工作日 48 小时内回复"
    )


class CountyFile(Record):
    """content/county.yml：县名、中心名、页脚和可配置的分类清单。"""

    name: Text = Field(description="县（市、区）名称，例如：示范县")
    centre: Text = Field(description="新时代文明实践中心全称")
    intro: str | None = Field(None, description="中心简介（Markdown）")
    footer: Footer = Field(description="页脚信息：主办、备案号、网站标识码")
    labels: Labels | None = Field(None, description="可配置的分类清单；不写则使用默认清单")
    days: list[Day] = Field(
        default_factory=list, description="本县另加的纪念日（月度主题日历中显示）"
    )
    volunteer_platform: VolunteerPlatform | None = Field(
        None, description="志愿者注册平台：各志愿服务队页面“报名加入”的默认去处"
    )
    order_platform: OrderPlatform | None = Field(
        None,
        description="群众线上点单的平台（省级平台或微信小程序）：各级菜单页和张贴菜单的二维码指向它",
    )
    report_quota: int | None = Field(
        None,
        ge=1,
        le=100,
        description="信息报送任务：每个实践站每月应发布的活动报道篇数，例如 4；通报按它统计完成情况",
    )
    editors: list[HostOwner] = Field(
        default_factory=list,
        description="县中心编辑：代码托管平台用户名或团队（@组织/团队），审核全部投稿，"
        '并负责实践站文件夹以外的一切文件，例如：[county-editor, "@shifan/editors"]',
    )


# --- township.yml and station.yml -------------------------------------------------------


class Office(Record):
    address: Text | None = Field(None, description="办公地址")
    phone: Text | None = Field(
        None, description="办公电话：对外公开的固定电话，不填个人手机号，例如：0539-6121234"
    )
    mobile_is_public_line: bool = Field(
        False,
        description="办公电话填的是手机号、并且它是本站对外公开的服务电话（不是个人手机）时填 true；"
        "不写则为 false，检查会拒绝手机号",
    )


class Venue(Record):
    """阵地：实践点、实践基地等对外开放的场所。"""

    id: Slug = Field(description="阵地代码，本文件内唯一，例如：wenhua-guangchang")
    name: Text = Field(max_length=40, description="名称，例如：张庄村文化广场")
    kind: Text = Field(
        "实践点", max_length=20, description="类型，例如：实践点、实践基地、文化礼堂、农家书屋"
    )
    address: Text | None = Field(None, max_length=80, description="地址")
    hours: Text | None = Field(
        None, max_length=60, description="开放时间，例如：每天 8:00–20:00，节假日照常"
    )
    offers: Text | None = Field(
        None, max_length=200, description="能提供什么，例如：广场舞、电影放映、图书借阅"
    )
    map: HttpsLink | None = Field(
        None,
        description="地图链接：在高德、百度或腾讯地图里“分享”得到的 https 网址；网站只放链接，不加载地图",
    )


class Team(Record):
    id: Slug = Field(description="队伍代码，本单位内唯一，活动的 team 字段引用它，例如：culture")
    name: Text = Field(description="队伍名称，例如：张庄村文艺志愿服务小队")
    category: Text = Field(description="队伍类别（名称或代码），例如：文化文艺")
    members: int = Field(ge=0, le=100_000, description="队员人数（只写人数，不写名单）")
    leader: Text | None = Field(
        None, max_length=40, description="队长由谁担任：写职务，不写姓名和电话，例如：村党支部委员"
    )
    join: HttpsLink | None = Field(
        None,
        description="报名加入的链接：志愿服务平台（如中国志愿服务网）上本队的页面，https 开头；"
        "不写则用县里设置的志愿者注册平台",
    )


class TownshipFile(Record):
    """stations/<乡镇>/township.yml：新时代文明实践所。"""

    name: Text = Field(description="乡镇（街道）名称，例如：青石镇")
    institute: Text | None = Field(None, description="实践所全称；默认“名称＋新时代文明实践所”")
    intro: str | None = Field(None, description="简介（Markdown）")
    office: Office | None = Field(None, description="办公地址和电话")
    venues: list[Venue] = Field(
        default_factory=list, description="实践所的阵地：实践点、实践基地等"
    )
    teams: list[Team] = Field(default_factory=list, description="实践所的志愿服务队（支队）")
    maintainers: list[HostUser] = Field(
        default_factory=list,
        description="实践所信息员在代码托管平台上的用户名，他们可以修改本乡镇的 township.yml "
        "和实践所自己的活动、预告、好人（不含各村文件夹），例如：[qingshi-clerk]",
    )


class CentreFile(Record):
    """centre/centre.yml：县新时代文明实践中心自己的简介、办公、阵地和志愿服务队（总队、支队）。"""

    intro: str | None = Field(None, description="中心简介（Markdown）")
    office: Office | None = Field(None, description="办公地址和电话")
    venues: list[Venue] = Field(default_factory=list, description="中心的阵地：实践基地等")
    teams: list[Team] = Field(
        default_factory=list, description="县级志愿服务队：“1+10+n”的总队和各专业支队"
    )


class SixHaves(Record):
    """“六有”标准：有场所、有标识、有队伍、有项目、有制度、有展示。"""

    venue: bool = Field(description="有场所")
    signage: bool = Field(description="有标识")
    team: bool = Field(description="有队伍")
    projects: bool = Field(description="有项目")
    rules: bool = Field(description="有制度")
    display: bool = Field(description="有展示")


class StationFile(Record):
    """stations/<乡镇>/<村>/station.yml：新时代文明实践站。"""

    name: Text = Field(description="村（社区）名称，例如：张庄村")
    kind: Literal["村", "社区"] = Field(description="类型：村 或 社区")
    full_name: Text | None = Field(None, description="实践站全称；默认“名称＋新时代文明实践站”")
    established: dt.date | None = Field(None, description="建站日期，YYYY-MM-DD")
    star: int | None = Field(None, ge=1, le=5, description="星级评估，1–5")
    six_haves: SixHaves = Field(description="“六有”情况，每项 true 或 false")
    teams: list[Team] = Field(default_factory=list, description="志愿服务队")
    platforms: list[Text] = Field(default_factory=list, description="实践平台（名称或代码）")
    office: Office | None = Field(None, description="办公地址和办公电话")
    venues: list[Venue] = Field(default_factory=list, description="本站的阵地：实践点、实践基地等")
    maintainers: list[HostUser] = Field(
        default_factory=list,
        description="本站信息员在代码托管平台（GitHub、GitLab、Gitea）上的用户名，"
        "他们可以修改本站文件夹，例如：[zhangzhuang-clerk]",
    )
    former_ids: list[StationId] = Field(
        default_factory=list,
        description="本站文件夹改名（村庄合并、改名）前用过的路径“乡镇代码/村代码”，"
        "旧网址会自动跳转到本站，例如：[liuhe/dongzhuang]",
    )
    intro: str | None = Field(None, description="简介（Markdown）")


# --- activities -------------------------------------------------------------------------


class Photo(Record):
    file: Text = Field(description="照片路径，相对于本站文件夹，例如：media/scene-1.jpg")
    caption: Text | None = Field(None, description="照片说明")


class Order(Record):
    """“点单”服务：群众下单、站所派单、志愿者接单。"""

    requested_by: Text = Field(description="点单人或群体（不写个人电话），例如：东组群众")
    requested_on: dt.date | None = Field(None, description="点单日期")


def _photo_from_text(value: Any) -> Any:
    # A bare path is the common case; the mapping form adds a caption.
    return {"file": value} if isinstance(value, str) else value


class ActivityFile(Record):
    """stations/<乡镇>/<村>/activities/<日期>-<名称>.md 的信息块：一次志愿服务活动。"""

    title: Text = Field(max_length=80, description="活动标题，例如：粽叶飘香迎端午")
    date: dt.date = Field(description="活动日期，YYYY-MM-DD")
    end_date: dt.date | None = Field(None, description="多日活动的结束日期")
    team: TeamRef | None = Field(
        None,
        description="志愿服务队：本单位队伍的 id，例如：culture；别的单位的队伍写“单位:id”，"
        "例如：centre:theory（县级队伍）、chengguan:culture（城关街道的队伍）",
    )
    category: Text | None = Field(None, description="服务类别（名称或代码）；写了 team 可省略")
    platform: Text | None = Field(None, description="实践平台（名称或代码）")
    work: list[Text] = Field(
        default_factory=list,
        description="五项工作内容（名称或代码，可写多项），例如：[丰富活跃文化生活]",
    )
    theme_month: int | None = Field(
        None, ge=1, le=12, description="仅当活动属于另一个月的主题时填写：月份 1–12"
    )
    volunteers: int = Field(0, ge=0, le=100_000, description="参与志愿者人数")
    beneficiaries: int = Field(0, ge=0, le=10_000_000, description="受益群众人数")
    service_hours: float = Field(0, ge=0, le=1_000_000, description="志愿服务总时长（小时）")
    location: Text | None = Field(None, description="活动地点")
    photos: list[Photo] = Field(default_factory=list, description="活动照片")
    tags: list[Text] = Field(default_factory=list, description="标签，例如：[我们的节日, 端午]")
    order: Order | None = Field(None, description="点单信息（可选）")
    plan: Slug | None = Field(
        None,
        description="这次活动事先发过预告时，写预告的文件名（不含 .md），例如：2026-06-19-duanwu",
    )
    township: Slug | None = Field(None, description="可不写：由文件夹决定")
    station: Slug | None = Field(None, description="可不写：由文件夹决定")

    @field_validator("photos", mode="before")
    @classmethod
    def _photos(cls, value: Any) -> Any:
        return [_photo_from_text(v) for v in value] if isinstance(value, list) else value


# --- plans (活动预告) ----------------------------------------------------------------------


class PlanFile(Record):
    """stations/<乡镇>/<村>/plans/<日期>-<名称>.md 的信息块：一次将要开展的活动的预告。"""

    title: Text = Field(max_length=80, description="活动标题，例如：粽叶飘香迎端午")
    date: dt.date = Field(description="活动日期，YYYY-MM-DD（可以是以后的日期）")
    end_date: dt.date | None = Field(None, description="多日活动的结束日期")
    time: Text | None = Field(None, max_length=30, description="时间，例如：上午 9:00–11:30")
    location: Text = Field(max_length=60, description="地点，例如：张庄村文化广场")
    team: TeamRef | None = Field(
        None,
        description="志愿服务队：本单位队伍的 id，例如：culture；别的单位的队伍写“单位:id”，"
        "例如：centre:theory（县级队伍）、chengguan:culture（城关街道的队伍）",
    )
    category: Text | None = Field(None, description="服务类别（名称或代码）；写了 team 可省略")
    work: list[Text] = Field(
        default_factory=list, description="五项工作内容（名称或代码，可写多项）"
    )
    who: Text | None = Field(
        None, max_length=100, description="谁可以参加，例如：全村群众，欢迎带孩子参加"
    )
    bring: Text | None = Field(None, max_length=100, description="请带什么，例如：自带水杯")
    theme_month: int | None = Field(
        None, ge=1, le=12, description="仅当活动属于另一个月的主题时填写：月份 1–12"
    )
    township: Slug | None = Field(None, description="可不写：由文件夹决定")
    station: Slug | None = Field(None, description="可不写：由文件夹决定")


# --- honorees ---------------------------------------------------------------------------


class Honour(Record):
    level: Text = Field(description="荣誉级别（名称或代码），例如：县级")
    issuer: Text = Field(description="授予单位，例如：示范县新时代文明实践中心")
    title: Text | None = Field(None, description="荣誉名称，例如：示范县“孝老爱亲”好人")
    period: int | str = Field(
        description="期次：年份 2026、年月 2026-05 或季度 2026-Q2（也可写 2026年5月、2026年第二季度）"
    )


class Consent(Record):
    given: bool = Field(description="是否同意公开姓名、照片和事迹")
    by: Literal["本人", "监护人"] = Field(description="由谁同意：本人 或 监护人（未满 14 周岁）")
    date: dt.date = Field(description="同意日期")


class HonoreeFile(Record):
    """stations/<乡镇>/<村>/honorees/<名称>.md 的信息块：一位好人或一个先进集体。"""

    name: Text = Field(max_length=40, description="姓名或集体名称")
    kind: Literal["个人", "集体"] = Field("个人", description="个人 或 集体")
    gender: Literal["男", "女"] | None = Field(None, description="性别（个人）")
    birth_year: int | None = Field(
        None, ge=1900, le=2100, description="出生年份（个人，只写年份，不写月日）"
    )
    category: Text = Field(description="好人类别（名称或代码），例如：孝老爱亲")
    honours: list[Honour] = Field(min_length=1, description="所获荣誉，至少一项")
    summary: Text = Field(max_length=70, description="一句话事迹，不超过 70 字")
    photo: Text | None = Field(None, description="照片路径，例如：media/zhang-guifang.jpg")
    consent: Consent | None = Field(None, description="本人（或监护人）同意公开的记录，必填")
    township: Slug | None = Field(None, description="可不写：由文件夹决定")
    station: Slug | None = Field(None, description="可不写：由文件夹决定")


# --- themes/<year>.yml ------------------------------------------------------------------


class MonthTheme(Record):
    month: int = Field(ge=1, le=12, description="月份 1–12")
    title: Text = Field(max_length=40, description="主题，例如：学雷锋·播撒爱心")
    focus: Text | None = Field(None, description="工作重点（一句话）")
    guidance: str | None = Field(None, description="工作指引（Markdown）")
    festivals: list[Text] = Field(default_factory=list, description="相关节日和纪念日")


class ThemeYearFile(Record):
    """themes/<年份>.yml：全年十二个月的主题。"""

    year: int = Field(ge=1901, le=2099, description="年份")
    draft: bool = Field(False, description="未定稿时写 true，缺的月份显示“待定”")
    months: list[MonthTheme] = Field(description="十二个月的主题")


ENTRY_MODELS: dict[str, type[Record]] = {
    "county": CountyFile,
    "township": TownshipFile,
    "centre": CentreFile,
    "station": StationFile,
    "activity": ActivityFile,
    "plan": PlanFile,
    "honoree": HonoreeFile,
    "themes": ThemeYearFile,
}

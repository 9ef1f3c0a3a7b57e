"""The shape of the service files: menu items (文明实践菜单) and orders (四单).

Same rules as :mod:`site_plugins.content.model`: strict, closed, immutable records whose
descriptions are the editors' Chinese help (JSON Schema, form editor). A unit is the
county 中心 (``content/centre/``), a township 实践所 (``content/stations/<t>/``) or a
village 实践站 (``content/stations/<t>/<v>/``); each may have ``menu/`` and ``orders/``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from site_plugins.content.model import Record, Text

# A reference to a team or an entry: ``theory`` (the entry's own unit) or
# ``<unit>:<id>`` where unit is ``centre``, ``<township>`` or ``<township>/<village>``.
REF_PATTERN = r"^(?:(?:centre|[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?):)?[a-z0-9]+(?:-[a-z0-9]+)*$"
Ref = Annotated[str, StringConstraints(strip_whitespace=True, pattern=REF_PATTERN)]


class HowToOrder(Record):
    """怎样点单：到哪里、什么时间、打哪个电话；不写则用本单位办公电话和县点单平台。"""

    where: Text | None = Field(
        None, max_length=60, description="到哪里点单，例如：村委会便民服务室"
    )
    when: Text | None = Field(None, max_length=60, description="什么时间，例如：工作日 8:30–17:30")
    phone: Text | None = Field(
        None, max_length=30, description="点单电话：单位办公固定电话，例如：0539-6121234"
    )
    online: bool = Field(True, description="能否在县点单平台上点单；不能时写 false")


class MenuItemFile(Record):
    """<单位文件夹>/menu/<名称>.md 的信息块：菜单上的一项服务，群众可以点单。"""

    title: Text = Field(max_length=40, description="服务名称，例如：防电信诈骗讲座进村")
    work: list[Text] = Field(
        min_length=1, description="五项工作内容（名称或代码，可写多项），例如：[宣传宣讲党的政策]"
    )
    category: Text | None = Field(None, description="服务类别（名称或代码）；写了 team 可省略")
    team: Ref = Field(
        description="提供服务的志愿服务队：本单位的队伍写 id（例如 theory），"
        "其他单位的写“单位:id”（例如 centre:law、qingshi:culture）"
    )
    summary: Text = Field(max_length=80, description="一句话说明，例如：民警讲解常见骗局，30 分钟")
    available: Text = Field(
        "常年",
        max_length=40,
        description="什么时候可以点：常年、某几个月或每周几，例如：3–10月、每周六上午",
    )
    order: HowToOrder | None = Field(None, description="怎样点单（可不写，默认见说明）")


class Assignment(Record):
    """配单：中心、所或站把点单派给一支志愿服务队。"""

    team: Ref = Field(description="接单的志愿服务队，写法同菜单的 team，例如：centre:law")
    date: dt.date = Field(description="配单日期，YYYY-MM-DD")


class Service(Record):
    """送单：志愿者上门服务，就是一次活动；写那次活动报道的文件名。"""

    activity: Ref = Field(
        description="那次活动报道的文件名（不含 .md）；其他单位的活动写“单位:文件名”，"
        "例如：2026-10-15-fanzha 或 qingshi/zhangzhuang:2026-10-15-fanzha"
    )


class Review(Record):
    """评单：群众对这次服务的评价人数。"""

    satisfied: int | None = Field(None, ge=0, le=100_000, description="满意人数")
    basic: int | None = Field(None, ge=0, le=100_000, description="基本满意人数")
    unsatisfied: int | None = Field(None, ge=0, le=100_000, description="不满意人数")
    comment: Text | None = Field(
        None, max_length=60, description="群众的一句话评价（不写姓名），例如：讲得实在，还想再听"
    )
    date: dt.date = Field(description="评单日期，YYYY-MM-DD")


class OrderFile(Record):
    """<单位文件夹>/orders/<日期>-<名称>.md 的信息块：一次群众点单和它的办理情况。"""

    title: Text = Field(max_length=60, description="点了什么，例如：想听一堂防电信诈骗讲座")
    date: dt.date = Field(description="点单日期，YYYY-MM-DD")
    group: Text = Field(
        max_length=30,
        description="谁点的单：写群体，不写个人姓名和电话，例如：东组老年协会、二组群众",
    )
    menu: Ref | None = Field(
        None,
        description="点的是菜单上的哪一项：菜单文件名（不含 .md），其他单位的写“单位:文件名”，"
        "例如 centre:fanzha-jiangzuo；菜单以外的需求不写",
    )
    assigned: Assignment | None = Field(None, description="配单（派给哪支队伍、哪天）")
    served: Service | None = Field(None, description="送单（服务那次活动的报道）")
    review: Review | None = Field(None, description="评单（群众评价人数）")


SERVICE_MODELS: dict[str, type[Record]] = {"menu": MenuItemFile, "order": OrderFile}

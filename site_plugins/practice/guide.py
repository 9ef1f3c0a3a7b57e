"""The contributor guide (投稿指南), written from the model so it cannot drift.

Four pages: ``/guide/`` (who does what, the two ways compared, the rules), the two ways
step by step (``/guide/form/`` and ``/guide/pull-request/``), and ``/guide/reference/``.
The copyable templates are the files in ``templates/`` (a test validates them), the
tables of problem codes are :data:`~site_plugins.content.problems.CODES` and
:data:`~site_plugins.content.problems.REVIEW_CODES` themselves, and the example of a
failed check is what the real validator says about the activity template with three
typical mistakes. The pictures in ``guide_images/`` are screenshots of the real pages
(``scripts/guide_screenshots.py``); their sizes are read from the files.
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from site_plugins import routes
from site_plugins.content.catalogue import Catalogue
from site_plugins.content.labels import LabelSet
from site_plugins.content.loader import PHOTO_SIZE_LIMIT, load_catalogue
from site_plugins.content.problems import CODES, REVIEW_CODES, CodeInfo, Problem, Severity

HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = HERE / "templates"
IMAGE_DIR = HERE / "guide_images"
IMAGE_FOLDER = routes.guide_file("images")  # where the pictures are published in the site
FRAME = "border: 1px solid #9e9e9e"

TEMPLATES = (
    ("活动", "activity.md", "stations/<乡镇>/<村>/activities/2026-06-19-duanwu.md", "markdown"),
    (
        "活动预告",
        "plan.md",
        "stations/<乡镇>/<村>/plans/2026-12-22-dongzhi-baojiaozi.md",
        "markdown",
    ),
    ("好人", "honoree.md", "stations/<乡镇>/<村>/honorees/zhang-guifang.md", "markdown"),
    ("实践站", "station.yml", "stations/<乡镇>/<村>/station.yml", "yaml"),
    ("实践所", "township.yml", "stations/<乡镇>/township.yml", "yaml"),
    ("县中心", "centre.yml", "centre/centre.yml", "yaml"),
    ("年度月度主题", "themes.yml", "themes/2026.yml", "yaml"),
)

# Anchors that other pages link to (attr_list ids: Chinese headings have no ASCII slug).
TEMPLATES_ID = "templates"
LABELS_ID = "labels"
CODES_ID = "codes"
REVIEW_CODES_ID = "review-codes"
FAILED_ID = "failed"
PUBLISHED_ID = "published"


@dataclass(frozen=True)
class Shot:
    """One screenshot in the guide: its file in ``guide_images/`` and what it shows."""

    name: str
    alt: str


SHOTS = {
    shot.name: shot
    for shot in (
        Shot(
            "form-stations.png",
            "手机上打开的 /admin/ 页面：按乡镇（街道）列出全县的实践站，点本站的名称进入",
        ),
        Shot(
            "form-activities.png",
            "登录后的表单编辑器：“要填写什么”里选了“活动报道”，下面列出本站已有的活动，"
            "旁边是“＋ 活动报道”按钮",
        ),
        Shot(
            "form-new-activity.png",
            "新建活动报道的表单：填好了活动标题和活动日期（下面写着 2026年6月18日），选了志愿服务队",
        ),
        Shot(
            "form-photo.png",
            "活动照片一项：选用了一张照片，下面填写了照片说明",
        ),
        Shot(
            "form-required.png",
            "没填活动日期就点了提交审核：页面跳到“活动日期”，这一项变红，写着“活动日期”没有填写",
        ),
        Shot(
            "form-workflow.png",
            "提交以后的“已提交”页面：新活动在“待审核”栏，旁边是“审查中”和“就绪”两栏",
        ),
        Shot(
            "pr-activity.png",
            "手机上的活动页面：标题、时间、实践站、服务类别、人数等信息，下面是正文和照片",
        ),
        Shot(
            "pr-station.png",
            "手机上的实践站页面：“活动”一栏按日期列出本站的活动",
        ),
    )
}


def image_files() -> dict[str, Path]:
    """The guide's pictures to publish: site path → file."""
    return {f"{IMAGE_FOLDER}/{name}": IMAGE_DIR / name for name in SHOTS}


def picture(name: str, up: str) -> str:
    """Markdown for one screenshot; ``up`` leads from the page's folder to /guide/."""
    shot = SHOTS[name]
    with Image.open(IMAGE_DIR / name) as image:  # reads the header only
        width, height = image.size
    # A thin frame tells the picture of a page from the page around it; the picture
    # links to itself so that a phone can open a wide one at full size.
    src = f"{up}images/{name}"
    attributes = f'width="{width}" height="{height}" loading="lazy" style="{FRAME}"'
    return f"[![{shot.alt}]({src}){{ {attributes} }}]({src})"


# --- /guide/ -------------------------------------------------------------------------
# Paragraphs stay on one line each: a line break inside Chinese text shows as a space.

OVERVIEW = """\
# 投稿指南

本网站的内容由各村（社区）新时代文明实践站的信息员投稿，经县新时代文明实践中心的编辑审核后发布。每一条活动、每一位身边好人都是本站文件夹里的一个文字文件，照片放在同一个文件夹里。投稿，就是把新文件交给县中心审核；审核通过、合并以后，网站自动更新。

## 谁做什么

| 谁 | 做什么 |
| --- | --- |
| 村（社区）实践站信息员 | 为本站投稿：新建、修改本站的活动和身边好人，上传照片。只能改动本站的文件夹。 |
| 县中心编辑 | 审核并合并投稿；负责县里的设置、月度主题、乡镇信息和网站本身，新建实践站并登记信息员。 |
| 网站的自动检查 | 每一次投稿都自动检查，一次列出全部问题和改法；合并后自动生成并发布网站。 |

**第一次投稿前**：在本县使用的代码托管平台（GitHub、GitLab 或本县自建的 Gitea）注册一个账号，把**用户名**（英文字母和数字，不是中文姓名）告诉县中心编辑。编辑把它写进本站 `station.yml` 的 `maintainers`，并开通投稿的权限。此后本站文件夹的每一次改动，审核请求都会自动发给本站信息员和县中心编辑。

## 两种投稿方式

两种方式的结果完全一样：本站文件夹里多一个文件，经过同样的自动检查和县中心审核后发布。选自己用着顺手的一种，也可以两种都用。

| | [表单投稿](form/index.md) | [合并请求投稿](pull-request/index.md) |
| --- | --- | --- |
| 适合 | 不熟悉文件和命令的信息员 | 会用命令行和 git，或一次要投很多条 |
| 在哪里做 | 浏览器打开网站的 `/admin/`，电脑、手机都能用 | 自己电脑上的网站仓库 |
| 怎么填 | 表单逐项填写，照片点选上传 | 运行 `make activity` 按提问回答，或复制模板手写 |
| 先查一遍 | 点“保存”时，表单检查必填项和不得公开的信息 | 运行 `make validate`，一次列出全部问题 |
| 交给县中心 | 每保存一条，自动发起一个合并请求 | 自己推送分支，发起合并请求 |
| 审核、发布 | 自动检查通过，县中心编辑审核合并后自动发布 | 同左 |

- [表单投稿，一步一步](form/index.md)
- [合并请求投稿，一步一步](pull-request/index.md)：用命令新建或照模板手写，检查不通过怎么办，审核是什么，实践站改名
- [模板、分类和检查提示一览](reference/index.md)

## 必须遵守的规定

- **不得出现身份证号码、个人手机号码和完整出生日期。** 好人只写出生年份；联系方式只写实践站的办公电话。系统发现即报错，不会发布；号码用全角数字写、用空格、点或横线分段（如 186.2290.7315）、前面加 +86，也一样会被发现。订单号、快递单号、金额、日期和固定电话不受影响。
- **办公电话写固定电话。** 本站只有手机、并且这部手机是对外公开的服务电话（不是个人手机）时，在 `station.yml` 的 `office` 下加一行 `mobile_is_public_line: true`，否则检查会拒绝。
- **好人须本人书面同意**（未满 14 周岁须监护人同意），并登记同意的日期。没有登记同意的好人不会出现在网站的任何地方。
- **不得点名公布“黑榜”“曝光台”等负面榜单**，只能公布汇总数字。
- **不以“见义勇为”宣传未成年人。** 国家不提倡未成年人见义勇为，防溺水教育也要求孩子不得下水救人；未满 18 周岁的好人获评见义勇为时，检查会提醒。
- **照片不要拍到无关群众的正脸**。照片会自动去除拍摄位置等信息；单张不超过 {photo_limit} MB，格式为 JPG 或 PNG。
- 正文只用文字和 Markdown 排版；其中的 HTML 脚本、内嵌框架、表单、样式会被自动去除。
- **正文和简介里不能放其他网站的图片、视频、音频或内嵌网页**（例如 `![](https://…/a.gif)`）：那会让别的网站知道谁在看，系统发现即报错，不会发布。照片放进本站 media/ 文件夹，写在 photos 中；想让读者去看别的网站，用链接，例如 `[查看原文](https://…)`。
- 文件夹决定内容的归属（哪个乡镇、哪个村），不必也不能在文件里另写。
- 只改本站的文件夹。其他实践站的内容由各站信息员负责，县里的设置和网站本身由县中心编辑负责。
"""


# --- /guide/form/ ----------------------------------------------------------------------

FORM = """\
[投稿指南](../index.md) › 表单投稿

# 表单投稿

网站的 `/admin/` 是一个投稿表单：不用写文件，在手机或电脑的浏览器里（微信里打开也可以）逐项填写活动报道、活动预告或好人推荐，上传照片，点“提交审核”。**每提交一条，就自动交给县中心审核**（在代码托管平台上发起一个合并请求），审核通过、合并后自动发布到网站上。

表单按手机屏幕排版，第一次用大约 4 分钟就能交一条带三张照片的活动报道。手机拍的照片直接选：上传前网页会把照片缩小到长边不超过 2560 像素，并去掉拍摄地点等信息。下面的截图取自示范县的网站。示范县的表单是**试用模式**：可以照常填写、提交，但内容只留在浏览器里，刷新就没有了，不会交给县中心。

## 一步一步

1. 打开本县网站的 `/admin/`（在网站地址后面加上 `/admin/`），在本乡镇（街道）下面点本站的名称。

    <<form-stations.png>>

2. 点“登录”按钮，用代码托管平台（GitHub、GitLab 或本县的 Gitea）的账号登录。正式使用时，按钮上写着平台的名字，例如“使用 GitLab 登录”。以后直接打开 `/admin/edit/` 就回到本站：浏览器记住了你选的站；换了电脑、手机或浏览器，要从 `/admin/` 重新点选。

3. 在“要填写什么”里选“活动报道”（已经开展的活动）、“活动预告”（将要开展的活动）或“好人推荐”，可以看到本站已有的内容；点“＋ 活动报道”新建一条。点已有的一条可以打开修改。

    <<form-activities.png>>

4. 逐项填写。“活动标题”“活动日期”必填；日期点日期框在日历里选，选好后下面用“2026年6月19日 星期五”的样子写出来，便于核对；“志愿服务队”和“服务类别”至少选一项（选了本站的志愿服务队，服务类别可以不选）；人数、时长填数字；标签用逗号分开。每一项下面的小字说明了怎么填。

    <<form-new-activity.png>>

5. 有照片时，在“活动照片”点“新增照片”，再点“选择图片”→“上传”，选手机相册里的照片，点“选用已选中项目”，然后填写照片说明。照片会自动缩小，每张不超过 {photo_limit} MB；苹果手机“高效”格式（HEIC）的照片网页读不出来时，表单会说明怎么办（在“设置—相机—格式”里选“兼容性最佳”，或先用微信发给自己再保存）。

    <<form-photo.png>>

6. 在“正文”里写活动的经过和效果。不要写个人手机号、身份证号；好人只写出生年份，不写出生月日。好人还要填写“本人同意”（是否同意、由谁同意、同意日期），未满 14 周岁的由监护人同意。

7. 点上方的“提交审核”。漏填或填错时，页面跳到出错的那一项，它变红并写明哪里不对、怎么改；页面下方列出全部要改的地方，点“去修改”就跳过去。改好后再点“提交审核”。活动日期还没到的，表单会请你“改存为活动预告”：点一下，标题、日期、地点都带过去，提交即可。

    <<form-required.png>>

8. 提交成功后，页面提示“已提交县中心审核”，这一条出现在“已提交”页的“待审核”栏。确认写好了，可以把它拖到“审查中”一栏，告诉县中心可以审了。

    <<form-workflow.png>>

9. 县中心编辑审核通过并合并后，内容自动发布到网站上，样子见[合并以后](../pull-request/index.md#{published_id})。审核前还能在“已提交”里打开这一条，修改后再点“提交审核”，修改会交到同一个审核请求里。

表单里没有“发布”按钮：发布只能经过县中心的审核。

## 保存以后还要检查什么

表单在提交时检查必填项、数字范围、日期，以及身份证号、手机号等不得公开的内容，规则和说法与合并请求的自动检查相同。有几项只有自动检查才能发现：“归入主题月份”指向的月份有没有主题，文件名是否与本站已有的重复。这些问题会列在审核请求的检查结果里，格式和读法见[检查不通过怎么办](../pull-request/index.md#{failed_id})，县中心编辑也会告诉你。改正的方法一样：在“已提交”里打开这一条，修改后再点“提交审核”。

## 修改已经发布的内容

在“填写”里打开那一条，修改后点“提交审核”。和新建一样，修改也要经过县中心审核，合并后网站才会更新。
"""


# --- /guide/pull-request/ --------------------------------------------------------------

PULL_REQUEST = """\
[投稿指南](../index.md) › 合并请求投稿

# 合并请求投稿

合并请求（Pull Request，GitLab 上叫 Merge Request）是代码托管平台上“请把我的改动并入网站”的方式：在自己的分支上加好文件，发起合并请求；网站自动检查，县中心编辑审核，通过后合并，网站自动更新。[表单投稿](../form/index.md)在后台做的也是同一件事。

## 第一次使用

1. 请县中心编辑把你的用户名写进本站 `station.yml` 的 `maintainers`，并给你仓库的写权限。
2. 电脑上要有 git、Python 3.11 和 make。用 `git clone` 把本县网站的仓库下载到电脑上。
3. 打开终端，进入仓库的根目录，运行 `make site`：安装需要的程序，并把网站生成一遍。

以后每次投稿前，先运行 `git switch main` 和 `git pull`，取得最新的内容。

## 用命令新建（推荐）

1. 打开终端，进入网站仓库的根目录。
2. 新建活动运行 `make activity`，新建好人运行 `make honoree`，新建活动预告运行 `make plan`。三种都可以写任何一级单位，直接指定，例如 `make activity UNIT=liuhe/hexi`（实践站：乡镇文件夹名/村文件夹名）、`make activity UNIT=centre`（县中心）或 `make honoree UNIT=qingshi`（实践所：乡镇文件夹名）。不指定就先问县中心或哪个乡镇，再问本级还是哪个村。志愿服务队可以选本单位的，也可以选所属乡镇和县中心的（写成 `centre:theory` 这样）。
3. 按提问逐项回答：乡镇、实践站、志愿服务队、服务类别等清单输入编号；`[ ]` 里是默认值，直接回车即可；答得不对会说明原因并重问；照片可以直接拖进终端窗口；正文每行一段，输入空行结束。随时按 Ctrl-C 取消，不会留下任何文件。
4. 好人必须先取得本人书面同意（未满 14 周岁由监护人同意），否则程序不会写入。
5. 程序写好文件，把照片复制进本站的 `media/` 文件夹并改成安全的文件名，然后自动检查。如果列出问题，按每行“—”后面的改法修改文件，再运行 `make validate`，直到没有错误。
6. 检查通过后，按屏幕上的提示依次执行 `git switch -c …`、`git add …`、`git commit -m …`、`git push -u origin …`。
7. 在代码托管平台上为这个分支发起合并请求，等待县中心编辑审核。

## 照模板手写

1. 在本站的文件夹 `content/stations/<乡镇>/<村>/` 里新建文件：活动报道放在 `activities/`，活动预告放在 `plans/`，好人放在 `honorees/`，照片放在 `media/`。
2. 文件名只用小写英文字母、数字和连字符，它就是网址的一部分。活动以日期开头，例如 `2026-06-19-duanwu.md`；好人用姓名的拼音，例如 `zhang-guifang.md`。文件名不要以点开头（那是隐藏文件，检查会报错）；同一张照片不要既有 `scene-1.jpg` 又有 `scene-1.png`，两者发布后同名。日期直接写 `date: 2026-06-19`，不加引号。
3. 复制[模板](../reference/index.md#{templates_id})，改成自己的内容。分类写名称或代码均可，见[可选的分类](../reference/index.md#{labels_id})。
4. 在仓库根目录运行 `make validate`（即 `python -m site_plugins validate content`），它一次列出全部问题。改到没有错误为止。
5. 新建分支、提交、推送，发起合并请求（同上一节第 6、7 步）。

不用自己的电脑也可以：在代码托管平台的网页上进入本站文件夹，新建或上传文件，提交到一个新分支并发起合并请求。这样没法事先运行 `make validate`，提交后看自动检查的结果即可。

## 检查不通过怎么办 {{ #{failed_id} }}

每发起或更新一次合并请求，网站都会自动检查，结果在合并请求页面的检查（Checks、流水线）里：GitHub 把每个问题标在出错的那一行上，GitLab 列在“代码质量”里，Gitea 写在检查任务的日志里。`make validate` 和 `make activity` 在自己电脑上给出同样的结果。问题一次全部列出，每条一行：

```text
文件:行:列  代码  问题 — 改法（示例）
```

例如把活动模板改错三处：日期写成 `{wrong_date}`，志愿者人数写成汉字 `{wrong_volunteers}`，正文里写了手机号。检查的结果是：

```text
{example_output}
```

逐条来看：

{example_list}

每个代码的含义见[检查提示一览](../reference/index.md#{codes_id})。改好以后，在同一个分支上再提交、推送（`git add`、`git commit`、`git push`），检查会自动重新运行，不用另开合并请求。“提醒”不影响合并，但最好也改掉。

另有一项**所有权检查**：信息员只能改动 `maintainers` 里写有自己用户名的实践站文件夹。改了其他实践站、新建了实践站文件夹、或改了县里的设置时，它会列出这些文件（见[合并请求检查](../reference/index.md#{review_codes_id})）。把这些改动移出本次合并请求，或请县中心编辑审核合并。

## 审核是什么

- 自动检查通过后，县中心编辑（以及本站的其他信息员）会收到审核请求。编辑看内容是否属实、规范，有没有不该公开的个人信息，照片是否合适。
- 需要修改时，编辑在合并请求页面上留言。在同一个分支上修改、推送即可，不用另开合并请求。
- 编辑批准后合并，网站自动重新生成并发布。自己批准自己的合并请求不算数，只有县中心编辑能合并。
- 合并请求的检查结果里附有生成好的网站（构件 `site-preview`）：下载解压后打开 `index.html`，合并前就能看到发布后的样子。

## 合并以后 {{ #{published_id} }}

合并后，这条活动有了自己的网页，出现在本站页面的“活动”列表里，也计入乡镇、全县的页面、月度主题和月度通报。活动页面在手机上是这样的：

<<pr-activity.png>>

本站页面的“活动”一栏按日期列出全部活动：

<<pr-station.png>>

## 修改或删除已经发布的内容

修改：改动原来的文件，像新建一样发起合并请求。删除：删掉这个文件；照片没有别的内容使用时也一并删除，否则检查会提醒“照片没有被任何内容引用”。不要给文件改名：文件名就是网址，改名后原来的网址就打不开了。

## 实践站改名

村庄合并、改名时，实践站的文件夹也要改名。这由县中心编辑来做：把文件夹改成新名字，并在 `station.yml` 里写上改名前的路径：

```yaml
former_ids: [liuhe/dongzhuang]   # 文件夹改名前的旧路径（乡镇文件夹名/村文件夹名）
```

原来的网址（二维码、公众号文章里的链接）会自动跳转到新网址。本站的订阅源（`feed.xml`）不能跳转，订阅的读者需要重新订阅。
"""


# --- /guide/reference/ -----------------------------------------------------------------

REFERENCE = """\
[投稿指南](../index.md) › 模板、分类和检查提示

# 模板、分类和检查提示

投稿时对照使用：复制模板，查分类的名称和代码，查每个检查提示的含义和改法。
"""

THEMES = """\
## 月度主题和节日

- 县中心每年在 `themes/年份.yml` 中写好十二个月的主题；尚未定稿的年份写 `draft: true`，缺的月份在日历上显示“待定”。
- 活动自动归入所在月份的主题；如果属于另一个月的主题（例如月底为下月主题预热），写 `theme_month: 7`，该月必须已有主题。
- 春节、元宵、清明、端午、七夕、中秋、重阳、除夕的日期由程序按农历和节气计算，不用填写。本县另加的纪念日写在 `county.yml` 的 `days` 中，例如 `days: [{month: 6, day: 18, name: 示范县志愿服务日}]`。
"""


UNITS = """\
## 中心、实践所和实践站 { #units }

县中心、乡镇（街道）实践所和村（社区）实践站都可以发布活动报道、活动预告和好人，文件夹的写法三级相同：

| 单位 | 文件夹 | 单位的文件 |
| --- | --- | --- |
| 县中心 | `content/centre/` | `centre.yml`（简介、办公、阵地、县级志愿服务队） |
| 实践所 | `content/stations/<乡镇>/`（与各村文件夹并列） | `township.yml` |
| 实践站 | `content/stations/<乡镇>/<村>/` | `station.yml` |

每一级都在自己的文件夹里放 `activities/`（活动报道）、`plans/`（活动预告）、`honorees/`（好人）和 `media/`（照片）。实践所自己的活动计入本乡镇的活动数和全县的合计，但不参加实践站的排名，也不计信息报送任务；县中心自己的活动计入全县合计。还可以放 `menu/`（文明实践菜单）和 `orders/`（四单记录），写法见下面的“文明实践菜单和群众点单（四单）”。`centre` 是县中心的名字，乡镇文件夹不能叫 `centre`。

**志愿服务队**：`centre.yml`、`township.yml` 和 `station.yml` 都可以写 `teams`（县级总队、支队，乡镇支队，村小队）；`members` 只写人数，写成名单会被拒绝。活动和预告的 `team` 写本单位队伍的 id，例如 `team: culture`；别的单位的队伍写“单位:id”：`team: centre:theory`（县级队伍到村里服务）、`team: chengguan:culture`（城关街道实践所的队伍）、`team: chengguan/binhe:theory`（滨河社区的队伍）。队伍页面列出这支队伍在各级参加的全部活动。

**公开栏的“下月预告”**：村里张贴的那一页除了本站的预告，还印县中心和本乡镇实践所下个月的预告，标明“县中心”或“某某镇实践所”。印在哪些村由预告的 `location`（地点）和 `who`（谁可以参加）决定：地点或 `who` 写了本村名称（例如 `location: 兴隆村卫生室`）的，只印在这个村；`who` 写“全县群众”“全镇”“辖区老人”“所有人”这类面向全县（全乡镇）的，印在所辖每个村；`who` 不写的，也印在所辖每个村，但地点在别的村的只印在那个村；`who` 写的是别的人群（例如“县直机关干部”）的，不印。一页最多印 3 条，本站自己的预告优先（一页纸印不下更多）。

**按月浏览**：县中心和实践所自己的活动，和实践站一样有按月的页面（例如 `/centre/2026/11/`），链接在单位页面的“按月浏览”里。

**谁来改**：实践站文件夹归本站信息员（`station.yml` 的 `maintainers`）；实践所的 `township.yml` 和本所的 `activities/`、`plans/`、`honorees/`、`media/` 归本所信息员（`township.yml` 的 `maintainers`）；`centre/` 和其余文件归县中心编辑。

**荣誉体系**：最美志愿者、优秀志愿服务组织等志愿服务荣誉与五类好人是两套不同的评选，分开展示，不要归入“敬业奉献”。好人的 `category` 写志愿服务荣誉的名称即可（见下面“可选的分类”）；县里可在 `county.yml` 的 `labels.honour_systems` 中改写这些体系。
"""


def _labels_section(catalogue: Catalogue) -> str:
    labels = catalogue.county.labels
    rows = [f"## 可选的分类 {{ #{LABELS_ID} }}\n", "分类可以写名称，也可以写代码。\n"]
    sets: tuple[LabelSet, ...] = (
        labels.team_categories,
        labels.platforms,
        labels.five_items,
        labels.honoree_categories,
        labels.honour_levels,
    )
    sets += tuple(system.categories for system in labels.other_systems)
    for label_set in sets:
        rows.append(f"\n**{label_set.name}**\n\n| 名称 | 代码 |\n| --- | --- |")
        rows += [f"| {plain(label)} | `{code}` |" for code, label in label_set.labels.items()]
    return "\n".join(rows) + "\n"


def _templates_section() -> str:
    parts = [f"## 模板 {{ #{TEMPLATES_ID} }}\n"]
    for title, name, where, language in TEMPLATES:
        text = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
        parts.append(f"### {title}\n\n文件位置：`{where}`\n\n```{language}\n{text}```\n")
    return "\n".join(parts)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>-])")


def plain(text: str) -> str:
    """``text`` shown as written, not read as Markdown (a masked 138****5678 is not
    emphasis, ``<…>`` not a tag, ``|`` not a table cell's end)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def _code_rows(codes: dict[str, CodeInfo]) -> list[str]:
    # Three columns, not four: the table has to fit a phone. Errors are the rule, so
    # only reminders are marked.
    rows = ["| 代码 | 含义 | 怎么改 |", "| --- | --- | --- |"]
    for code, info in codes.items():
        level = "" if info.severity is Severity.ERROR else "（提醒）"
        rows.append(f"| `{code}` | {plain(info.title)}{level} | {plain(info.explanation)} |")
    return rows


def _codes_section() -> str:
    rows = [
        f"## 检查提示一览 {{ #{CODES_ID} }}\n",
        "检查文件内容时的提示（`make validate`、`make activity` 和合并请求的自动检查都用它们）。"
        "每条提示的格式是：`文件:行:列  代码  问题 — 改法（示例）`。"
        "标明“提醒”的不影响发布，但也应改正；其余都是错误，改正后才能发布。\n",
        *_code_rows(CODES),
    ]
    return "\n".join(rows) + "\n"


def _review_codes_section() -> str:
    rows = [
        f"## 合并请求检查 {{ #{REVIEW_CODES_ID} }}\n",
        "这些提示不是说文件写错了，而是说**谁改了什么**：合并请求的所有权检查逐个检查改动的文件"
        "（新增、修改、删除、改名），信息员只能改动 `maintainers` 里写有自己用户名的实践站文件夹，"
        "其余一切由县中心编辑负责。县中心编辑可以改动任何文件。\n",
        *_code_rows(REVIEW_CODES),
    ]
    return "\n".join(rows) + "\n"


# --- the example of a failed check -----------------------------------------------------

EXAMPLE_COUNTY = """\
name: 示范县
centre: 示范县新时代文明实践中心
footer:
  sponsor: 中共示范县委宣传部
  icp: 示ICP备20260001号-1
  site_code: "0000000001"
"""
EXAMPLE_STATION = "stations/qingshi/zhangzhuang"
WRONG_DATE = "2026-06-31"
WRONG_VOLUNTEERS = "十八"
# (what the activity template says, what the example writes instead)
EXAMPLE_MISTAKES = (
    ("date: 2026-06-19", f"date: {WRONG_DATE}"),
    ("volunteers: 18", f"volunteers: {WRONG_VOLUNTEERS}"),
    ("送到独居老人家中。", "送到独居老人家中。联系电话 13812345678。"),
)


def _broken_activity() -> str:
    text = (TEMPLATE_DIR / "activity.md").read_text(encoding="utf-8")
    for right, wrong in EXAMPLE_MISTAKES:
        if right not in text:
            raise ValueError(f"activity.md no longer contains {right!r}: update EXAMPLE_MISTAKES")
        text = text.replace(right, wrong, 1)
    return text


def _photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 160, 90)).save(out, format="JPEG")
    return out.getvalue()


def example_problems() -> list[Problem]:
    """What the real validator says about the activity template with EXAMPLE_MISTAKES,
    in a county made of the templates."""
    with tempfile.TemporaryDirectory(prefix="wm-guide-") as tmp:
        content = Path(tmp) / "content"  # problems name their files content/…
        station = content / EXAMPLE_STATION
        (station / "activities").mkdir(parents=True)
        (station / "media").mkdir()
        (content / "county.yml").write_text(EXAMPLE_COUNTY, encoding="utf-8")
        township = (TEMPLATE_DIR / "township.yml").read_text(encoding="utf-8")
        (station.parent / "township.yml").write_text(township, encoding="utf-8")
        station_yml = (TEMPLATE_DIR / "station.yml").read_text(encoding="utf-8")
        (station / "station.yml").write_text(station_yml, encoding="utf-8")
        activity = station / "activities" / "2026-06-19-duanwu.md"
        activity.write_text(_broken_activity(), encoding="utf-8")
        # The template's photo, so that with the three mistakes put right nothing is left.
        (station / "media" / "scene-1.jpg").write_bytes(_photo_bytes())
        shown = f"content/{EXAMPLE_STATION}/activities/{activity.name}"
        # Only the activity's own: a file with errors is not published, so its photo
        # would also be reported as unused, which is beside the point here.
        return [p for p in load_catalogue(content).problems if p.path == shown]


def _example_list(problems: list[Problem]) -> str:
    """The problems one by one, readable on a phone (the raw lines are wider)."""
    return "\n".join(
        f"- **第 {p.line} 行第 {p.col} 列，`{p.code}`**：{plain(p.message)}。改法：{plain(p.fix)}"
        for p in problems
    )


def _pull_request_page() -> str:
    problems = example_problems()
    if not problems:
        raise ValueError("the guide's example of a failed check found no problem")
    values = {
        "wrong_date": WRONG_DATE,
        "wrong_volunteers": WRONG_VOLUNTEERS,
        "example_output": "\n".join(p.format() for p in problems),
        "example_list": _example_list(problems),
    }
    return _fill(PULL_REQUEST, "../", values)


# --- assembling --------------------------------------------------------------------------

PICTURE = re.compile(r"<<([a-z0-9-]+\.png)>>")


def _fill(text: str, up: str, values: dict[str, str] | None = None) -> str:
    """Put anchors, figures, the photo limit and ``values`` into a page's text.

    Placeholders are ``{name}``, with ``{{`` and ``}}`` for literal braces (attr_list);
    a screenshot is ``<<file.png>>``.
    """
    known = {
        "photo_limit": str(PHOTO_SIZE_LIMIT // 1024 // 1024),
        "templates_id": TEMPLATES_ID,
        "labels_id": LABELS_ID,
        "codes_id": CODES_ID,
        "review_codes_id": REVIEW_CODES_ID,
        "published_id": PUBLISHED_ID,
        "failed_id": FAILED_ID,
        **(values or {}),
    }
    # Pictures last: their attribute lists hold braces that are not placeholders.
    return PICTURE.sub(lambda match: picture(match.group(1), up), text.format_map(known))


SERVICE = """\
## 文明实践菜单和群众点单（四单）

- **菜单**：县中心、实践所、实践站各自在本单位文件夹的 `menu/` 里每项服务一个文件，例如 `centre/menu/fanzha-jiangzuo.md`、`stations/青石镇代码/menu/…`、`stations/乡镇/村/menu/…`。信息块写 `title`（服务名称）、`work`（五项工作内容，可写多项）、`team`（提供服务的队伍）、`summary`（一句话说明），可写 `available`（常年、3–10月、每周六上午）和 `order`（到哪里、什么时间、点单电话）。
- `team` 写本单位的队伍 id，例如 `team: culture`；县里或别的单位的队伍写“单位:id”，例如 `team: centre:law`、`team: qingshi:culture`。写错了检查会提示 UNKNOWN_TEAM。
- **点单**：每次群众点单在 `orders/` 里写一个文件，文件名以点单日期开头，例如 `orders/2026-11-05-fanzha.md`。`group` 只写群体（二组群众、东组老年协会），**不写个人姓名、称呼和电话**（张桂芳、赵大爷、小张、刘某都会被拒绝）。点的是菜单上的服务就写 `menu`，例如 `menu: centre:fanzha-jiangzuo`。
- **配单、送单、评单**随办理进度补写：`assigned: {team: centre:law, date: 2026-11-06}`；服务开展后先提交活动报道，再写 `served: {activity: 2026-11-12-fanzha-jinnongjia}`（活动日期不能早于点单日期）；群众评价后写 `review: {satisfied: 25, basic: 3, unsatisfied: 0, date: 2026-11-13}`，三项人数都要写。
- 已经过了日期但还没送单的点单不是错误，网页上显示为“办理中”。网页统计点单数、送单数、点单到送单天数（中位数）和满意率（满意 + 基本满意 ÷ 评单总人数），月度、季度、年度通报都会统计。
- **用命令新建**：`make menu` 新建一项菜单服务，`make order` 新建一条点单记录，按提问回答即可；可以直接指定单位，例如 `make order UNIT=qingshi/zhangzhuang`（县中心写 `centre`，实践所写乡镇文件夹名）。写好后自动检查，并列出这条记录的点单、配单、送单、评单。
- **用表单填写**：县中心、各实践所、各实践站的表单投稿里都有“菜单”和“点单”两栏，队伍和菜单都从列表里选。
- 活动报道页会写明“响应群众点单”，点开就是本单位菜单页上的那条点单记录。
- 以前写在活动里的 `order:` 仍能发布，但不计入四单统计：按检查提示 LEGACY_ORDER 改成 `orders/` 里的点单记录。
- 县里在 `county.yml` 的 `order_platform` 写线上点单平台的名称和网址，菜单页和张贴菜单（A4）上的二维码指向它。
"""


def reference_page(catalogue: Catalogue) -> str:
    return "\n".join(
        [
            REFERENCE,
            _templates_section(),
            UNITS,
            _labels_section(catalogue),
            THEMES,
            SERVICE,
            _codes_section(),
            _review_codes_section(),
        ]
    )


_HEADING = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)


def heading(markdown: str) -> str:
    """A page's first-level heading: its title.

    Said explicitly because MkDocs only takes a title from a heading that opens the page,
    and the guide's pages open with their breadcrumb line (the title fell back to the
    file name, "Index", in the browser tab and in shared WeChat cards).
    """
    found = _HEADING.search(markdown)
    if found is None:
        raise ValueError("a guide page without a first-level heading")
    return found.group(1)


def pages(catalogue: Catalogue) -> dict[str, str]:
    """Generated guide pages: name (for ``routes.guide_page``) → Markdown."""
    return {
        "": _fill(OVERVIEW, ""),
        "form": _fill(FORM, "../"),
        "pull-request": _pull_request_page(),
        "reference": reference_page(catalogue),
    }

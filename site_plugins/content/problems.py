"""Problems found in content: every one located, coded and explained in Chinese.

A clerk fixing a pull request must see every problem in one run, each as
``path:line:col  CODE  what is wrong — how to fix (example)``. Codes are stable so the
contributor guide (投稿指南) can explain them; the guide's table is built from CODES.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one content file."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    col: int  # 1-based
    code: str
    message: str  # what is wrong, in Chinese
    fix: str  # how to fix it, with an example, in Chinese
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES and self.code not in REVIEW_CODES:
            raise ValueError(f"unregistered problem code {self.code}")

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}  {self.code}  {self.message} — {self.fix}"


@dataclass(frozen=True)
class CodeInfo:
    """What a code means, for the contributor guide."""

    title: str
    explanation: str
    severity: Severity = Severity.ERROR


_W = Severity.WARNING

CODES: dict[str, CodeInfo] = {
    # Reading files
    "NO_CONTENT": CodeInfo(
        "找不到内容文件夹", "在仓库根目录运行检查命令，或写明内容文件夹的路径。"
    ),
    "ENCODING": CodeInfo(
        "文件不是 UTF-8 编码", "请用 UTF-8 编码保存文件（记事本“另存为”时选择 UTF-8）。"
    ),
    "BOM": CodeInfo(
        "文件开头带有 BOM 标记",
        "已自动忽略，不影响发布；建议保存为“UTF-8 无 BOM”。",
        _W,
    ),
    "FILE_TOO_LARGE": CodeInfo("文件过大", "文字文件不超过 256 KB，照片不超过 20 MB。"),
    "SYMLINK": CodeInfo("不允许使用符号链接", "请直接放入文件本身，不要使用快捷方式或符号链接。"),
    "UNKNOWN_FILE": CodeInfo(
        "文件放错了位置或类型不支持",
        "每个文件都必须是可发布的内容：站点信息、活动、好人、照片；其他文件请移出 content/。",
    ),
    "HIDDEN_FILE": CodeInfo(
        "隐藏文件或文件夹",
        "名字以点开头的文件（例如 .2026-06-01-yizhen.md）在大多数电脑上看不见，也不会发布；"
        "去掉名字开头的点。",
    ),
    "SYSTEM_FILE": CodeInfo(
        "系统自动生成的文件",
        ".DS_Store、Thumbs.db 等由电脑自动生成，不会发布；请从提交中删除。",
        _W,
    ),
    "NOT_A_FILE": CodeInfo(
        "该是文件的地方是一个文件夹",
        "例如 activities/ 里名为 2026-06-19-duanwu.md 的文件夹：里面的内容不会读取，请换成文件本身。",
    ),
    "STATION_MISSING": CodeInfo(
        "村（社区）文件夹缺少 station.yml", "每个实践站文件夹都要有一个 station.yml 描述实践站。"
    ),
    "TOWNSHIP_MISSING": CodeInfo(
        "乡镇文件夹缺少 township.yml", "每个乡镇（街道）文件夹都要有一个 township.yml。"
    ),
    # Front matter and YAML
    "NO_FRONT_MATTER": CodeInfo(
        "缺少开头的信息块", "活动和好人文件必须以 --- 开头的信息块（YAML）开始，再以 --- 结束。"
    ),
    "UNCLOSED_FRONT_MATTER": CodeInfo("信息块没有结束", "信息块需要用单独一行 --- 结束。"),
    "YAML_SYNTAX": CodeInfo(
        "YAML 格式错误", "常见原因：用了 Tab 缩进、引号没有成对、冒号后缺空格。"
    ),
    "DUPLICATE_KEY": CodeInfo("同一个字段写了两次", "每个字段只能出现一次，请删除多余的一行。"),
    "NOT_A_MAPPING": CodeInfo("内容不是“字段: 值”的形式", "信息块应由若干行“字段: 值”组成。"),
    # Schema
    "REQUIRED": CodeInfo("缺少必填字段", "按模板补上该字段。"),
    "UNKNOWN_KEY": CodeInfo("不认识的字段名", "字段名要用模板里的英文名，注意拼写。"),
    "WRONG_TYPE": CodeInfo("值的类型不对", "例如人数要写数字，标签要写成列表。"),
    "BAD_DATE": CodeInfo("日期无效", "日期格式为 YYYY-MM-DD，且必须真实存在。"),
    "BAD_LINK": CodeInfo(
        "链接不对",
        "地图链接、报名链接要写 https:// 开头的完整网址（地图应用、志愿服务平台“分享”得到的链接）；网站只放链接，不加载其他网站的任何内容。",
    ),
    "UNKNOWN_PLAN": CodeInfo(
        "找不到对应的活动预告",
        "活动报道的 plan 写的是本站 plans/ 里预告的文件名（不含 .md）；没有发过预告就删除 plan 这一行。",
    ),
    "FUTURE_DATE": CodeInfo(
        "活动日期在今天之后",
        "活动报道写的是已经开展的活动，日期不能晚于网站生成的日期；还没开展的活动等开展后再报道。",
    ),
    "OUT_OF_RANGE": CodeInfo("数值超出范围", "例如人数不能为负，星级为 1–5。"),
    "TOO_LONG": CodeInfo("文字过长", "例如好人的一句话简介不超过 70 个字。"),
    "EMPTY": CodeInfo("内容为空", "标题、姓名等不能为空。"),
    "BAD_CHOICE": CodeInfo("只能从给定选项中选择", "例如实践站类型只能是“村”或“社区”。"),
    "BAD_PERIOD": CodeInfo("荣誉期次格式不对", "写成年份 2026、年月 2026-05 或季度 2026-Q2。"),
    "DATE_ORDER": CodeInfo("结束日期早于开始日期", "end_date 不能早于 date。"),
    # References
    "UNKNOWN_LABEL": CodeInfo(
        "分类、平台或级别不在县里的清单中", "请使用 county.yml 中列出的名称或代码。"
    ),
    "UNKNOWN_TEAM": CodeInfo(
        "找不到这支志愿服务队",
        "team 填写本单位（centre.yml、township.yml 或 station.yml）中某支队伍的 id；"
        "别的单位的队伍写“单位:id”，例如 centre:theory（县级队伍）。",
    ),
    "BAD_TEAM_REF": CodeInfo(
        "队伍的写法不对",
        "写本单位队伍的 id（例如 culture），或“单位:id”：centre:theory、chengguan:culture、"
        "chengguan/binhe:theory。",
    ),
    "MEMBER_NAMES": CodeInfo(
        "队员写成了名单",
        "网站只公开队员人数，不公开名单：members 写一个数字，例如 members: 32。",
    ),
    "DUPLICATE_ID": CodeInfo("同一单位的队伍 id 重复", "每支队伍的 id 在本单位内唯一。"),
    "DUPLICATE_SLUG": CodeInfo("文件名（网址）重复", "同一类内容的文件名不能重复。"),
    "BAD_SLUG": CodeInfo(
        "文件名或文件夹名不合规", "只能用小写英文字母、数字和连字符，例如 2026-06-19-duanwu.md。"
    ),
    "PATH_MISMATCH": CodeInfo(
        "内容与所在文件夹不一致", "文件所在的文件夹决定它属于哪个乡镇、哪个实践站，不能另行填写。"
    ),
    "PHOTO_MISSING": CodeInfo("找不到照片文件", "把照片放进本站的 media/ 文件夹，并检查文件名。"),
    "PHOTO_OUTSIDE": CodeInfo(
        "照片路径越出了本站文件夹", "照片路径以 media/ 开头，不能用 ../ 或绝对路径。"
    ),
    "BAD_PATH": CodeInfo(
        "照片路径里有看不见的字符", "常见于复制粘贴；删掉整行，重新输入 media/文件名。"
    ),
    "PHOTO_NAME_CLASH": CodeInfo(
        "两张照片发布后同名",
        "同一文件夹里的 scene-1.jpg 和 scene-1.png 发布后会互相覆盖；给其中一张改名。",
    ),
    "PHOTO_BROKEN": CodeInfo("照片无法使用", "文件损坏、格式不对或像素异常；请重新导出为 JPG。"),
    "PHOTO_TWICE": CodeInfo("同一张照片列了两次", "只显示一次；请删除重复的一行。", _W),
    "UNUSED_PHOTO": CodeInfo("照片没有被任何内容引用", "不会发布；如不需要请删除。", _W),
    "NO_THEME": CodeInfo(
        "活动指定的主题月份没有主题",
        "theme_month 只能指向已填写主题的月份；不写则归入活动所在月份。",
    ),
    "THEME_MONTHS": CodeInfo(
        "月度主题不足十二个月", "正式年度主题须写满 1–12 月；尚未定稿的年份可写 draft: true。"
    ),
    "DUPLICATE_MONTH": CodeInfo("同一个月写了两次", "每个月只能有一个主题。"),
    # Review and renamed stations
    "BAD_USERNAME": CodeInfo(
        "不是代码托管平台的用户名",
        "maintainers、editors 写登录 GitHub、GitLab 或 Gitea 的用户名（英文字母、数字、. _ -），"
        "不写中文姓名；编辑也可写团队 @组织/团队。",
    ),
    "BAD_FORMER_ID": CodeInfo(
        "旧路径格式不对",
        "former_ids 的每一项写改名前的“乡镇文件夹名/村文件夹名”，例如 liuhe/dongzhuang。",
    ),
    "FORMER_ID_TAKEN": CodeInfo(
        "旧路径仍是现有实践站的文件夹",
        "旧网址只有在原文件夹已不存在时才能跳转；不要写本站或其他现有实践站的路径。",
    ),
    "FORMER_ID_TWICE": CodeInfo(
        "同一个旧路径写了两次", "一个旧路径只能跳转到一个实践站，只在改名后的那个实践站写。"
    ),
    # Privacy and publishing rules
    "ID_NUMBER": CodeInfo("含有居民身份证号码", "公开网站不得出现身份证号码，请删除。"),
    "MOBILE_NUMBER": CodeInfo(
        "含有手机号码",
        "公开网站不得出现个人手机号码（全角、分段、加 +86 的写法也算）。办公电话写固定电话；"
        "本站公开的服务手机须在 office 下注明 mobile_is_public_line: true。",
    ),
    "BIRTH_DATE": CodeInfo("含有完整出生日期", "只写出生年份 birth_year，不写出生月日。"),
    "NO_CONSENT": CodeInfo(
        "好人未登记本人同意", "发布姓名、照片和事迹须经本人同意，并在 consent 中登记。"
    ),
    "GUARDIAN_CONSENT": CodeInfo(
        "未满 14 周岁须由监护人同意", "consent.by 写“监护人”，并由监护人签字同意。"
    ),
    "MINOR_RESCUE": CodeInfo(
        "未成年人获评见义勇为",
        "国家不提倡、不宣传未成年人见义勇为（防溺水教育要求孩子不得下水施救）；"
        "请勿以此宣传未成年人，或改为符合事迹的类别。",
        _W,
    ),
    "NEGATIVE_LIST": CodeInfo(
        "不得公开点名的负面榜单", "“黑榜”“曝光台”等点名批评不得上网，只能公布汇总数字。"
    ),
    "MARKUP_IN_TEXT": CodeInfo(
        "文字字段中含有 HTML 标签", "标题、地点、说明等只写文字；书名用《》，不要写 <…>。"
    ),
    "UNSAFE_HTML": CodeInfo(
        "正文中含有不安全的 HTML", "已自动去除脚本、内嵌框架、表单和样式等；请只用 Markdown。", _W
    ),
    "EXTERNAL_RESOURCE": CodeInfo(
        "从其他网站加载图片或媒体",
        "网页只显示本站的照片，不从其他网站加载图片、视频、音频或内嵌网页（那会让别的网站"
        "知道谁在看、什么时候看，断网时也显示不出来）。照片放进本站 media/ 文件夹，"
        "写在信息块的 photos 中；指向其他网站请用链接，例如 [查看原文](https://…)。",
    ),
    # Service menus and the 四单 loop (site_plugins.service)
    "PERSON_NAME": CodeInfo(
        "点单人写成了个人",
        "点单信息会公开：group 只写群体（二组群众、东组老年协会），"
        "不写个人姓名或称呼（张桂芳、赵大爷、小张、刘某）。",
    ),
    "UNKNOWN_MENU": CodeInfo(
        "菜单里没有这一项",
        "menu 写菜单文件名（不含 .md）；其他单位的菜单写“单位:文件名”，例如 centre:fanzha-jiangzuo。",
    ),
    "UNKNOWN_ACTIVITY": CodeInfo(
        "找不到送单的活动报道",
        "served 的 activity 写那次活动报道的文件名（不含 .md）；先提交活动报道。",
    ),
    "SERVICE_BEFORE_ORDER": CodeInfo(
        "送单活动早于点单", "送单的活动日期不能早于点单日期：那次活动不是这次点单送的服务。"
    ),
    "REVIEW_COUNTS": CodeInfo(
        "评单缺少评价人数",
        "评单要写满意、基本满意、不满意各多少人（可以是 0，但不能全是 0），例如 satisfied: 25。",
    ),
    "REVIEW_BEFORE_SERVICE": CodeInfo(
        "评单早于送单", "先有送单（served），评单日期不早于送单活动的日期。"
    ),
    "LEGACY_ORDER": CodeInfo(
        "活动里的点单信息是旧写法",
        "仍会显示，但不计入四单统计；请在 orders/ 里新建点单记录，送单写这次活动，再删除活动里的 order。",
        _W,
    ),
}

# Found by the pull-request check (python -m site_plugins owners), not in what a file
# says but in who changed it: listed apart so the content codes stay about content.
REVIEW_CODES: dict[str, CodeInfo] = {
    "FOREIGN_EDIT": CodeInfo(
        "修改了不归自己负责的实践站（实践所）文件",
        "信息员只能修改 station.yml 的 maintainers 中写有自己用户名的实践站文件夹；"
        "实践所信息员（township.yml 的 maintainers）只能修改本所的 township.yml 和 activities/、"
        "plans/、honorees/、media/ 等本所文件夹；"
        "其他内容请交给相应的信息员，或请县中心编辑审核合并。",
    ),
    "NEW_STATION": CodeInfo(
        "新建实践站文件夹需要县中心编辑",
        "新的实践站由县中心编辑建立并登记信息员；请联系编辑，或由编辑审核合并。",
    ),
    "EDITOR_ONLY": CodeInfo(
        "实践站文件夹以外的文件只能由县中心编辑修改",
        "县里的设置、月度主题、乡镇信息、网站配置和程序由 county.yml 中的 editors 负责；"
        "请把这部分改动交给编辑。",
    ),
    "NO_MAINTAINERS": CodeInfo(
        "实践站没有登记信息员",
        "这个实践站的文件夹只由县中心编辑审核；在 station.yml 写上 maintainers 后重新生成 CODEOWNERS。",
        _W,
    ),
    "CODEOWNERS_STALE": CodeInfo(
        "CODEOWNERS 与信息员名单不一致",
        "editors 或 maintainers 改过之后，运行 python -m site_plugins codeowners 重新生成并一起提交。",
    ),
}


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable order: by file, then position, then code."""
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.code, p.message))


def format_text(problems: Iterable[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


def _escape_github(value: str) -> str:
    # GitHub workflow commands treat %, CR and LF specially in the message part.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(value: str) -> str:
    # Property values additionally reserve the separators ',' and ':'.
    return _escape_github(value).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in problems:
        kind = "error" if p.severity is Severity.ERROR else "warning"
        path = _escape_github_property(p.path)
        props = f"file={path},line={p.line},col={p.col},title={p.code}"
        lines.append(f"::{kind} {props}::{_escape_github(p.message + ' — ' + p.fix)}")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    items = []
    for p in problems:
        item = asdict(p)
        item["severity"] = p.severity.value
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


# GitLab shows Code Quality findings by severity: errors block publishing, warnings do not.
_GITLAB_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor"}


def format_gitlab(problems: Iterable[Problem]) -> str:
    """A GitLab Code Quality report (the CodeClimate subset GitLab reads).

    GitLab tells new findings from fixed ones by fingerprint, so it leaves out the line:
    an edit above a problem must not make it look new. Identical findings in one file
    are numbered in order to keep fingerprints unique.
    """
    items = []
    seen: dict[str, int] = {}
    for p in problems:
        key = "\x1f".join((p.path, p.code, p.message))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()
        items.append(
            {
                "description": f"{p.message} — {p.fix}",
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[p.severity],
                "location": {"path": p.path, "lines": {"begin": p.line}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


FORMATS = ("text", "github", "json", "gitlab")


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    """Problems in one of FORMATS; '' for none, except for the JSON formats ('[]')."""
    problems = list(problems)
    if fmt == "json":
        return format_json(problems)
    if fmt == "gitlab":
        return format_gitlab(problems)
    return format_github(problems) if fmt == "github" else format_text(problems)

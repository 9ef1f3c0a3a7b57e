"""The clerks' scaffolding commands (scripts/new_activity.py, scripts/new_honoree.py).

Each command runs as a clerk runs it, in a subprocess, on a fresh copy of the demo
county; what it writes is read back with a YAML parser and validated with the real
loader. Expected file names are the pinyin a person would write by hand.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_demo, jpeg_bytes

from site_plugins.content import load_catalogue
from site_plugins.content.loader import PHOTO_SIZE_LIMIT
from site_plugins.scaffold.entries import (
    ActivityDraft,
    activity_fields,
    name_slug,
    render_entry,
    title_slug,
)
from site_plugins.scaffold.photos import safe_stem

HEXI = "stations/liuhe/hexi"
# A demo entry of the same station with the same set of fields as ACTIVITY_FLAGS.
DEMO_ACTIVITY = f"{HEXI}/activities/2026-06-19-duanwu-baozongzi-bisai.md"
ACTIVITY_FLAGS = (
    "--station", "liuhe/hexi", "--date", "2026-06-12", "--title", "端午包粽 邻里同乐",
    "--team", "customs", "--platform", "文化服务", "--work", "丰富活跃文化生活、持续深入移风易俗",
    "--volunteers", "15",
    "--beneficiaries", "140", "--hours", "45", "--location", "河西村文化广场",
    "--tags", "我们的节日、端午", "--body", "6月12日，河西村组织包粽子比赛。",
)  # fmt: skip
# 端午包粽 read syllable by syllable, as the command names activities.
ACTIVITY_FILE = f"{HEXI}/activities/2026-06-12-duan-wu-bao-zong.md"
HONOREE_FLAGS = (
    "--station", "liuhe/hexi", "--name", "王小二", "--gender", "男", "--birth-year", "1970",
    "--category", "孝老爱亲", "--level", "县级", "--period", "2024-Q2",
    "--summary", "照顾瘫痪母亲十年如一日。", "--consent-date", "2024-04-02",
    "--body", "王小二的母亲瘫痪在床十年，他每天为母亲擦身、按摩。",
)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "county")


def run(
    script: str, project: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    data = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(data, dict)
    return data


def tree(content: Path) -> list[tuple[str, int]]:
    return sorted((p.relative_to(content).as_posix(), p.stat().st_size) for p in content.rglob("*"))


def problems_about(content: Path, *paths: str) -> list[str]:
    catalogue = load_catalogue(content)
    return [p.format() for p in catalogue.problems if p.path in {f"content/{x}" for x in paths}]


def write_photo(path: Path, colour: tuple[int, int, int] = (200, 60, 40)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg_bytes((320, 240), colour))
    return path


# --- activities from flags --------------------------------------------------------------


def test_activity_from_flags_reads_back_and_validates(project: Path) -> None:
    content = project / "content"
    photo = write_photo(project / "手机 相册" / "端午 包粽子.JPEG")
    result = run(
        "new_activity.py", project, *ACTIVITY_FLAGS, "--photo", str(photo), "--caption", "比赛现场"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    entry = content / ACTIVITY_FILE
    media = f"{HEXI}/media/duan-wu-bao-zong-zi.jpg"  # pinyin, hyphens, .JPEG → .jpg
    assert (content / media).read_bytes() == photo.read_bytes()
    meta = front_matter(entry)
    assert meta == {
        "title": "端午包粽 邻里同乐",
        "date": dt.date(2026, 6, 12),
        "team": "customs",
        "platform": "文化服务",
        "work": ["丰富活跃文化生活", "持续深入移风易俗"],
        "volunteers": 15,
        "beneficiaries": 140,
        "service_hours": 45,
        "location": "河西村文化广场",
        "photos": [{"file": "media/duan-wu-bao-zong-zi.jpg", "caption": "比赛现场"}],
        "tags": ["我们的节日", "端午"],
    }
    assert list(meta) == list(front_matter(content / DEMO_ACTIVITY))  # the demo's field order
    assert entry.read_text(encoding="utf-8").endswith("---\n\n6月12日，河西村组织包粽子比赛。\n")
    assert problems_about(content, ACTIVITY_FILE, media) == []
    published = [a for a in load_catalogue(content).activities if a.source == ACTIVITY_FILE]
    assert [a.photos[0].src for a in published] == [media]
    assert f"content/{ACTIVITY_FILE}" in result.stdout
    assert "git add" in result.stdout and "合并请求" in result.stdout


def test_same_title_twice_gets_suffixes_and_never_overwrites(project: Path) -> None:
    content = project / "content"
    first = write_photo(project / "a" / "现场.jpg", (10, 200, 10))
    other = write_photo(project / "b" / "现场.jpg", (10, 10, 200))
    runs = [
        run("new_activity.py", project, *ACTIVITY_FLAGS, "--photo", str(photo))
        for photo in (first, other, first)
    ]
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stdout + r.stderr for r in runs]
    stem = ACTIVITY_FILE.removesuffix(".md")
    entries = [f"{stem}.md", f"{stem}-2.md", f"{stem}-3.md"]
    photos = [front_matter(content / e)["photos"] for e in entries]
    # A different photo of the same name gets -2; the very same photo is not copied again.
    assert photos == [
        [{"file": "media/xian-chang.jpg"}],
        [{"file": "media/xian-chang-2.jpg"}],
        [{"file": "media/xian-chang.jpg"}],
    ]
    assert (content / HEXI / "media/xian-chang-2.jpg").read_bytes() == other.read_bytes()
    assert not (content / HEXI / "media/xian-chang-3.jpg").exists()
    assert problems_about(content, *entries) == []


def test_photo_over_the_limit_is_refused_and_nothing_is_written(project: Path) -> None:
    content = project / "content"
    huge = project / "大 照片.jpg"
    huge.write_bytes(jpeg_bytes() + b"\0" * (50 * 1024 * 1024))
    before = tree(content)
    result = run("new_activity.py", project, *ACTIVITY_FLAGS, "--photo", str(huge))
    assert result.returncode == 1
    limit = f"{PHOTO_SIZE_LIMIT // 1024 // 1024} MB"
    assert "大 照片.jpg" in result.stderr and "50.0 MB" in result.stderr
    assert limit in result.stderr and "压缩" in result.stderr and "微信" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(content) == before


def test_unknown_station_lists_the_valid_ones_with_every_other_mistake(project: Path) -> None:
    content = project / "content"
    before = tree(content)
    args = [a if a != "liuhe/hexi" else "liuhe/hexy" for a in ACTIVITY_FLAGS]
    args[args.index("2026-06-12")] = "2026-02-30"
    result = run("new_activity.py", project, *args)
    assert result.returncode == 1
    stations = sorted(p.parent.relative_to(content / "stations").as_posix()
                      for p in content.glob("stations/*/*/station.yml"))  # fmt: skip
    assert len(stations) > 3
    assert all(key in result.stderr for key in stations), result.stderr
    assert "是不是 liuhe/hexi" in result.stderr
    assert "--date" in result.stderr and "2026年2月30日" in result.stderr  # in the same run
    assert "Traceback" not in result.stderr
    assert tree(content) == before


@pytest.mark.parametrize(
    ("flag", "value", "said"),
    [
        ("--volunteers", "200000", "100000"),
        ("--volunteers", "很多", "不是整数"),
        ("--title", "义诊 咨询电话 13812345678", "手机号"),
        ("--title", "标" * 81, "80"),
        ("--platform", "不存在的平台", "实践平台"),
    ],
)
def test_bad_values_are_refused_in_chinese(project: Path, flag: str, value: str, said: str) -> None:
    before = tree(project / "content")
    args = list(ACTIVITY_FLAGS)
    args[args.index(flag) + 1] = value
    result = run("new_activity.py", project, *args)
    assert result.returncode == 1
    assert flag in result.stderr and said in result.stderr, result.stderr
    assert tree(project / "content") == before


def test_missing_flags_are_listed_without_asking(project: Path) -> None:
    result = run("new_activity.py", project, "--station", "liuhe/hexi", "--no-input")
    assert result.returncode == 1
    for flag in ("--date", "--title", "--volunteers", "--beneficiaries", "--hours", "--body"):
        assert f"缺少 {flag}" in result.stderr


def test_unknown_flag_is_told_in_chinese(project: Path) -> None:
    result = run("new_activity.py", project, "--voluntears", "3")
    assert result.returncode == 2
    assert "不认识的参数" in result.stderr and "--help" in result.stderr
    assert "Traceback" not in result.stderr and "usage" not in result.stderr


def test_dry_run_prints_the_entry_and_writes_nothing(project: Path) -> None:
    content = project / "content"
    before = tree(content)
    photo = write_photo(project / "照片.jpg")
    result = run("new_activity.py", project, *ACTIVITY_FLAGS, "--photo", str(photo), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "title: 端午包粽 邻里同乐" in result.stdout
    assert "media/zhao-pian.jpg" in result.stdout
    assert tree(content) == before


def test_body_file_in_gbk_is_written_as_utf8(project: Path) -> None:
    body = project / "正文.txt"
    body.write_bytes("河西村组织包粽子比赛，评选出“巧手家庭”三户。\r\n".encode("gb18030"))
    args = [a for a in ACTIVITY_FLAGS if a not in ("--body", ACTIVITY_FLAGS[-1])]
    result = run("new_activity.py", project, *args, "--body-file", str(body))
    assert result.returncode == 0, result.stdout + result.stderr
    text = (project / "content" / ACTIVITY_FILE).read_text(encoding="utf-8")
    assert text.endswith("---\n\n河西村组织包粽子比赛，评选出“巧手家庭”三户。\n")


# --- activities by questions ------------------------------------------------------------


def test_questions_reask_a_bad_number_and_the_entry_validates(project: Path) -> None:
    content = project / "content"
    photo = write_photo(project / "IMG_0612 (1).jpg")
    answers = [
        "柳河镇", "河西村", "2026年6月20日", "", "端午 包粽子",
        "99",  # not one of the teams it may name: asked again
        "culture", "文化服务",
        "9", "3、4",  # 五项: no such item, then two of them by number
        "十二", "-5", "12",  # not a number, out of range, then right
        "100", "24", "", "端午", str(photo), "", "志愿者和村民包粽子",
        "今天包粽子。", "第二段。", "",
        "",  # the summary is right: write it
    ]  # fmt: skip
    result = run("new_activity.py", project, stdin="\n".join(answers) + "\n")
    assert "请核对将要新建的活动：" in result.stdout
    assert "  活动标题：端午 包粽子\n" in result.stdout and "  正文：12 字" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "“十二”不是整数" in result.stdout
    assert "超出范围" in result.stdout and "不小于 0" in result.stdout
    assert "“99”不在志愿服务队的选项中" in result.stdout
    entry = f"{HEXI}/activities/2026-06-20-duan-wu-bao-zong-zi.md"
    meta = front_matter(content / entry)
    assert meta["volunteers"] == 12 and meta["team"] == "culture" and meta["tags"] == ["端午"]
    assert meta["work"] == ["培育践行主流价值", "丰富活跃文化生活"]
    assert "“9”不在五项工作内容的选项中" in result.stdout
    assert meta["photos"] == [{"file": "media/img-0612-1.jpg", "caption": "志愿者和村民包粽子"}]
    assert (content / entry).read_text(encoding="utf-8").endswith("今天包粽子。\n\n第二段。\n")
    assert problems_about(content, entry, f"{HEXI}/media/img-0612-1.jpg") == []


@pytest.mark.parametrize(
    "answers",
    ["", "柳河镇\n河西村\n"],
    ids=["at-the-first-question", "after-two-answers"],
)
def test_end_of_input_cancels_cleanly(project: Path, answers: str) -> None:
    # Ctrl-D at a question, or a pipe of answers that runs dry: nothing is half-written,
    # and the status (1) says the entry was not made, as for any refused entry.
    before = tree(project / "content")
    result = run("new_activity.py", project, stdin=answers)
    assert result.returncode == 1
    assert "输入已结束" in result.stderr and "没有写入任何文件" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree(project / "content") == before


def read_until(process: subprocess.Popen[bytes], text: str, seconds: float = 60) -> bytes:
    """What the process printed on stdout up to and including ``text``."""
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + seconds
    while text.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            assert chunk, f"stdout closed before {text!r}: {seen.decode(errors='replace')}"
            seen += chunk
    assert text.encode() in seen, seen.decode(errors="replace")
    return seen


def wait_until_blocked(pid: int, seconds: float = 60) -> None:
    """Wait until the process sleeps in a system call (Linux /proc state ``S``).

    Once its prompt is out, the only call left for it to sleep in is the read of stdin.
    A SIGINT sent before that read has begun would be noted by Python's handler and not
    acted on until the read returned, which with stdin held open is never.
    """
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # "pid (comm) S ...": the state follows the last ")".
        if stat.read_text().rpartition(")")[2].split()[0] == "S":
            return
        time.sleep(0.01)
    raise AssertionError(f"process {pid} never waited for input")


def interrupt(process: subprocess.Popen[bytes], quiet: float = 5, tries: int = 12) -> None:
    """Ctrl-C, again while the process says nothing on stderr. A process seen asleep may
    still be between writing its prompt and reading stdin (state ``S`` under load can be
    another wait): a SIGINT there is noted and the read then blocks. A second one, sent
    only after ``quiet`` seconds without its goodbye, interrupts that read."""
    assert process.stderr is not None
    for _ in range(tries):
        process.send_signal(signal.SIGINT)
        ready, _, _ = select.select([process.stderr], [], [], quiet)
        if ready or process.poll() is not None:
            return  # it is saying goodbye (or gone): one Ctrl-C only
    raise AssertionError(
        f"process {process.pid} ignored {tries} Ctrl-C: {_signal_state(process.pid)}"
    )


def _signal_state(pid: int) -> str:
    """What the kernel says of a process that will not stop: where it sleeps and which
    signals it ignores or blocks (SIGINT is bit 2 of these masks), for the failure."""
    proc = Path(f"/proc/{pid}")
    try:
        status = (proc / "status").read_text()
        wchan = (proc / "wchan").read_text()
    except OSError as exc:
        return f"({exc})"
    masks = [line for line in status.splitlines() if line.startswith(("State", "Sig", "Shd"))]
    return f"wchan={wchan!r} " + " ".join(masks)


def _as_in_a_terminal() -> None:
    """Ctrl-C with its default meaning, as a clerk's terminal gives it. A process inherits
    an ignored SIGINT, and Python then installs no handler for it: under load the test
    worker was seen passing on SIGINT and SIGQUIT ignored (/proc status SigIgn, SigCgt 0),
    which is what C's system() does in its caller while it runs."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_cancels_cleanly(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "new_activity.py")],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_as_in_a_terminal,  # noqa: PLW1509 - one signal call, nothing locked
    )
    before = tree(project / "content")
    try:
        read_until(process, "乡镇")
        wait_until_blocked(process.pid)
        interrupt(process)
        # stdin stays open until the process has ended: closed any earlier, end of input
        # would race the signal (and win under load, exiting 1 instead of 130).
        returncode = process.wait(timeout=60)
    finally:
        process.kill()
        _, err = process.communicate()
    assert returncode == 130
    assert "已取消（Ctrl-C）" in err.decode() and "Traceback" not in err.decode()
    assert tree(project / "content") == before


# --- honorees ---------------------------------------------------------------------------


def test_honoree_from_flags_records_consent_and_validates(project: Path) -> None:
    content = project / "content"
    photo = write_photo(project / "王小二 近照.jpg")
    result = run(
        "new_honoree.py", project, *HONOREE_FLAGS, "--consent", "本人", "--photo", str(photo)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    entry = f"{HEXI}/honorees/wang-xiaoer.md"
    meta = front_matter(content / entry)
    assert meta["consent"] == {"given": True, "by": "本人", "date": dt.date(2024, 4, 2)}
    assert meta["honours"] == [
        # A county honour's issuer defaults to the county centre (content/county.yml).
        {"level": "县级", "issuer": "示范县新时代文明实践中心", "period": "2024-Q2"}
    ]
    assert meta["photo"] == "media/wang-xiaoer.jpg"  # named after the honoree, as in the demo
    assert (content / HEXI / "media/wang-xiaoer.jpg").read_bytes() == photo.read_bytes()
    assert list(meta) == [
        k for k in front_matter(content / HEXI / "honorees/hu-xiaoyan.md") if k in meta
    ]
    assert problems_about(content, entry, f"{HEXI}/media/wang-xiaoer.jpg") == []
    assert any(h.source == entry for h in load_catalogue(content).honorees)


def test_honoree_without_consent_is_refused(project: Path) -> None:
    content = project / "content"
    before = tree(content)
    no_flag = run("new_honoree.py", project, *HONOREE_FLAGS, "--no-input")
    said_no = run("new_honoree.py", project, *HONOREE_FLAGS, "--consent", "否")
    for result in (no_flag, said_no):
        assert result.returncode == 1
        assert "不能发布" in result.stderr and "书面同意" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert tree(content) == before


def test_child_needs_a_guardian(project: Path) -> None:
    args = list(HONOREE_FLAGS)
    args[args.index("1970")] = "2016"
    refused = run("new_honoree.py", project, *args, "--consent", "本人")
    assert refused.returncode == 1 and "监护人" in refused.stderr
    accepted = run("new_honoree.py", project, *args, "--consent", "监护人")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    meta = front_matter(project / "content" / HEXI / "honorees/wang-xiaoer.md")
    assert meta["consent"] == {"given": True, "by": "监护人", "date": dt.date(2024, 4, 2)}


def test_honoree_by_questions(project: Path) -> None:
    content = project / "content"
    answers = [
        "liuhe", "hexi", "2",  # a group
        "河西村护河志愿服务队", "1",  # 助人为乐
        "6", "", "", "2024-05",  # 村级: the issuer defaults to the station
        "巡河护河八年，劝阻危险戏水数百次。",
        "3",  # no consent yet: refused, nothing written
    ]  # fmt: skip
    before = tree(content)
    refused = run("new_honoree.py", project, stdin="\n".join(answers) + "\n")
    assert refused.returncode == 1 and "不能发布" in refused.stderr
    assert tree(content) == before
    answers[-1:] = ["1", "2024-05-03", "", "护河队成立于 2016 年。", "", "n"]
    declined = run("new_honoree.py", project, stdin="\n".join(answers) + "\n")
    assert declined.returncode == 1 and "已取消，没有写入任何文件。" in declined.stdout
    assert tree(content) == before
    answers[-1] = "y"
    result = run("new_honoree.py", project, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = f"{HEXI}/honorees/he-xi-cun-hu-he-zhi-yuan-fu.md"
    meta = front_matter(content / entry)
    assert meta["kind"] == "集体" and "gender" not in meta
    assert meta["honours"] == [
        {"level": "村级", "issuer": "河西村新时代文明实践站", "period": "2024-05"}
    ]
    assert problems_about(content, entry) == []


# --- the pure parts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("端午 包粽子", "duan-wu-bao-zong-zi"),
        ("IMG_20260612_101010", "img-20260612-101010"),
        ("微信图片_2026", "wei-xin-tu-pian-2026"),
        ("Ｐhoto（２）", "photo-2"),  # full-width letters and digits
        ("🙂🙂", "photo"),  # nothing usable left
    ],
)
def test_safe_photo_names(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "slug"),
    [("丁一鸣", "ding-yiming"), ("单雄信", "shan-xiongxin"), ("欧阳娜娜", "ouyang-nana")],
)
def test_person_names_read_as_surname_and_given_name(name: str, slug: str) -> None:
    assert name_slug(name) == slug


def test_long_titles_make_short_slugs() -> None:
    assert title_slug("寒潮来袭 田间课堂教大棚防冻") == "han-chao-lai-xi"
    assert len(title_slug("一二三四五六七八九十")) == len("yi-er-san-si-wu-liu-qi-ba")


@pytest.mark.parametrize(
    "title", ["yes", "2026-02-30", "村委会: 二楼", "#1 活动", "12", "[通知]", '"引号"', "null"]
)
def test_values_yaml_would_misread_are_quoted(title: str) -> None:
    draft = ActivityDraft(title, dt.date(2026, 6, 1), 1, 2, 3.5, "正文", tags=(title, "a, b"))
    text = render_entry(activity_fields(draft), draft.body)
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == title and meta["tags"] == [title, "a, b"]
    assert meta["service_hours"] == 3.5

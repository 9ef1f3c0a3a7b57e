"""Printing: the notice-board sheets and 通报 as PDFs, read back as a person would.

One small county is printed once through the real command
(``python -m site_plugins print --month 2026-06 --size both``): a station with 40
activities in June (one with an 80-character title and a long story), one whose
activities have no photos, one with nothing in June, honorees of the month. The PDFs are
then checked with poppler (``pdfinfo`` page size and count, ``pdftotext`` for the Chinese
text, which only comes out when a CJK font was embedded, ``pdftoppm`` to PNG) and the QR
code is decoded from the PNG with zxing-cpp. Other page kinds of the same build are
printed too, to check print.css: A4 portrait, no site chrome, the page's address at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import zxingcpp
from browser import require_browser
from conftest import STATION_DIR, STATION_YML, make_county
from PIL import Image, ImageDraw

from site_plugins import routes
from site_plugins.bulletins.pdf import PrintError, PrintJob, check_tools, render
from site_plugins.bulletins.sheet import MAX_NEXT_PLANS, print_rendition
from site_plugins.media.renditions import JPEG, WEBP, PhotoSet, Rendition

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest_plugins = ("browser",)

SITE_URL = "https://wmsj.example.gov.cn/"
MONTH = "2026-06"
THEME = "牵手文明"
BUSY = 40
LONG_TITLE = "关于在全村范围内深入开展“文明家庭”“好婆婆好媳妇”“最美庭院”评选表彰暨移风易俗倡议签名和志愿服务集中展示活动的情况"
SHIQIAO_LONG_TITLE = "石桥村新时代文明实践站联合县妇联、县司法局和镇卫生院开展“法律明白人”“健康守门人”进村入户宣讲及义诊服务"
A4 = (595, 842)
A3 = (842, 1191)
MAX_SHEET_BYTES = 1_500_000

THEMES = f"""\
year: 2026
draft: true
months:
  - month: 5
    title: 青春飞扬
  - month: 6
    title: {THEME}
    focus: 关爱少年儿童，开展端午民俗活动，携手共建文明乡村
"""


def photo(seed: int) -> bytes:
    """A 1600×1200 JPEG with some detail (gradients and shapes), like a phone photo."""
    image = Image.new("RGB", (1600, 1200))
    draw = ImageDraw.Draw(image)
    for y in range(0, 1200, 8):
        draw.rectangle((0, y, 1600, y + 8), fill=(40 + y // 8, 90 + seed * 20, 200 - y // 10))
    for i in range(30):
        x, y = (i * 137 + seed * 61) % 1500, (i * 89 + seed * 17) % 1100
        draw.ellipse((x, y, x + 90, y + 90), fill=((i * 40) % 255, 200 - i * 5, (seed * 50) % 255))
    out = BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def activity(title: str, day: int, *, photo_file: str | None, body: str = "") -> str:
    photos = f"photos: [{photo_file}]\n" if photo_file else ""
    text = body or f"{title}。志愿者和群众一起参与，现场气氛热烈。"
    return (
        f"---\ntitle: {title}\ndate: 2026-06-{day:02d}\nteam: culture\nvolunteers: 5\n"
        f"beneficiaries: 30\n{photos}---\n\n{text}\n"
    )


def honoree(name: str, period: str, photo_file: str | None = None) -> str:
    picture = f"photo: {photo_file}\n" if photo_file else ""
    return (
        f"---\nname: {name}\ncategory: 孝老爱亲\nsummary: 照顾瘫痪婆婆二十年如一日，带动邻里形成敬老风气。\n"
        f"honours:\n  - level: 县级\n    issuer: 示范县文明办\n    period: {period}\n"
        f"{picture}consent: {{given: true, by: 本人, date: 2026-06-01}}\n---\n\n事迹。\n"
    )


def busy_titles() -> list[str]:
    return [f"第{i:02d}次志愿服务" for i in range(1, BUSY)] + [LONG_TITLE]


def county_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"themes/2026.yml": THEMES}
    for n in range(5):
        files[f"{STATION_DIR}/media/p{n}.jpg"] = photo(n)
    long_story = "村里的志愿者们一早就来到文化广场，" * 60
    for index, title in enumerate(busy_titles()):
        day = 1 + index % 28
        body = long_story if title == LONG_TITLE else ""
        files[f"{STATION_DIR}/activities/2026-06-{day:02d}-a{index:02d}.md"] = activity(
            title, day, photo_file=f"media/p{index % 5}.jpg", body=body
        )
    files[f"{STATION_DIR}/honorees/zhang-guifang.md"] = honoree("张桂芳", "2026-Q2", "media/p1.jpg")
    for slug, name in (("shiqiao", "石桥村"), ("nanshan", "南山村")):
        files[f"stations/qingshi/{slug}/station.yml"] = STATION_YML.replace("张庄村", name)
    shiqiao = "stations/qingshi/shiqiao"
    files[f"{shiqiao}/activities/2026-06-10-dengmi.md"] = activity(
        "端午猜灯谜", 10, photo_file=None
    )
    files[f"{shiqiao}/activities/2026-06-19-zongzi.md"] = activity(
        "包粽子送老人", 19, photo_file=None
    )
    files[f"{shiqiao}/activities/2026-06-20-long.md"] = activity(
        SHIQIAO_LONG_TITLE, 20, photo_file=None, body="石桥村的志愿者们走村入户，" * 80
    )
    files[f"{shiqiao}/honorees/li-si.md"] = honoree("李思", "2026-06")
    files["stations/qingshi/nanshan/plans/2026-07-05-fangnishui.md"] = (
        "---\ntitle: 暑期防溺水安全课\ndate: 2026-07-05\ntime: 上午 9:00\n"
        "location: 南山村文化广场\ncategory: 教育服务\n---\n\n给孩子们讲防溺水。\n"
    )
    # The township's plan held in 南山村: on 南山村's sheet (labelled), on no other.
    files["stations/qingshi/plans/2026-07-12-yizhen.md"] = (
        "---\ntitle: 健康义诊进村\ndate: 2026-07-12\nlocation: 南山村卫生室\n"
        "category: 教育服务\nwho: 全村群众\n---\n\n镇卫生院医生义诊。\n"
    )
    # More of the township's plans in 南山村 than the sheet has lines for: the sheet keeps
    # the station's own and the soonest of the township's, and stays one page.
    for day in (26, 27, 28):
        files[f"stations/qingshi/plans/2026-07-{day}-jiangtang.md"] = (
            f"---\ntitle: 南山村道德讲堂：孝老爱亲好家风\ndate: 2026-07-{day}\n"
            "time: 下午 2:30\nlocation: 南山村村委会二楼会议室\ncategory: 教育服务\n---\n\n讲堂。\n"
        )
    files["stations/qingshi/nanshan/activities/2026-05-20-a.md"] = activity(
        "五月的活动", 20, photo_file=None
    ).replace("2026-06-20", "2026-05-20")
    return files


@dataclass(frozen=True)
class Printed:
    out: Path  # print/2026-06/
    site: Path
    log: str


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    require_browser()
    work = tmp_path_factory.mktemp("print")
    project = make_county(work / "county", county_files())
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 6, 30, tzinfo=dt.UTC).timestamp())),
    }
    command = [
        sys.executable, "-m", "site_plugins", "print", "--month", MONTH, "--size", "both",
        "--out", str(work / "print"), "--site-dir", str(work / "site"),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return Printed(work / "print" / MONTH, work / "site", done.stderr)


def pdfinfo(pdf: Path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    width, _, height = fields["Page size"].split()[:3]
    return int(fields["Pages"]), (round(float(width)), round(float(height)))


def pdftext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return re.sub(r"\s+", "", done.stdout)


def png(pdf: Path, out: Path, dpi: int) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(pdf),
            str(out),
        ],
        check=True,
    )
    return out.with_suffix(".png")


SHEETS = [
    f"qingshi/{station}.{size}.pdf"
    for station in ("zhangzhuang", "shiqiao", "nanshan")
    for size in ("a4", "a3")
]


def test_every_pdf_is_made_on_its_paper(printed: Printed) -> None:
    made = sorted(p.relative_to(printed.out).as_posix() for p in printed.out.rglob("*.pdf"))
    assert made == sorted(["bulletin.pdf", "qingshi/bulletin.pdf", *SHEETS])
    for name in made:
        pages, size = pdfinfo(printed.out / name)
        assert size == (A3 if name.endswith(".a3.pdf") else A4), name
        expected = 2 if name.startswith("qingshi/zhangzhuang") else 1
        if name.endswith("bulletin.pdf"):
            assert pages >= 1, name
        else:
            assert pages == expected, name
    assert "张贴页 6 份" in printed.log
    # The sheets were built for this month only, and listed for printing from a browser.
    built = sorted(
        p.parent.relative_to(printed.site).as_posix()
        for p in printed.site.glob("sheets/**/index.html")
    )
    stations = ("nanshan", "shiqiao", "zhangzhuang")
    assert built == sorted(
        ["sheets/2026/06"]
        + [f"sheets/2026/06/qingshi/{s}/{p}" for s in stations for p in ("a3", "a4")]
    )
    listing = (printed.site / "sheets/2026/06/index.html").read_text("utf-8")
    assert all(f'href="qingshi/{s}/a3/"' in listing for s in stations)


def test_sheets_are_small(printed: Printed) -> None:
    for name in SHEETS:
        assert (printed.out / name).stat().st_size <= MAX_SHEET_BYTES, name


def test_sheet_text_is_chinese_with_station_and_theme(printed: Printed) -> None:
    text = pdftext(printed.out / "qingshi/zhangzhuang.a4.pdf")
    assert "张庄村新时代文明实践站" in text
    assert f"本月主题{THEME}" in text
    assert "2026年6月活动公示" in text
    assert "张桂芳" in text  # the honoree of the quarter counts in its last month, June


def test_busy_month_continues_onto_a_second_page_cleanly(printed: Printed) -> None:
    for size in ("a4", "a3"):
        pdf = printed.out / f"qingshi/zhangzhuang.{size}.pdf"
        pages = [pdftext(pdf, 1), pdftext(pdf, 2)]
        # Every activity is whole on one page, in date order: page 1 holds a run of the
        # first ones, page 2 the rest, and no title is cut between them.
        holding = []
        for title in busy_titles():
            shown = title if len(title) <= 21 else title[:12]
            found = [number for number, text in enumerate(pages, 1) if shown in text]
            assert len(found) == 1, (size, title)
            holding.append(found[0])
        by_date = [holding[i] for i in sorted(range(BUSY), key=lambda i: (1 + i % 28, i))]
        assert by_date == sorted(by_date), size
        assert 20 <= by_date.count(1) < BUSY, size  # a full first page, then the rest
        assert "续）" in pages[1]  # page 2 says whose sheet it continues
        assert "本站网页：https://wmsj.example.gov.cn/stations/qingshi/zhangzhuang/" in pages[1]
    text = pdftext(printed.out / "qingshi/zhangzhuang.a4.pdf")
    assert LONG_TITLE[:20] + "…" in text  # shortened, never spilling over its box


def test_qr_code_scans_as_the_station_page_and_is_big_enough(
    printed: Printed, tmp_path: Path
) -> None:
    for size, dpi, minimum_mm in (("a4", 150, 38.0), ("a3", 100, 54.0)):
        image = Image.open(png(printed.out / f"qingshi/shiqiao.{size}.pdf", tmp_path / size, dpi))
        codes = zxingcpp.read_barcodes(image)
        assert [c.text for c in codes] == [f"{SITE_URL}stations/qingshi/shiqiao/"], size
        corners = codes[0].position
        width_mm = (corners.top_right.x - corners.top_left.x) / dpi * 25.4
        # The symbol without its quiet zone; with it the code is 41/33 of this (≥ 47 mm on A4).
        assert width_mm >= minimum_mm, (size, width_mm)


def test_sheets_without_photos_or_without_activities(printed: Printed) -> None:
    text = pdftext(printed.out / "qingshi/shiqiao.a4.pdf")
    assert "端午猜灯谜" in text and "包粽子送老人" in text
    # A long title and story are shortened to fit their card, and the sheet stays one page.
    assert SHIQIAO_LONG_TITLE[:39] + "…" in text
    assert "石桥村的志愿者们走村入户，" * 2 in text and "…" in text
    assert "李思" in text
    empty = pdftext(printed.out / "qingshi/nanshan.a4.pdf")
    assert "南山村新时代文明实践站" in empty and "本月暂无活动记录" in empty


def test_bulletin_pdfs_carry_the_months_figures(printed: Printed) -> None:
    county = pdftext(printed.out / "bulletin.pdf")
    # Worked out from the files written above: 40 + 3 activities in June, none at 南山村.
    assert f"共开展活动{BUSY + 3}次" in county
    assert "3个新时代文明实践站中，2个开展了活动" in county
    assert "未开展活动的实践站（1个）" in county and "南山村" in county
    assert "本页网址：https://wmsj.example.gov.cn/bulletins/2026/06/" in county
    township = pdftext(printed.out / "qingshi/bulletin.pdf")
    assert "青石镇新时代文明实践2026年6月工作通报" in township
    assert "本月身边好人（2人（组））" in township  # 张桂芳 (2026-Q2) and 李思 (2026-06)


def test_print_css_gives_every_page_kind_a_clean_a4_sheet(printed: Printed, tmp_path: Path) -> None:
    paths = [
        "",
        "stations/qingshi/",
        "stations/qingshi/zhangzhuang/",
        "stations/qingshi/shiqiao/activities/2026-06-10-dengmi/",
        "stations/qingshi/zhangzhuang/honorees/zhang-guifang/",
        "themes/2026/06/",
    ]
    jobs = [
        PrintJob(printed.site / path / "index.html", tmp_path / f"{index}.pdf")
        for index, path in enumerate(paths)
    ]
    render(jobs, workers=2)
    for index, path in enumerate(paths):
        pdf = tmp_path / f"{index}.pdf"
        _pages, size = pdfinfo(pdf)
        assert size == A4, path
        text = pdftext(pdf)
        # The address once, at the very end; no toolbar, navigation or search on paper.
        assert text.endswith(f"本页网址：{SITE_URL}{path}"), path
        assert text.count("本页网址") == 1, path
        for chrome in ("高对比", "跳转至", "月度通报投稿指南"):
            assert chrome not in text, (path, chrome)


def rendition(width: int, height: int, mime: str = JPEG, name: str = "") -> Rendition:
    return Rendition(f"p.{name or width}.jpg", width, height, mime, Path("/dev/null"))


def test_print_rendition_is_the_smallest_that_prints_well() -> None:
    sizes = tuple(rendition(w, w * 3 // 4, mime) for w in (480, 960, 1600) for mime in (WEBP, JPEG))
    thumbs = (rendition(320, 240, WEBP, "thumb"), rendition(320, 240, JPEG, "thumb"))
    photos = PhotoSet("p.jpg", 1600, 1200, sizes, thumbs)
    # 120 dpi: 22 mm needs 104 px, 59 mm 279, 92 mm 435, 130 mm (A3) 615, 300 mm 1418.
    assert print_rendition(photos, 22).path == "p.thumb.jpg"
    assert print_rendition(photos, 59).path == "p.thumb.jpg"
    assert print_rendition(photos, 92).path == "p.480.jpg"
    assert print_rendition(photos, 130).path == "p.960.jpg"
    assert print_rendition(photos, 400).path == "p.1600.jpg"  # the largest there is


def test_missing_tools_are_named_in_chinese_with_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("site_plugins.bulletins.pdf.has_cjk_font", lambda: False)
    with pytest.raises(PrintError) as caught:
        check_tools(tmp_path / "no-chromium")
    message = str(caught.value)
    assert "apt-get install chromium" in message
    assert "没有中文字体" in message and "apt-get install fonts-noto-cjk" in message


def test_a_sheet_announces_next_months_plans(printed: Printed) -> None:
    text = pdftext(printed.out / "qingshi/nanshan.a4.pdf")
    assert "下月预告" in text
    assert "7月5日（星期日）上午9:00暑期防溺水安全课" in text  # pdftotext drops the spaces
    assert "下月预告" not in pdftext(printed.out / "qingshi/shiqiao.a4.pdf")


def test_a_sheet_announces_its_townships_plan_held_in_the_village(printed: Printed) -> None:
    # Asserted on the sheet's HTML: its PDF is the one test_a_sheet_announces… reads, and
    # test_every_pdf_is_made_on_its_paper sees that it is still one page.
    nanshan = sheet_html(printed, "qingshi/nanshan")
    plans = nanshan[nanshan.index("下月预告") :]
    assert '<span class="wm-sheet__by">青石镇实践所</span>健康义诊进村' in plans
    # Soonest first, the station's own unlabelled; MAX_NEXT_PLANS lines, not one more.
    assert plans.index("暑期防溺水安全课") < plans.index("健康义诊进村")
    assert plans.count("<li>") == MAX_NEXT_PLANS
    assert plans.count("wm-sheet__by") == MAX_NEXT_PLANS - 1
    assert "健康义诊进村" not in sheet_html(printed, "qingshi/shiqiao")


def sheet_html(printed: Printed, station: str) -> str:
    page = printed.site / routes.sheet(station, (2026, 6), "a4") / "index.html"
    return page.read_text(encoding="utf-8")


def ink_rows(image: Image.Image) -> tuple[int, int]:
    """(first, last) pixel rows of the page that hold anything darker than paper white."""
    grey = image.convert("L").point(lambda v: 255 if v < 200 else 0)
    box = grey.getbbox()
    assert box, "a blank page"
    return box[1], box[3]


def test_one_page_sheets_are_filled_to_the_foot_of_the_page(
    printed: Printed, tmp_path: Path
) -> None:
    # Photos (zhangzhuang's page 1 is a busy month's), text only (shiqiao), nothing (nanshan):
    # each sheet's footer sits at the foot of the paper, not half-way down.
    for name in ("shiqiao.a4", "nanshan.a4", "shiqiao.a3", "nanshan.a3"):
        image = Image.open(
            png(printed.out / f"qingshi/{name}.pdf", tmp_path / name.replace(".", "-"), 40)
        )
        _first, last = ink_rows(image)
        assert last / image.height >= 0.93, (name, last / image.height)


def test_sheet_body_text_is_14pt_or_more(printed: Printed, browser: Browser) -> None:
    # Measured as printed: the sheets' computed font sizes under print media, in Chromium
    # (the session's browser: a second Playwright in one worker is refused).
    body = (
        ".wm-sheet__title, .wm-sheet__summary, .wm-sheet__focus, .wm-sheet__totals, "
        ".wm-sheet__honoree p:not(.wm-sheet__meta), .wm-sheet__plans li, .wm-sheet__empty"
    )
    sizes_js = f"""() => [...document.querySelectorAll({body!r})]
        .filter((el) => el.textContent.trim())
        .map((el) => [el.className || el.tagName.toLowerCase(),
                      parseFloat(getComputedStyle(el).fontSize) * 0.75])"""
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        seen = []
        for station in ("zhangzhuang", "shiqiao", "nanshan"):
            sheet = printed.site / f"sheets/2026/06/qingshi/{station}/a4/index.html"
            page.goto(sheet.as_uri(), wait_until="load")
            seen += page.evaluate(sizes_js)
    finally:
        page.close()
    kinds = {cls.split()[0] for cls, _pt in seen}
    # Titles, summaries, the theme, totals, honorees, 下月预告 and the empty notice: all there.
    assert {"wm-sheet__title", "wm-sheet__summary", "wm-sheet__empty"} <= kinds, kinds
    small = [(cls, pt) for cls, pt in seen if pt < 14 - 0.01]
    assert small == [], small


def test_pdfs_are_tagged(printed: Printed) -> None:
    for name in ("bulletin.pdf", "qingshi/bulletin.pdf", "qingshi/shiqiao.a4.pdf"):
        data = (printed.out / name).read_bytes()
        assert b"/StructTreeRoot" in data, name
        info = subprocess.run(
            ["pdfinfo", str(printed.out / name)], check=True, capture_output=True, text=True
        ).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), name


def test_bulletins_end_without_a_near_empty_page(printed: Printed, tmp_path: Path) -> None:
    for name in ("bulletin.pdf", "qingshi/bulletin.pdf"):
        pdf = printed.out / name
        pages, _size = pdfinfo(pdf)
        out = tmp_path / name.replace("/", "-").removesuffix(".pdf")
        subprocess.run(
            ["pdftoppm", "-r", "30", "-f", str(pages), "-l", str(pages), "-png", "-singlefile",
             str(pdf), str(out)],
            check=True,
        )  # fmt: skip
        image = Image.open(out.with_suffix(".png"))
        _first, last = ink_rows(image)
        # More than the signature and the page's address: at least a third of the page.
        assert last / image.height >= 0.33, (name, pages, last / image.height)

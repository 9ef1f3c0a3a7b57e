"""Notice-board sheets: one station's month on an A4 or A3 page for the village 公开栏.

Plain Python, no MkDocs: :func:`station_sheet` turns catalogue records, the photo
renditions and the site's address into what ``sheet.html`` lays out.

Paper facts the layout is built on (A4 portrait, 10 mm margins: 190 × 277 mm to fill):

* The QR code links to the station's page and is printed 50 mm wide on A4 (71 mm on A3):
  codes scan from about ten times their size, so 50–70 cm in front of the board. The URL
  is the station's own short address (``https://…/stations/<乡镇>/<村>/``); error
  correction M (15 %) survives a torn or dirty corner.
* Photos use the smallest JPEG rendition with at least :data:`MIN_PRINT_DPI` pixels per
  inch at their printed size (JPEG, because Chromium embeds a JPEG in a PDF as it is,
  where WebP would be re-encoded losslessly and weigh several times more).
* The layout follows the month's activity count so that a usual month (1–4 activities)
  gets big photos and a busy one (40) still ends cleanly on its second page.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import segno

from site_plugins import dates, figures, routes
from site_plugins.bulletins.report import (
    Month,
    honours_in_month,
    month_activities,
    reference_text,
)
from site_plugins.content.catalogue import CENTRE_KEY, Activity, Catalogue, Honoree, Plan, Station
from site_plugins.hubs.feeds import summarise
from site_plugins.media.renditions import JPEG, PhotoSet, Rendition
from site_plugins.plans import View

MIN_PRINT_DPI = 120
SINGLE_SUMMARY_CHARS = 240
# A lone activity without a photo: its story in 20 pt across the page instead.
SINGLE_TEXT_SUMMARY_CHARS = 360
# A lone activity's photo spans the page's width (190 mm on A4).
SINGLE_PHOTO_MM = 190
# Two activities and not one photo: each card has half the page for its story.
TEXT_ONLY_SUMMARY_CHARS = 150
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Paper:
    code: str  # a4 / a3
    name: str  # A4 / A3
    width_mm: int
    height_mm: int
    scale: float  # the A4 layout is drawn this much bigger

    @property
    def page_size(self) -> str:
        return f"{self.name} portrait"

    @property
    def margin(self) -> str:
        """The page margin: 10 mm on A4, scaled with the layout on A3."""
        return f"{10 * self.scale:.1f}mm"


PAPERS = {
    "a4": Paper("a4", "A4", 210, 297, 1.0),
    # A3 is A4 scaled by √2 in each direction: the same layout, everything bigger.
    "a3": Paper("a3", "A3", 297, 420, math.sqrt(2)),
}


@dataclass(frozen=True)
class Layout:
    name: str
    max_activities: int  # the largest month this layout is for
    # The printed size a photo's rendition is chosen for on A4: its box's width, or the
    # width it is scaled to when the box grows taller than the photo to fill the page
    # (sheet.css: object-fit: cover), whichever is more.
    photo_mm: float
    title_chars: int  # titles longer than this are shortened (…)
    summary_chars: int  # 0: no summary


LAYOUTS = (
    Layout("large", 4, 130, 40, 72),
    Layout("medium", 9, 80, 28, 0),
    Layout("dense", 10_000, 22, 21, 0),
)


def layout_for(count: int) -> Layout:
    return next(layout for layout in LAYOUTS if count <= layout.max_activities)


@dataclass(frozen=True)
class SheetPhoto:
    path: str  # site path of the rendition
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class SheetActivity:
    title: str
    date: str  # 6月19日
    iso: str
    category: str
    figures: str  # 志愿者 12 人 · 受益 120 人次
    summary: str
    photo: SheetPhoto | None


@dataclass(frozen=True)
class SheetHonoree:
    name: str
    category: str
    honour: str
    summary: str
    photo: SheetPhoto | None


@dataclass(frozen=True)
class SheetPlan:
    """An activity announced for next month (下月预告)."""

    when: str  # 7月5日（星期日）上午 9:00
    title: str
    location: str
    by: str | None = None  # who runs it when not the station: 县中心, 青石镇实践所


# Words in a plan's ``who`` (谁可以参加) that open it to every resident of the unit's area.
OPEN_WORDS = ("全县", "全镇", "全乡", "全街道", "辖区", "全体", "所有", "不限", "各村", "各社区")
# The sheet's 下月预告 keeps to a few lines, so that a one-page sheet stays one page; the
# station's own plans come first, then its township's and the centre's. (A sheet already
# full of text has room for none: the section then moves whole to a second page.)
MAX_NEXT_PLANS = 3
# A plan is at most two lines at 14 pt on A4 (about 38 characters a line).
PLAN_TITLE_CHARS = 24
PLAN_PLACE_CHARS = 16


def open_to_station(catalogue: Catalogue, plan: Plan, station: Station) -> bool:
    """Whether a plan is for the residents of ``station``'s village (the guide's 下月预告
    rule): the station's own; a plan of its township's 所 or of the county centre when it
    names the village (location or who), when its ``who`` opens it to the whole area
    (全县, 全镇, 辖区…, or the township's or county's name), or when ``who`` is left empty
    and it is not held in another village. A plan for someone else (县直机关干部) is not."""
    if plan.unit_key == station.key:
        return True
    if plan.unit_key not in (CENTRE_KEY, station.township):
        return False
    who, where = plan.meta.who or "", plan.meta.location
    if station.name in where or station.name in who:
        return True
    area = catalogue.county.meta.name
    if plan.unit_key != CENTRE_KEY:
        area = catalogue.township(station.township).name
    if area in who or any(word in who for word in OPEN_WORDS):
        return True
    return not who and not any(s.name in where for s in catalogue.stations)


def next_month_plans(catalogue: Catalogue, station: Station, month: Month) -> tuple[SheetPlan, ...]:
    """Plans dated in the month after ``month`` open to the station's residents: its own,
    then its township's and the centre's (labelled by who runs them), at most
    ``MAX_NEXT_PLANS``, shown soonest first."""
    year, number = month
    following = (year + number // 12, number % 12 + 1)
    candidates = [
        p
        for key in (station.key, station.township, CENTRE_KEY)
        for p in catalogue.unit_plans(key)
        if (p.date.year, p.date.month) == following and open_to_station(catalogue, p, station)
    ]
    # unit_plans is soonest first within each unit; own plans win when there are too many.
    chosen = sorted(candidates[:MAX_NEXT_PLANS], key=lambda p: (p.date, p.meta.time or ""))
    return tuple(
        SheetPlan(
            dates.month_day_with_weekday(p.date) + (f"{p.meta.time}" if p.meta.time else ""),
            shorten(p.title, PLAN_TITLE_CHARS),
            shorten(p.meta.location, PLAN_PLACE_CHARS),
            None if p.unit_key == station.key else _runner(catalogue, p.unit_key),
        )
        for p in chosen
    )


def _runner(catalogue: Catalogue, unit_key: str) -> str:
    """县中心 or 青石镇实践所: who runs a plan printed on a village's sheet."""
    return "县中心" if unit_key == CENTRE_KEY else f"{catalogue.township(unit_key).name}实践所"


@dataclass(frozen=True)
class Sheet(View):
    """One station's month on a notice-board sheet."""

    context_name: ClassVar[str] = "sheet"
    station: str  # full name
    place: str  # 示范县青石镇张庄村
    centre: str
    year: int
    month: int
    paper: Paper
    layout: Layout
    theme_title: str | None
    theme_focus: str | None
    activities: tuple[SheetActivity, ...]
    totals: str  # 本月开展活动 3 次，参与志愿者 30 人次，受益群众 300 人次
    honorees: tuple[SheetHonoree, ...]
    next_plans: tuple[SheetPlan, ...]  # 下月预告
    qr_svg: str  # inline SVG
    qr_url: str  # what the code says: the station's page
    qr_mm: float  # printed size on this paper
    as_of: str  # 2026年6月30日

    @property
    def any_photo(self) -> bool:
        """Whether photo-less activities get an empty frame, to keep the grid in line."""
        return any(a.photo for a in self.activities)

    @property
    def text_only(self) -> bool:
        """Activities without a single photo: sheet.css sets their text larger instead."""
        return bool(self.activities) and not self.any_photo

    @property
    def running_head(self) -> str:
        """What pages after the first say at their top, as a CSS string."""
        return css_string(
            f"{self.station} · {dates.month_text((self.year, self.month))}活动公示（续）"
        )


def sheet_url(station: Station, month: Month, paper: str) -> str:
    return routes.sheet(station.key, month, paper)


def print_rendition(
    photo_set: PhotoSet, printed_mm: float, min_dpi: int = MIN_PRINT_DPI
) -> Rendition:
    """The smallest JPEG with ``min_dpi`` at ``printed_mm`` wide, else the largest there is.

    The 320×240 thumbnail counts (the sheet's photo boxes are 4:3 or wider, and the
    thumbnail is a centre crop of that shape).
    """
    needed = math.ceil(printed_mm / MM_PER_INCH * min_dpi)
    candidates = sorted(
        [r for r in photo_set.sizes if r.mime == JPEG] + [photo_set.thumb(JPEG)],
        key=lambda r: (r.width, r.height),
    )
    for rendition in candidates:
        if rendition.width >= needed:
            return rendition
    return max(candidates, key=lambda r: r.width)


# Pure (the same address, the same SVG), so a bounded cache across builds is safe: every
# menu sheet of a county with an order platform carries that platform's one code.
@lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """An inline SVG QR code for ``url``: error correction M, 4-module quiet zone, sized
    by CSS (no width/height)."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    return str(
        code.svg_inline(border=4, omitsize=True, svgclass="wm-qr-code", title="二维码：" + url)
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    out = []
    for char in text:
        if char in '\\"<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def station_sheet(
    catalogue: Catalogue,
    station: Station,
    month: Month,
    paper: str,
    *,
    photos: Mapping[str, PhotoSet],
    site_url: str,
) -> Sheet:
    """One station's month, laid out for ``paper`` (a4 or a3)."""
    size = PAPERS[paper]
    activities = month_activities(catalogue, station.key, month)
    layout = layout_for(len(activities))
    # A lone activity has the whole width under its photo: room for more of its story.
    summary = SINGLE_SUMMARY_CHARS if len(activities) == 1 else layout.summary_chars
    if len(activities) <= 2 and not any(a.photos for a in activities):
        summary = SINGLE_TEXT_SUMMARY_CHARS if len(activities) == 1 else TEXT_ONLY_SUMMARY_CHARS
    if len(activities) == 1:
        layout = dataclasses.replace(layout, photo_mm=SINGLE_PHOTO_MM)
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    target = base + station.url
    theme = catalogue.theme(*month)
    township = catalogue.township(station.township)
    return Sheet(
        station=station.full_name,
        place=catalogue.county.meta.name + township.name + station.name,
        centre=catalogue.county.meta.centre,
        year=month[0],
        month=month[1],
        paper=size,
        layout=layout,
        theme_title=theme.title if theme else None,
        theme_focus=theme.focus if theme else None,
        activities=tuple(
            _activity(catalogue, a, layout, size, photos=photos, summary_chars=summary)
            for a in activities
        ),
        totals=_totals(activities),
        honorees=tuple(
            _honoree(catalogue, h, month, size, photos)
            for h in catalogue.station_honorees(station.key)
            if honours_in_month(h, month)
        ),
        next_plans=next_month_plans(catalogue, station, month),
        qr_svg=qr_svg(target),
        qr_url=target,
        qr_mm=round(50 * size.scale),
        as_of=reference_text(figures.as_of(month, catalogue.reference_date)),
    )


def _photo(photo_set: PhotoSet | None, printed_mm: float, alt: str) -> SheetPhoto | None:
    if photo_set is None:
        return None
    rendition = print_rendition(photo_set, printed_mm)
    return SheetPhoto(rendition.path, rendition.width, rendition.height, alt)


def _activity(
    catalogue: Catalogue,
    activity: Activity,
    layout: Layout,
    paper: Paper,
    *,
    photos: Mapping[str, PhotoSet],
    summary_chars: int,
) -> SheetActivity:
    meta = activity.meta
    first = activity.photos[0] if activity.photos else None
    photo = (
        _photo(photos.get(first.src), layout.photo_mm * paper.scale, first.caption or meta.title)
        if first
        else None
    )
    figures = [f"志愿者 {meta.volunteers} 人"] if meta.volunteers else []
    if meta.beneficiaries:
        figures.append(f"受益 {meta.beneficiaries} 人次")
    return SheetActivity(
        title=shorten(meta.title, layout.title_chars),
        date=dates.month_day(meta.date),
        iso=dates.iso(meta.date),
        category=catalogue.county.labels.team_categories.label(activity.category),
        figures=" · ".join(figures),
        summary=summarise(activity.body, summary_chars) if summary_chars else "",
        photo=photo,
    )


def _honoree(
    catalogue: Catalogue,
    honoree: Honoree,
    month: Month,
    paper: Paper,
    photos: Mapping[str, PhotoSet],
) -> SheetHonoree:
    labels = catalogue.county.labels
    honour = honours_in_month(honoree, month)[0]
    what = honour.title or f"{labels.honour_levels.label(honour.level)}表彰"
    photo = (
        _photo(photos.get(honoree.photo.src), 24 * paper.scale, honoree.name)
        if honoree.photo
        else None
    )
    return SheetHonoree(
        name=honoree.name + ("（集体）" if honoree.is_group else ""),
        category=labels.honour_categories.label(honoree.category),
        honour=f"{honour.period.label} · {what}",
        summary=honoree.meta.summary,
        photo=photo,
    )


def _totals(activities: Sequence[Activity]) -> str:
    if not activities:
        return ""  # the sheet says so in its place for activities
    volunteers = sum(a.meta.volunteers for a in activities)
    beneficiaries = sum(a.meta.beneficiaries for a in activities)
    return (
        f"本月开展活动 {len(activities)} 次，参与志愿者 {volunteers} 人次，"
        f"受益群众 {beneficiaries} 人次"
    )

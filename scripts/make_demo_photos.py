"""Draw the demo county's photos: simple illustrated scenes and honoree portraits.

Everything here is fictional and drawn from shapes (no real people, no text), so the
demo site can ship photos without portrait-right or privacy concerns.

For each of the 13 demo stations the script writes four scenes to
``stations/<township>/<village>/media/scene-1.jpg`` … ``scene-4.jpg`` (1200×800, or
800×1200 for one portrait scene per station), and for every honoree entry whose front
matter has ``photo: media/<name>.jpg`` a 600×800 portrait illustration at that path
(one neutral silhouette for a person, several for a group with ``kind: 集体``).

The output is deterministic: every picture is drawn from a ``random.Random`` seeded with
a hash of its path, so running the script twice gives byte-identical JPEGs (with the
same Pillow build).

Two scene photos deliberately carry EXIF metadata so the build's EXIF stripping can be
demonstrated. Their pixels are stored rotated, so a viewer that applies the Orientation
tag shows them upright:

- ``qingshi/zhangzhuang/media/scene-2.jpg``: Orientation 6 (display rotated 90°
  clockwise), fake GPS 35°06'30.5"N 118°21'12.25"E, camera make/model and body serial.
- ``chengguan/binhe/media/scene-3.jpg``: Orientation 8 (display rotated 90°
  counter-clockwise), fake GPS 35°03'18.75"N 118°17'44.5"E, camera make/model and
  body serial.

All other photos carry no EXIF at all.

Usage: ``python scripts/make_demo_photos.py [--content DIR]`` (default ``content``).
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import io
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import ExifTags, Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Size = tuple[int, int]

STATIONS: tuple[tuple[str, str], ...] = (
    ("qingshi", "zhangzhuang"),
    ("qingshi", "liujiawa"),
    ("qingshi", "shiqiao"),
    ("qingshi", "nanshan"),
    ("liuhe", "hexi"),
    ("liuhe", "dongying"),
    ("liuhe", "xinglong"),
    ("taoyuan", "taohua"),
    ("taoyuan", "shangping"),
    ("taoyuan", "xiaoxi"),
    ("chengguan", "jiefang"),
    ("chengguan", "wenchang"),
    ("chengguan", "binhe"),
)
URBAN_TOWNSHIPS = frozenset({"chengguan"})
SCENES_PER_STATION = 4

LANDSCAPE: Size = (1200, 800)
PORTRAIT: Size = (800, 1200)
HONOREE_PHOTO: Size = (600, 800)
SUPERSAMPLE = 2  # draw at 2× and downscale: cheap anti-aliasing for Pillow's shapes
JPEG_QUALITY = 80
MIN_JPEG_QUALITY = 60
MAX_BYTES = 120 * 1024

RED: RGB = (200, 30, 36)
GOLD: RGB = (246, 205, 90)
SKIN_TONES: tuple[RGB, ...] = ((236, 196, 160), (222, 178, 140), (205, 160, 122))
TROUSER_TONES: tuple[RGB, ...] = ((60, 70, 90), (80, 80, 80), (50, 60, 75), (110, 95, 80))
HAIR_TONES: tuple[RGB, ...] = ((40, 34, 30), (62, 50, 42), (150, 150, 150), (205, 205, 205))


@dataclass(frozen=True)
class ExifDemo:
    """Fake camera metadata written into one scene photo."""

    orientation: int
    latitude: tuple[float, float, float]
    longitude: tuple[float, float, float]
    serial: str


EXIF_DEMOS: dict[tuple[str, str, int], ExifDemo] = {
    ("qingshi", "zhangzhuang", 2): ExifDemo(
        6, (35.0, 6.0, 30.5), (118.0, 21.0, 12.25), "DC100-000417"
    ),
    ("chengguan", "binhe", 3): ExifDemo(8, (35.0, 3.0, 18.75), (118.0, 17.0, 44.5), "DC100-000982"),
}

# Transpose that turns the upright picture into the stored pixels for a given tag:
# the inverse of what a viewer applies (6: viewer rotates 90° clockwise).
STORE_TRANSPOSE: dict[int, Image.Transpose] = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


@dataclass(frozen=True)
class Palette:
    """Colours of one station: shared by its four scenes so they look like one place."""

    sky_top: RGB
    sky_bottom: RGB
    hills: tuple[RGB, RGB]
    ground: RGB
    foliage: RGB
    blossom: RGB | None
    walls: tuple[RGB, ...]
    roof: RGB
    clothes: tuple[RGB, ...]
    urban: bool
    river: bool


# ---------------------------------------------------------------- small helpers


def seeded_rng(key: str) -> random.Random:
    """A random generator whose sequence depends only on ``key``."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return (round(r * 255), round(g * 255), round(b * 255))


def shade(colour: RGB, factor: float) -> RGB:
    return (
        max(0, min(255, round(colour[0] * factor))),
        max(0, min(255, round(colour[1] * factor))),
        max(0, min(255, round(colour[2] * factor))),
    )


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def gradient(size: Size, top: RGB, bottom: RGB) -> Image.Image:
    """A vertical two-colour gradient."""
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=mix(top, bottom, y / max(1, height - 1)))
    return image


def make_palette(township: str, village: str) -> Palette:
    rng = seeded_rng(f"palette/{township}/{village}")
    sky_hue = rng.uniform(0.53, 0.62)
    hill_hue = rng.uniform(0.22, 0.36)
    blossoms = {"taoyuan": hsv(0.95, 0.35, 1.0), "qingshi": hsv(0.0, 0.75, 0.85)}
    return Palette(
        sky_top=hsv(sky_hue, rng.uniform(0.45, 0.65), rng.uniform(0.75, 0.92)),
        sky_bottom=hsv(sky_hue - 0.03, rng.uniform(0.08, 0.2), 0.98),
        hills=(
            hsv(hill_hue + 0.05, 0.3, rng.uniform(0.6, 0.72)),
            hsv(hill_hue, 0.5, rng.uniform(0.45, 0.58)),
        ),
        ground=hsv(rng.uniform(0.08, 0.3), rng.uniform(0.2, 0.45), rng.uniform(0.62, 0.8)),
        foliage=hsv(hill_hue + rng.uniform(-0.03, 0.03), 0.6, rng.uniform(0.4, 0.55)),
        blossom=blossoms.get(township),
        walls=tuple(
            hsv(rng.random(), rng.uniform(0.05, 0.25), rng.uniform(0.82, 0.97)) for _ in range(4)
        ),
        roof=hsv(
            rng.choice((0.0, 0.05, 0.58, 0.6)), rng.uniform(0.3, 0.55), rng.uniform(0.35, 0.55)
        ),
        clothes=tuple(
            hsv(rng.random(), rng.uniform(0.35, 0.7), rng.uniform(0.45, 0.9)) for _ in range(6)
        ),
        urban=township in URBAN_TOWNSHIPS,
        river=township == "liuhe",
    )


# ---------------------------------------------------------------- shapes


def draw_person(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x: float,
    feet: float,
    height: float,
    *,
    clothes: RGB,
    vest: bool,
) -> None:
    """A simple figure: round head, rounded body, two legs; a red vest marks a volunteer."""
    head_r = height * 0.11
    body_top = feet - height + head_r * 2.1
    body_w = height * rng.uniform(0.28, 0.34)
    legs_top = feet - height * 0.36
    trousers = rng.choice(TROUSER_TONES)
    leg_w = body_w * 0.36
    for offset in (-body_w * 0.22, body_w * 0.22):
        draw.rounded_rectangle(
            [x + offset - leg_w / 2, legs_top, x + offset + leg_w / 2, feet],
            radius=leg_w / 2.5,
            fill=trousers,
        )
    draw.rounded_rectangle(
        [x - body_w / 2, body_top, x + body_w / 2, legs_top + height * 0.04],
        radius=body_w * 0.35,
        fill=clothes,
    )
    if vest:
        inset = body_w * 0.12
        draw.rounded_rectangle(
            [x - body_w / 2 + inset, body_top + head_r * 0.3, x + body_w / 2 - inset, legs_top],
            radius=body_w * 0.2,
            fill=RED,
        )
    skin = rng.choice(SKIN_TONES)
    head_y = body_top - head_r * 0.95
    draw.ellipse([x - head_r, head_y - head_r, x + head_r, head_y + head_r], fill=skin)
    hair = rng.choice(HAIR_TONES)
    draw.chord(
        [x - head_r, head_y - head_r, x + head_r, head_y + head_r * 0.6], 180, 360, fill=hair
    )


def draw_seated_back(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, size: float, *, clothes: RGB
) -> None:
    """A seated listener seen from behind: shoulders and the back of a head."""
    draw.rounded_rectangle(
        [x - size * 0.42, y, x + size * 0.42, y + size * 0.9], radius=size * 0.3, fill=clothes
    )
    head_r = size * 0.24
    hair = rng.choice(HAIR_TONES)
    draw.ellipse([x - head_r, y - head_r * 1.7, x + head_r, y + head_r * 0.3], fill=hair)


def draw_crowd(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    palette: Palette,
    span: tuple[float, float],
    *,
    feet: float,
    height: float,
    count: int,
    volunteer_share: float = 0.3,
) -> None:
    """Figures spread over ``span``; back rows are drawn first, smaller and higher."""
    left, right = span
    people = []
    for _ in range(count):
        depth = rng.random()
        people.append((depth, rng.uniform(left, right)))
    for depth, x in sorted(people):
        scale = 0.75 + 0.25 * depth
        draw_person(
            draw,
            rng,
            x,
            feet - (1 - depth) * height * 0.25,
            height * scale,
            clothes=rng.choice(palette.clothes),
            vest=rng.random() < volunteer_share,
        )


def draw_hills(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    size: Size,
    *,
    base: float,
    amplitude: float,
    colour: RGB,
) -> None:
    """A hill range along ``base``: two summed sine waves filled down to the bottom edge."""
    width, height = size
    phase_a, phase_b = rng.uniform(0, math.tau), rng.uniform(0, math.tau)
    freq_a, freq_b = rng.uniform(1.0, 2.2), rng.uniform(2.5, 4.5)
    points = [(0.0, float(height))]
    steps = 60
    for i in range(steps + 1):
        x = width * i / steps
        t = i / steps * math.tau
        y = base - amplitude * (
            0.6 * math.sin(freq_a * t + phase_a) + 0.4 * math.sin(freq_b * t + phase_b)
        )
        points.append((x, y))
    points.append((float(width), float(height)))
    draw.polygon(points, fill=colour)


def draw_tree(
    draw: ImageDraw.ImageDraw,
    x: float,
    base: float,
    scale: float,
    *,
    foliage: RGB,
    blossom: RGB | None,
) -> None:
    """A round-crowned tree; fruit or blossom dots when the township grows them."""
    trunk_w = scale * 0.1
    draw.rectangle(
        [x - trunk_w / 2, base - scale * 0.45, x + trunk_w / 2, base], fill=(105, 78, 55)
    )
    crown = [x - scale * 0.32, base - scale * 1.05, x + scale * 0.32, base - scale * 0.35]
    draw.ellipse(crown, fill=foliage)
    if blossom is not None:
        for dx, dy in ((-0.14, -0.8), (0.12, -0.9), (0.05, -0.6), (-0.08, -0.55), (0.18, -0.68)):
            r = scale * 0.045
            cx, cy = x + dx * scale, base + dy * scale
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=blossom)


def draw_banner(
    draw: ImageDraw.ImageDraw, left: float, right: float, top: float, *, height: float, poles: bool
) -> None:
    """A red banner with pale blocks standing in for its (unreadable) slogan."""
    if poles:
        pole_w = height * 0.12
        for x in (left, right):
            draw.rectangle(
                [x - pole_w / 2, top - height * 0.2, x + pole_w / 2, top + height * 3.2],
                fill=(120, 110, 100),
            )
    draw.rectangle([left, top, right, top + height], fill=RED)
    block = height * 0.46
    gap = block * 0.35
    count = int((right - left - 2 * block) // (block + gap))
    start = left + (right - left - count * (block + gap) + gap) / 2
    for i in range(count):
        bx = start + i * (block + gap)
        draw.rectangle(
            [bx, top + height * 0.27, bx + block, top + height * 0.27 + block], fill=GOLD
        )


def draw_table(
    draw: ImageDraw.ImageDraw, left: float, right: float, top: float, *, depth: float, cloth: RGB
) -> None:
    """A trestle table under a cloth, as used at volunteer service desks."""
    leg = depth * 0.12
    draw.rectangle([left + leg, top, left + leg * 2, top + depth * 1.6], fill=(90, 70, 55))
    draw.rectangle([right - leg * 2, top, right - leg, top + depth * 1.6], fill=(90, 70, 55))
    draw.rectangle([left, top, right, top + depth * 0.9], fill=cloth)
    draw.rectangle([left, top, right, top + depth * 0.15], fill=shade(cloth, 1.15))


def draw_house(
    draw: ImageDraw.ImageDraw, x: float, ground: float, width: float, *, wall: RGB, roof: RGB
) -> None:
    """A one-storey village house with a pitched roof, door and two windows."""
    height = width * 0.55
    draw.rectangle([x, ground - height, x + width, ground], fill=wall)
    draw.polygon(
        [
            (x - width * 0.06, ground - height),
            (x + width / 2, ground - height - width * 0.3),
            (x + width * 1.06, ground - height),
        ],
        fill=roof,
    )
    draw.rectangle(
        [x + width * 0.42, ground - height * 0.6, x + width * 0.58, ground], fill=shade(roof, 0.8)
    )
    for wx in (x + width * 0.12, x + width * 0.7):
        draw.rectangle(
            [wx, ground - height * 0.7, wx + width * 0.18, ground - height * 0.4],
            fill=(150, 185, 210),
        )


def draw_block(
    draw: ImageDraw.ImageDraw, x: float, ground: float, width: float, *, height: float, wall: RGB
) -> None:
    """A flat-roofed apartment block with a grid of windows."""
    draw.rectangle([x, ground - height, x + width, ground], fill=wall)
    cols = max(2, int(width // (height * 0.09 + 1)))
    rows = max(3, int(height // (width * 0.16 + 1)))
    cell_w, cell_h = width / cols, height / rows
    window = mix(wall, (120, 160, 190), 0.6)
    for r in range(rows - 1):
        for c in range(cols):
            wx, wy = x + c * cell_w + cell_w * 0.25, ground - height + r * cell_h + cell_h * 0.3
            draw.rectangle([wx, wy, wx + cell_w * 0.5, wy + cell_h * 0.45], fill=window)


def draw_skyline(
    draw: ImageDraw.ImageDraw, rng: random.Random, palette: Palette, size: Size, ground: float
) -> None:
    """Buildings along the horizon: apartment blocks in town, houses in villages."""
    width, _ = size
    x = -rng.uniform(0, width * 0.05)
    while x < width:
        wall = rng.choice(palette.walls)
        if palette.urban:
            block_w = width * rng.uniform(0.12, 0.2)
            draw_block(draw, x, ground, block_w, height=ground * rng.uniform(0.35, 0.6), wall=wall)
            x += block_w + width * rng.uniform(0.01, 0.04)
        else:
            house_w = width * rng.uniform(0.1, 0.15)
            draw_house(draw, x, ground, house_w, wall=wall, roof=palette.roof)
            x += house_w + width * rng.uniform(0.05, 0.12)


def draw_sun(draw: ImageDraw.ImageDraw, rng: random.Random, size: Size) -> None:
    width, height = size
    r = min(size) * 0.05
    cx, cy = width * rng.uniform(0.1, 0.9), height * rng.uniform(0.08, 0.18)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 236, 170))


def draw_clouds(draw: ImageDraw.ImageDraw, rng: random.Random, size: Size, horizon: float) -> None:
    width, _ = size
    for _ in range(rng.randint(2, 4)):
        cx, cy = rng.uniform(0, width), rng.uniform(horizon * 0.1, horizon * 0.5)
        r = width * rng.uniform(0.025, 0.045)
        for dx in (-1.2, 0.0, 1.2):
            draw.ellipse(
                [cx + dx * r - r, cy - r * 0.8, cx + dx * r + r, cy + r * 0.8], fill=(250, 250, 252)
            )


def figure_height(size: Size, share: float) -> float:
    """Figure height: ``share`` of the picture height, capped by its width."""
    width, height = size
    return min(height * share, width * share * 1.1)


def outdoor_base(rng: random.Random, palette: Palette, size: Size, horizon: float) -> Image.Image:
    """Sky, sun, clouds, hills and ground up to ``horizon``."""
    width, height = size
    image = gradient(size, palette.sky_top, palette.sky_bottom)
    draw = ImageDraw.Draw(image)
    draw_sun(draw, rng, size)
    draw_clouds(draw, rng, size, horizon)
    draw_hills(
        draw,
        rng,
        size,
        base=horizon - height * 0.12,
        amplitude=height * 0.06,
        colour=palette.hills[0],
    )
    draw_hills(
        draw,
        rng,
        size,
        base=horizon - height * 0.04,
        amplitude=height * 0.035,
        colour=palette.hills[1],
    )
    draw.rectangle([0, horizon, width, height], fill=palette.ground)
    return image


# ---------------------------------------------------------------- scenes


def scene_square(rng: random.Random, palette: Palette, size: Size) -> Image.Image:
    """A gathering on the village square or community plaza under a red banner."""
    width, height = size
    horizon = height * 0.55
    image = outdoor_base(rng, palette, size, horizon)
    draw = ImageDraw.Draw(image)
    draw_skyline(draw, rng, palette, size, horizon)
    draw.rectangle([0, horizon + height * 0.04, width, height], fill=shade(palette.ground, 1.08))
    banner_w = width * rng.uniform(0.5, 0.7)
    left = (width - banner_w) / 2 + rng.uniform(-0.08, 0.08) * width
    draw_banner(
        draw, left, left + banner_w, horizon - height * 0.12, height=height * 0.07, poles=True
    )
    for x in (width * 0.06, width * 0.94):
        draw_tree(
            draw,
            x,
            horizon + height * 0.1,
            height * 0.32,
            foliage=palette.foliage,
            blossom=palette.blossom,
        )
    figure_h = figure_height(size, 0.3)
    draw_crowd(
        draw,
        rng,
        palette,
        (width * 0.08, width * 0.92),
        feet=height * 0.93,
        height=figure_h,
        count=rng.randint(9, 14),
    )
    return image


def scene_hall(rng: random.Random, palette: Palette, size: Size) -> Image.Image:
    """An indoor lecture: banner on the wall, a speaker, rows of listeners."""
    width, height = size
    wall = rng.choice(palette.walls)
    floor_y = height * 0.62
    image = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, floor_y, width, height], fill=mix(palette.ground, (150, 120, 90), 0.5))
    for wx in (width * 0.04, width * 0.82):
        draw.rectangle(
            [wx, height * 0.12, wx + width * 0.14, height * 0.42],
            fill=mix(palette.sky_top, (255, 255, 255), 0.4),
        )
        draw.rectangle(
            [wx + width * 0.068, height * 0.12, wx + width * 0.072, height * 0.42],
            fill=shade(wall, 0.8),
        )
    draw_banner(draw, width * 0.22, width * 0.78, height * 0.08, height=height * 0.08, poles=False)
    draw.rectangle([width * 0.3, height * 0.2, width * 0.7, height * 0.44], fill=(235, 238, 240))
    draw.rectangle(
        [width * 0.32, height * 0.23, width * 0.68, height * 0.41],
        fill=mix(palette.sky_top, (255, 255, 255), 0.2),
    )
    draw_person(
        draw,
        rng,
        width * 0.2,
        floor_y + height * 0.02,
        height * 0.34,
        clothes=rng.choice(palette.clothes),
        vest=True,
    )
    draw.rectangle(
        [width * 0.14, floor_y - height * 0.12, width * 0.26, floor_y + height * 0.02],
        fill=(120, 85, 60),
    )
    rows = 3
    for row in range(rows):
        y = floor_y + height * (0.06 + row * 0.11)
        size_px = height * (0.12 + row * 0.025)
        count = 6 + row
        for i in range(count):
            x = width * (0.08 + 0.84 * (i + 0.5) / count) + rng.uniform(-1, 1) * width * 0.01
            draw_seated_back(draw, rng, x, y, size_px, clothes=rng.choice(palette.clothes))
        draw.rectangle([0, y + size_px * 0.7, width, y + size_px * 0.8], fill=(110, 80, 58))
    return image


def scene_field(rng: random.Random, palette: Palette, size: Size) -> Image.Image:
    """Volunteers at work outdoors: orchard, fields, greenhouses or a riverside path."""
    width, height = size
    horizon = height * 0.45
    image = outdoor_base(rng, palette, size, horizon)
    draw = ImageDraw.Draw(image)
    stripe = height * 0.035
    y = horizon
    toggle = False
    while y < height:
        colour = shade(palette.ground, 0.92 if toggle else 1.05)
        draw.rectangle([0, y, width, y + stripe], fill=colour)
        y += stripe
        stripe *= 1.12
        toggle = not toggle
    if palette.river:
        draw.polygon(
            [
                (0, horizon + height * 0.05),
                (width, horizon + height * 0.02),
                (width, horizon + height * 0.09),
                (0, horizon + height * 0.14),
            ],
            fill=mix(palette.sky_top, (70, 120, 150), 0.5),
        )
        for i in range(3):
            gx = width * (0.55 + i * 0.15)
            draw.chord(
                [gx, horizon - height * 0.02, gx + width * 0.13, horizon + height * 0.1],
                180,
                360,
                fill=(225, 235, 235),
            )
    elif palette.urban:
        draw_skyline(draw, rng, palette, size, horizon)
    tree_count = rng.randint(4, 7)
    for i in range(tree_count):
        x = width * (i + rng.uniform(0.2, 0.8)) / tree_count
        draw_tree(
            draw,
            x,
            horizon + height * 0.1,
            height * 0.22,
            foliage=palette.foliage,
            blossom=palette.blossom,
        )
    figure_h = figure_height(size, 0.28)
    draw_crowd(
        draw,
        rng,
        palette,
        (width * 0.1, width * 0.9),
        feet=height * 0.9,
        height=figure_h,
        count=rng.randint(5, 9),
        volunteer_share=0.6,
    )
    return image


def scene_service(rng: random.Random, palette: Palette, size: Size) -> Image.Image:
    """A volunteer service desk on a street: volunteers behind tables, residents in front."""
    width, height = size
    horizon = height * 0.5
    image = outdoor_base(rng, palette, size, horizon)
    draw = ImageDraw.Draw(image)
    draw_skyline(draw, rng, palette, size, horizon)
    draw.rectangle([0, horizon, width, height], fill=mix(palette.ground, (170, 170, 165), 0.6))
    canopy = rng.choice(((210, 40, 40), (40, 110, 190), (245, 245, 240)))
    top = horizon - height * 0.16
    draw.polygon(
        [
            (width * 0.2, top + height * 0.06),
            (width * 0.5, top - height * 0.02),
            (width * 0.8, top + height * 0.06),
        ],
        fill=canopy,
    )
    draw.rectangle(
        [width * 0.2, top + height * 0.06, width * 0.8, top + height * 0.09],
        fill=shade(canopy, 0.85),
    )
    for x in (width * 0.21, width * 0.79):
        draw.rectangle(
            [x - width * 0.004, top + height * 0.09, x + width * 0.004, horizon + height * 0.18],
            fill=(150, 150, 150),
        )
    figure_h = figure_height(size, 0.26)
    for i in range(3):
        x = width * (0.32 + i * 0.18)
        draw_person(
            draw,
            rng,
            x,
            horizon + height * 0.2,
            figure_h,
            clothes=rng.choice(palette.clothes),
            vest=True,
        )
    draw_table(
        draw, width * 0.24, width * 0.76, horizon + height * 0.12, depth=height * 0.09, cloth=RED
    )
    draw_crowd(
        draw,
        rng,
        palette,
        (width * 0.1, width * 0.9),
        feet=height * 0.96,
        height=figure_h * 1.1,
        count=rng.randint(4, 7),
        volunteer_share=0.0,
    )
    for x in (width * 0.04, width * 0.96):
        draw_tree(
            draw,
            x,
            horizon + height * 0.08,
            height * 0.3,
            foliage=palette.foliage,
            blossom=palette.blossom,
        )
    return image


SceneDrawer = Callable[[random.Random, Palette, Size], Image.Image]
SCENE_DRAWERS: tuple[SceneDrawer, ...] = (scene_square, scene_hall, scene_field, scene_service)


# ---------------------------------------------------------------- portraits


def draw_silhouette(
    draw: ImageDraw.ImageDraw, cx: float, base: float, scale: float, *, colour: RGB, bottom: float
) -> None:
    """Head and shoulders, deliberately featureless; ``base`` is the shoulder line."""
    head_r = scale * 0.21
    head_cy = base - scale * 0.36
    half = scale * 0.55
    draw.chord(
        [cx - half, base - scale * 0.12, cx + half, base + scale * 0.5], 180, 360, fill=colour
    )
    draw.rectangle([cx - half, base + scale * 0.19, cx + half, bottom], fill=colour)
    draw.rectangle([cx - scale * 0.09, head_cy, cx + scale * 0.09, base], fill=colour)
    draw.ellipse(
        [cx - head_r, head_cy - head_r * 1.2, cx + head_r, head_cy + head_r * 1.05], fill=colour
    )


def draw_portrait(key: str, group: bool) -> Image.Image:
    """A soft background with one silhouette, or several for a group honoree."""
    rng = seeded_rng(f"portrait/{key}")
    width, height = HONOREE_PHOTO[0] * SUPERSAMPLE, HONOREE_PHOTO[1] * SUPERSAMPLE
    hue = rng.random()
    image = gradient((width, height), hsv(hue, 0.12, 0.97), hsv(hue + 0.05, 0.22, 0.88))
    glow = Image.new("L", (width, height), 0)
    ImageDraw.Draw(glow).ellipse([width * 0.15, height * 0.1, width * 0.85, height * 0.6], fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(width * 0.08))
    image.paste(Image.new("RGB", (width, height), (255, 255, 255)), (0, 0), glow)
    draw = ImageDraw.Draw(image)
    colour = hsv(hue + 0.5, rng.uniform(0.08, 0.18), rng.uniform(0.42, 0.55))
    if not group:
        draw_silhouette(draw, width / 2, height * 0.68, width * 0.68, colour=colour, bottom=height)
        return image.resize(HONOREE_PHOTO, Image.Resampling.LANCZOS)
    front = rng.randint(2, 3)
    scale = width * 0.9 / front / 1.1
    # The back row stands in the gaps of the front row, so every head stays visible.
    for i in range(1, front):
        draw_silhouette(
            draw,
            width * i / front,
            height * 0.6,
            scale * 0.85,
            colour=shade(colour, 1.2),
            bottom=height,
        )
    for i in range(front):
        draw_silhouette(
            draw, width * (i + 0.5) / front, height * 0.77, scale, colour=colour, bottom=height
        )
    return image.resize(HONOREE_PHOTO, Image.Resampling.LANCZOS)


# ---------------------------------------------------------------- EXIF and saving


def demo_exif(demo: ExifDemo) -> bytes:
    """Orientation, camera and GPS tags that the site build must strip."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = demo.orientation
    exif[ExifTags.Base.Make] = "DemoCam"
    exif[ExifTags.Base.Model] = "DC-100"
    exif[ExifTags.Base.DateTime] = "2026:04:18 09:30:00"
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.DateTimeOriginal] = "2026:04:18 09:30:00"
    exif_ifd[ExifTags.Base.BodySerialNumber] = demo.serial
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = demo.latitude
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = demo.longitude
    return exif.tobytes()


def encode_jpeg(image: Image.Image, exif: bytes | None) -> bytes:
    """JPEG bytes under MAX_BYTES, lowering the quality only if needed."""
    quality = JPEG_QUALITY
    while True:
        buffer = io.BytesIO()
        options: dict[str, object] = {"quality": quality, "optimize": True, "subsampling": 2}
        if exif is not None:
            options["exif"] = exif
        image.save(buffer, "JPEG", **options)
        data = buffer.getvalue()
        if len(data) <= MAX_BYTES or quality <= MIN_JPEG_QUALITY:
            return data
        quality -= 5


def write_jpeg(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path}  {len(data) // 1024} KB")


# ---------------------------------------------------------------- stations and honorees


def portrait_scene_index(township: str, village: str) -> int:
    """The one scene (1–4) of a station drawn in portrait format; never an EXIF demo."""
    rng = seeded_rng(f"layout/{township}/{village}")
    candidates = [
        n for n in range(1, SCENES_PER_STATION + 1) if (township, village, n) not in EXIF_DEMOS
    ]
    return rng.choice(candidates)


def scene_order(township: str, village: str) -> list[SceneDrawer]:
    rng = seeded_rng(f"order/{township}/{village}")
    drawers = list(SCENE_DRAWERS)
    rng.shuffle(drawers)
    return drawers


def make_station_scenes(content: Path, township: str, village: str) -> list[Path]:
    palette = make_palette(township, village)
    portrait_n = portrait_scene_index(township, village)
    media = content / "stations" / township / village / "media"
    written = []
    for n, drawer in enumerate(scene_order(township, village), start=1):
        final = PORTRAIT if n == portrait_n else LANDSCAPE
        big = (final[0] * SUPERSAMPLE, final[1] * SUPERSAMPLE)
        image = drawer(seeded_rng(f"scene/{township}/{village}/{n}"), palette, big)
        image = image.resize(final, Image.Resampling.LANCZOS)
        demo = EXIF_DEMOS.get((township, village, n))
        exif = None
        if demo is not None:
            image = image.transpose(STORE_TRANSPOSE[demo.orientation])
            exif = demo_exif(demo)
        path = media / f"scene-{n}.jpg"
        write_jpeg(path, encode_jpeg(image, exif))
        written.append(path)
    return written


def read_front_matter(path: Path) -> dict[str, object] | None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    data = yaml.safe_load(text[4:end])
    return data if isinstance(data, dict) else None


def make_honoree_portraits(content: Path) -> list[Path]:
    written = []
    for entry in sorted(content.glob("stations/*/*/honorees/*.md")):
        meta = read_front_matter(entry)
        photo = meta.get("photo") if meta else None
        if (
            not isinstance(photo, str)
            or not photo.startswith("media/")
            or not photo.endswith(".jpg")
        ):
            continue
        station = entry.parent.parent
        key = f"{station.relative_to(content).as_posix()}/{photo}"
        image = draw_portrait(key, group=meta is not None and meta.get("kind") == "集体")
        path = station / photo
        write_jpeg(path, encode_jpeg(image, None))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content directory (default: content)"
    )
    args = parser.parse_args(argv)
    content: Path = args.content
    if not (content / "stations").is_dir():
        print(f"{content}/stations not found", file=sys.stderr)
        return 1
    written = []
    for township, village in STATIONS:
        written += make_station_scenes(content, township, village)
    written += make_honoree_portraits(content)
    too_big = [p for p in written if p.stat().st_size > MAX_BYTES]
    print(
        f"{len(written)} photos written, largest {max(p.stat().st_size for p in written) // 1024} KB"
    )
    for path in too_big:
        print(f"{path} is larger than {MAX_BYTES // 1024} KB", file=sys.stderr)
    return 1 if too_big else 0


if __name__ == "__main__":
    sys.exit(main())

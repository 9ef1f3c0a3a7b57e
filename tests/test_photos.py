"""Photos: turned upright, stripped of every byte of metadata, refused when hostile."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import STATION_DIR, build_site, jpeg_bytes, make_county, png_claiming
from PIL import ExifTags, Image

from site_plugins.content import load_catalogue
from site_plugins.media.photos import PhotoCache, PhotoError, check_photo, publish_photo

RED = (255, 0, 0)
BLUE = (0, 0, 255)
WIDTH, HEIGHT = 300, 200


def upright_original() -> Image.Image:
    """300×200: the left half red, the right half blue."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    image.paste(RED, (0, 0, WIDTH // 2, HEIGHT))
    return image


def rotated_jpeg_with_gps() -> bytes:
    """The original stored as a phone held sideways stores it, with GPS and a serial.

    Orientation 6 tells viewers to turn the stored pixels 90° clockwise for display, so
    the stored pixels are the original turned 90° counter-clockwise (200×300, the red
    half at the bottom).
    """
    stored = upright_original().transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "DemoCam"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-000123"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 6.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (118.0, 21.0, 12.25)
    out = io.BytesIO()
    stored.save(out, format="JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A JPEG cut in half, as an interrupted upload leaves it: the header is intact."""
    out = io.BytesIO()
    upright_original().resize((1200, 800)).save(out, format="JPEG", quality=95)
    return out.getvalue()[: out.tell() // 2]


def assert_upright(image: Image.Image) -> None:
    assert image.size == (WIDTH, HEIGHT)
    rgb = image.convert("RGB")
    for point, colour in (
        ((40, 30), RED),
        ((110, 170), RED),
        ((190, 30), BLUE),
        ((260, 170), BLUE),
    ):
        got = rgb.getpixel(point)
        assert isinstance(got, tuple)
        assert all(abs(g - c) < 40 for g, c in zip(got, colour, strict=True)), (point, got)


def assert_no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
    assert b"Exif" not in data
    assert b"SN-000123" not in data
    assert b"DemoCam" not in data


def test_fixture_photo_really_is_rotated_with_gps() -> None:
    # Guards the test itself: without this, an unrotated input would pass trivially.
    with Image.open(io.BytesIO(rotated_jpeg_with_gps())) as image:
        assert image.size == (HEIGHT, WIDTH)
        exif = image.getexif()
        assert exif[ExifTags.Base.Orientation] == 6
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_published_photo_is_upright_and_has_no_metadata() -> None:
    published = publish_photo(rotated_jpeg_with_gps(), 1600, ".jpg")
    assert (published.width, published.height) == (WIDTH, HEIGHT)
    assert_no_metadata(published.data)
    with Image.open(io.BytesIO(published.data)) as image:
        assert image.format == "JPEG"
        assert_upright(image)


def test_published_photo_is_shrunk_to_the_longest_side() -> None:
    published = publish_photo(rotated_jpeg_with_gps(), 150, ".jpg")
    assert (published.width, published.height) == (150, 100)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a jpeg at all", "损坏"),
        (truncated_jpeg(), "损坏"),
        (png_claiming(60_000, 60_000), "像素过多"),
        (png_claiming(8_000, 7_000), "像素过多"),  # 56 MP: over 50 MP, under Pillow's own limit
    ],
    ids=["garbage", "truncated-jpeg", "bomb-60000", "bomb-56mp"],
)
def test_unusable_photos_are_refused_with_a_chinese_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PhotoError, match=reason):
        publish_photo(data, 1600, ".png")


@pytest.mark.parametrize(
    "data",
    [
        b"not a jpeg at all",
        truncated_jpeg(),
        png_claiming(60_000, 60_000),
        png_claiming(8_000, 7_000),
    ],
    ids=["garbage", "truncated-jpeg", "bomb-60000", "bomb-56mp"],
)
def test_check_photo_refuses_what_publish_photo_refuses(tmp_path: Path, data: bytes) -> None:
    """The validator (check_photo) must catch every photo the build (publish_photo) fails on."""
    path = tmp_path / "photo.png"
    path.write_bytes(data)
    reason = check_photo(path)
    assert reason is not None
    assert any("\u4e00" <= ch <= "\u9fff" for ch in reason), reason


def test_check_photo_accepts_a_good_photo(tmp_path: Path) -> None:
    path = tmp_path / "good.jpg"
    path.write_bytes(rotated_jpeg_with_gps())
    assert check_photo(path) is None


def test_cache_second_run_processes_nothing(tmp_path: Path) -> None:
    sources = []
    for index, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200)]):
        path = tmp_path / "in" / f"p{index}.jpg"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(jpeg_bytes(colour=colour))
        sources.append(path)
    first = PhotoCache(tmp_path / "cache", 1600)
    outputs = [first.get(p) for p in sources]
    assert (first.processed, first.reused) == (3, 0)
    second = PhotoCache(tmp_path / "cache", 1600)
    assert [second.get(p) for p in sources] == outputs
    assert (second.processed, second.reused) == (0, 3)
    # A different size is a different output, so it is processed again.
    smaller = PhotoCache(tmp_path / "cache", 32)
    smaller.get(sources[0])
    assert (smaller.processed, smaller.reused) == (1, 0)


def test_build_publishes_the_photo_upright_without_exif(tmp_path: Path) -> None:
    activity = """\
---
title: 拍照测试
date: 2026-06-19
team: culture
photos:
  - media/scene-1.jpg
  - file: media/rotated.jpg
    caption: 手机竖拍的照片
---

正文。
"""
    project = make_county(
        tmp_path,
        {
            f"{STATION_DIR}/activities/2026-06-19-paizhao.md": activity,
            f"{STATION_DIR}/media/rotated.jpg": rotated_jpeg_with_gps(),
        },
    )
    assert load_catalogue(project / "content").problems == ()
    result = build_site(project, "--strict")
    assert result.returncode == 0, result.stderr
    media = project / "site" / STATION_DIR / "media"
    # A 300-wide source is published at its own width, as WebP and JPEG; never the original.
    assert not (media / "rotated.jpg").exists()
    for name in ("rotated.300.jpg", "rotated.300.webp"):
        published = media / name
        assert_no_metadata(published.read_bytes())
        with Image.open(published) as image:
            assert_upright(image)
    page = (project / "site" / STATION_DIR / "activities/2026-06-19-paizhao/index.html").read_text(
        encoding="utf-8"
    )
    assert 'src="../../media/rotated.300.jpg"' in page
    assert 'srcset="../../media/rotated.300.webp 300w"' in page


def test_second_build_reprocesses_no_photo(tmp_path: Path) -> None:
    activity = (
        "---\ntitle: 照片\ndate: 2026-06-19\nteam: culture\nphotos: [media/scene-1.jpg]\n---\n"
    )
    project = make_county(tmp_path, {f"{STATION_DIR}/activities/2026-06-19-a.md": activity})
    first = build_site(project, "--strict")
    second = build_site(project, "--strict")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "照片：1 张重新处理，0 张使用缓存" in first.stderr
    assert "照片：0 张重新处理，1 张使用缓存" in second.stderr


def test_photos_named_in_chinese_or_with_spaces_are_published_under_web_names(
    tmp_path: Path,
) -> None:
    """A phone's or the form editor's file name works: every srcset entry is one address
    and one width, and each address is a published file."""
    names = ["端午 包粽子.jpg", "IMG_0612 (1).JPG", "端午 包粽子 2.jpg"]
    photos = "".join(f'  - file: "media/{name}"\n' for name in names)
    activity = f"---\ntitle: 端午\ndate: 2026-06-19\nteam: culture\nphotos:\n{photos}---\n"
    files: dict[str, str | bytes] = {f"{STATION_DIR}/activities/2026-06-19-a.md": activity}
    for number, name in enumerate(names):
        files[f"{STATION_DIR}/media/{name}"] = jpeg_bytes((640, 480), (40 * number, 90, 160))
    project = make_county(tmp_path, files)
    assert [
        p for p in load_catalogue(project / "content").problems if p.code != "UNUSED_PHOTO"
    ] == []
    result = build_site(project)  # not --strict: the base county's scene-1.jpg is unused
    assert result.returncode == 0, result.stderr
    folder = project / "site" / STATION_DIR / "activities/2026-06-19-a"
    page = (folder / "index.html").read_text(encoding="utf-8")
    srcsets = re.findall(r'srcset="([^"]*)"', page)
    assert len(srcsets) == 2 * len(names)  # WebP and JPEG sources per photo
    addresses = set()
    for srcset in srcsets:
        for entry in srcset.split(", "):
            address, width = entry.split(" ")
            assert re.fullmatch(r"\d+w", width)
            assert re.fullmatch(r"[./a-z0-9_-]+", address), address
            assert (folder / address).resolve().is_file(), address
            addresses.add(address.rsplit("/", 1)[1].split(".")[0])
    assert len(addresses) == len(names)  # three photos, three distinct names


def test_a_damaged_cache_is_repaired_not_published(tmp_path: Path) -> None:
    activity = (
        "---\ntitle: 照片\ndate: 2026-06-19\nteam: culture\nphotos: [media/scene-1.jpg]\n---\n"
    )
    project = make_county(tmp_path, {f"{STATION_DIR}/activities/2026-06-19-a.md": activity})
    first = build_site(project, "--strict")
    assert first.returncode == 0, first.stderr
    media = project / "site" / STATION_DIR / "media"
    good = {p.name: p.read_bytes() for p in media.iterdir()}
    cached = sorted((project / ".cache" / "photos").rglob("*.jpg"))
    assert cached
    cached[0].write_bytes(b"")  # emptied
    cached[-1].write_bytes(cached[-1].read_bytes()[:100])  # truncated
    second = build_site(project, "--strict")
    assert second.returncode == 0, second.stderr
    assert "照片：1 张重新处理，0 张使用缓存" in second.stderr
    assert {p.name: p.read_bytes() for p in media.iterdir()} == good
    for published in media.iterdir():
        with Image.open(published) as image:
            image.load()

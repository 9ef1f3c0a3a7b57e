"""Responsive renditions: sizes and thumbnails, WebP and JPEG, upright, bare, cached."""

from __future__ import annotations

import io
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import png_claiming
from PIL import ExifTags, Image, ImageCms

from site_plugins.media.photos import PhotoError
from site_plugins.media.renditions import (
    JPEG,
    STALE_SECONDS,
    WEBP,
    CacheWarmer,
    PhotoLibrary,
    PhotoSet,
    Pipeline,
    WarmedPhotos,
    sweep_stale,
)

RED = (255, 0, 0)
BLUE = (0, 0, 255)
MEDIA = "stations/q/z/media"


def halves(size: tuple[int, int]) -> Image.Image:
    """The left half red, the right half blue."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def jpeg(image: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, **params)
    return out.getvalue()


def sideways_with_gps(upright: tuple[int, int]) -> bytes:
    """``halves(upright)`` as a phone held sideways stores it: orientation 6, GPS, serial."""
    stored = halves(upright).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "DemoCam"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-000123"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 6.0, 30.5)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return jpeg(stored, exif=exif.tobytes(), icc_profile=srgb, comment=b"DemoComment")


def library(tmp_path: Path, photos: dict[str, bytes], cache: str = "cache") -> PhotoLibrary:
    content = tmp_path / "content"
    for rel, data in photos.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_bytes(data)
    return PhotoLibrary(tmp_path / cache, content)


def one(tmp_path: Path, data: bytes, name: str = "scene-1.jpg") -> PhotoSet:
    return library(tmp_path, {f"{MEDIA}/{name}": data}).get(f"{MEDIA}/{name}")


def assert_colour(image: Image.Image, point: tuple[int, int], colour: tuple[int, int, int]) -> None:
    got = image.convert("RGB").getpixel(point)
    assert isinstance(got, tuple)
    assert all(abs(g - c) < 40 for g, c in zip(got, colour, strict=True)), (point, got)


def assert_left_red_right_blue(image: Image.Image) -> None:
    w, h = image.size
    for y in (h // 4, h // 2, 3 * h // 4):
        assert_colour(image, (w // 8, y), RED)
        assert_colour(image, (w // 2 - w // 8, y), RED)
        assert_colour(image, (w // 2 + w // 8, y), BLUE)
        assert_colour(image, (w - 1 - w // 8, y), BLUE)


# --- sizes --------------------------------------------------------------------------------


def test_sizes_have_the_right_widths_heights_and_site_paths(tmp_path: Path) -> None:
    photo = one(tmp_path, jpeg(halves((2000, 1500))))
    assert (photo.src, photo.width, photo.height) == (f"{MEDIA}/scene-1.jpg", 2000, 1500)
    assert [(r.path, r.width, r.height, r.mime) for r in photo.sizes] == [
        (f"{MEDIA}/scene-1.480.webp", 480, 360, WEBP),
        (f"{MEDIA}/scene-1.480.jpg", 480, 360, JPEG),
        (f"{MEDIA}/scene-1.960.webp", 960, 720, WEBP),
        (f"{MEDIA}/scene-1.960.jpg", 960, 720, JPEG),
        (f"{MEDIA}/scene-1.1600.webp", 1600, 1200, WEBP),
        (f"{MEDIA}/scene-1.1600.jpg", 1600, 1200, JPEG),
    ]
    assert [(r.path, r.width, r.height, r.mime) for r in photo.thumbs] == [
        (f"{MEDIA}/scene-1.thumb.webp", 320, 240, WEBP),
        (f"{MEDIA}/scene-1.thumb.jpg", 320, 240, JPEG),
    ]
    assert photo.srcset(WEBP) == (
        f"{MEDIA}/scene-1.480.webp 480w, {MEDIA}/scene-1.960.webp 960w, "
        f"{MEDIA}/scene-1.1600.webp 1600w"
    )
    assert photo.fallback.path == f"{MEDIA}/scene-1.1600.jpg"
    assert photo.thumb(JPEG).path == f"{MEDIA}/scene-1.thumb.jpg"
    assert photo.thumb(WEBP).mime == WEBP


@pytest.mark.parametrize(
    ("size", "widths", "thumb"),
    [
        ((4000, 3000), (480, 960, 1600), (320, 240)),
        ((1600, 900), (480, 960, 1600), (320, 240)),
        ((1200, 800), (480, 960, 1200), (320, 240)),  # own width: 25 % more than 960
        ((1000, 750), (480, 960), (320, 240)),  # 4 % more than 960: not worth a file
        ((800, 1200), (480, 800), (320, 240)),  # portrait
        ((300, 200), (300,), (267, 200)),  # smaller than every width, and than the thumb
        ((3000, 300), (480, 960, 1600), (320, 240)),  # a panorama: thumb from a large size
    ],
)
def test_never_upscaled_and_aspect_kept(
    tmp_path: Path, size: tuple[int, int], widths: tuple[int, ...], thumb: tuple[int, int]
) -> None:
    photo = one(tmp_path, jpeg(halves(size)))
    assert sorted({r.width for r in photo.sizes}) == list(widths)
    for rendition in photo.renditions:
        assert rendition.width <= size[0]
        assert rendition.height <= size[1]
        with Image.open(rendition.file) as image:
            assert image.size == (rendition.width, rendition.height)
    for rendition in photo.sizes:
        assert rendition.height == round(size[1] * rendition.width / size[0])
    assert {(r.width, r.height) for r in photo.thumbs} == {thumb}


def test_every_rendition_exists_in_webp_and_jpeg_and_decodes(tmp_path: Path) -> None:
    photo = one(tmp_path, jpeg(halves((1800, 1200))))
    formats = {"image/webp": "WEBP", "image/jpeg": "JPEG"}
    for group in (photo.sizes, photo.thumbs):
        by_size: dict[tuple[int, int], set[str]] = {}
        for rendition in group:
            by_size.setdefault((rendition.width, rendition.height), set()).add(rendition.mime)
            with Image.open(rendition.file) as image:
                assert image.format == formats[rendition.mime]
                image.load()
                assert image.mode == "RGB"
                assert_left_red_right_blue(image)
        assert all(mimes == {WEBP, JPEG} for mimes in by_size.values()), by_size


# --- orientation and metadata -------------------------------------------------------------


def test_sideways_source_comes_out_upright(tmp_path: Path) -> None:
    # 3400 wide once upright: big enough to be decoded at half scale (the draft path).
    data = sideways_with_gps((3400, 2000))
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (2000, 3400)  # guards the test: the pixels are sideways
        assert stored.getexif()[ExifTags.Base.Orientation] == 6
    photo = one(tmp_path, data)
    assert (photo.width, photo.height) == (3400, 2000)
    assert [(r.width, r.height) for r in photo.sizes if r.mime == JPEG] == [
        (480, 282),
        (960, 565),
        (1600, 941),
    ]
    for rendition in photo.renditions:
        with Image.open(rendition.file) as image:
            assert image.width > image.height
            assert_left_red_right_blue(image)


def test_no_rendition_keeps_any_metadata(tmp_path: Path) -> None:
    photo = one(tmp_path, sideways_with_gps((1700, 1000)))
    assert len(photo.renditions) == 8
    for rendition in photo.renditions:
        data = rendition.file.read_bytes()
        for secret in (b"Exif", b"GPS", b"SN-000123", b"DemoCam", b"DemoComment", b"ICC_PROFILE"):
            assert secret not in data, (rendition.path, secret)
        with Image.open(rendition.file) as image:
            assert len(image.getexif()) == 0
            assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 300, 400))
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = one(tmp_path, out.getvalue(), "logo.png")
    assert photo.fallback.path == f"{MEDIA}/logo.600.jpg"
    with Image.open(photo.fallback.file) as published:
        assert_colour(published, (100, 200), RED)
        assert_colour(published, (500, 200), (255, 255, 255))


# --- the cache ----------------------------------------------------------------------------


def three_photos() -> dict[str, bytes]:
    return {
        f"{MEDIA}/scene-1.jpg": jpeg(halves((1200, 800))),
        f"{MEDIA}/scene-2.jpg": sideways_with_gps((1000, 700)),
        "stations/q/y/media/scene-1.jpg": jpeg(halves((640, 480))),
    }


def test_second_library_over_the_same_cache_decodes_nothing(tmp_path: Path) -> None:
    photos = three_photos()
    first = library(tmp_path, photos)
    made = [first.get(src) for src in photos]
    assert (first.processed, first.reused) == (3, 0)
    # Asking again in the same build counts nothing more.
    assert first.get(f"{MEDIA}/scene-1.jpg") is made[0]
    assert (first.processed, first.reused) == (3, 0)

    second = PhotoLibrary(first.cache_dir, first.content_dir)
    again = second.get_many(photos)
    assert (second.processed, second.reused) == (0, 3)
    assert again == made

    # Other settings are another cache entry.
    smaller = PhotoLibrary(first.cache_dir, first.content_dir, Pipeline(widths=(320, 640)))
    smaller.get(f"{MEDIA}/scene-1.jpg")
    assert (smaller.processed, smaller.reused) == (1, 0)


def test_a_changed_photo_is_processed_again(tmp_path: Path) -> None:
    first = library(tmp_path, three_photos())
    first.get_many(three_photos())
    (first.content_dir / MEDIA / "scene-1.jpg").write_bytes(jpeg(halves((1300, 800))))
    second = PhotoLibrary(first.cache_dir, first.content_dir)
    second.get_many(three_photos())
    assert (second.processed, second.reused) == (1, 2)


def test_output_is_deterministic(tmp_path: Path) -> None:
    photos = three_photos()
    one_run = library(tmp_path / "a", photos).get_many(photos)
    other_run = library(tmp_path / "b", photos).get_many(photos, workers=1)
    for first, second in zip(one_run, other_run, strict=True):
        assert [r.path for r in first.renditions] == [r.path for r in second.renditions]
        for r1, r2 in zip(first.renditions, second.renditions, strict=True):
            assert r1.file != r2.file
            assert r1.file.read_bytes() == r2.file.read_bytes(), r1.path


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    first = library(tmp_path, three_photos())
    photo = first.get(f"{MEDIA}/scene-1.jpg")
    photo.fallback.file.unlink()
    second = PhotoLibrary(first.cache_dir, first.content_dir)
    again = second.get(f"{MEDIA}/scene-1.jpg")
    assert (second.processed, second.reused) == (1, 0)
    assert again.fallback.file.is_file()


def test_parallel_builds_share_one_cache(tmp_path: Path) -> None:
    photos = three_photos()
    first = library(tmp_path, photos)
    start = threading.Barrier(4)

    def build(_: int) -> list[PhotoSet]:
        lib = PhotoLibrary(first.cache_dir, first.content_dir)
        start.wait()
        return lib.get_many(photos, workers=2)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(build, range(4)))
    assert all(result == results[0] for result in results)
    for photo in results[0]:
        for rendition in photo.renditions:
            with Image.open(rendition.file) as image:
                image.load()
    leftovers = [p for p in first.cache_dir.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


# --- refusals -----------------------------------------------------------------------------


def truncated_jpeg() -> bytes:
    data = jpeg(halves((1200, 800)))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a jpeg at all", "损坏"),
        (truncated_jpeg(), "损坏"),
        (png_claiming(60_000, 60_000), "像素过多"),
        (png_claiming(8_000, 7_000), "像素过多"),
    ],
    ids=["garbage", "truncated-jpeg", "bomb-60000", "bomb-56mp"],
)
def test_a_bad_file_raises_photo_error(tmp_path: Path, data: bytes, reason: str) -> None:
    lib = library(tmp_path, {f"{MEDIA}/bad.jpg": data})
    with pytest.raises(PhotoError, match=reason):
        lib.get(f"{MEDIA}/bad.jpg")
    assert (lib.processed, lib.reused) == (0, 0)
    assert not any(lib.cache_dir.rglob("*.jpg"))


def test_a_missing_file_raises_photo_error(tmp_path: Path) -> None:
    with pytest.raises(PhotoError, match="无法读取"):
        library(tmp_path, {}).get(f"{MEDIA}/missing.jpg")


def test_a_file_name_that_clashes_with_a_rendition_is_refused(tmp_path: Path) -> None:
    photos = {
        f"{MEDIA}/scene.jpg": jpeg(halves((1000, 800))),
        f"{MEDIA}/scene.480.jpg": jpeg(halves((900, 600))),
    }
    lib = library(tmp_path, photos)
    with pytest.raises(PhotoError, match=r"scene\.480\.jpg.*重名"):
        lib.get_many(photos)


def test_the_warmer_fills_the_cache_with_what_the_check_would_accept(tmp_path: Path) -> None:
    photos = {
        **three_photos(),
        f"{MEDIA}/broken.jpg": truncated_jpeg(),
        f"{MEDIA}/huge.jpg": jpeg(halves((900, 600))),  # over the limit given below
        f"{MEDIA}/notes.txt": b"not a photo",
    }
    first = library(tmp_path, photos)
    (first.content_dir / MEDIA / "huge.jpg").write_bytes(b"\xff" * 300_000)
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(jpeg(halves((800, 600))))
    (first.content_dir / MEDIA / "link.jpg").symlink_to(outside)

    warmer = CacheWarmer(first.cache_dir, first.content_dir, 200_000, {".jpg"}).start()
    assert warmer.wait() == frozenset(three_photos())
    # What the library finds there is what it would have made itself.
    warm = PhotoLibrary(first.cache_dir, first.content_dir).get_many(three_photos())
    cold = PhotoLibrary(tmp_path / "cold", first.content_dir).get_many(three_photos())
    for a, b in zip(warm, cold, strict=True):
        assert [r.file.read_bytes() for r in a.renditions] == [
            r.file.read_bytes() for r in b.renditions
        ]
    again = CacheWarmer(first.cache_dir, first.content_dir, 200_000, {".jpg"}).start()
    assert again.wait() == frozenset()


def test_a_serve_sessions_warmers_skip_the_photos_taken_unchanged(tmp_path: Path) -> None:
    """A rebuild's warmer is given the published photos and the session's record: a
    photo whose file is as the last warmer found it is not even read again."""
    lib = library(tmp_path, three_photos())
    warmed: WarmedPhotos = {}
    sources = sorted(three_photos())

    def warm() -> frozenset[str]:
        return (
            CacheWarmer(
                lib.cache_dir, lib.content_dir, 200_000, {".jpg"}, sources=sources, warmed=warmed
            )
            .start()
            .wait()
        )

    assert warm() == frozenset(sources)
    assert set(warmed) == set(sources)
    shutil.rmtree(lib.cache_dir)  # were they looked at, they would be rendered again
    assert warm() == frozenset()
    assert not lib.cache_dir.exists()
    (lib.content_dir / sources[0]).write_bytes(jpeg(halves((700, 500))))
    assert warm() == {sources[0]}


# --- a damaged cache -----------------------------------------------------------------------


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_a_byte(path: Path) -> None:
    # Same size, different content: only the digest can tell.
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_empty, _truncate, _flip_a_byte])
def test_a_damaged_cached_file_is_rendered_again(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    first = library(tmp_path, three_photos())
    photo = first.get(f"{MEDIA}/scene-1.jpg")
    good = {r.path: r.file.read_bytes() for r in photo.renditions}
    damage(photo.fallback.file)
    damage(photo.thumb(WEBP).file)
    second = PhotoLibrary(first.cache_dir, first.content_dir)
    again = second.get(f"{MEDIA}/scene-1.jpg")
    assert (second.processed, second.reused) == (1, 0)
    assert {r.path: r.file.read_bytes() for r in again.renditions} == good
    with Image.open(again.fallback.file) as image:
        image.load()
    # The repaired entry is trusted again by the next build.
    third = PhotoLibrary(first.cache_dir, first.content_dir)
    third.get(f"{MEDIA}/scene-1.jpg")
    assert (third.processed, third.reused) == (0, 1)


def test_an_interrupted_render_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = library(tmp_path, three_photos())
    real_write = Path.write_bytes
    written: list[Path] = []

    def write_then_fail(self: Path, data: bytes) -> int:
        if written:
            raise KeyboardInterrupt  # Ctrl-C while the second file is being written
        written.append(self)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_then_fail)
    with pytest.raises(KeyboardInterrupt):
        lib.get(f"{MEDIA}/scene-1.jpg")
    monkeypatch.undo()
    assert written and written[0].name.endswith(".webp")
    assert [p for p in lib.cache_dir.rglob("*") if p.is_file()] == []
    assert [p for p in lib.cache_dir.rglob("*") if ".tmp" in p.name] == []
    # Nothing half-made is taken for an entry: the next build renders it whole.
    again = PhotoLibrary(lib.cache_dir, lib.content_dir)
    photo = again.get(f"{MEDIA}/scene-1.jpg")
    assert again.processed == 1 and photo.fallback.file.is_file()


def test_temporary_folders_of_killed_renders_are_swept_when_old(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = cache / "ab" / ".abcdef012345-x1.tmp"
    young = cache / "cd" / ".cdef01234567-x2.tmp"
    entry = cache / "ab" / ("ab" + "0" * 62)
    for folder in (old, young, entry):
        folder.mkdir(parents=True)
        (folder / "960.jpg").write_bytes(b"half")
    now = time.time()
    os.utime(old, (now - 2 * STALE_SECONDS, now - 2 * STALE_SECONDS))
    assert sweep_stale(cache, now) == 1
    assert not old.exists()
    assert young.is_dir() and entry.is_dir()  # a parallel build's, and a real entry

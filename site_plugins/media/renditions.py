"""Responsive photos: every photo in a few widths, WebP for today's browsers, JPEG for the rest.

For one source photo the pipeline makes

* **sizes**: 480, 960 and 1600 pixels wide (never wider than the source; a source
  narrower than 1600 also gets its own width when that is clearly wider than the widest
  size kept, so a 1200-pixel photo is not shown at 960 on a desktop), and
* a **thumbnail**: a 320×240 centre crop, so that cards in listings line up in a grid
  whatever the photo's shape (a portrait and a landscape give boxes of one size, the
  page never jumps while they load, and a template may write ``width="320"
  height="240"`` without knowing the photo),

each as WebP and as JPEG. The source is decoded **once** (behind the decompression-bomb
guard of :mod:`.photos`), turned upright by its EXIF orientation, converted to sRGB and
stripped of all metadata; every size is then made from the previous, larger one.

Results are cached in a folder keyed by a hash of the source bytes and the pipeline's
settings, one sub-folder per photo that appears only complete (written under a
temporary name, then renamed), so several builds may share one cache at once. The
manifest records each file's size and SHA-256; a file that no longer matches (emptied,
truncated, edited by hand, damaged on disk) makes the entry count as missing, so it is
rendered again instead of published.

Plain Python: :class:`PhotoLibrary` knows nothing of MkDocs. Site paths sit next to
the source: ``stations/q/z/media/scene-1.jpg`` → ``stations/q/z/media/scene-1.960.webp``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import PIL
from PIL import Image, ImageCms, ImageOps

from site_plugins.media.photos import PhotoError, decode

WEBP = "image/webp"
JPEG = "image/jpeg"
_EXTENSIONS = {WEBP: "webp", JPEG: "jpg"}
_MANIFEST = "manifest.json"

# Bump when the pipeline's code changes what it writes: every cached photo is redone.
PIPELINE_VERSION = "2"


@dataclass(frozen=True)
class Pipeline:
    """What the renditions look like; every field is part of the cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    # A source narrower than the widest width also gets its own width when it is at
    # least this much wider than the widest size kept (1200 → 480, 960, 1200; but
    # 1000 → 480, 960 only: 4 % more pixels are not worth a file).
    own_width_gain: float = 1.2
    thumb_size: tuple[int, int] = (320, 240)
    jpeg_quality: int = 82
    webp_quality: int = 80
    # libwebp effort 0–6. 6 saves about 8 % of the bytes but takes 40 % longer per photo
    # (measured on a 4000×3000 JPEG: 270 ms at 4, 375 ms at 6); 4 is libwebp's default.
    webp_method: int = 4

    def key(self) -> str:
        """The settings as text for the cache key, with the encoder versions."""
        return json.dumps(
            {
                "pipeline": PIPELINE_VERSION,
                "pillow": PIL.__version__,
                "widths": sorted(self.widths),
                "own_width_gain": self.own_width_gain,
                "thumb": list(self.thumb_size),
                "jpeg": self.jpeg_quality,
                "webp": [self.webp_quality, self.webp_method],
            },
            sort_keys=True,
        )

    def plan_widths(self, source_width: int) -> tuple[int, ...]:
        """The widths made for a source this wide, ascending; never above the source."""
        kept = sorted(w for w in set(self.widths) if w <= source_width)
        if source_width < max(self.widths) and (
            not kept or source_width >= kept[-1] * self.own_width_gain
        ):
            kept.append(source_width)
        return tuple(kept)


@dataclass(frozen=True)
class Rendition:
    """One published file: its site path, pixel size, type, and the cached file to copy."""

    path: str  # site path, e.g. stations/q/z/media/scene-1.960.webp
    width: int
    height: int
    mime: str  # image/webp or image/jpeg
    file: Path  # the file in the cache that the build copies to ``path``


@dataclass(frozen=True)
class PhotoSet:
    """Every rendition of one source photo.

    ``width``/``height`` are the upright source's; ``sizes`` are ascending by width, WebP
    before JPEG at each width; ``thumbs`` are the thumbnail in both types.
    """

    src: str  # path inside content/, as in the catalogue
    width: int
    height: int
    sizes: tuple[Rendition, ...]
    thumbs: tuple[Rendition, ...]

    def srcset(self, mime: str) -> str:
        """``a.480.webp 480w, a.960.webp 960w, …`` in site paths, for ``<source srcset>``."""
        return ", ".join(f"{r.path} {r.width}w" for r in self.sizes if r.mime == mime)

    @property
    def fallback(self) -> Rendition:
        """The largest JPEG: ``<img src>`` for browsers without ``<picture>`` or WebP."""
        return max((r for r in self.sizes if r.mime == JPEG), key=lambda r: r.width)

    def thumb(self, mime: str) -> Rendition:
        return next(r for r in self.thumbs if r.mime == mime)

    @property
    def renditions(self) -> tuple[Rendition, ...]:
        """Every file to publish (sizes, then thumbnails)."""
        return self.sizes + self.thumbs


# --- the pipeline: bytes in, encoded renditions out -------------------------------------


@dataclass(frozen=True)
class Encoded:
    name: str  # e.g. "960" or "thumb"
    width: int
    height: int
    mime: str
    data: bytes

    @property
    def file_name(self) -> str:
        return f"{self.name}.{_EXTENSIONS[self.mime]}"


@dataclass(frozen=True)
class Rendered:
    width: int  # upright source
    height: int
    files: tuple[Encoded, ...]


def render(data: bytes, pipeline: Pipeline) -> Rendered:
    """Decode ``data`` once and encode every rendition (no cache)."""
    try:
        image, width, height = _upright_srgb(data, max(pipeline.widths))
        return Rendered(width, height, tuple(_encode_all(image, width, height, pipeline)))
    except PhotoError:
        raise
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError) as exc:
        # Pillow reports a bad file from deep inside a decoder or the EXIF reader.
        raise PhotoError("照片文件已损坏或不是图片") from exc


def _upright_srgb(data: bytes, widest: int) -> tuple[Image.Image, int, int]:
    """The photo upright, in sRGB RGB, without metadata; with the upright source size.

    The returned image may be smaller than the source (JPEG DCT scaling) but is never
    narrower than ``widest`` or the source, whichever is less.
    """
    image = decode(data, min_upright_width=widest)  # the guarded decode, first
    with Image.open(io.BytesIO(data)) as header:  # the size before any DCT scaling
        stored_width, stored_height = header.size
    sideways = image.getexif().get(0x0112) in (5, 6, 7, 8)
    width, height = (stored_height, stored_width) if sideways else (stored_width, stored_height)
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image)
    image.info.clear()  # no EXIF, ICC, XMP, comment or DPI travels on to any rendition
    return image, width, height


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB in sRGB: colours converted from an embedded profile, transparency on white.

    The profile is then dropped with the other metadata, so a Display P3 photo from a
    recent phone must be converted first or it would look dull.
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, (255, 255, 255))
        image.paste(rgba, mask=rgba.getchannel("A"))
        # The profile (if any) was lost with the conversion; fine for the rare PNG.
        return image
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK", "L"):
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
    return image.convert("RGB")


def _encode_all(
    image: Image.Image, width: int, height: int, pipeline: Pipeline
) -> Iterator[Encoded]:
    """Sizes from the widest down, each resized from the previous; then the thumbnail."""
    made: list[Image.Image] = [image]
    current = image
    for target_width in sorted(pipeline.plan_widths(width), reverse=True):
        target = (target_width, max(1, round(height * target_width / width)))
        if current.size != target:
            current = current.resize(target, Image.Resampling.LANCZOS)
            made.append(current)
        yield from _both(str(target_width), current, pipeline)
    yield from _both("thumb", _thumbnail(made, pipeline.thumb_size), pipeline)


def _thumbnail(made: list[Image.Image], size: tuple[int, int]) -> Image.Image:
    """A centre crop of ``size``'s shape, from the smallest image that still fills it.

    Never upscaled: a source too small for the box gives the largest crop it has.
    """
    box_w, box_h = size

    def crop_size(im: Image.Image) -> tuple[float, float]:
        scale = min(im.width / box_w, im.height / box_h)
        return box_w * scale, box_h * scale

    fits = [im for im in made if crop_size(im)[0] >= box_w]
    base = min(fits, key=lambda im: im.width) if fits else made[0]
    crop_w, crop_h = crop_size(base)
    left, top = (base.width - crop_w) / 2, (base.height - crop_h) / 2
    region = (left, top, left + crop_w, top + crop_h)
    if fits:
        return base.resize(size, Image.Resampling.LANCZOS, box=region)
    whole = (round(left), round(top), round(left) + round(crop_w), round(top) + round(crop_h))
    return base.crop(whole)


def _both(name: str, image: Image.Image, pipeline: Pipeline) -> Iterator[Encoded]:
    webp = io.BytesIO()
    image.save(webp, format="WEBP", quality=pipeline.webp_quality, method=pipeline.webp_method)
    yield Encoded(name, image.width, image.height, WEBP, webp.getvalue())
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=pipeline.jpeg_quality, optimize=True, progressive=True)
    yield Encoded(name, image.width, image.height, JPEG, jpeg.getvalue())


# --- the library: cached renditions by content hash -------------------------------------


@dataclass
class PhotoLibrary:
    """Renditions of the photos under ``content_dir``, cached in ``cache_dir``.

    ``get`` decodes a photo only when the cache has no complete entry for its bytes and
    settings; ``processed`` and ``reused`` count both outcomes (each source path once
    per library). Site paths are claimed as they are handed out, so a photo whose
    renditions would overwrite another photo's file is refused.
    """

    cache_dir: Path
    content_dir: Path
    pipeline: Pipeline = field(default_factory=Pipeline)
    processed: int = 0
    reused: int = 0
    _sets: dict[str, PhotoSet] = field(default_factory=dict, repr=False)
    _claimed: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, src: str) -> PhotoSet:
        """The renditions of ``src`` (a path inside content/), made or taken from the cache."""
        known = self._sets.get(src)
        if known is not None:
            return known
        return self._accept(src, *self._fetch(src))

    def get_many(self, sources: Iterable[str], workers: int | None = None) -> list[PhotoSet]:
        """``get`` for each source, decoding in ``workers`` threads (default: one per CPU).

        Pillow releases the GIL while it decodes, resizes and encodes, so a cold cache
        fills about as many times faster as there are cores. Results, counters and
        errors (the first, in the order given) are as if ``get`` ran one by one.
        """
        wanted = list(dict.fromkeys(sources))
        todo = [src for src in wanted if src not in self._sets]
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            for src, fetched in zip(todo, pool.map(self._fetch, todo), strict=True):
                self._accept(src, *fetched)
        return [self._sets[src] for src in wanted]

    def _fetch(self, src: str) -> tuple[Path, dict[str, Any], bool]:
        """The cache entry of ``src`` and its manifest, rendering it if missing.

        Touches no state of the library, so threads may run it side by side.
        """
        try:
            data = (self.content_dir / src).read_bytes()
        except OSError as exc:
            raise PhotoError("照片文件无法读取") from exc
        digest = hashlib.sha256(data)
        digest.update(b"\0" + self.pipeline.key().encode())
        key = digest.hexdigest()
        entry = self.cache_dir / key[:2] / key
        manifest = _read_entry(entry)
        if manifest is not None:
            return entry, manifest, False
        return entry, _store(entry, render(data, self.pipeline)), True

    def _accept(self, src: str, entry: Path, manifest: dict[str, Any], processed: bool) -> PhotoSet:
        photo_set = _photo_set(src, entry, manifest)
        self._claim(photo_set)
        if processed:
            self.processed += 1
        else:
            self.reused += 1
        self._sets[src] = photo_set
        return photo_set

    def _claim(self, photo_set: PhotoSet) -> None:
        paths = [photo_set.src] + [r.path for r in photo_set.renditions]
        for path in paths:
            owner = self._claimed.get(path)
            if owner is not None and owner != photo_set.src:
                raise PhotoError(
                    f"缩放后的文件 {path} 与照片 {owner} 重名，请给其中一张照片改名"
                    "（文件名里不要用“.数字”或“.thumb”结尾）"
                )
        for path in paths:
            self._claimed[path] = photo_set.src


_WEB_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def web_stem(stem: str) -> str:
    """The name a photo's renditions are published under: the stem itself when it is
    already a plain web name, else its pinyin plus a short hash of the original.

    Phones and the form editor give names such as ``端午 包粽子.jpg``; a space would
    split a ``srcset`` entry and Chinese in an address is garbled by some servers and
    QR readers. The hash keeps two names with the same pinyin apart.
    """
    if _WEB_NAME.fullmatch(stem):
        return stem
    # Imported here: pypinyin's phrase tables take a fifth of a second to load, which every
    # `validate`, `owners` and scaffold run would pay for the few photos not named plainly.
    from pypinyin import lazy_pinyin

    words = "-".join(lazy_pinyin(stem, errors="default")).lower()
    plain = re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:48].strip("-")
    tag = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:6]
    return f"{plain}-{tag}" if plain else f"photo-{tag}"


def _photo_set(src: str, entry: Path, manifest: dict[str, Any]) -> PhotoSet:
    source = PurePosixPath(src)

    def rendition(item: dict[str, Any]) -> Rendition:
        name, ext = item["file"].rsplit(".", 1)
        return Rendition(
            path=str(source.with_name(f"{web_stem(source.stem)}.{name}.{ext}")),
            width=item["width"],
            height=item["height"],
            mime=item["mime"],
            file=entry / item["file"],
        )

    files = [rendition(item) for item in manifest["files"]]
    sizes = sorted(
        (r for r, item in zip(files, manifest["files"], strict=True) if item["name"] != "thumb"),
        key=lambda r: (r.width, r.mime != WEBP),
    )
    thumbs = sorted(
        (r for r, item in zip(files, manifest["files"], strict=True) if item["name"] == "thumb"),
        key=lambda r: r.mime != WEBP,
    )
    return PhotoSet(src, manifest["width"], manifest["height"], tuple(sizes), tuple(thumbs))


def _read_entry(entry: Path) -> dict[str, Any] | None:
    """The manifest of a complete, intact cache entry, or None (absent or damaged)."""
    try:
        manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not manifest.get("files"):
            return None
        if all(_intact(entry / item["file"], item) for item in manifest["files"]):
            return manifest
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _intact(path: Path, item: dict[str, Any]) -> bool:
    """Whether a cached file still has the size and digest its manifest recorded.

    The size is checked first (a stat: catches emptied and truncated files at no cost);
    the digest then reads the file, which the build is about to copy anyway. Hashing
    every rendition of the demo county (84 photos, 582 files, 8.7 MB) costs ~45 ms.
    """
    size = item["bytes"]
    if not isinstance(size, int) or path.stat().st_size != size:
        return False
    return bool(_digest(path.read_bytes()) == item["sha256"])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _store(entry: Path, rendered: Rendered) -> dict[str, Any]:
    """Write one entry: into a fresh temporary folder, then renamed into place whole.

    If a parallel build renamed its (identical) entry first, ours is dropped and theirs
    used; a damaged entry left by hand is replaced.
    """
    manifest: dict[str, Any] = {
        "width": rendered.width,
        "height": rendered.height,
        "files": [
            {
                "file": f.file_name,
                "name": f.name,
                "width": f.width,
                "height": f.height,
                "mime": f.mime,
                "bytes": len(f.data),
                "sha256": _digest(f.data),
            }
            for f in rendered.files
        ],
    }
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name[:12]}-", suffix=".tmp", dir=entry.parent))
    try:
        for f in rendered.files:
            (tmp / f.file_name).write_bytes(f.data)
        (tmp / _MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        tmp.chmod(0o755)  # mkdtemp makes it private; the cache may be shared
        for _attempt in range(3):
            try:
                tmp.rename(entry)
                return manifest
            except OSError:
                existing = _read_entry(entry)
                if existing is not None:
                    return existing  # a parallel build won; its files are the same
                shutil.rmtree(entry, ignore_errors=True)  # damaged: replace it
        raise PhotoError("照片缓存目录无法写入")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Older than this, a temporary folder in the cache belongs to no running build.
STALE_SECONDS = 3600


def sweep_stale(cache_dir: Path, now: float, older_than: float = STALE_SECONDS) -> int:
    """Remove temporary entry folders left by renders that were killed mid-write.

    A render that fails or is interrupted removes its own folder (``_store``); only a
    process killed outright (SIGKILL, power loss) leaves one. A young one may belong to
    a build running beside this one, so only old ones go. Returns how many went.
    """
    removed = 0
    for tmp in cache_dir.glob("*/.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > older_than:
                shutil.rmtree(tmp)
                removed += 1
    return removed


# --- warming the cache while the content loads ------------------------------------------

# A serve session's photos taken by its warmers: path inside content/ -> the file's
# (mtime_ns, ctime_ns, size, inode, device) when taken.
WarmedPhotos = dict[str, tuple[int, int, int, int, int]]


class CacheWarmer:
    """Renders the photos under ``content_dir``'s ``stations/*/*/media/`` into the cache,
    in background threads, while the build does something else (reads the content).

    On a cold cache the photos cost as much as reading a county's content; both at once
    use a core that would otherwise idle. Nothing is decided here: a photo that fails is
    skipped (the content check reports it), and ``PhotoLibrary`` later takes whatever is
    cached and renders the rest. ``rendered`` holds the photos this warmer made.
    """

    def __init__(
        self,
        cache_dir: Path,
        content_dir: Path,
        size_limit: int,
        suffixes: Iterable[str],
        pipeline: Pipeline | None = None,
        *,
        sources: Sequence[str] | None = None,
        warmed: WarmedPhotos | None = None,
    ) -> None:
        """``sources``: the photos to warm (paths inside content/), instead of every photo
        in a media/ folder. ``warmed``: kept by a serve session between its warmers; a
        photo whose file has the stamp it had when an earlier warmer took it is skipped
        (not read nor hashed again: its renditions are cached, or the library, which
        checks every entry, renders them)."""
        self.library = PhotoLibrary(cache_dir, content_dir, pipeline or Pipeline())
        self.size_limit = size_limit
        self.suffixes = frozenset(suffixes)
        self.rendered: frozenset[str] = frozenset()
        self.given = sources
        self.warmed = warmed
        self._thread = threading.Thread(target=self._run, name="photo-cache", daemon=True)

    def start(self) -> CacheWarmer:
        self._thread.start()
        return self

    def wait(self) -> frozenset[str]:
        self._thread.join()
        return self.rendered

    def _sources(self) -> list[str]:
        root = self.library.content_dir
        found = []
        for path in sorted(root.glob("stations/*/*/media/*")):
            # Only plain files inside content/ within the size limit: what the content
            # check would accept, so nothing here reads what the build would refuse.
            if path.is_symlink() or path.suffix.lower() not in self.suffixes:
                continue
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_size <= self.size_limit:
                    found.append(path.relative_to(root).as_posix())
        return found

    def _warm(self, src: str) -> bool:
        try:
            return self.library._fetch(src)[2]
        except PhotoError:
            return False

    def _unwarmed(self, sources: list[str]) -> list[str]:
        """``sources`` but those ``warmed`` has taken with the file's present stamp (each
        of the others is recorded with its stamp, taken before it is read)."""
        if self.warmed is None:
            return sources
        left = []
        for src in sources:
            try:
                info = (self.library.content_dir / src).stat()
            except OSError:
                continue  # the library reports it
            stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)
            if self.warmed.get(src) != stamp:
                self.warmed[src] = stamp
                left.append(src)
        return left

    def _run(self) -> None:
        sweep_stale(self.library.cache_dir, time.time())
        sources = self._unwarmed(self._sources() if self.given is None else list(self.given))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            made = list(pool.map(self._warm, sources))
        self.rendered = frozenset(src for src, new in zip(sources, made, strict=True) if new)

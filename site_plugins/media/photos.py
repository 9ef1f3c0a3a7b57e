"""Publishing a clerk's photo without leaking what the camera recorded.

Every photo is decoded with Pillow's decompression-bomb guard, turned upright by its EXIF
orientation, shrunk, and re-encoded with no metadata at all (no GPS position, no camera
serial). The output is cached by a hash of the input bytes and the settings, so a
rebuild with unchanged photos decodes none of them.

:mod:`.renditions` builds on :func:`decode` to make responsive sizes, thumbnails and
WebP copies of each photo; :class:`PhotoCache` (one JPEG per photo) is the older path.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

# About 50 megapixels: larger than any phone photo, far below what exhausts memory.
MAX_PIXELS = 50_000_000
PIPELINE_VERSION = "1"


class PhotoError(Exception):
    """A photo that cannot be published, with a Chinese reason."""


@dataclass(frozen=True)
class PublishedPhoto:
    width: int
    height: int
    data: bytes


# Pillow's own guard (a warning above this, an error above twice this), set once.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


_ORIENTATION = 0x0112
_SIDEWAYS = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def decode(data: bytes, min_upright_width: int | None = None) -> Image.Image:
    """The stored pixels, loaded behind the decompression-bomb guard (not yet upright).

    With ``min_upright_width``, a JPEG may be decoded at a reduced scale (libjpeg's DCT
    scaling: 1/2, 1/4, 1/8) as long as the upright result stays at least that wide. That
    makes a 12-megapixel phone photo decode about four times faster when nothing wider
    than 1600 pixels is wanted from it.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(f"照片像素过多（{image.width}×{image.height}），疑似异常文件")
            if min_upright_width and image.format in ("JPEG", "MPO"):
                sideways = image.getexif().get(_ORIENTATION) in _SIDEWAYS
                upright_width = image.height if sideways else image.width
                if upright_width > min_upright_width:
                    scale = min_upright_width / upright_width
                    wanted = (math.ceil(image.width * scale), math.ceil(image.height * scale))
                    image.draft(None, wanted)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError("照片像素过多，疑似异常文件") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoError("照片文件已损坏或不是图片") from exc
    return image


_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def check_photo(path: Path) -> str | None:
    """A cheap look at a photo's header: the Chinese reason it is unusable, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    return f"照片像素过多（{image.width}×{image.height}），疑似异常文件"
                if image.format not in ("JPEG", "PNG", "WEBP", "MPO"):
                    return f"照片实际格式是 {image.format}，不是 JPG 或 PNG"
                fmt = image.format
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "照片像素过多，疑似异常文件"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "照片文件已损坏或不是图片"
    if fmt in ("JPEG", "MPO") and not _jpeg_is_complete(path):
        return "照片文件不完整（可能没有上传完）"
    return None


def _jpeg_is_complete(path: Path) -> bool:
    """True if an end-of-image marker follows the last start-of-scan marker.

    Pillow's verify() does not decode JPEG data, so a half-uploaded photo passes it and
    fails only at build time. Inside scan data 0xFF is always stuffed (FF 00), so FF D9
    after the last FF DA means the main image really ends; an EXIF thumbnail's own
    markers come earlier in the file and cannot satisfy this.
    """
    data = path.read_bytes()
    last_scan = data.rfind(b"\xff\xda")
    return last_scan >= 0 and data.find(b"\xff\xd9", last_scan) >= 0


def publish_photo(data: bytes, max_side: int, suffix: str) -> PublishedPhoto:
    """Upright, bounded, metadata-free, in the format its file name promises."""
    image = ImageOps.exif_transpose(decode(data))
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    fmt = _FORMATS[suffix.lower()]
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format="WEBP", quality=80)
    return PublishedPhoto(image.width, image.height, out.getvalue())


class PhotoCache:
    """Processed photos on disk, keyed by input hash and settings.

    One file per photo; :class:`site_plugins.media.renditions.PhotoLibrary` supersedes it.
    """

    def __init__(self, folder: Path, max_side: int) -> None:
        self.folder = folder
        self.max_side = max_side
        self.processed = 0  # how many photos this run actually decoded
        self.reused = 0

    def get(self, source: Path) -> bytes:
        data = source.read_bytes()
        key = hashlib.sha256(data + f"|{self.max_side}|{PIPELINE_VERSION}".encode()).hexdigest()
        cached = self.folder / key[:2] / key
        if cached.is_file():
            self.reused += 1
            return cached.read_bytes()
        published = publish_photo(data, self.max_side, source.suffix).data
        atomic_write(cached, published)
        self.processed += 1
        return published


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` so that no reader, in this build or a parallel one, sees it half-written.

    The bytes go to a temporary file of a unique name in the same folder, which is then
    renamed over ``path`` (atomic on one file system; the last writer wins, and every
    writer writes the same bytes for the same key).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

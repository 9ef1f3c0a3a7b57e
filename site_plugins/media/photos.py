"""Publishing a clerk's photo without leaking what the camera recorded.

Every photo is decoded with Pillow's decompression-bomb guard, turned upright by its EXIF
orientation, shrunk, and re-encoded with no metadata at all (no GPS position, no camera
serial). The output is cached by a hash of the input bytes and the settings, so a
rebuild with unchanged photos decodes none of them.
"""

from __future__ import annotations

import hashlib
import io
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


def _decode(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(f"照片像素过多（{image.width}×{image.height}），疑似异常文件")
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
    image = ImageOps.exif_transpose(_decode(data))
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
    """Processed photos on disk, keyed by input hash and settings."""

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
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(published)
        tmp.replace(cached)
        self.processed += 1
        return published

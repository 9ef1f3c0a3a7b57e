"""A clerk's photo, checked with the validator's rules and copied under a safe name.

Phone and WeChat photos arrive as ``IMG_20260612_101010.JPG``, ``微信图片_2026….jpg`` or
``端午 包粽子.jpeg``. They are checked first, with the same size limit and header check
the validator applies (so nothing is written for a photo the build would refuse), then
copied into the station's ``media/`` as lower-case ASCII (pinyin for Chinese, hyphens
for spaces and other characters, the extension taken from the real format, ``.jpg`` for
JPEG), with ``-2``, ``-3`` when the name is taken.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from PIL import Image

from site_plugins.content.loader import PHOTO_SIZE_LIMIT, PHOTO_SUFFIXES
from site_plugins.content.model import SLUG_RE
from site_plugins.media.photos import check_photo
from site_plugins.scaffold.answers import AnswerError
from site_plugins.scaffold.entries import free_path, title_slug

# Long phone names (微信图片_20260612101010_1234567890.jpg) stay readable when cut here.
MAX_STEM_LENGTH = 48
_EXTENSIONS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_WORDS = re.compile(r"[0-9A-Za-z]+|[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")

SHRINK_HOW = (
    "先把照片缩小再用：手机上在相册里“编辑”后另存为较小尺寸，或用“压缩”功能；"
    "也可以用微信发给自己（不要勾选“原图”）再保存；电脑上用“画图”的“重新调整大小”"
    "把长边改为 2000 像素左右，另存为 JPG"
)


@dataclass(frozen=True)
class PhotoSource:
    """A checked photo file and the extension its real format calls for."""

    path: Path
    extension: str  # .jpg | .png | .webp


@dataclass(frozen=True)
class PlannedPhoto:
    source: PhotoSource
    target: Path  # in the station's media/ folder
    copy: bool  # False when the target already holds these very bytes

    @property
    def entry_path(self) -> str:
        """How the entry refers to it: ``media/<name>``."""
        return f"media/{self.target.name}"


def clean_path_text(text: str) -> str:
    """A path as typed, pasted or dragged into a terminal: quotes, ``file://`` URLs and
    backslash-escaped spaces (``端午\\ 包粽子.jpg``) are undone."""
    value = text.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if value.startswith("file://"):
        value = unquote(urlparse(value).path)
    if not Path(value).expanduser().exists():
        value = re.sub(r"\\(.)", r"\1", value)
    return value


def check_source(text: str) -> PhotoSource:
    """Raise AnswerError (in Chinese, with how to fix it) unless the photo can be published."""
    shown = clean_path_text(text)
    if not shown:
        raise AnswerError("没有写照片路径", "写照片文件的位置，或把照片文件拖进终端窗口")
    path = Path(shown).expanduser()
    if not path.is_file():
        what = "是一个文件夹，不是照片文件" if path.is_dir() else "找不到"
        raise AnswerError(
            f"照片“{shown}”{what}",
            "检查路径和文件名；也可以把照片文件直接拖进终端窗口，路径会自动填好",
        )
    size = path.stat().st_size
    if size > PHOTO_SIZE_LIMIT:
        raise AnswerError(
            f"照片“{path.name}”有 {size / 1024 / 1024:.1f} MB，"
            f"超过了 {PHOTO_SIZE_LIMIT // 1024 // 1024} MB 的上限",
            SHRINK_HOW,
        )
    if path.suffix.lower() in (".heic", ".heif"):
        raise AnswerError(
            f"照片“{path.name}”是苹果手机的 HEIC 格式，网站不支持",
            "在手机“设置 → 相机 → 格式”选“兼容性最佳”后重拍，或把照片另存为 JPG 再用",
        )
    broken = check_photo(path)
    if broken:
        raise AnswerError(
            f"照片“{path.name}”不能用：{broken}",
            "请重新导出为 JPG（长边 2000 像素左右）后再用",
        )
    with Image.open(path) as image:
        extension = _EXTENSIONS.get(image.format or "", "")
    if extension not in PHOTO_SUFFIXES:
        raise AnswerError(f"照片“{path.name}”不是 JPG、PNG 或 WebP 格式", "请另存为 JPG 后再用")
    return PhotoSource(path, extension)


def safe_stem(name: str) -> str:
    """An ASCII file-name stem: 端午 包粽子 → ``duan-wu-bao-zong-zi``,
    IMG_20260612_101010 → ``img-20260612-101010``; ``photo`` if nothing is left."""
    text = unicodedata.normalize("NFKC", name)
    words = [
        title_slug(word, max_syllables=1000) if not word.isascii() else word.lower()
        for word in _WORDS.findall(text)
    ]
    stem = "-".join(w for w in words if w)
    if len(stem) > MAX_STEM_LENGTH:
        cut = stem[:MAX_STEM_LENGTH]
        stem = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return stem if SLUG_RE.match(stem) else "photo"


def plan_photos(
    sources: Sequence[PhotoSource], media: Path, stems: Sequence[str | None] = ()
) -> list[PlannedPhoto]:
    """Where each photo goes in ``media``. ``stems`` may give a name per photo (an
    honoree's photo is named after the honoree, as in the demo); otherwise the original
    file name is made safe. A photo already in ``media`` under a safe name is used as it is.
    """
    planned: list[PlannedPhoto] = []
    for index, source in enumerate(sources):
        wanted = stems[index] if index < len(stems) else None
        stem = wanted or safe_stem(source.path.stem)
        if _already_in(source, media):
            planned.append(PlannedPhoto(source, source.path, copy=False))
            continue
        same = media / f"{stem}{source.extension}"
        if same.is_file() and same.read_bytes() == source.path.read_bytes():
            planned.append(PlannedPhoto(source, same, copy=False))
            continue
        target = free_path(media, stem, source.extension, [p.target for p in planned])
        planned.append(PlannedPhoto(source, target, copy=True))
    return planned


def _already_in(source: PhotoSource, media: Path) -> bool:
    path = source.path
    return (
        path.resolve().parent == media.resolve()
        and SLUG_RE.match(path.stem) is not None
        and path.suffix in PHOTO_SUFFIXES
    )


def copy_photos(planned: Sequence[PlannedPhoto]) -> list[Path]:
    """Copy the photos that need it; never replace a file (exclusive create)."""
    written: list[Path] = []
    for photo in planned:
        if not photo.copy:
            continue
        photo.target.parent.mkdir(parents=True, exist_ok=True)
        with photo.source.path.open("rb") as src, photo.target.open("xb") as dst:
            written.append(photo.target)
            shutil.copyfileobj(src, dst)
    return written

"""Photos: each path an entry names is checked (inside its unit's media/, present, a
supported image, not too large, readable), and every photo in media/ that no entry uses
or that would clash with another's published name is reported.

Only photos of published entries reach the site; a photo a refused entry names is
waiting for that entry's fix, so it is not called unused.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path, PurePosixPath

from site_plugins.content.load_state import LoadState, settled, stamp_of
from site_plugins.content.located import Mark, Reporter, YamlDoc, YamlPath
from site_plugins.content.names import web_name_clashes
from site_plugins.content.problems import Severity
from site_plugins.media.photos import check_photo

PHOTO_SIZE_LIMIT = 20 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}


class PhotoChecks(LoadState):
    """The checks of photo paths and of the photos in media/ folders."""

    def _photo(
        self, station_dir: Path, file: str, doc: YamlDoc, path: YamlPath, report: Reporter
    ) -> str | None:
        """Check a photo path; return it relative to content/ when it is usable."""
        where = doc.locate(path)
        control = next((ch for ch in file if ord(ch) < 32 or ord(ch) == 127), None)
        if control is not None:
            report.add(
                where,
                "BAD_PATH",
                f"照片路径里有看不见的控制字符（{control!r}），找不到文件",
                "删掉这一行重新输入路径，例如 media/scene-1.jpg",
            )
            return None
        pure = PurePosixPath(file.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", file):
            report.add(
                where,
                "PHOTO_OUTSIDE",
                f"照片路径“{file}”指向了本站文件夹以外",
                "照片放进本站 media/ 文件夹，路径写成 media/文件名，例如 media/scene-1.jpg",
            )
            return None
        target = station_dir / pure
        outside, is_file, size = self.photo_place(station_dir, target)
        if self.photo_log is not None:
            self.photo_log.append((station_dir, target))
        if outside:
            report.add(
                where, "PHOTO_OUTSIDE", f"照片“{file}”不在本站文件夹内", "例如 media/scene-1.jpg"
            )
            return None
        if not is_file:
            report.add(
                where,
                "PHOTO_MISSING",
                f"找不到照片 {file}",
                "检查文件名（区分大小写）并把照片放进本站 media/ 文件夹，例如 media/scene-1.jpg",
            )
            return None
        if pure.parts[0] != "media" or target.suffix.lower() not in PHOTO_SUFFIXES:
            report.add(
                where,
                "PHOTO_OUTSIDE",
                f"照片“{file}”应放在 media/ 文件夹，且为 JPG 或 PNG 格式",
                "例如 media/scene-1.jpg",
            )
            return None
        if size > PHOTO_SIZE_LIMIT:
            report.add(
                where,
                "FILE_TOO_LARGE",
                f"照片 {file} 有 {size / 1024 / 1024:.1f} MB，超过 {PHOTO_SIZE_LIMIT // 1024 // 1024} MB 上限",
                "用手机“压缩”或在电脑上另存为较小尺寸（长边 2000 像素左右即可）",
            )
            return None
        broken = self.photo_check(target)
        if broken:
            report.add(
                where,
                "PHOTO_BROKEN",
                f"{file}：{broken}",
                "请重新导出照片（JPG 格式，长边 2000 像素左右）后上传",
            )
            return None
        rel = self.rel(target)
        self.checked_photos.add(rel)
        if self.photo_log is not None:
            self.photo_log_checked.append(rel)
        return rel

    def photo_place(self, station_dir: Path, target: Path) -> tuple[bool, bool, int]:
        """See :func:`_photo_place`; asked once per load, since many entries share a few
        hundred photos."""
        place = self.photo_places.get(target)
        if place is None:
            place = self.photo_places[target] = _photo_place(station_dir, target)
        return place

    def photo_check(self, target: Path) -> str | None:
        """``check_photo(target)``, once per load; with a memo, once per serve session while
        the photo's stamp stays (opening every photo was a tenth of a serve rebuild)."""
        if target in self.photo_checks:
            return self.photo_checks[target]
        found = self._remembered_check(target) if self.memo is not None else None
        broken = found[0] if found is not None else check_photo(target)
        self.photo_checks[target] = broken
        return broken

    def _remembered_check(self, target: Path) -> tuple[str | None] | None:
        assert self.memo is not None
        key = str(target)
        try:
            stamp = stamp_of(target.stat())
        except OSError:
            return None
        kept = self.memo.photos.get(key)
        if kept is not None and kept[0] == stamp:
            return (kept[1],)
        broken = check_photo(target)
        if settled(stamp, self.read_at_ns):  # a racy one is checked again next time
            self.memo.photos[key] = (stamp, broken)
        return (broken,)

    def report_photo_clashes(self) -> None:
        """Two photos of one folder whose renditions would share names (a.jpg, a.png)."""
        for photo, earlier in web_name_clashes(self.checked_photos):
            self.reporter(self.root / photo).add(
                Mark(1, 1),
                "PHOTO_NAME_CLASH",
                f"照片 {PurePosixPath(photo).name} 与 {PurePosixPath(earlier).name} "
                "只差扩展名，发布后的文件名相同，会互相覆盖",
                f"给其中一张改名，并改正引用它的内容，例如 {_renamed(photo)}",
            )

    def report_unused_photos(self, media: list[Path]) -> None:
        for path in media:
            if self.rel(path) not in self.checked_photos and not self._named_by_refused(path):
                self.reporter(path).add(
                    Mark(1, 1),
                    "UNUSED_PHOTO",
                    "这张照片没有被任何活动或好人引用，不会发布",
                    "在活动的 photos 中引用它（例如 - media/scene-1.jpg），或删除它",
                    Severity.WARNING,
                )

    def _named_by_refused(self, photo: Path) -> bool:
        """Whether an entry refused for its errors names ``photo`` (even where its photo
        field itself failed): such a photo is waiting for that fix, not unused."""
        station_dir = photo.parent.parent
        needle = f"{photo.parent.name}/{photo.name}".encode()
        for entry in self.refused_entries.get(station_dir, []):
            with contextlib.suppress(OSError), entry.open("rb") as file:
                if needle in file.read(1024 * 1024):  # an oversized file: its start
                    return True
        return False


def _renamed(photo: str) -> str:
    """A suggested new name for a clashing photo: ``media/scene-1.png`` → ``media/scene-1-2.png``."""
    path = PurePosixPath(photo)
    return f"{path.parent.name}/{path.stem}-2{path.suffix}"


def _photo_place(station_dir: Path, target: Path) -> tuple[bool, bool, int]:
    """What the photo check asks the file system about a photo, asked once per load:
    whether it is outside its station's folder (or a link), whether it is a file, its size."""
    if target.is_symlink() or not target.resolve().is_relative_to(station_dir.resolve()):
        return True, False, 0
    if not target.is_file():
        return False, False, 0
    return False, True, target.stat().st_size

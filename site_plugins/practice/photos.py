"""Publishing the photos: every referenced photo as responsive renditions, never the original."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_plugins.content import Catalogue
from site_plugins.media.photos import PhotoError
from site_plugins.media.renditions import PhotoLibrary, PhotoSet

log = logging.getLogger("mkdocs.plugins.practice")


def publish(
    files: Files, config: MkDocsConfig, catalogue: Catalogue, cache: Path, warmed: frozenset[str]
) -> dict[str, PhotoSet]:
    """Add every rendition to the site's files; the photo sets by source path.

    Done before pages render because templates need each rendition's size. ``warmed``
    are the photos the cache warmer rendered during loading.
    """
    library = PhotoLibrary(cache, Path(config.docs_dir))
    try:
        photo_sets = library.get_many(catalogue.photos)
    except PhotoError as exc:
        raise PluginError(f"照片处理失败：{exc}") from exc
    for photo_set in photo_sets:
        for rendition in photo_set.renditions:
            files.append(File.generated(config, rendition.path, abs_src_path=str(rendition.file)))
    # Photos the warmer rendered are found in the cache by the library: count them as
    # processed, not reused.
    made = len(warmed.intersection(catalogue.photos))
    log.info("照片：%d 张重新处理，%d 张使用缓存", library.processed + made, library.reused - made)
    return {photo_set.src: photo_set for photo_set in photo_sets}

"""The ``cms`` plugin: the /admin/ form editor (Decap CMS) generated from the content model.

Adds, as generated files (nothing is written into content/): ``admin/index.html`` (the
station list), ``admin/edit/index.html`` (the one Decap page), for each station its
``config.yml`` and a page forwarding to the editor, the vendored ``decap-cms.js`` with
its license notices, and our ``wm-cms.js``.
They are static files, not pages, so they stay out of the navigation, the sitemap and
the site search. The configuration itself is built by :mod:`.decap` from the catalogue.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_plugins.cms import decap, pages
from site_plugins.cms.backends import BackendOptions, CmsOptionError, backend_settings
from site_plugins.cms.config import CmsConfig
from site_plugins.content import Catalogue
from site_plugins.content.catalogue import Station, Township
from site_plugins.generated import practice_catalogue

FOLDER = "admin"
HERE = Path(__file__).resolve().parent
VENDORED = (HERE / "vendor" / "decap-cms.js", HERE / "vendor" / "decap-cms.js.LICENSE.txt")
OUR_JS = HERE / "static" / pages.OUR_JS

LOGIN = {
    "test-repo": "",
    "github": "点开本站后用 GitHub 账号登录。",
    "gitlab": "点开本站后用 GitLab 账号登录。",
    "gitea": "点开本站后用本县代码托管平台（Gitea）的账号登录。",
    "forgejo": "点开本站后用本县代码托管平台（Forgejo）的账号登录。",
}


class CmsPlugin(BasePlugin[CmsConfig]):  # type: ignore[no-untyped-call]
    """Generates the form editor's pages and configurations."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.backend: dict[str, object] = {}
        self.content_path = "content"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        # Runs after practice's on_config (priority 100), which loads the catalogue.
        self.catalogue = practice_catalogue(config, "cms")
        try:
            self.backend = backend_settings(self._options())
        except CmsOptionError as exc:
            raise PluginError(f"mkdocs.yml：{exc}") from exc
        self.content_path = content_path(config)
        return config

    def _options(self) -> BackendOptions:
        options = self.config
        return BackendOptions(
            kind=options.backend,
            repo=options.repo,
            branch=options.branch,
            base_url=options.base_url,
            api_root=options.api_root,
            auth_endpoint=options.auth_endpoint,
            app_id=options.app_id,
            open_authoring=options.open_authoring,
        )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        catalogue = self.catalogue
        if not self.config.enabled or catalogue is None:
            return files
        townships = []
        stations: dict[str, str] = {}
        rules: dict[str, object] = {}
        for township in catalogue.townships:
            links = []
            for station in catalogue.stations_of(township.slug):
                title = f"{township.name}{station.full_name}"
                rules = self._add_station(files, config, catalogue, township, station, title=title)
                stations[station.key] = title
                links.append(pages.StationLink(f"{station.key}/", station.full_name))
            townships.append(pages.TownshipLinks(township.institute, links))
        index = pages.index_page(
            catalogue.county.meta.centre,
            townships,
            LOGIN.get(self.config.backend, ""),
            trial=self.config.backend == "test-repo",
        )
        files.append(File.generated(config, f"{FOLDER}/index.html", content=index))
        editor = pages.editor_page(decap.script_json({"rules": rules, "stations": stations}))
        files.append(File.generated(config, f"{FOLDER}/{pages.EDITOR}/index.html", content=editor))
        for path in (*VENDORED, OUR_JS):
            files.append(File.generated(config, f"{FOLDER}/{path.name}", abs_src_path=str(path)))
        return files

    def _add_station(
        self,
        files: Files,
        config: MkDocsConfig,
        catalogue: Catalogue,
        township: Township,
        station: Station,
        *,
        title: str,
    ) -> dict[str, object]:
        """The station's config.yml and forwarding page; returns the save rules."""
        form = decap.station_form(
            township,
            station,
            labels=catalogue.county.labels,
            backend=self.backend,
            content_path=self.content_path,
            site_url=config.site_url,
        )
        folder = f"{FOLDER}/{station.key}"
        page = pages.station_page(station.key, f"表单投稿 · {title}")
        files.append(File.generated(config, f"{folder}/index.html", content=page))
        yml = decap.config_yaml(form.config)
        files.append(File.generated(config, f"{folder}/config.yml", content=yml))
        return form.rules()


def content_path(config: MkDocsConfig) -> str:
    """The content folder as a path inside the repository (where mkdocs.yml is)."""
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve()
    try:
        return docs.relative_to(root).as_posix()
    except ValueError as exc:
        raise PluginError(
            f"cms 插件：内容文件夹 {docs} 不在 mkdocs.yml 所在的仓库 {root} 之内，表单无法定位文件"
        ) from exc

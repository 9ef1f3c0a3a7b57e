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
from mkdocs.structure.files import Files

from site_plugins.build import SitePlugin
from site_plugins.cms import plans
from site_plugins.cms.backends import BackendOptions, CmsOptionError, backend_settings
from site_plugins.cms.config import CmsConfig

LOGIN = {
    "test-repo": "",
    "github": "点开本站后用 GitHub 账号登录。",
    "gitlab": "点开本站后用 GitLab 账号登录。",
    "gitea": "点开本站后用本县代码托管平台（Gitea）的账号登录。",
    "forgejo": "点开本站后用本县代码托管平台（Forgejo）的账号登录。",
}


class CmsPlugin(SitePlugin[CmsConfig]):  # type: ignore[no-untyped-call]
    """Generates the form editor's pages and configurations."""

    plugin_name = "cms"

    def __init__(self) -> None:
        super().__init__()
        self.backend: dict[str, object] = {}
        self.content_path = "content"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        super().on_config(config)
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
        if not self.config.enabled:
            return files
        options = plans.FormOptions(
            backend=self.backend,
            content_path=self.content_path,
            site_url=config.site_url,
            login=LOGIN.get(self.config.backend, ""),
            trial=self.config.backend == "test-repo",
        )
        self.build.site.add(files, config, plans.plan(self.catalogue, options))
        return files


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

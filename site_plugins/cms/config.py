from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CmsConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``cms`` plugin (the /admin/ form editor) in mkdocs.yml.

    ``backend`` is where saved entries go: ``test-repo`` (try the form; nothing is
    saved), ``github``, ``gitlab``, ``gitea`` or ``forgejo``; the others name the
    repository and how clerks log in (see :mod:`site_plugins.cms.backends` and the README).
    Values are checked by the plugin, so that mistakes are reported in Chinese.
    """

    enabled = c.Type(bool, default=True)
    backend = c.Type(str, default="test-repo")
    repo = c.Optional(c.Type(str))  # owner/name
    branch = c.Type(str, default="main")
    base_url = c.Optional(c.Type(str))  # GitHub: the OAuth server; GitLab/Gitea: the host
    api_root = c.Optional(c.Type(str))  # self-hosted GitLab (…/api/v4) or Gitea (…/api/v1)
    auth_endpoint = c.Optional(c.Type(str))
    app_id = c.Optional(c.Type(str))  # GitLab / Gitea OAuth application (PKCE)
    open_authoring = c.Type(bool, default=False)

"""Where the form editor saves: Decap's ``backend`` block from the plugin's options.

Every backend here runs Decap's editorial workflow, which opens one pull (merge) request
per entry; the county reviews and merges it like any other. Facts from Decap 3.16's
source that decide the mapping:

- ``github``: OAuth through an external auth server (``base_url`` + ``auth_endpoint``,
  Netlify's by default) because GitHub's token exchange needs a client secret. Decap
  also asks www.githubstatus.com whether GitHub is up.
- ``gitlab``: PKCE in the browser (``auth_type: pkce``) with the ``app_id`` of a GitLab
  application; ``base_url``/``api_root`` for a self-hosted GitLab.
- ``gitea``: Decap's own gitea backend refuses the editorial workflow ("The Gitea
  backend does not support editorial workflow."), so a Gitea county uses Decap's
  ``forgejo`` backend, which opens pull requests through the same Gitea API v1 (Forgejo
  is Gitea's fork): PKCE with ``app_id``, and ``api_root`` (its ``/api/v1``), from which
  Decap derives the login address. ``forgejo`` is accepted under its own name too.
- ``test-repo``: Decap's in-memory test backend. Nothing leaves the browser; for trying
  the form, for the demo and for the browser tests.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("test-repo", "github", "gitlab", "gitea", "forgejo")
# Backends whose Decap implementation accepts open_authoring (contributors' forks). Not
# gitea: Decap's forgejo backend keeps forks current through Forgejo's own sync_fork call.
OPEN_AUTHORING = ("github", "forgejo")


class CmsOptionError(ValueError):
    """A plugin option a county must fix, worded for the person editing mkdocs.yml."""


@dataclass(frozen=True)
class BackendOptions:
    """The ``cms`` plugin's backend options, as written in mkdocs.yml."""

    kind: str = "test-repo"
    repo: str | None = None
    branch: str = "main"
    base_url: str | None = None
    api_root: str | None = None
    auth_endpoint: str | None = None
    app_id: str | None = None
    open_authoring: bool = False


def _need(options: BackendOptions, *names: str) -> None:
    missing = [name for name in names if not getattr(options, name)]
    if missing:
        raise CmsOptionError(
            f"cms 插件的 backend: {options.kind} 还需要 {'、'.join(missing)}；"
            "写法见 README 的“表单投稿”一节，例如 repo: wmsj/shifanxian"
        )


def backend_settings(options: BackendOptions) -> dict[str, object]:
    """Decap's ``backend:`` mapping (without commit messages) for ``options``."""
    kind = options.kind
    if kind not in KINDS:
        raise CmsOptionError(f"cms 插件的 backend 只能是 {'、'.join(KINDS)}，而不是“{kind}”")
    if options.open_authoring and kind not in OPEN_AUTHORING:
        raise CmsOptionError(
            f"open_authoring 只适用于 {'、'.join(OPEN_AUTHORING)}，backend: {kind} 请删除这一项"
        )
    if kind == "test-repo":
        return {"name": "test-repo"}
    if kind == "github":
        _need(options, "repo")
        extra: tuple[str, ...] = ("base_url", "auth_endpoint", "api_root")
        out: dict[str, object] = {"name": "github", "repo": options.repo, "branch": options.branch}
    elif kind == "gitlab":
        _need(options, "repo", "app_id")
        extra = ("base_url", "auth_endpoint", "api_root")
        out = {
            "name": "gitlab",
            "repo": options.repo,
            "branch": options.branch,
            "auth_type": "pkce",
            "app_id": options.app_id,
        }
    else:  # gitea, forgejo
        api_root = options.api_root
        if not api_root and options.base_url:
            api_root = options.base_url.rstrip("/") + "/api/v1"
        _need(options, "repo", "app_id")
        if not api_root:
            raise CmsOptionError(
                f"cms 插件的 backend: {kind} 还需要 api_root，例如 https://git.example.gov.cn/api/v1"
            )
        extra = ()
        out = {
            "name": "forgejo",
            "repo": options.repo,
            "branch": options.branch,
            "api_root": api_root,
            "app_id": options.app_id,
        }
    for name in extra:
        value = getattr(options, name)
        if value:
            out[name] = value
    if options.open_authoring:
        out["open_authoring"] = True
    return out

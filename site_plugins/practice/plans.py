"""The entries' own pages (activities, honorees), the contributor guide and the schemas."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from site_plugins import routes
from site_plugins.content.catalogue import Activity, Catalogue, Honoree, Plan
from site_plugins.content.safe_html import render_body
from site_plugins.plans import Planned, PlannedFile, PlannedPage, unit_record
from site_plugins.practice import guide, schemas, views

GUIDE_COLUMN = "投稿指南"


Render = Callable[[str], str]


def plan(catalogue: Catalogue, photos: views.Photos, render: Render = render_body) -> list[Planned]:
    """``photos`` gives the renditions when a page is drawn (they are made after the plan);
    ``render`` an entry's body (``render_body``, or the same from a second process)."""
    pages: list[Planned] = [
        activity_page(catalogue, a, photos, render) for a in catalogue.activities
    ]
    pages += [plan_page(catalogue, p, render) for p in catalogue.plans]
    pages += [honoree_page(catalogue, h, photos, render) for h in catalogue.honorees]
    for name, text in guide.pages(catalogue).items():
        pages.append(
            PlannedPage(
                routes.guide_page(name),
                guide.heading(text),
                None,
                GUIDE_COLUMN,
                # Written from county.yml's label sets, not from any entry or station.
                depends=frozenset({"county"}),
                column_type="文章页",
                markdown=text,
                trusted=True,
            )
        )
    for path, source in guide.image_files().items():
        pages.append(PlannedFile(path, copy_of=source))
    for name, text in schemas.schema_files().items():
        # Made from the content model, not the content: the same for the whole session.
        pages.append(PlannedFile(routes.schema(name), text, depends=frozenset({"county"})))
    return pages


def activity_page(
    catalogue: Catalogue, activity: Activity, photos: views.Photos, render: Render = render_body
) -> PlannedPage:
    key = f"{activity.unit_key}/{activity.slug}"
    # The previous/next links show the neighbouring activities' titles: their records.
    # An activity added, removed or moved beside this one changes which they are, and
    # so these names, which redraws the page as well (site_plugins.incremental).
    beside = {f"activity:{a.unit_key}/{a.slug}" for a in catalogue.neighbours(activity) if a}
    return PlannedPage(
        activity.url,
        activity.title,
        "activity.html",
        "活动",
        partial(views.activity_view, catalogue, activity, photos),
        frozenset({f"activity:{key}", unit_record(activity.unit_key), "county", "themes", *beside}),
        column_type="文章页",
        body=partial(render, activity.body),
        published=activity.date,
    )


def plan_page(catalogue: Catalogue, plan: Plan, render: Render = render_body) -> PlannedPage:
    key = f"{plan.unit_key}/{plan.slug}"
    held = catalogue.report_of(plan)
    report = [f"activity:{held.unit_key}/{held.slug}"] if held is not None else []
    return PlannedPage(
        plan.url,
        plan.title,
        "plan.html",
        "活动预告",
        partial(views.plan_view, catalogue, plan),
        # Its report (when one names it) and the build date decide what it says.
        frozenset({f"plan:{key}", unit_record(plan.unit_key), "county", *report}),
        column_type="文章页",
        body=partial(render, plan.body),
    )


def honoree_page(
    catalogue: Catalogue, honoree: Honoree, photos: views.Photos, render: Render = render_body
) -> PlannedPage:
    key = f"{honoree.unit_key}/{honoree.slug}"
    return PlannedPage(
        honoree.url,
        honoree.name,
        "honoree.html",
        "好人",
        partial(views.honoree_view, catalogue, honoree, photos),
        frozenset({f"honoree:{key}", unit_record(honoree.unit_key), "county"}),
        column_type="文章页",
        body=partial(render, honoree.body),
        description=honoree.meta.summary,
    )

"""Charts drawn as SVG at build time: readable without JavaScript, crisp when printed.

Each chart carries its figures as text (labels and values drawn, plus an aria-label
that reads them out), so a screen reader, a black-and-white printer and a search
engine all get the numbers, not just the shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_COLOUR = "#b71c1c"


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (
        f'<svg class="wm-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def monthly_bars(counts: Sequence[int], title: str) -> str:
    """Twelve vertical bars, one per month, each with its count above it."""
    width, height, top, bottom, left = 600, 200, 24, 28, 8
    slot = (width - left * 2) / 12
    peak = max(*counts, 1)
    body = []
    for index, count in enumerate(counts):
        bar = (height - top - bottom) * count / peak
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        centre = left + index * slot + slot / 2
        body.append(
            f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="14">'
            f"{count}</text>"
        )
        body.append(
            f'<text x="{centre:.1f}" y="{height - 8}" text-anchor="middle" font-size="14">'
            f"{index + 1}月</text>"
        )
    spoken = "，".join(f"{i + 1}月{c}次" for i, c in enumerate(counts))
    return _svg(width, height, f"{title}：{spoken}", body)


def category_bars(rows: Sequence[tuple[str, int]], title: str) -> str:
    """Horizontal bars, one per category, labelled with the category and its count."""
    if not rows:
        return ""
    row_height, label_width, width = 30, 170, 600
    height = row_height * len(rows) + 8
    peak = max(1, *(count for _, count in rows))  # all zero: no bars, not a division by zero
    span = width - label_width - 60
    body = []
    for index, (label, count) in enumerate(rows):
        y = 4 + index * row_height
        bar = span * count / peak
        body.append(
            f'<text x="{label_width - 8}" y="{y + 20}" text-anchor="end" font-size="15">'
            f"{escape(label)}</text>"
        )
        body.append(
            f'<rect x="{label_width}" y="{y + 5}" width="{bar:.1f}" height="{row_height - 10}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        body.append(
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 20}" font-size="15">{count}</text>'
        )
    spoken = "，".join(f"{label}{count}次" for label, count in rows)
    return _svg(width, height, f"{title}：{spoken}", body)

"""Self-assessed progress: the dimensions and a server-side SVG line chart over time.

The chart is decoration for sighted users; pages always show the same numbers in a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

DIMENSIONS: tuple[str, ...] = ("job", "health", "skills", "network", "danish", "structure")
MIN_SCORE = 1
MAX_SCORE = 10

# Colour-blind-safe palette (Okabe-Ito), one per dimension, plus a dash pattern so lines
# differ without colour as well.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
_DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


@dataclass(frozen=True)
class RatingPoint:
    """One self-assessment: when, and a score (1-10) or None per dimension."""

    recorded_at: datetime
    scores: Mapping[str, int | None]


def valid_score(value: int | None) -> bool:
    """True for None (not answered) or an integer from 1 to 10."""
    return value is None or (isinstance(value, int) and MIN_SCORE <= value <= MAX_SCORE)


def latest_scores(points: Sequence[RatingPoint]) -> dict[str, int | None]:
    """The most recent answer per dimension (None if never answered)."""
    latest: dict[str, int | None] = dict.fromkeys(DIMENSIONS)
    for point in sorted(points, key=lambda p: p.recorded_at):
        for dim in DIMENSIONS:
            value = point.scores.get(dim)
            if value is not None:
                latest[dim] = value
    return latest


def progress_svg(
    points: Sequence[RatingPoint],
    labels: Mapping[str, str],
    title: str,
    date_format: str = "%d.%m.%Y",
    width: int = 640,
    height: int = 320,
) -> str:
    """An accessible SVG line chart of the scores over time (one line per dimension).

    `labels` maps each dimension to its (translated) name; every text is escaped. Returns
    an empty string when there are no points."""
    ordered = sorted(points, key=lambda p: p.recorded_at)
    if not ordered:
        return ""
    left, right, top, bottom = 40, 170, 20, 40
    plot_w = width - left - right
    plot_h = height - top - bottom
    count = len(ordered)

    def x_at(index: int) -> float:
        return left + (plot_w / 2 if count == 1 else plot_w * index / (count - 1))

    def y_at(score: int) -> float:
        return top + plot_h * (MAX_SCORE - score) / (MAX_SCORE - MIN_SCORE)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="progress-chart-title" '
        f'class="jobvej-progress-chart">',
        f'<title id="progress-chart-title">{escape(title)}</title>',
    ]
    for score in range(MIN_SCORE, MAX_SCORE + 1):
        y = y_at(score)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{score}</text>'
        )
    for index, point in enumerate(ordered):
        if count <= 8 or index in (0, count - 1) or index % max(1, count // 6) == 0:
            parts.append(
                f'<text x="{x_at(index):.1f}" y="{height - bottom + 18}" text-anchor="middle" '
                f'font-size="11">{escape(point.recorded_at.strftime(date_format))}</text>'
            )
    for d_index, dim in enumerate(DIMENSIONS):
        colour = _COLOURS[d_index]
        dash = _DASHES[d_index]
        coords: list[tuple[float, float]] = []
        for i, p in enumerate(ordered):
            value = p.scores.get(dim)
            if value is not None and valid_score(value):
                coords.append((x_at(i), y_at(value)))
        if not coords:
            continue
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr} data-dimension="{dim}"/>'
            )
        for x, y in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" data-dimension="{dim}"/>'
            )
        legend_y = top + 10 + d_index * 22
        legend_x = width - right + 12
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y}" x2="{legend_x + 24}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        parts.append(
            f'<text x="{legend_x + 30}" y="{legend_y + 4}" font-size="12">'
            f"{escape(labels.get(dim, dim))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

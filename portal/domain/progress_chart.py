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


@dataclass(frozen=True)
class LineStyle:
    """How one dimension is drawn: colour and dash pattern (so lines differ without colour)."""

    colour: str
    dash: str


LINE_STYLES: dict[str, LineStyle] = {
    dim: LineStyle(colour, dash)
    for dim, colour, dash in zip(DIMENSIONS, _COLOURS, _DASHES, strict=True)
}
# Axis text size in the chart's own units. The page never shows the chart narrower than
# 75 % of its drawn width (CSS min-width), so this stays at least 12 CSS pixels on screen.
AXIS_FONT_SIZE = 16
CHART_WIDTH = 560
CHART_HEIGHT = 300


def legend_swatch_svg(dim: str) -> str:
    """A small line sample for the (HTML) legend of one dimension; decorative."""
    style = LINE_STYLES[dim]
    dash_attr = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 12" width="32" height="12" '
        'aria-hidden="true" focusable="false">'
        f'<line x1="2" y1="6" x2="30" y2="6" stroke="{style.colour}" stroke-width="3"{dash_attr}/>'
        "</svg>"
    )


def date_label_indices(count: int, most: int = 4) -> list[int]:
    """Which points get a date under the axis: the first, the last and evenly spaced ones
    between, at most `most`, so dates never overlap at any width."""
    if count <= 0:
        return []
    step = max(1, -(-(count - 1) // (most - 1)))
    indices = list(range(0, count, step))
    if indices[-1] != count - 1:
        if len(indices) >= most:
            indices[-1] = count - 1
        else:
            indices.append(count - 1)
    return indices


def progress_svg(
    points: Sequence[RatingPoint],
    labels: Mapping[str, str],
    title: str,
    date_format: str = "%d.%m.%Y",
    direction: str = "ltr",
    width: int = CHART_WIDTH,
    height: int = CHART_HEIGHT,
) -> str:
    """An accessible SVG line chart of the scores over time (one line per dimension).

    The legend is not drawn here: pages show it as HTML next to the chart (`LINE_STYLES`,
    `legend_swatch_svg`), where it wraps and flows with the text direction. For right-to-left
    pages (`direction="rtl"`) the chart is mirrored as readers of Arabic and Persian expect:
    time runs from right to left and the score axis stands on the right. `labels` maps each
    dimension to its (translated) name, used in the points' tooltips; every text is escaped.
    Returns an empty string when there are no points."""
    ordered = sorted(points, key=lambda p: p.recorded_at)
    if not ordered:
        return ""
    rtl = direction == "rtl"
    axis_w, edge, top, bottom = 36, 44, 16, 40
    left, right = (edge, axis_w) if rtl else (axis_w, edge)
    plot_w = width - left - right
    plot_h = height - top - bottom
    count = len(ordered)

    def x_at(index: int) -> float:
        share = 0.5 if count == 1 else index / (count - 1)
        return left + plot_w * (1 - share if rtl else share)

    def y_at(score: int) -> float:
        return top + plot_h * (MAX_SCORE - score) / (MAX_SCORE - MIN_SCORE)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="progress-chart-title" direction="ltr" '
        f'class="jobvej-progress-chart" data-direction="{"rtl" if rtl else "ltr"}">',
        f'<title id="progress-chart-title">{escape(title)}</title>',
    ]
    label_x = width - right + 8 if rtl else left - 8
    anchor = "start" if rtl else "end"
    for score in range(MIN_SCORE, MAX_SCORE + 1):
        y = y_at(score)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        if score % 3 == 1 or score == MAX_SCORE:
            parts.append(
                f'<text x="{label_x}" y="{y + AXIS_FONT_SIZE / 3:.1f}" text-anchor="{anchor}" '
                f'font-size="{AXIS_FONT_SIZE}" class="jobvej-axis-score">{score}</text>'
            )
    for index in date_label_indices(count):
        parts.append(
            f'<text x="{x_at(index):.1f}" y="{height - bottom + 24}" text-anchor="middle" '
            f'font-size="{AXIS_FONT_SIZE}" class="jobvej-axis-date">'
            f"{escape(ordered[index].recorded_at.strftime(date_format))}</text>"
        )
    for dim in DIMENSIONS:
        style = LINE_STYLES[dim]
        coords: list[tuple[float, float, int]] = []
        for i, p in enumerate(ordered):
            value = p.scores.get(dim)
            if value is not None and valid_score(value):
                coords.append((x_at(i), y_at(value), value))
        if not coords:
            continue
        dash_attr = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{style.colour}" '
                f'stroke-width="2.5"{dash_attr} data-dimension="{dim}"/>'
            )
        name = escape(labels.get(dim, dim))
        for x, y, value in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{style.colour}" '
                f'data-dimension="{dim}"><title>{name}: {value}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)

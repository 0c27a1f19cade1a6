"""Server-side SVG charts for the steering pages: horizontal bars and lines over bands.

Like portal.domain.progress_chart: the chart is an image with a title (role="img"); the page
always shows the same numbers in a table. Right-to-left pages get a mirrored chart (bars grow
from the right, the first band stands on the right). Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from portal.domain.progress_chart import AXIS_FONT_SIZE, LINE_STYLES

BAR_COLOUR = "#0072B2"
WIDTH = 560
# Longer labels are cut with "…" (the table beside each chart has the full text).
MAX_LABEL = 60


def _open(width: int, height: int, title: str, chart_id: str, rtl: bool) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title" direction="ltr" '
        f'class="jobvej-steering-chart" data-direction="{"rtl" if rtl else "ltr"}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]


def bar_chart_svg(
    bars: Sequence[tuple[str, float, str]],
    title: str,
    chart_id: str,
    direction: str = "ltr",
    maximum: float | None = None,
    width: int = WIDTH,
) -> str:
    """Horizontal bars: (label, value, value text). `maximum` fixes the scale (1.0 for
    shares); by default the largest value. Empty string when there are no bars.

    Each label has its own line above its bar, across the whole width, so that long team
    names are not cut and right-to-left text never runs into a bar; bars grow from the
    reading start (left, or right in RTL) with the value text after the bar's end."""
    if not bars:
        return ""
    rtl = direction == "rtl"
    row, top, edge = 64, 4, 8
    height = top + row * len(bars)
    value_w = 110
    plot_w = width - 2 * edge - value_w
    scale = maximum or max(v for _, v, _ in bars) or 1.0
    parts = _open(width, height, title, chart_id, rtl)
    for i, (label, value, text) in enumerate(bars):
        y = top + i * row
        bar_w = max(0.0, plot_w * min(value, scale) / scale)
        if rtl:
            label_x, anchor = width - edge, "end"
            bar_x = width - edge - bar_w
            value_x, value_anchor = bar_x - 8, "end"
        else:
            label_x, anchor = edge, "start"
            bar_x = edge
            value_x, value_anchor = bar_x + bar_w + 8, "start"
        shown = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        parts.append(
            f'<text x="{label_x}" y="{y + 20}" text-anchor="{anchor}" '
            f'font-size="{AXIS_FONT_SIZE}">{escape(shown)}</text>'
            f'<rect x="{bar_x:.1f}" y="{y + 30}" width="{bar_w:.1f}" height="24" '
            f'fill="{BAR_COLOUR}" data-value="{value}"/>'
            f'<text x="{value_x:.1f}" y="{y + 48}" text-anchor="{value_anchor}" '
            f'font-size="{AXIS_FONT_SIZE}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def band_lines_svg(
    bands: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    labels: Mapping[str, str],
    title: str,
    chart_id: str,
    direction: str = "ltr",
    low: float = 1,
    high: float = 10,
    width: int = WIDTH,
    height: int = 300,
) -> str:
    """Lines over ordered bands (x) of values from `low` to `high` (y), one per series key
    (dimension styles from the progress chart). Empty string when nothing has a value."""
    if not bands or not any(v is not None for vals in series.values() for v in vals):
        return ""
    rtl = direction == "rtl"
    axis_w, edge, top, bottom = 36, 44, 16, 40
    left, right = (edge, axis_w) if rtl else (axis_w, edge)
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(bands)

    def x_at(i: int) -> float:
        share = 0.5 if count == 1 else i / (count - 1)
        return left + plot_w * (1 - share if rtl else share)

    def y_at(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    parts = _open(width, height, title, chart_id, rtl)
    label_x = width - right + 8 if rtl else left - 8
    anchor = "start" if rtl else "end"
    for score in range(int(low), int(high) + 1):
        y = y_at(score)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        if score % 3 == 1 or score == high:
            parts.append(
                f'<text x="{label_x}" y="{y + AXIS_FONT_SIZE / 3:.1f}" text-anchor="{anchor}" '
                f'font-size="{AXIS_FONT_SIZE}">{score}</text>'
            )
    for i, band in enumerate(bands):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{height - bottom + 24}" text-anchor="middle" '
            f'font-size="{AXIS_FONT_SIZE}">{escape(band)}</text>'
        )
    for key, values in series.items():
        style = LINE_STYLES.get(key)
        colour = style.colour if style else BAR_COLOUR
        dash = f' stroke-dasharray="{style.dash}"' if style and style.dash else ""
        coords = [(x_at(i), y_at(v), v) for i, v in enumerate(values) if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f'{dash} data-dimension="{escape(key)}"/>'
            )
        name = escape(labels.get(key, key))
        for x, y, v in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" '
                f'data-dimension="{escape(key)}"><title>{name}: {v:.1f}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)

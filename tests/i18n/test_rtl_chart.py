"""The progress chart mirrors for right-to-left readers and keeps its text readable."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from portal.domain.progress_chart import (
    AXIS_FONT_SIZE,
    CHART_WIDTH,
    DIMENSIONS,
    LINE_STYLES,
    RatingPoint,
    date_label_indices,
    legend_swatch_svg,
    progress_svg,
)

T0 = datetime(2026, 11, 1, tzinfo=UTC)
POINTS = [RatingPoint(T0 + timedelta(days=7 * i), {"job": 2 + i}) for i in range(5)]


def xs(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


def test_time_runs_right_to_left_and_the_score_axis_moves_right() -> None:
    ltr = progress_svg(POINTS, {"job": "Job"}, "t", direction="ltr")
    rtl = progress_svg(POINTS, {"job": "Job"}, "t", direction="rtl")
    assert xs(ltr) == sorted(xs(ltr)) and xs(rtl) == sorted(xs(rtl), reverse=True)
    score_x = lambda svg: float(re.search(r'<text x="([\d.]+)"[^>]*jobvej-axis-score', svg)[1])  # noqa: E731
    assert score_x(ltr) < CHART_WIDTH / 2 < score_x(rtl)
    assert 'direction="ltr"' in rtl  # positions are computed; the SVG itself is not flipped


def test_no_legend_inside_the_svg_and_readable_axis_text() -> None:
    svg = progress_svg(POINTS, {"job": "Job"}, "t", direction="rtl")
    sizes = {int(s) for s in re.findall(r'font-size="(\d+)"', svg)}
    assert sizes == {AXIS_FONT_SIZE}
    # at the CSS minimum width (42rem = 420 px) the text is still at least 12 px
    assert AXIS_FONT_SIZE * 420 / CHART_WIDTH >= 12
    assert "Job" not in svg.split("</title>", 1)[1].split("<title>")[0]  # names only in tooltips
    assert set(LINE_STYLES) == set(DIMENSIONS)
    assert 'aria-hidden="true"' in legend_swatch_svg("job")


def test_dates_never_crowd() -> None:
    for count in range(1, 60):
        indices = date_label_indices(count)
        assert indices[0] == 0 and indices[-1] == count - 1
        assert len(indices) <= 4 and indices == sorted(set(indices))

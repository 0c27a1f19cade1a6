"""The steering bar chart: whole labels on their own line, bars mirrored for RTL."""

from __future__ import annotations

import re

from portal.domain.steering_chart import MAX_LABEL, WIDTH, bar_chart_svg

LONG = "Jobservice – generelle henvendelser"
BARS = [(LONG, 0.8, "80 %"), ("Alle", 0.4, "40 %")]


def rects(svg: str) -> list[tuple[float, float, float]]:
    """(x, y, width) of every bar."""
    found = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg)
    return [(float(x), float(y), float(w)) for x, y, w in found]


def texts(svg: str) -> list[tuple[float, float, str, str]]:
    found = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)<', svg)
    return [(float(x), float(y), a, t) for x, y, a, t in found]


def test_labels_are_whole_and_stand_above_their_bar() -> None:
    for direction in ("ltr", "rtl"):
        svg = bar_chart_svg(BARS, "t", "c", direction, maximum=1.0)
        labels = [t for t in texts(svg) if t[3] in (LONG, "Alle")]
        assert [t[3] for t in labels] == [LONG, "Alle"]
        for (_, label_y, _, _), (_, bar_y, _) in zip(labels, rects(svg), strict=True):
            assert label_y < bar_y  # the baseline is above the bar's top
    cut = bar_chart_svg([("x" * 80, 1.0, "1")], "t", "c")
    assert "x" * (MAX_LABEL - 1) + "…" in cut and "x" * MAX_LABEL not in cut


def test_bars_grow_from_the_reading_start() -> None:
    ltr, rtl = (bar_chart_svg(BARS, "t", "c", d, maximum=1.0) for d in ("ltr", "rtl"))
    assert {x for x, _, _ in rects(ltr)} == {8.0}
    assert {round(x + w, 1) for x, _, w in rects(rtl)} == {WIDTH - 8.0}
    assert [w for *_, w in rects(ltr)] == [w for *_, w in rects(rtl)]
    # the value text follows the bar's end: right of it in LTR, left of it in RTL
    for svg, after in ((ltr, True), (rtl, False)):
        values = [t for t in texts(svg) if t[3].endswith("%")]
        for (x, _, _, _), (bx, _, bw) in zip(values, rects(svg), strict=True):
            assert (x > bx + bw) if after else (x < bx)

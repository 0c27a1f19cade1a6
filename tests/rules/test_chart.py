"""The accessible SVG chart for "work more hours"."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from portal.domain.calculators import (
    CALCULATORS,
    ChartLabels,
    Result,
    chart_text_alternative,
    render_work_more_hours_chart,
)
from portal.domain.rates import RateBook

SVG = "{http://www.w3.org/2000/svg}"


def extent(text: ET.Element, root: ET.Element, chars: str | None = None) -> tuple[float, float]:
    """Where a text is drawn (left, right), as SVG lays it out: ``text-anchor`` "start" is the
    right edge when the text's ``direction`` (its own, else the root's) is rtl."""
    width = len(chars if chars is not None else (text.text or "")) * 7.6
    x = float(text.get("x", "0"))
    rtl = (text.get("direction") or root.get("direction") or "ltr") == "rtl"
    anchor = text.get("text-anchor", "start")
    if anchor == "middle":
        return x - width / 2, x + width / 2
    if (anchor == "start") != rtl:  # start in ltr, end in rtl: the text runs right of x
        return x, x + width
    return x - width, x


@pytest.fixture(scope="module")
def result(book: RateBook) -> Result:
    raw = {"year": 2025, "benefit": "kontanthjaelp", "hourly_wage": 150, "age": 35}
    return CALCULATORS["work_more_hours"].run(raw, book)


def test_svg_is_well_formed_and_labelled(result: Result) -> None:
    svg = render_work_more_hours_chart(result)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == title_id and title.text
    assert desc is not None and desc.get("id") == desc_id
    assert desc.text == chart_text_alternative(result)


def test_low_gain_hours_are_marked_by_pattern_not_only_colour(result: Result) -> None:
    root = ET.fromstring(render_work_more_hours_chart(result))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") in ("pays", "low-gain")]
    assert len(bars) == 38
    low = [r for r in bars if r.get("class") == "low-gain"]
    assert len(low) == len(result.details["low_gain_hours"])  # type: ignore[arg-type]
    assert all(r.get("fill") == "url(#wmh-hatch)" for r in low)
    assert root.find(f".//{SVG}pattern[@id='wmh-hatch']") is not None
    # every bar has its own tooltip title with the numbers
    for bar in bars:
        tip = bar.find(f"{SVG}title")
        assert tip is not None and "hours a week" in (tip.text or "")


def test_text_alternative_summarises_ranges(result: Result) -> None:
    text = chart_text_alternative(result)
    assert "10,145 kr." in text and "16,307 kr." in text
    assert "hardly pays at 6–35 hours a week" in text
    assert "lose money" not in text


def test_losing_hours_are_said_plainly_and_drawn_differently(book: RateBook) -> None:
    """Issue 10 item 8: a negative gain is "you lose money", with its own pattern."""
    raw = {"year": 2025, "benefit": "dagpenge", "hourly_wage": 120, "monthly_income": 40000}
    losing = CALCULATORS["work_more_hours"].run(raw, book)
    text = chart_text_alternative(losing)
    assert "You lose money on an extra hour at 1–37 hours a week." in text
    assert "hardly pays" not in text
    root = ET.fromstring(render_work_more_hours_chart(losing))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "loss"]
    assert len(bars) == 37 and all(b.get("fill") == "url(#wmh-cross)" for b in bars)


def test_right_to_left_layout_mirrors_the_chart(result: Result) -> None:
    """RTL: 0 hours on the right, y labels right of the plot and clear of the bars, the legend
    anchored right and wrapped, never cut."""
    long_legend = "word " * 60
    labels = replace(ChartLabels.english(), rtl=True, legend_low=long_legend.strip())
    root = ET.fromstring(render_work_more_hours_chart(result, labels, width=720))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") in ("pays", "low-gain", "loss")]
    xs = [float(b.get("x", "0")) for b in bars]
    assert xs == sorted(xs, reverse=True), "0 hours is the rightmost bar"
    right_edge = max(float(b.get("x", "0")) + float(b.get("width", "0")) for b in bars)
    assert root.get("direction") == "rtl", "Arabic and Persian labels are laid out right to left"
    y_labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "y-label"]
    assert y_labels
    for t in y_labels:
        left, right = extent(t, root)
        assert left > right_edge and right <= 720, "y labels right of the bars, inside the chart"
        assert t.get("direction") == "ltr", "amounts read left to right"
    legend = [t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None]
    swatches = [r for r in root.iter(f"{SVG}rect") if (r.get("class") or "").startswith("legend")]
    swatch_left = min(float(r.get("x", "0")) for r in swatches)
    for t in legend:
        for span in t.iter(f"{SVG}tspan"):
            left, right = extent(t, root, span.text or "")
            assert left >= 0 and right <= swatch_left, "legend text left of its swatch, not cut"
    spans = [s.text or "" for t in legend for s in t.iter(f"{SVG}tspan")]
    assert (
        " ".join(spans).split()
        == " ".join([labels.legend_pays, long_legend, labels.legend_loses]).split()
    ), "no word of the legend is lost"
    assert max(len(s) for s in spans) * 7.6 <= 720


def test_left_to_right_y_labels_do_not_overlap_the_bars(result: Result) -> None:
    root = ET.fromstring(render_work_more_hours_chart(result))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") in ("pays", "low-gain", "loss")]
    left_edge = min(float(b.get("x", "0")) for b in bars)
    for t in (t for t in root.iter(f"{SVG}text") if t.get("class") == "y-label"):
        left, right = extent(t, root)
        assert left >= 0 and right < left_edge


def test_labels_are_escaped(result: Result) -> None:
    nasty = replace(
        ChartLabels.english(),
        title='Income <script>alert("x")</script> & more',
        legend_low="Under 30 % <b>kept</b>",
    )
    svg = render_work_more_hours_chart(result, nasty, id_prefix='a"b')
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == 'Income <script>alert("x")</script> & more'  # type: ignore[union-attr]
    assert "<script>" not in svg and "<b>" not in svg
    assert root.find(f".//{SVG}pattern").get("id") == 'a"b-hatch'  # type: ignore[union-attr]


def test_only_for_work_more_hours_results(book: RateBook) -> None:
    other = CALCULATORS["sygedagpenge"].run(
        {"year": 2025, "hourly_wage": 100, "hours_per_week": 37}, book
    )
    with pytest.raises(ValueError):
        render_work_more_hours_chart(other)


def test_no_low_gain_message(book: RateBook) -> None:
    raw = {
        "year": 2025,
        "benefit": "kontanthjaelp",
        "hourly_wage": 150,
        "age": 40,
        "civil_status": "married",
        "partner_earnings": 30000,
    }
    result = CALCULATORS["work_more_hours"].run(raw, book)
    assert "Every extra hour keeps at least 30 %" in chart_text_alternative(result)

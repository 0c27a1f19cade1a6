"""Accessible server-side SVG chart for the "work more hours" result.

Pure string building, no Flask. The chart shows total income after tax for each
weekly hour count. Each extra hour gets one of three answers, drawn with a
pattern *and* a colour so the difference does not rely on colour alone: it pays
(solid), it hardly pays (diagonal hatch), you lose money (cross-hatch).

Right-to-left pages get a mirrored chart: 0 hours on the right, the y-axis and
its labels on the right, the legend anchored right. The margin for the y-axis
labels and the legend lines are sized from the text, so nothing is hidden behind
the bars or cut off. The SVG has ``role="img"``, a ``<title>`` and a ``<desc>``
(the same text as :func:`chart_text_alternative`), and every bar carries its own
``<title>`` with the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from xml.sax.saxutils import escape, quoteattr

from portal.domain.calculators.base import JSONValue, Result

__all__ = ["ChartLabels", "chart_text_alternative", "render_work_more_hours_chart"]

FONT_SIZE = 14
CHAR_WIDTH = Decimal("7.6")  # average advance of a 14 px sans-serif glyph, generous


def _plain_kr(amount: Decimal) -> str:
    whole = int(amount.to_integral_value())
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole):,} kr."


@dataclass(frozen=True)
class ChartLabels:
    """Every text in the chart, so the web layer can pass translated labels.

    ``format_amount`` formats kroner for the reader's locale; ``format_number`` a
    percentage figure; ``rtl`` mirrors the layout.
    """

    title: str
    x_axis: str
    y_axis: str
    legend_pays: str
    legend_low: str
    legend_loses: str
    bar: str  # placeholders: hours, total, gain, share
    bar_first: str  # "{hours} hours a week: {total} after tax"
    summary: str  # placeholders: start, end, max_hours
    summary_low: str  # "{ranges}"
    summary_loses: str  # "{ranges}"
    summary_no_low: str
    range_joiner: str = ", "
    range_dash: str = "–"
    rtl: bool = False
    format_amount: Callable[[Decimal], str] = field(default=_plain_kr)
    format_number: Callable[[Decimal], str] = field(
        default=lambda x: format(x.quantize(Decimal("0.1")), "f")
    )

    @classmethod
    def english(cls) -> ChartLabels:
        """English labels (the default; the pages pass translated ones)."""
        return cls(
            title="Income after tax by hours worked per week",
            x_axis="Hours worked per week",
            y_axis="Income per month after tax",
            legend_pays="An extra hour pays",
            legend_low="An extra hour hardly pays (under 30 % of its wage kept)",
            legend_loses="No: an extra hour lowers your income",
            bar=(
                "{hours} hours a week: {total} after tax; "
                "the last hour added {gain} ({share} % of its wage)"
            ),
            bar_first="{hours} hours a week: {total} after tax",
            summary=(
                "With no work you have {start} a month after tax. "
                "At {max_hours} hours a week you have {end} a month after tax."
            ),
            summary_low="An extra hour hardly pays at {ranges} hours a week.",
            summary_loses="You lose money on an extra hour at {ranges} hours a week.",
            summary_no_low="Every extra hour keeps at least 30 % of its wage.",
        )


def _rows(result: Result) -> list[Mapping[str, JSONValue]]:
    rows = result.details.get("rows")
    if result.calculator != "work_more_hours" or not isinstance(rows, list):
        raise ValueError("render_work_more_hours_chart needs a work_more_hours result")
    out: list[Mapping[str, JSONValue]] = []
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError("malformed row")
        out.append(row)
    return out


def _dec(row: Mapping[str, JSONValue], key: str) -> Decimal:
    value = row.get(key)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        return Decimal(value)
    raise ValueError(f"row has no number {key!r}")


def _ranges(hours: Sequence[int], labels: ChartLabels) -> str:
    parts: list[str] = []
    start = prev = None
    for h in hours:
        if start is None:
            start = prev = h
        elif prev is not None and h == prev + 1:
            prev = h
        else:
            parts.append(str(start) if start == prev else f"{start}{labels.range_dash}{prev}")
            start = prev = h
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}{labels.range_dash}{prev}")
    return labels.range_joiner.join(parts)


def _category(row: Mapping[str, JSONValue]) -> str:
    kind = row.get("gain_category")
    return kind if isinstance(kind, str) else "pays"


def chart_text_alternative(result: Result, labels: ChartLabels | None = None) -> str:
    """A plain-text summary of the chart (for ``<desc>`` and for a visible caption)."""
    lab = labels or ChartLabels.english()
    rows = _rows(result)
    first, last = rows[0], rows[-1]
    text = lab.summary.format(
        start=lab.format_amount(_dec(first, "total_after_tax")),
        end=lab.format_amount(_dec(last, "total_after_tax")),
        max_hours=str(last.get("hours_per_week")),
    )
    hardly = [
        int(str(r["hours_per_week"]))
        for r in rows
        if _category(r) == "hardly" and r.get("marginal_after_tax") is not None
    ]
    loses = [int(str(r["hours_per_week"])) for r in rows if _category(r) == "loses"]
    if hardly:
        text += " " + lab.summary_low.format(ranges=_ranges(hardly, lab))
    if loses:
        text += " " + lab.summary_loses.format(ranges=_ranges(loses, lab))
    if not hardly and not loses:
        text += " " + lab.summary_no_low
    return _one_period(text)


_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")


def _one_period(text: str) -> str:
    """An amount that ends in "kr." before a sentence's full stop gives "kr.."; keep one."""
    return _DOUBLE_PERIOD.sub(".", text)


def _attrs(attrs: Mapping[str, object]) -> str:
    """XML attributes; ``a_b`` becomes ``a-b`` and ``class_`` becomes ``class``."""
    parts = []
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        parts.append(f"{name}={quoteattr(str(value))}")
    return " ".join(parts)


def _open(tag: str, **attrs: object) -> str:
    return f"<{tag} {_attrs(attrs)}>"


def _el(tag: str, content: str | None, **attrs: object) -> str:
    """An element; ``content`` is escaped; ``None`` gives a self-closing element."""
    head = f"{tag} {_attrs(attrs)}" if attrs else tag
    if content is None:
        return f"<{head}/>"
    return f"<{head}>{escape(content)}</{tag}>"


def _nice_step(maximum: Decimal) -> Decimal:
    if maximum <= 0:
        return Decimal(1000)
    raw = maximum / 5
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        step = magnitude * Decimal(str(factor))
        if step >= raw:
            return step
    return magnitude * 10


def _text_width(text: str) -> Decimal:
    return CHAR_WIDTH * len(text)


def _wrap(text: str, width: Decimal) -> list[str]:
    """Break ``text`` into lines that fit ``width`` (never cut a word)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _text_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


FILLS = {"pays": "#1f5f99", "hardly": "hatch", "loses": "cross"}


def render_work_more_hours_chart(
    result: Result,
    labels: ChartLabels | None = None,
    *,
    width: int = 720,
    height: int = 400,
    id_prefix: str = "wmh",
) -> str:
    """An SVG (as a string) of total income after tax per weekly hour.

    ``id_prefix`` keeps element ids unique if several charts are on one page.
    """
    lab = labels or ChartLabels.english()
    rows = _rows(result)
    totals = [_dec(r, "total_after_tax") for r in rows]
    top = max(max(totals), Decimal(1))
    step = _nice_step(top)
    y_max = (top / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks: list[Decimal] = []
    tick = Decimal(0)
    while tick <= y_max:
        ticks.append(tick)
        tick += step
    tick_labels = [lab.format_amount(t) for t in ticks]
    # Room for the longest y label, plus the rotated axis title.
    label_room = int(max(_text_width(t) for t in tick_labels)) + 12
    axis_title_room = 28
    side = label_room + axis_title_room
    outer = 16
    # Legend: three entries, wrapped to the width, above the plot.
    legend_entries = (
        ("pays", lab.legend_pays),
        ("hardly", lab.legend_low),
        ("loses", lab.legend_loses),
    )
    legend_width = Decimal(width - 2 * outer - 22)
    legend_lines = [(kind, _wrap(words, legend_width)) for kind, words in legend_entries]
    line_h = FONT_SIZE + 4
    legend_h = sum(len(lines) * line_h + 6 for _, lines in legend_lines)
    top_pad = 12 + legend_h + 10
    bottom = 56
    plot_w = width - side - outer
    plot_h = height - bottom - 12
    total_h = top_pad + plot_h + bottom
    left = outer if lab.rtl else side  # the plot's left edge
    n = len(rows)
    slot = Decimal(plot_w) / n
    bar_w = slot * Decimal("0.72")

    def y_of(value: Decimal) -> Decimal:
        return Decimal(top_pad) + Decimal(plot_h) * (1 - value / y_max)

    def x_slot(index: int) -> Decimal:
        position = (n - 1 - index) if lab.rtl else index
        return Decimal(left) + slot * position

    def f(x: Decimal | int) -> str:
        return format(Decimal(x).quantize(Decimal("0.1")), "f")

    pid = id_prefix
    title_id, desc_id = f"{pid}-title", f"{pid}-desc"
    patterns = {"hatch": f"url(#{pid}-hatch)", "cross": f"url(#{pid}-cross)"}

    def fill_of(kind: str) -> str:
        value = FILLS.get(kind, FILLS["pays"])
        return patterns.get(value, value)

    ink = "#1a1a1a"
    desc = chart_text_alternative(result, lab)
    out: list[str] = [
        _open(
            "svg",
            xmlns="http://www.w3.org/2000/svg",
            role="img",
            width=width,
            height=total_h,
            viewBox=f"0 0 {width} {total_h}",
            aria_labelledby=f"{title_id} {desc_id}",
            font_family="sans-serif",
            font_size=FONT_SIZE,
            direction="rtl" if lab.rtl else "ltr",
        ),
        _el("title", lab.title, id=title_id),
        _el("desc", desc, id=desc_id),
        "<defs>",
        _open(
            "pattern",
            id=f"{pid}-hatch",
            patternUnits="userSpaceOnUse",
            width=6,
            height=6,
            patternTransform="rotate(45)",
        ),
        _el("rect", None, width=6, height=6, fill="#f2c14e"),
        _el("line", None, x1=0, y1=0, x2=0, y2=6, stroke="#7a4f00", stroke_width=2),
        "</pattern>",
        _open("pattern", id=f"{pid}-cross", patternUnits="userSpaceOnUse", width=6, height=6),
        _el("rect", None, width=6, height=6, fill="#d9534f"),
        _el("path", None, d="M0,0 L6,6 M6,0 L0,6", stroke="#5a0f0c", stroke_width=1.5),
        "</pattern></defs>",
        _el("rect", None, x=0, y=0, width=width, height=total_h, fill="#ffffff"),
    ]
    # Legend (shape and text, not colour alone), anchored to the reading start. SVG's
    # text-anchor follows ``direction``: "start" is the right edge of RTL text, so the text
    # ends left of the swatch and never runs off the chart.
    anchor = "start"
    y = 12
    for kind, lines in legend_lines:
        swatch_x = width - outer - 14 if lab.rtl else outer
        text_x = swatch_x - 8 if lab.rtl else swatch_x + 22
        out.append(
            _el(
                "rect",
                None,
                x=swatch_x,
                y=y,
                width=14,
                height=14,
                fill=fill_of(kind),
                stroke=ink,
                class_=f"legend-{kind}",
            )
        )
        text = [_open("text", x=text_x, y=y + 12, fill=ink, text_anchor=anchor)]
        for k, line in enumerate(lines):
            text.append(_el("tspan", line, x=text_x, dy=0 if k == 0 else line_h))
        text.append("</text>")
        out.append("".join(text))
        y += len(lines) * line_h + 6
    # Grid and y labels on the axis side (right for RTL), clear of the bars.
    axis_x = left + plot_w if lab.rtl else left
    label_x = axis_x + 6 if lab.rtl else axis_x - 6
    for t, t_label in zip(ticks, tick_labels, strict=True):
        gy = y_of(t)
        out.append(
            _el("line", None, x1=left, y1=f(gy), x2=left + plot_w, y2=f(gy), stroke="#d0d0d0")
        )
        out.append(
            _el(
                "text",
                t_label,
                x=label_x,
                y=f(gy + 5),
                fill=ink,
                # amounts read left to right in every language; RTL: left edge at the axis
                direction="ltr",
                text_anchor="start" if lab.rtl else "end",
                class_="y-label",
            )
        )
    # Bars
    out.append('<g class="bars">')
    for i, (row, total) in enumerate(zip(rows, totals, strict=True)):
        x = x_slot(i) + (slot - bar_w) / 2
        top_y = y_of(max(total, Decimal(0)))
        h = Decimal(top_pad + plot_h) - top_y
        kind = _category(row) if row.get("marginal_after_tax") is not None else "pays"
        hours = str(row.get("hours_per_week"))
        if row.get("marginal_after_tax") is None:
            tip = lab.bar_first.format(hours=hours, total=lab.format_amount(total))
        else:
            tip = lab.bar.format(
                hours=hours,
                total=lab.format_amount(total),
                gain=lab.format_amount(_dec(row, "marginal_after_tax")),
                share=lab.format_number(_dec(row, "kept_share_pct")),
            )
        css = {"pays": "pays", "hardly": "low-gain", "loses": "loss"}[kind]
        out.append(
            _open(
                "rect",
                class_=css,
                x=f(x),
                y=f(top_y),
                width=f(bar_w),
                height=f(h),
                fill=fill_of(kind),
                stroke=ink,
                stroke_width="0.5",
            )
            + _el("title", tip)
            + "</rect>"
        )
    out.append("</g>")
    # Axes and x labels
    base_y = top_pad + plot_h
    out.append(_el("line", None, x1=left, y1=base_y, x2=left + plot_w, y2=base_y, stroke=ink))
    out.append(_el("line", None, x1=axis_x, y1=top_pad, x2=axis_x, y2=base_y, stroke=ink))
    for i, row in enumerate(rows):
        hours_val = row.get("hours_per_week")
        if isinstance(hours_val, int) and (hours_val % 5 == 0 or i == n - 1):
            x = x_slot(i) + slot / 2
            out.append(
                _el("text", str(hours_val), x=f(x), y=base_y + 18, text_anchor="middle", fill=ink)
            )
    mid_x = left + plot_w // 2
    mid_y = top_pad + plot_h // 2
    out.append(_el("text", lab.x_axis, x=mid_x, y=base_y + 42, text_anchor="middle", fill=ink))
    title_x = width - 14 if lab.rtl else 16
    rotate = 90 if lab.rtl else -90
    out.append(
        _el(
            "text",
            lab.y_axis,
            x=title_x,
            y=mid_y,
            text_anchor="middle",
            fill=ink,
            transform=f"rotate({rotate} {title_x} {mid_y})",
        )
    )
    out.append("</svg>")
    return "".join(out)

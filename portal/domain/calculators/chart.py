"""Accessible server-side SVG chart for the "work more hours" result.

Pure string building, no Flask. The chart shows total income after tax for
each weekly hour count; hours where an extra hour hardly pays (less than 30 %
of its wage kept) are drawn with a hatch pattern *and* another colour, so the
difference does not rely on colour alone. The SVG has ``role="img"``, a
``<title>`` and a ``<desc>`` (the same text as :func:`chart_text_alternative`),
and every bar carries its own ``<title>`` with the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from xml.sax.saxutils import escape, quoteattr

from portal.domain.calculators.base import JSONValue, Result

__all__ = ["ChartLabels", "chart_text_alternative", "render_work_more_hours_chart"]


@dataclass(frozen=True)
class ChartLabels:
    """Every text in the chart, so the web layer can pass translated labels."""

    title: str
    x_axis: str
    y_axis: str
    legend_pays: str
    legend_low: str
    bar: str  # placeholders: hours, total, gain, share
    bar_first: str  # "{hours} hours a week: {total} after tax"
    summary: str  # placeholders: start, end, max_hours
    summary_low: str  # "An extra hour hardly pays at: {ranges}."
    summary_no_low: str
    currency: str  # "{amount} kr."
    thousands_sep: str
    decimal_sep: str
    range_joiner: str  # ", "
    range_dash: str  # "–"

    @classmethod
    def english(cls) -> ChartLabels:
        """English labels."""
        return cls(
            title="Income after tax by hours worked per week",
            x_axis="Hours worked per week",
            y_axis="Income per month after tax",
            legend_pays="An extra hour pays",
            legend_low="An extra hour hardly pays (under 30 % of its wage kept)",
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
            summary_no_low="Every extra hour keeps at least 30 % of its wage.",
            currency="{amount} kr.",
            thousands_sep=",",
            decimal_sep=".",
            range_joiner=", ",
            range_dash="–",
        )

    @classmethod
    def danish(cls) -> ChartLabels:
        """Danish labels."""
        return cls(
            title="Indkomst efter skat efter antal timer om ugen",
            x_axis="Arbejdstimer pr. uge",
            y_axis="Indkomst pr. måned efter skat",
            legend_pays="En ekstra time kan betale sig",
            legend_low=(
                "En ekstra time kan næsten ikke betale sig (under 30 % af lønnen beholdes)"
            ),
            bar=(
                "{hours} timer om ugen: {total} efter skat; "
                "den sidste time gav {gain} ({share} % af lønnen)"
            ),
            bar_first="{hours} timer om ugen: {total} efter skat",
            summary=(
                "Uden arbejde: {start} om måneden efter skat. Ved {max_hours} timer om ugen: {end}."
            ),
            summary_low="En ekstra time kan næsten ikke betale sig ved {ranges} timer om ugen.",
            summary_no_low="Hver ekstra time beholder mindst 30 % af lønnen.",
            currency="{amount} kr.",
            thousands_sep=".",
            decimal_sep=",",
            range_joiner=", ",
            range_dash="–",
        )


def _kr(amount: Decimal, labels: ChartLabels) -> str:
    whole = int(amount.to_integral_value())
    sign = "-" if whole < 0 else ""
    digits = f"{abs(whole):,}".replace(",", labels.thousands_sep)
    return labels.currency.format(amount=f"{sign}{digits}")


def _num(value: Decimal, labels: ChartLabels) -> str:
    return format(value.quantize(Decimal("0.1")), "f").replace(".", labels.decimal_sep)


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


def chart_text_alternative(result: Result, labels: ChartLabels | None = None) -> str:
    """A plain-text summary of the chart (for ``<desc>`` and for a visible caption)."""
    lab = labels or ChartLabels.english()
    rows = _rows(result)
    first, last = rows[0], rows[-1]
    text = lab.summary.format(
        start=_kr(_dec(first, "total_after_tax"), lab),
        end=_kr(_dec(last, "total_after_tax"), lab),
        max_hours=str(last.get("hours_per_week")),
    )
    low = [int(str(r["hours_per_week"])) for r in rows if r.get("low_gain") is True]
    text += " " + (lab.summary_low.format(ranges=_ranges(low, lab)) if low else lab.summary_no_low)
    return text


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


def render_work_more_hours_chart(
    result: Result,
    labels: ChartLabels | None = None,
    *,
    width: int = 720,
    height: int = 380,
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
    left, right, top_pad, bottom = 86, 16, 56, 64
    plot_w = width - left - right
    plot_h = height - top_pad - bottom
    n = len(rows)
    slot = Decimal(plot_w) / n
    bar_w = slot * Decimal("0.72")

    def y_of(value: Decimal) -> Decimal:
        return Decimal(top_pad) + Decimal(plot_h) * (1 - value / y_max)

    def f(x: Decimal | int) -> str:
        return format(Decimal(x).quantize(Decimal("0.1")), "f")

    pid = id_prefix
    title_id, desc_id = f"{pid}-title", f"{pid}-desc"
    hatch = f"url(#{pid}-hatch)"
    ink = "#1a1a1a"
    desc = chart_text_alternative(result, lab)
    out: list[str] = [
        _open(
            "svg",
            xmlns="http://www.w3.org/2000/svg",
            role="img",
            width=width,
            height=height,
            viewBox=f"0 0 {width} {height}",
            aria_labelledby=f"{title_id} {desc_id}",
            font_family="sans-serif",
            font_size=12,
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
        "</pattern></defs>",
        _el("rect", None, x=0, y=0, width=width, height=height, fill="#ffffff"),
    ]
    # Grid and y labels
    tick = Decimal(0)
    while tick <= y_max:
        y = y_of(tick)
        out.append(_el("line", None, x1=left, y1=f(y), x2=width - right, y2=f(y), stroke="#d0d0d0"))
        label = _kr(tick, lab)
        out.append(_el("text", label, x=left - 6, y=f(y + 4), text_anchor="end", fill=ink))
        tick += step
    # Bars: hatch pattern and colour for hours where an extra hour hardly pays
    out.append('<g class="bars">')
    for i, (row, total) in enumerate(zip(rows, totals, strict=True)):
        x = Decimal(left) + slot * i + (slot - bar_w) / 2
        y = y_of(max(total, Decimal(0)))
        h = Decimal(top_pad + plot_h) - y
        low = row.get("low_gain") is True
        hours = str(row.get("hours_per_week"))
        if row.get("marginal_after_tax") is None:
            tip = lab.bar_first.format(hours=hours, total=_kr(total, lab))
        else:
            tip = lab.bar.format(
                hours=hours,
                total=_kr(total, lab),
                gain=_kr(_dec(row, "marginal_after_tax"), lab),
                share=_num(_dec(row, "kept_share_pct"), lab),
            )
        out.append(
            _open(
                "rect",
                class_="low-gain" if low else "pays",
                x=f(x),
                y=f(y),
                width=f(bar_w),
                height=f(h),
                fill=hatch if low else "#1f5f99",
                stroke=ink,
                stroke_width="0.5",
            )
            + _el("title", tip)
            + "</rect>"
        )
    out.append("</g>")
    # Axes and x labels
    base_y = top_pad + plot_h
    out.append(_el("line", None, x1=left, y1=base_y, x2=width - right, y2=base_y, stroke=ink))
    out.append(_el("line", None, x1=left, y1=top_pad, x2=left, y2=base_y, stroke=ink))
    for i, row in enumerate(rows):
        hours_val = row.get("hours_per_week")
        if isinstance(hours_val, int) and (hours_val % 5 == 0 or i == n - 1):
            x = Decimal(left) + slot * i + slot / 2
            out.append(
                _el("text", str(hours_val), x=f(x), y=base_y + 16, text_anchor="middle", fill=ink)
            )
    mid_x, mid_y = left + plot_w // 2, top_pad + plot_h // 2
    out.append(_el("text", lab.x_axis, x=mid_x, y=height - 24, text_anchor="middle", fill=ink))
    out.append(
        _el(
            "text",
            lab.y_axis,
            x=16,
            y=mid_y,
            text_anchor="middle",
            fill=ink,
            transform=f"rotate(-90 16 {mid_y})",
        )
    )
    # Legend (shape and text, not colour alone)
    legend = ((14, "#1f5f99", lab.legend_pays), (32, hatch, lab.legend_low))
    for top_y, fill, words in legend:
        out.append(_el("rect", None, x=left, y=top_y, width=14, height=14, fill=fill, stroke=ink))
        out.append(_el("text", words, x=left + 20, y=top_y + 11, fill=ink))
    out.append("</svg>")
    return "".join(out)

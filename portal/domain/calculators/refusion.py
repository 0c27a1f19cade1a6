"""The state's refund of a municipality's benefit costs (refusionstrappen).

Lov om kommunernes finansiering af visse offentlige ydelser § 5: the refund (for
kontanthjælp, sygedagpenge, fleksløntilskud and the other benefits the
municipality pays) falls with the weeks a person has been on public support:
80 % in weeks 1-4, 40 % in weeks 5-26, 30 % in weeks 27-52 and 20 % from week 53.
For dagpenge, paid by the a-kasse, the municipality instead co-finances
20/60/70/80 %. The figures live in the rate files with their source and status;
a page for managers (a separate issue) reads them through this module.
"""

from __future__ import annotations

from decimal import Decimal

from portal.domain.rates import RateSet

__all__ = ["STEPS", "cofinancing_pct", "refund_pct"]

# (last week of the step, key suffix); the last step has no end.
STEPS: tuple[tuple[int | None, str], ...] = (
    (4, "weeks_1_4_pct"),
    (26, "weeks_5_26_pct"),
    (52, "weeks_27_52_pct"),
    (None, "after_52_pct"),
)


def _suffix(week: int) -> str:
    if week < 1:
        raise ValueError("weeks on public support start at 1")
    for last, suffix in STEPS:
        if last is None or week <= last:
            return suffix
    raise AssertionError("unreachable")


def refund_pct(week: int, rates: RateSet) -> Decimal:
    """The state's refund in percent for a benefit week (week 1 = the first week)."""
    return rates.value(f"refusion.{_suffix(week)}")


def cofinancing_pct(week: int, rates: RateSet) -> Decimal:
    """The municipality's share of dagpenge in percent for a benefit week."""
    return rates.value(f"refusion.cofinancing_{_suffix(week)}")

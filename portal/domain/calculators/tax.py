"""Approximate monthly income tax for the "work more hours" calculator.

A deliberately simple model, stated in every result that uses it:

* AM-bidrag 8 % of the wage only (dagpenge and kontanthjælp carry none).
* Personal income = wage − AM-bidrag + benefit.
* Bundskat on personal income above the personfradrag (yearly ÷ 12).
* Kommuneskat (national average, no church tax) on personal income minus the
  beskæftigelsesfradrag (ligningsloven § 9 J: a % of the wage, capped) and the
  jobfradrag (§ 9 K: a % of the wage above a limit, capped) above the
  personfradrag. Yearly limits are spread evenly over 12 months.
* Not included: kirkeskat, mellemskat/topskat, other deductions, and the
  year-end settlement of an uneven income.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portal.domain.calculators.base import ZERO, Calc, money, pct

TWELVE = Decimal(12)


@dataclass(frozen=True)
class TaxRates:
    """Tax figures as fractions and monthly amounts."""

    am: Decimal
    bundskat: Decimal
    kommuneskat: Decimal
    personfradrag_month: Decimal
    besk_fradrag: Decimal
    besk_fradrag_max_month: Decimal
    jobfradrag: Decimal
    jobfradrag_threshold_month: Decimal
    jobfradrag_max_month: Decimal


@dataclass(frozen=True)
class TaxBreakdown:
    """One month's approximate tax."""

    am_bidrag: Decimal
    besk_fradrag: Decimal
    jobfradrag: Decimal
    bundskat: Decimal
    kommuneskat: Decimal
    after_tax: Decimal

    @property
    def income_tax(self) -> Decimal:
        """Bundskat plus kommuneskat."""
        return self.bundskat + self.kommuneskat


def tax_rates(c: Calc) -> TaxRates:
    """Read the year's tax figures (recording them as used)."""
    return TaxRates(
        am=pct(c.rate("tax.am_bidrag_pct")),
        bundskat=pct(c.rate("tax.bundskat_pct")),
        kommuneskat=pct(c.rate("tax.kommuneskat_avg_pct")),
        personfradrag_month=c.rate("tax.personfradrag") / TWELVE,
        besk_fradrag=pct(c.rate("tax.beskaeftigelsesfradrag_pct")),
        besk_fradrag_max_month=c.rate("tax.beskaeftigelsesfradrag_max") / TWELVE,
        jobfradrag=pct(c.rate("tax.jobfradrag_pct")),
        jobfradrag_threshold_month=c.rate("tax.jobfradrag_threshold") / TWELVE,
        jobfradrag_max_month=c.rate("tax.jobfradrag_max") / TWELVE,
    )


def monthly_tax(wage: Decimal, benefit: Decimal, t: TaxRates) -> TaxBreakdown:
    """Approximate tax for a month with ``wage`` (before AM-bidrag) and a taxable ``benefit``."""
    am = wage * t.am
    personal = wage - am + benefit
    besk = min(wage * t.besk_fradrag, t.besk_fradrag_max_month)
    job = min(t.jobfradrag * max(ZERO, wage - t.jobfradrag_threshold_month), t.jobfradrag_max_month)
    bund = t.bundskat * max(ZERO, personal - t.personfradrag_month)
    kommune = t.kommuneskat * max(ZERO, personal - besk - job - t.personfradrag_month)
    after = wage + benefit - am - bund - kommune
    return TaxBreakdown(
        am_bidrag=money(am),
        besk_fradrag=money(besk),
        jobfradrag=money(job),
        bundskat=money(bund),
        kommuneskat=money(kommune),
        after_tax=money(after),
    )

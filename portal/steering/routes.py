"""Effect steering for managers. Managers are admins (no separate role): the page shows only
aggregated, suppressed figures (portal.domain.steering), never a person."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from flask import Blueprint, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.admin.operations import all_teams
from portal.assistant.operations import get_routing
from portal.auth.access import protect_blueprint
from portal.calculators.forms import STATUS_LABELS, format_number
from portal.domain import spell_cost, steering
from portal.domain.insight import InsightReport, build_report
from portal.domain.languages import LANGUAGES, direction_of
from portal.domain.progress_chart import DIMENSIONS
from portal.domain.rates import Status
from portal.domain.steering_chart import band_lines_svg, bar_chart_svg
from portal.i18n import current_lang
from portal.insight.routes import collect
from portal.match.operations import count_contact_requests
from portal.models.user import Role, utcnow
from portal.progress.forms import DIMENSION_NAMES
from portal.rates_store import get_rate_book
from portal.steering.operations import citizen_facts, current_spell_weeks

bp = Blueprint("steering", __name__, url_prefix="/<lang_code>/steering")
protect_blueprint(bp, Role.ADMIN)

PERIODS = (30, 90, 365, 730)
DEFAULT_PERIOD = 365
DEFAULT_WEEKS = 104


def _filters() -> tuple[int, str | None]:
    try:
        days = int(request.args.get("days", DEFAULT_PERIOD))
    except ValueError:
        days = DEFAULT_PERIOD
    if days not in PERIODS:
        days = DEFAULT_PERIOD
    team = request.args.get("team") or None
    if team is not None and team not in all_teams():
        team = None
    return days, team


def _group_name(code: str) -> str:
    if code in steering.GROUP_NAMES:
        return str(_(steering.GROUP_NAMES[code]))
    teams = all_teams()
    return teams[code].name(current_lang()) if code in teams else code


def _assistant(since: dt.datetime) -> tuple[InsightReport, list[tuple[str, int]], int]:
    conversations, cases, questions = collect(since)
    report = build_report(conversations, cases, questions)
    by_language, hidden = steering.suppress_counts(report.handoffs_by_language)
    return report, by_language, hidden


def _figures(days: int, team: str | None) -> dict[str, object]:
    until = utcnow()
    since = until - dt.timedelta(days=days)
    report = steering.build_steering(citizen_facts(team), since, until)
    assistant, by_language, hidden_languages = _assistant(since)
    return {
        "since": since,
        "until": until,
        "report": report,
        "assistant": assistant,
        "assistant_shown": assistant.conversations >= steering.MIN_GROUP,
        "handoffs_by_language": by_language,
        "hidden_languages": hidden_languages,
        "matches": steering.match_figures(*count_contact_requests(since, until)),
    }


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


def _charts(figures: dict[str, object]) -> dict[str, Markup]:
    report = figures["report"]
    assert isinstance(report, steering.SteeringReport)
    direction = direction_of(current_lang())
    bands = [code for code, *_ in steering.MONTH_BANDS]
    overall = {c.band: c for c in report.progress_overall}
    series = {
        d: [overall[b].means.get(d) if b in overall else None for b in bands] for d in DIMENSIONS
    }
    charts = {
        "progress": band_lines_svg(
            bands,
            series,
            {d: str(DIMENSION_NAMES[d]) for d in DIMENSIONS},
            _("Gennemsnitlig vurdering efter måneder siden tilmelding"),
            "chart-progress",
            direction,
        ),
        "prepared": bar_chart_svg(
            [(_group_name(f.group), f.value or 0.0, _percent(f.value)) for f in report.prepared],
            _("Andel der forberedte sig før første samtale"),
            "chart-prepared",
            direction,
            maximum=1.0,
        ),
        "days": bar_chart_svg(
            [
                (_group_name(f.group), f.value or 0.0, _("%(n)s dage", n=f"{f.value or 0:.0f}"))
                for f in report.days_to_first_meeting
            ],
            _("Dage fra tilmelding til første samtale (median)"),
            "chart-days",
            direction,
        ),
        "languages": bar_chart_svg(
            [
                (LANGUAGES[c].native_name if c in LANGUAGES else c, float(n), str(n))
                for c, n in figures["handoffs_by_language"]  # type: ignore[attr-defined]
            ],
            _("Givet videre efter sprog"),
            "chart-languages",
            direction,
        ),
    }
    return {k: Markup(v) for k, v in charts.items()}  # noqa: S704 - domain SVG, texts escaped


@bp.route("/")
def index() -> ResponseReturnValue:
    days, team = _filters()
    figures = _figures(days, team)
    return render_template(
        "steering/index.html",
        days=days,
        team=team,
        periods=PERIODS,
        teams=all_teams(),
        charts=_charts(figures),
        dimensions=DIMENSIONS,
        dimension_names=DIMENSION_NAMES,
        group_name=_group_name,
        percent=_percent,
        languages=LANGUAGES,
        min_group=steering.MIN_GROUP,
        routing_teams=get_routing().teams,
        **figures,
    )


def key_figure_rows(figures: dict[str, object]) -> list[tuple[str, str, str, str, str]]:
    """(figure code, description, group, people, value) rows of the CSV, suppressed."""
    report = figures["report"]
    assert isinstance(report, steering.SteeringReport)
    rows: list[tuple[str, str, str, str, str]] = []
    for f in report.prepared:
        rows.append(
            (
                "prepared_before_first_meeting",
                _(
                    "Andel af borgerne med første samtale i perioden, der havde sendt en "
                    "forberedelse før samtalen (0-1)."
                ),
                _group_name(f.group),
                str(f.people),
                "" if f.value is None else f"{f.value:.3f}",
            )
        )
    for f in report.days_to_first_meeting:
        rows.append(
            (
                "days_registration_to_first_meeting",
                _("Median antal dage fra tilmelding i portalen til første samtale."),
                _group_name(f.group),
                str(f.people),
                "" if f.value is None else f"{f.value:.1f}",
            )
        )
    for cell in report.progress:
        for d in DIMENSIONS:
            mean = cell.means.get(d)
            rows.append(
                (
                    f"progress_{d}",
                    _(
                        "Gennemsnitlig selvvurdering (1-10) af %(dimension)s, målgruppe og "
                        "måneder siden tilmelding; borgerens seneste vurdering i perioden tæller.",
                        dimension=DIMENSION_NAMES[d],
                    ),
                    f"{_group_name(cell.target_group)} / {cell.band}",
                    str(cell.people),
                    "" if mean is None else f"{mean:.2f}",
                )
            )
    assistant = figures["assistant"]
    assert isinstance(assistant, InsightReport)
    if figures["assistant_shown"] and assistant.containment is not None:
        rows.append(
            (
                "assistant_containment",
                _(
                    "Andel af samtaler med assistenten, der blev besvaret uden en medarbejder "
                    "(0-1)."
                ),
                _group_name(steering.ALL),
                str(assistant.conversations),
                f"{assistant.containment:.3f}",
            )
        )
    for code, n in figures["handoffs_by_language"]:  # type: ignore[attr-defined]
        rows.append(
            (
                "assistant_handoffs",
                _("Samtaler givet videre fra assistenten til en medarbejder, efter sprog."),
                code,
                str(n),
                str(n),
            )
        )
    matches = figures["matches"]
    if isinstance(matches, steering.MatchFigures):
        for code, n in (
            ("matches_requested", matches.requested),
            ("matches_accepted", matches.accepted),
        ):
            if n == 0 or n >= steering.MIN_GROUP:
                rows.append((code, _("Kontaktforespørgsler fra virksomheder."), "", str(n), str(n)))
    return rows


@bp.route("/key-figures.csv")
def key_figures_csv() -> ResponseReturnValue:
    days, team = _filters()
    figures = _figures(days, team)
    since, until = figures["since"], figures["until"]
    assert isinstance(since, dt.datetime) and isinstance(until, dt.datetime)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("Nøgletal"),
            _("Beskrivelse"),
            _("Gruppe"),
            _("Personer"),
            _("Værdi"),
            _("Fra"),
            _("Til"),
            _("Team"),
        ]
    )
    team_label = _group_name(team) if team else _("Alle")
    for row in key_figure_rows(figures):
        writer.writerow([*row, since.date().isoformat(), until.date().isoformat(), team_label])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=jobvej-steering-{until.date()}.csv",
            "Cache-Control": "no-store",
        },
    )


BENEFIT_NAMES = {
    "kontanthjaelp": _l("Kontanthjælp"),
    "sygedagpenge": _l("Sygedagpenge"),
    "dagpenge": _l("Dagpenge"),
}


def benefit_label(code: str) -> str:
    """The benefit's name in the reader's language (the glossary's label)."""
    return str(BENEFIT_NAMES[code])


def status_label(status: str) -> str:
    """A rate figure's status (confirmed, derived, unconfirmed) in the reader's language."""
    return str(STATUS_LABELS[Status(status)])


def kroner(amount: Decimal) -> str:
    """A whole-krone amount the locale's way, with "kr."."""
    return str(_("%(amount)s kr.", amount=format_number(amount.quantize(Decimal(1)))))


def _amount(benefit: str, rates_suggestion: Decimal) -> Decimal:
    raw = (request.args.get("amount") or "").replace(" ", "").replace(".", "").replace(",", ".")
    try:
        value = Decimal(raw) if raw else rates_suggestion
    except InvalidOperation:
        value = rates_suggestion
    if not value.is_finite() or value <= 0 or value > 100000:
        value = rates_suggestion
    return value.quantize(Decimal("0.01"))


@bp.route("/refund")
def refund() -> ResponseReturnValue:
    benefit = request.args.get("benefit", "kontanthjaelp")
    if benefit not in spell_cost.BENEFITS:
        benefit = "kontanthjaelp"
    try:
        weeks = int(request.args.get("weeks", DEFAULT_WEEKS))
    except ValueError:
        weeks = DEFAULT_WEEKS
    weeks = min(max(weeks, 1), spell_cost.MAX_WEEKS)
    today = utcnow().date()
    book = get_rate_book(current_app)
    rates = book.rates_for(book.year_for(today), today)
    model = spell_cost.BENEFITS[benefit][0]
    suggestion, suggestion_figure = spell_cost.suggested_weekly_amount(benefit, rates)
    amount = _amount(benefit, suggestion)
    cumulative = spell_cost.cumulative_cost(amount, weeks, model, rates)
    steps = spell_cost.steps(amount, weeks, model, rates)
    spells = current_spell_weeks(today, benefit)
    bands, hidden_bands = spell_cost.spell_distribution(spells, amount, model, rates)
    marks = sorted({s.last_week for s in steps})
    chart = bar_chart_svg(
        [(_("Uge %(n)s", n=w), float(cumulative[w - 1]), kroner(cumulative[w - 1])) for w in marks],
        _("Kommunens samlede udgift efter antal uger på ydelse"),
        "chart-refund",
        direction_of(current_lang()),
    )
    return render_template(
        "steering/refund.html",
        benefit=benefit,
        benefits=spell_cost.BENEFITS,
        weeks=weeks,
        amount=amount,
        suggestion=suggestion,
        suggestion_figure=suggestion_figure,
        model=model.value,
        steps=steps,
        total=cumulative[-1],
        figures=spell_cost.staircase_figures(model, rates),
        chart=Markup(chart),  # noqa: S704 - domain SVG, texts escaped
        spells=spells,
        bands=bands,
        hidden_bands=hidden_bands,
        min_group=steering.MIN_GROUP,
        kroner=kroner,
        format_number=format_number,
        benefit_label=benefit_label,
        status_label=status_label,
    )

"""Front page, language redirect and health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from portal.i18n import select_locale
from portal.main.health import health_report

bp = Blueprint("main", __name__)


@bp.route("/")
def root() -> ResponseReturnValue:
    """Send the visitor to the front page in their language."""
    return redirect(url_for("main.home", lang_code=select_locale()))


@bp.route("/<lang_code>/")
def home() -> ResponseReturnValue:
    return render_template("main/home.html")


@bp.route("/<lang_code>/accessibility")
def accessibility() -> ResponseReturnValue:
    """The accessibility statement (tilgængelighedserklæring), from content/accessibility.yaml."""
    from portal import accessibility_statement as a11y

    return render_template(
        "main/accessibility.html",
        statement=a11y.load_statement(),
        checked_pages=a11y.CHECKED_PAGE_TYPES,
        other_checks=a11y.OTHER_CHECKS,
        known_issue_texts=a11y.KNOWN_ISSUES,
        compliance_texts=a11y.COMPLIANCE,
        method_texts=a11y.METHOD,
    )


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    """JSON with the state of the database and the assistant (503 when the database is down)."""
    report = health_report(current_app.config["ASSISTANT_URL"], current_app.config["ACTIONS_URL"])
    status = 200 if report["database"]["status"] == "ok" else 503
    return jsonify(report), status

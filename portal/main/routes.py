"""Front page, language redirect and health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from portal.i18n import select_locale
from portal.main.health import health_report, may_see_details

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
    """ok / degraded (503 when the database is down). Details (each dependency, its URL and
    error) only with the health token or from this machine (main/health.py)."""
    report = health_report(current_app.config["ASSISTANT_URL"], current_app.config["ACTIONS_URL"])
    status = 200 if report["database"]["status"] == "ok" else 503
    token = str(current_app.config.get("HEALTH_TOKEN") or "")
    if not may_see_details(request.remote_addr, request.headers, token):
        report = {"status": report["status"]}
    response = jsonify(report)
    response.headers["Cache-Control"] = "no-store"
    return response, status

"""Employers' single entry point."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask.typing import ResponseReturnValue

from portal.auth.access import protect_blueprint
from portal.content_store import get_library
from portal.models.user import Role

bp = Blueprint("employer", __name__, url_prefix="/<lang_code>/employer")
protect_blueprint(bp, Role.EMPLOYER)


@bp.route("/")
def home() -> ResponseReturnValue:
    topics = get_library(current_app).by_audience("employer")
    return render_template("employer/home.html", topics=topics)

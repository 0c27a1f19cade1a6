"""Caseworkers' pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from portal.auth.access import protect_blueprint
from portal.models.user import Role

bp = Blueprint("caseworker", __name__, url_prefix="/<lang_code>/caseworker")
protect_blueprint(bp, Role.CASEWORKER, Role.ADMIN)


@bp.route("/")
def home() -> ResponseReturnValue:
    return render_template("caseworker/home.html")

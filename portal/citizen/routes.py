"""The citizen's own pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from portal.auth.access import protect_blueprint
from portal.models.user import Role

bp = Blueprint("citizen", __name__, url_prefix="/<lang_code>/citizen")
protect_blueprint(bp, Role.CITIZEN)


@bp.route("/")
def home() -> ResponseReturnValue:
    return render_template("citizen/home.html")

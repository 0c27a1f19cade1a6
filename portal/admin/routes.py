"""Administration: accounts overview."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from portal.auth.access import protect_blueprint
from portal.extensions import db
from portal.models.user import Role, User

bp = Blueprint("admin", __name__, url_prefix="/<lang_code>/admin")
protect_blueprint(bp, Role.ADMIN)


@bp.route("/")
def home() -> ResponseReturnValue:
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    staff = db.session.scalars(
        select(User).where(User.role.in_([Role.CASEWORKER, Role.ADMIN])).order_by(User.email)
    ).all()
    return render_template("admin/home.html", counts=counts, roles=list(Role), staff=staff)

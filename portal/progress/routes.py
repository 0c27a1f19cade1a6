"""The citizen's progress: rate yourself, see how it changes over time."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal.auth.access import protect_blueprint
from portal.domain.languages import direction_of
from portal.domain.progress_chart import DIMENSIONS, legend_swatch_svg, progress_svg
from portal.i18n import current_lang
from portal.journal.forms import ConfirmForm
from portal.journal.operations import set_sharing
from portal.models.progress import ProgressRating
from portal.models.user import Role
from portal.privacy.access import sharing_of
from portal.progress import operations
from portal.progress.forms import DIMENSION_HINTS, DIMENSION_NAMES, ProgressForm

bp = Blueprint("progress", __name__, url_prefix="/<lang_code>/progress")
protect_blueprint(bp, Role.CITIZEN)


def chart_context(ratings: list[ProgressRating]) -> dict[str, object]:
    """Chart (SVG) and table data for a list of ratings; used by citizen and staff pages."""
    svg = progress_svg(
        operations.rating_points(ratings),
        {d: str(DIMENSION_NAMES[d]) for d in DIMENSIONS},
        _("Din udvikling over tid"),
        date_format="%d.%m.%Y",
        direction=direction_of(current_lang()),
    )
    return {
        "ratings": ratings,
        "chart": Markup(svg),  # noqa: S704 - built by portal.domain with every text escaped
        "dimensions": DIMENSIONS,
        "dimension_names": DIMENSION_NAMES,
    }


@bp.app_template_global("progress_legend_swatch")
def progress_legend_swatch(dimension: str) -> Markup:
    """The line sample shown next to a dimension's name in the chart legend."""
    return Markup(legend_swatch_svg(dimension))  # noqa: S704 - fixed markup, no user text


@bp.route("/", methods=["GET", "POST"])
def index() -> ResponseReturnValue:
    form = ProgressForm()
    if form.validate_on_submit():
        operations.record_progress(current_user, form.scores())
        flash(_("Tak. Din vurdering er gemt."), "success")
        return redirect(url_for("progress.index"))
    return render_template(
        "progress/index.html",
        form=form,
        hints=DIMENSION_HINTS,
        sharing=sharing_of(current_user.id),
        confirm_form=ConfirmForm(),
        **chart_context(operations.progress_ratings(current_user.id)),
    ), (422 if form.errors else 200)


@bp.route("/sharing", methods=["POST"])
def sharing() -> ResponseReturnValue:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    share = request.form.get("share") == "1"
    set_sharing(current_user, progress=share)
    flash(
        _("Din udvikling er nu delt med jobservice.")
        if share
        else _("Din udvikling er ikke længere delt med jobservice."),
        "success",
    )
    return redirect(url_for("progress.index"))

"""The help pages: the content library by audience, and one page per topic."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from flask.typing import ResponseReturnValue

from portal.content_store import get_library
from portal.domain.content import render_markdown
from portal.i18n import current_lang

bp = Blueprint("help", __name__, url_prefix="/<lang_code>/help")

AUDIENCE_ORDER = ("citizen", "refugee", "employer")


@bp.route("/")
def index() -> ResponseReturnValue:
    library = get_library(current_app)
    lang = current_lang()
    groups = []
    for audience in AUDIENCE_ORDER:
        entries = []
        for topic in library.by_audience(audience):
            resolved = library.resolve(topic.id, lang)
            if resolved is not None:
                entries.append((topic, resolved))
        groups.append((audience, entries))
    return render_template("help/index.html", groups=groups)


@bp.route("/<topic_id>")
def topic(topic_id: str) -> ResponseReturnValue:
    library = get_library(current_app)
    topic = library.topic(topic_id)
    resolved = library.resolve(topic_id, current_lang()) if topic else None
    if topic is None or resolved is None:
        abort(404)
    return render_template(
        "help/topic.html",
        topic=topic,
        resolved=resolved,
        article=resolved.article,
        body_html=render_markdown(resolved.article.body),
    )

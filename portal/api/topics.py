"""Public content API: the assistant fetches article short answers from here."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from portal.content_store import get_library
from portal.domain.languages import LANGUAGES, SOURCE_LANGUAGE

bp = Blueprint("api_topics", __name__, url_prefix="/api/v1")


@bp.route("/topics/<topic_id>")
def topic(topic_id: str) -> ResponseReturnValue:
    """The short answer of a topic in a language (Danish when not translated)."""
    language = request.args.get("language", SOURCE_LANGUAGE)
    if language not in LANGUAGES:
        return jsonify({"errors": {"language": "unsupported language"}}), 422
    library = get_library(current_app)
    topic = library.topic(topic_id)
    resolved = library.resolve(topic_id, language) if topic else None
    if topic is None or resolved is None:
        abort(404)
    article = resolved.article
    return jsonify(
        {
            "topic_id": topic_id,
            "language": article.language,
            "requested_language": language,
            "title": article.title,
            "short_answer": article.short_answer,
            "url": url_for("help.topic", lang_code=language, topic_id=topic_id, _external=True),
            "fallback_language": SOURCE_LANGUAGE if resolved.is_fallback else None,
            "stale": resolved.is_stale,
            "handoff": topic.handoff,
            "audience": topic.audience,
            "reviewed": article.reviewed.isoformat(),
            "sources": [{"title": s.title, "url": s.url} for s in article.sources],
        }
    )


@bp.route("/topics")
def topics() -> ResponseReturnValue:
    """All topic ids with audience and handoff flag."""
    library = get_library(current_app)
    return jsonify(
        {
            "topics": [
                {"id": t.id, "audience": t.audience, "handoff": t.handoff}
                for t in library.topics.values()
            ]
        }
    )

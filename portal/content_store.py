"""The app's loaded content library (validated once at start-up)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from portal.domain.content import ContentLibrary, load_library


def init_app(app: Flask) -> None:
    """Load and validate the content library; start-up fails with the files named if invalid."""
    app.extensions["jobvej_content"] = load_library(Path(app.config["CONTENT_DIR"]))

    @app.template_filter("topic_title")
    def topic_title(topic_id: str) -> str:
        from portal.i18n import current_lang

        resolved = get_library(app).resolve(topic_id, current_lang())
        return resolved.article.title if resolved else topic_id


def get_library(app: Flask) -> ContentLibrary:
    """The content library loaded at start-up."""
    library: ContentLibrary = app.extensions["jobvej_content"]
    return library

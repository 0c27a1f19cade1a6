"""Application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from portal import content_store, i18n, rates_store
from portal.config import DEFAULT_INSTANCE, load_config
from portal.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the portal. `config` overrides values read from the environment."""
    overrides = dict(config or {})
    instance = Path(overrides.pop("INSTANCE_PATH", DEFAULT_INSTANCE))
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=False)
    app.config.update(load_config(instance_path=instance))
    app.config.update(overrides)

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    content_store.init_app(app)
    rates_store.init_app(app)
    _configure_login()
    _register_blueprints(app)
    _register_error_pages(app)
    _add_security_headers(app)

    from portal import cli

    cli.init_app(app)
    return app


def _configure_login() -> None:
    from flask_babel import lazy_gettext as _l

    from portal.auth.service import load_session_user
    from portal.models.user import User

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")  # type: ignore[assignment]
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(token: str) -> User | None:
        return load_session_user(token)


def _register_blueprints(app: Flask) -> None:
    from portal.blueprints import api_blueprints, page_blueprints

    for blueprint in page_blueprints():
        app.register_blueprint(blueprint)
    for blueprint in api_blueprints():
        app.register_blueprint(blueprint)
        csrf.exempt(blueprint)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


def _add_security_headers(app: Flask) -> None:
    """Everything is served from the portal itself: say so to the browser."""
    from flask import Response

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def _register_error_pages(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> ResponseReturnValue:
        """A form sent without a valid token (usually an expired session): explain, keep calm."""
        from flask import jsonify, request

        if request.path.startswith("/api/"):
            return jsonify({"error": "csrf", "status": 400}), 400
        return render_template("csrf_error.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        from flask import jsonify, request

        if request.path.startswith("/api/"):
            return jsonify({"error": error.name, "status": error.code}), error.code or 500
        return render_template("error.html", error=error), error.code or 500

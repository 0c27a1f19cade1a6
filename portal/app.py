"""Application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter as _WerkzeugIntegerConverter

from portal import content_store, i18n, ratelimits, rates_store
from portal.config import DEFAULT_INSTANCE, check_production, load_config
from portal.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the portal. `config` overrides values read from the environment."""
    overrides = dict(config or {})
    instance = Path(overrides.pop("INSTANCE_PATH", DEFAULT_INSTANCE))
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=False)
    app.config.update(load_config(instance_path=instance))
    app.config.update(overrides)
    check_production(app.config)
    if int(app.config.get("PROXY_COUNT") or 0) > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
    _use_bounded_int_converter(app)

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    ratelimits.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    content_store.init_app(app)
    rates_store.init_app(app)
    _configure_login()
    _register_blueprints(app)
    _register_error_pages(app)
    _add_security_headers(app)
    _refuse_nul_in_forms(app)

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


class IntegerConverter(_WerkzeugIntegerConverter):
    """The portal's `<int:…>`: Werkzeug's, bounded to ids a database column can hold
    (64-bit signed). A larger number is an unknown page (404), never a database error (500)."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def _use_bounded_int_converter(app: Flask) -> None:
    """Every route's `<int:…>` uses IntegerConverter above."""
    app.url_map.converters["int"] = IntegerConverter


def _register_blueprints(app: Flask) -> None:
    from portal.blueprints import api_blueprints, page_blueprints

    for blueprint in page_blueprints():
        app.register_blueprint(blueprint)
    for blueprint in api_blueprints():
        if blueprint.name != "api_assistant":  # the chat API has limits of its own
            limiter.limit(ratelimits.setting("API_RATE_LIMIT"), key_func=ratelimits.client_key)(
                blueprint
            )
            limiter.limit(
                ratelimits.setting("API_ADDRESS_RATE_LIMIT"),
                key_func=ratelimits.address_key,
                scope="api-address",
            )(blueprint)
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
        if _is_personal(response):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def _refuse_nul_in_forms(app: Flask) -> None:
    """A NUL character cannot be stored in PostgreSQL text and never comes from a person
    typing: a form or query that carries one is a bad request (400), not a server error."""
    from flask import abort, request

    @app.before_request
    def refuse_nul() -> None:
        values = [*request.args.values()]
        if request.method == "POST" and request.mimetype in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            values += [*request.form.values()]
        if any("\x00" in value for value in values):
            abort(400)


def _is_personal(response: Any) -> bool:
    """Pages and API answers that may carry personal data must never be stored by a browser
    or proxy cache: everything for a logged-in user, the chat API (transcripts, replies)
    and anything that sets a session cookie. Public pages and static files stay cacheable."""
    from flask import request, session
    from flask_login import current_user

    if request.path.startswith("/static/"):
        return False
    if current_user and current_user.is_authenticated:
        return True
    if request.path.startswith("/api/v1/assistant") or request.path.startswith(
        "/api/v1/handoff-cases"
    ):
        return True
    return bool(session.modified or session.get("_user_id"))


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

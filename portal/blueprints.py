"""Every blueprint the portal registers, in one list (features add theirs here)."""

from __future__ import annotations

from flask import Blueprint


def page_blueprints() -> list[Blueprint]:
    """Blueprints that serve HTML pages (CSRF-protected)."""
    from portal.admin.routes import bp as admin_bp
    from portal.auth.routes import bp as auth_bp
    from portal.caseworker.routes import bp as caseworker_bp
    from portal.citizen.routes import bp as citizen_bp
    from portal.employer.routes import bp as employer_bp
    from portal.help.routes import bp as help_bp
    from portal.main.routes import bp as main_bp

    return [main_bp, auth_bp, help_bp, citizen_bp, employer_bp, caseworker_bp, admin_bp]


def api_blueprints() -> list[Blueprint]:
    """JSON API blueprints (no CSRF: they take JSON, not browser forms)."""
    from portal.api.topics import bp as api_topics_bp

    return [api_topics_bp]

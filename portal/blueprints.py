"""Every blueprint the portal registers, in one list (features add theirs here)."""

from __future__ import annotations

from flask import Blueprint


def page_blueprints() -> list[Blueprint]:
    """Blueprints that serve HTML pages (CSRF-protected)."""
    from portal.admin.routes import bp as admin_bp
    from portal.assistant.routes import bp as assistant_bp
    from portal.auth.routes import bp as auth_bp
    from portal.calculators.routes import bp as calculators_bp
    from portal.caseworker.routes import bp as caseworker_bp
    from portal.citizen.routes import bp as citizen_bp
    from portal.employer.routes import bp as employer_bp
    from portal.help.routes import bp as help_bp
    from portal.inbox.routes import bp as inbox_bp
    from portal.insight.routes import bp as insight_bp
    from portal.journal.routes import bp as journal_bp
    from portal.main.routes import bp as main_bp
    from portal.match.business_routes import bp as business_match_bp
    from portal.match.citizen_routes import bp as match_bp
    from portal.match.employer_routes import bp as talent_bp
    from portal.meetings.routes import bp as meetings_bp
    from portal.preparation.routes import bp as preparation_bp
    from portal.privacy.routes import bp as privacy_bp
    from portal.progress.routes import bp as progress_bp
    from portal.queues.routes import bp as queues_bp
    from portal.recruitment.routes import bp as recruitment_bp
    from portal.steering.routes import bp as steering_bp

    return [
        main_bp,
        auth_bp,
        help_bp,
        citizen_bp,
        employer_bp,
        caseworker_bp,
        admin_bp,
        journal_bp,
        meetings_bp,
        preparation_bp,
        progress_bp,
        privacy_bp,
        assistant_bp,
        queues_bp,
        inbox_bp,
        insight_bp,
        steering_bp,
        recruitment_bp,
        calculators_bp,
        match_bp,
        talent_bp,
        business_match_bp,
    ]


def api_blueprints() -> list[Blueprint]:
    """JSON API blueprints (no CSRF: they take JSON, not browser forms)."""
    from portal.api.calculators import bp as api_calculators_bp
    from portal.api.openapi import bp as api_openapi_bp
    from portal.api.topics import bp as api_topics_bp
    from portal.assistant.api import bp as api_assistant_bp

    return [api_topics_bp, api_assistant_bp, api_calculators_bp, api_openapi_bp]

"""Insight for managers: containment, handoffs, time to a human reply, not-understood
questions. Admins and caseworkers may view it; it shows no names or contact details."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from portal.assistant.operations import as_utc, get_routing
from portal.auth.access import protect_blueprint
from portal.domain.insight import CaseFacts, ConversationFacts, build_report
from portal.domain.languages import LANGUAGES
from portal.extensions import db
from portal.models.handoff import Conversation, HandoffCase
from portal.models.user import Role, utcnow

bp = Blueprint("insight", __name__, url_prefix="/<lang_code>/insight")
protect_blueprint(bp, Role.ADMIN, Role.CASEWORKER)

PERIODS = (7, 30, 90, 365)


def collect(since: dt.datetime) -> tuple[list[ConversationFacts], list[CaseFacts], list[str]]:
    """Facts for insight since a moment (conversations started, cases created)."""
    conversations = db.session.scalars(
        select(Conversation).where(Conversation.started_at >= since)
    ).all()
    conversation_facts = [
        ConversationFacts(
            language=c.language,
            started_at=as_utc(c.started_at),
            user_messages=c.user_messages or 0,
            understood_messages=c.understood_messages or 0,
            handed_off=bool(c.handed_off),
        )
        for c in conversations
    ]
    questions = [
        str(entry.get("text", ""))
        for c in conversations
        for entry in c.transcript or []
        if entry.get("sender") == "user" and entry.get("understood") is False
    ]
    cases = db.session.scalars(select(HandoffCase).where(HandoffCase.created_at >= since)).all()
    case_facts = [
        CaseFacts(
            topic_id=c.topic_id,
            language=c.language,
            source=c.source.value,
            created_at=as_utc(c.created_at),
            first_reply_at=as_utc(c.first_reply_at) if c.first_reply_at else None,
        )
        for c in cases
    ]
    return conversation_facts, case_facts, questions


@bp.route("/")
def index() -> ResponseReturnValue:
    try:
        days = int(request.args.get("days", 30))
    except ValueError:
        days = 30
    if days not in PERIODS:
        days = 30
    conversations, cases, questions = collect(utcnow() - dt.timedelta(days=days))
    report = build_report(conversations, cases, questions)
    return render_template(
        "insight/index.html",
        report=report,
        days=days,
        periods=PERIODS,
        languages=LANGUAGES,
        teams=get_routing().teams,
    )

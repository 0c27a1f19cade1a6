"""Writes for the chat: conversations, handoff cases, and the transcript purge.

Everything that is stored here has been CPR-redacted (portal.domain.cpr); this module
redacts again where text enters, so a caller that forgot cannot store a CPR number.
No message text is ever written to the log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, update

from portal.assistant import calculation, pool, rasa
from portal.content_store import get_library
from portal.domain import routing
from portal.domain.assistant import (
    OUT_OF_SCOPE,
    classify_intent,
    new_session_id,
    validate_handoff,
)
from portal.domain.cpr import redact_cpr
from portal.domain.languages import SOURCE_LANGUAGE
from portal.domain.texts import N_
from portal.extensions import db
from portal.models.handoff import CaseSource, CaseStatus, Conversation, HandoffCase
from portal.models.user import User, utcnow

log = logging.getLogger(__name__)


def get_routing(app: Flask | None = None) -> routing.RoutingTable:
    """The routing rules from CONTENT_DIR/routing.yaml, validated once per app."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    table: routing.RoutingTable | None = app.extensions.get("jobvej_routing")
    if table is None:
        topic_ids = set(get_library(app).topics)
        table = routing.load_routing(Path(app.config["CONTENT_DIR"]) / "routing.yaml", topic_ids)
        app.extensions["jobvej_routing"] = table
    return table


def topic_ids() -> set[str]:
    """Every topic id of the content library."""
    return set(get_library(current_app).topics)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes for timezone columns: they are UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _entry(sender: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"sender": sender, "text": redact_cpr(text), "timestamp": utcnow().isoformat(), **extra}


# --- conversations -------------------------------------------------------------------


def find_conversation(session_id: str | None) -> Conversation | None:
    """The conversation with this session id, or None."""
    if not session_id:
        return None
    return db.session.scalars(
        select(Conversation).where(Conversation.session_id == session_id)
    ).first()


def open_conversation(session_id: str | None, language: str, user: User | None) -> Conversation:
    """Continue the session's conversation, or start a new one. A session that belongs to
    another logged-in user is never continued (a new session is started instead)."""
    conversation = find_conversation(session_id)
    user_id = user.id if user is not None else None
    if conversation is not None and conversation.user_id not in (None, user_id):
        conversation = None
    if conversation is None:
        conversation = Conversation(
            session_id=new_session_id(),
            language=language,
            user_id=user_id,
            transcript=[],
            topic_ids=[],
        )
        db.session.add(conversation)
    else:
        conversation.language = language
        if conversation.user_id is None and user_id is not None:
            conversation.user_id = user_id
    db.session.commit()
    return conversation


def append_to_conversation(conversation: Conversation, entries: list[dict[str, Any]]) -> None:
    """Add transcript entries (already built with `_entry`) and commit."""
    conversation.transcript = [*(conversation.transcript or []), *entries]
    conversation.last_message_at = utcnow()
    db.session.commit()


def titled_links(messages: list[rasa.BotMessage], language: str) -> list[rasa.BotMessage]:
    """Every link with a title the user reads ("Læs mere: <article title>"), never a bare
    URL: the article's title for a topic answer, else the bot's link text, else "Læs mere"."""
    out = []
    for message in messages:
        if not message.link or message.link_text:
            out.append(message)
            continue
        topic_id = message.custom.get("topic_id")
        resolved = (
            get_library(current_app).resolve(topic_id, language)
            if isinstance(topic_id, str)
            else None
        )
        with force_locale(language):
            if resolved is not None:
                link_text = _("Læs mere: %(title)s", title=resolved.article.title)
            else:
                bot_text = message.custom.get("link_text")
                link_text = bot_text if isinstance(bot_text, str) and bot_text else _("Læs mere")
        out.append(dataclasses.replace(message, link_text=link_text))
    return out


TOPIC_IN_DANISH = N_("Siden findes ikke på dit sprog endnu. Her er svaret på dansk:")
TOPIC_UNAVAILABLE = N_("Beklager, jeg kan ikke hente svaret lige nu. Prøv igen om lidt.")


def topic_answer(message: rasa.BotMessage, language: str) -> list[rasa.BotMessage]:
    """A ``{"topic_answer": "<topic id>"}`` payload written from the content library in the
    user's language: the article's title and short answer with a titled link to it, after
    a notice when only the Danish text exists. The assistant needs no call to the portal
    for this (the portal has the article already)."""
    topic_id = message.custom.get("topic_answer")
    if not isinstance(topic_id, str):
        return [message]
    library = get_library(current_app)
    resolved = library.resolve(topic_id, language) if library.topic(topic_id) else None
    custom = {"topic_id": topic_id, "understood": True}
    with force_locale(language):
        if resolved is None:
            log.error("topic answer for unknown topic %s", topic_id)
            return [rasa.BotMessage(_(TOPIC_UNAVAILABLE), message.buttons, None, custom)]
        article = resolved.article
        answer = rasa.BotMessage(
            f"{article.title}\n{article.short_answer}",
            message.buttons,
            url_for("help.topic", lang_code=language, topic_id=topic_id),
            custom,
            _("Læs mere: %(title)s", title=article.title),
        )
        if resolved.is_fallback and language != SOURCE_LANGUAGE:
            return [rasa.BotMessage(_(TOPIC_IN_DANISH), [], None, custom), answer]
    return [answer]


HANDOFF_CREATED = N_(
    "Tak. Din henvendelse er sendt til en medarbejder (sagsnummer %(case_id)s). %(reply_expected)s"
)
HANDOFF_FAILED = N_(
    "Beklager, jeg kunne ikke sende din henvendelse til en medarbejder lige nu, så den er ikke "
    "sendt. Du kan kontakte din kommune direkte – telefonnummer og åbningstider står på "
    "kommunens hjemmeside – eller bruge „Skriv en besked til en medarbejder“ her i chatten."
)


def _handoff_from_chat(
    conversation: Conversation, message: rasa.BotMessage, language: str
) -> rasa.BotMessage:
    """The assistant's ``handoff_request`` (the contact form's answers) becomes a case in
    the team's queue, created here in the same request; the user reads the case number and
    who answers when, or - if it could not be created - that nothing was sent."""
    request = message.custom.get("handoff_request")
    if not isinstance(request, dict):
        return message
    fields = ("topic_id", "name", "contact", "preferred_time", "consent_to_share")
    checked = validate_handoff(
        {
            "session_id": conversation.session_id,
            "language": language,
            **{k: request.get(k) for k in fields},
        },
        topic_ids(),
    )
    custom = {k: v for k, v in message.custom.items() if k != "handoff_request"}
    with force_locale(language):
        if not checked.ok:
            log.warning("handoff from chat rejected: %s", sorted(checked.errors))
            return dataclasses.replace(message, text=_(HANDOFF_FAILED), custom=custom)
        case = create_handoff_case(
            source=CaseSource.ASSISTANT,
            language=language,
            topic_id=checked.values["topic_id"],
            name=checked.values["name"],
            contact=checked.values["contact"],
            preferred_time=checked.values.get("preferred_time", ""),
            consent_to_share=checked.values["consent_to_share"],
            session_id=conversation.session_id,
            user_id=conversation.user_id,
        )
        text = _(HANDOFF_CREATED, case_id=case.id, reply_expected=case.reply_expected)
    return dataclasses.replace(message, text=text, custom={**custom, "handoff_case_id": case.id})


def pressed_button_title(session_id: str | None, text: str) -> str | None:
    """The title of the last bot message's button whose payload is ``text`` (the page
    without JavaScript submits the payload), so the transcript keeps "Ja", not "/affirm"."""
    conversation = find_conversation(session_id)
    if conversation is None:
        return None
    for entry in reversed(conversation.transcript or []):
        if entry.get("sender") != "bot":
            break
        for button in entry.get("buttons") or []:
            if isinstance(button, dict) and button.get("payload") == text:
                title = button.get("title")
                return title if isinstance(title, str) else None
    return None


@dataclass
class ChatResult:
    """The outcome of one chat turn."""

    conversation: Conversation
    messages: list[rasa.BotMessage]
    available: bool
    handoff_case_id: int | None


def _classify(text: str, messages: list[rasa.BotMessage]) -> tuple[str, bool | None]:
    """Topic of a user message: the bot's own `custom.topic_id` if it sent one, else Rasa's
    parse API; (out_of_scope, None) when neither answers."""
    for message in messages:
        topic = message.custom.get("topic_id")
        if isinstance(topic, str):
            known = topic_ids()
            understood = message.custom.get("understood")
            if topic in known:
                return topic, True if understood is None else bool(understood)
            # Small talk (greetings, thanks) carries understood=null: neither a topic nor a miss.
            return OUT_OF_SCOPE, None if understood is None else bool(understood)
    try:
        result = pool.parse(
            current_app.config["ASSISTANT_URL"],
            text,
            float(current_app.config["ASSISTANT_TIMEOUT_SECONDS"]),
        )
    except rasa.AssistantUnavailable:
        return OUT_OF_SCOPE, None
    classification = classify_intent(result.intent, result.confidence, topic_ids())
    return classification.topic_id, classification.understood


def latest_case_for_session(session_id: str) -> HandoffCase | None:
    """The newest case created from this chat session, if any."""
    return db.session.scalars(
        select(HandoffCase)
        .where(HandoffCase.session_id == session_id)
        .order_by(HandoffCase.id.desc())
    ).first()


def chat_turn(
    session_id: str | None,
    text: str,
    language: str,
    user: User | None,
    shown: str | None = None,
) -> ChatResult:
    """Store the (redacted) user message, forward it to Rasa, store the answers.

    ``shown`` is what the user saw as their message when it differs from what Rasa gets:
    the title of a button they pressed ("Ja", "Deltidsforsikret") instead of its payload
    ("/affirm"); the transcript keeps that. Calculation payloads from the assistant are
    computed and written here (portal.assistant.calculation), in this same request.

    Handoff requests and calculations come back as payloads and are handled here, in this
    request; the action server does not call the portal during a turn. The user message is
    still committed BEFORE Rasa is called, so that another channel using the handoff API
    (or an older action server) finds the conversation."""
    text = redact_cpr(text)
    conversation = open_conversation(session_id, language, user)
    before = latest_case_for_session(conversation.session_id)
    before_id = before.id if before is not None else None
    append_to_conversation(conversation, [_entry("user", shown or text)])
    config = current_app.config
    try:
        messages = pool.send_message(
            config["ASSISTANT_URL"],
            config["ASSISTANT_WEBHOOK_PATH"],
            conversation.session_id,
            text,
            language,
            user.id if user is not None else None,
            float(config["ASSISTANT_TIMEOUT_SECONDS"]),
        )
        if not messages:
            # Rasa answers with nothing when a custom action failed (action server down):
            # for the user that is the same as no assistant: offer a person instead.
            raise rasa.AssistantUnavailable("empty answer")
    except rasa.AssistantUnavailable as exc:
        log.warning("assistant unavailable: %s", exc)
        db.session.expire_all()
        conversation.assistant_failures = (conversation.assistant_failures or 0) + 1
        conversation.user_messages = (conversation.user_messages or 0) + 1
        db.session.commit()
        return ChatResult(conversation, [], False, None)
    messages = [m for message in messages for m in topic_answer(message, language)]
    messages = titled_links(calculation.render_messages(messages, language), language)
    messages = [_handoff_from_chat(conversation, m, language) for m in messages]
    topic, understood = _classify(text, messages)
    db.session.expire_all()  # the handoff API may have changed the row meanwhile
    transcript = [dict(entry) for entry in conversation.transcript or []]
    for entry in reversed(transcript):
        if entry.get("sender") == "user":
            entry["topic_id"] = topic
            entry["understood"] = understood
            break
    transcript += [
        _entry("bot", m.text, buttons=m.buttons, link=m.link, link_text=m.link_text)
        for m in messages
    ]
    conversation.transcript = transcript
    conversation.user_messages = (conversation.user_messages or 0) + 1
    if understood:
        conversation.understood_messages = (conversation.understood_messages or 0) + 1
    if topic != OUT_OF_SCOPE and topic not in (conversation.topic_ids or []):
        conversation.topic_ids = [*(conversation.topic_ids or []), topic]
    conversation.last_message_at = utcnow()
    db.session.commit()
    case = latest_case_for_session(conversation.session_id)
    handoff_id = case.id if case is not None and case.id != before_id else None
    for message in messages:
        custom_id = message.custom.get("handoff_case_id")
        if handoff_id is None and isinstance(custom_id, int):
            owned = db.session.get(HandoffCase, custom_id)
            if owned is not None and owned.session_id == conversation.session_id:
                handoff_id = owned.id
    return ChatResult(conversation, messages, True, handoff_id)


def classify_text(text: str) -> tuple[str, float]:
    """`POST /api/v1/assistant/parse`: the topic id (or out_of_scope) and confidence."""
    result = pool.parse(
        current_app.config["ASSISTANT_URL"],
        redact_cpr(text),
        float(current_app.config["ASSISTANT_TIMEOUT_SECONDS"]),
    )
    classification = classify_intent(result.intent, result.confidence, topic_ids())
    return classification.topic_id, classification.confidence


# --- handoff cases ---------------------------------------------------------------------


def create_handoff_case(
    *,
    source: CaseSource,
    language: str,
    topic_id: str | None,
    name: str,
    contact: str,
    message: str = "",
    subject: str = "",
    preferred_time: str = "",
    consent_to_share: bool,
    transcript: list[dict[str, Any]] | None = None,
    session_id: str | None = None,
    user_id: int | None = None,
    team_id: str | None = None,
    details: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> HandoffCase:
    """Put a case in the right team's queue and commit it.

    The team follows the topic (content/routing.yaml) unless `team_id` is given. The chat
    transcript (the portal's stored conversation of the session, else the one given) is
    kept only with consent_to_share. The conversation, when there is one, is marked
    as handed off and supplies the user (a session belongs to who started it)."""
    table = get_routing()
    team = table.team(team_id) if team_id else routing.team_for_topic(table, topic_id)
    conversation = find_conversation(session_id)
    if conversation is not None:
        conversation.handed_off = True
        if conversation.user_id is not None:
            user_id = conversation.user_id
    if user_id is not None and db.session.get(User, user_id) is None:
        user_id = None
    kept: list[dict[str, Any]] = []
    if consent_to_share:
        # The portal's own record of the session is complete and already redacted; the
        # caller's transcript is used when the portal has none (e.g. another channel).
        stored = conversation.transcript if conversation is not None else None
        source_entries = stored or transcript or []
        kept = [{**e, "text": redact_cpr(str(e.get("text", "")))} for e in source_entries]
    moment = now or utcnow()
    case = HandoffCase(
        team=team.id,
        source=source,
        status=CaseStatus.OPEN,
        session_id=session_id,
        conversation_id=conversation.id if conversation else None,
        language=language,
        topic_id=topic_id if topic_id != OUT_OF_SCOPE else None,
        user_id=user_id,
        name=redact_cpr(name),
        contact=redact_cpr(contact),
        preferred_time=redact_cpr(preferred_time),
        subject=redact_cpr(subject),
        message=redact_cpr(message),
        details={k: redact_cpr(v) if isinstance(v, str) else v for k, v in (details or {}).items()},
        consent_to_share=consent_to_share,
        transcript=kept,
        reply_expected=routing.reply_expected(table, team, language, moment),
        created_at=moment,
    )
    db.session.add(case)
    db.session.commit()
    return case


def team_json(team_id: str, language: str) -> dict[str, str]:
    """{"id", "name"} of a team with its name in `language`."""
    team = get_routing().team(team_id)
    return {"id": team.id, "name": team.name(language)}


def leave_message(
    *,
    language: str,
    name: str,
    contact: str,
    message: str,
    session_id: str | None,
    user: User | None,
) -> HandoffCase:
    """The leave-a-message form (consent given): a case in the default (general) queue,
    with the chat so far attached."""
    conversation = find_conversation(session_id)
    if conversation is not None and conversation.user_id not in (
        None,
        user.id if user else None,
    ):
        conversation = None  # someone else's session: do not attach it
    if conversation is not None:
        append_to_conversation(conversation, [_entry("user", message, left_message=True)])
    return create_handoff_case(
        source=CaseSource.LEFT_MESSAGE,
        language=language,
        topic_id=None,
        name=name,
        contact=contact,
        message=message,
        consent_to_share=True,
        session_id=conversation.session_id if conversation else None,
        user_id=user.id if user is not None else None,
        team_id=get_routing().default_team,
    )


# --- retention -------------------------------------------------------------------------


def purge_transcripts(days: int, now: dt.datetime | None = None) -> tuple[int, int]:
    """Delete chat transcripts older than `days` days; return (conversations, cases) purged.

    Conversations whose last message is older lose their transcript and their link to the
    user (counts, languages and topic ids stay for insight). Cases closed longer ago lose
    their transcript, their message and the contact details; the caseworker's reply stays
    in the citizen's inbox. Open cases keep their transcript until closed."""
    if days < 0:
        raise ValueError("days must be >= 0")
    moment = now or utcnow()
    cutoff = moment - dt.timedelta(days=days)
    conversations = db.session.execute(  # type: ignore[attr-defined]
        update(Conversation)
        .where(Conversation.last_message_at < cutoff, Conversation.transcript_purged_at.is_(None))
        .values(transcript=[], user_id=None, transcript_purged_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    cases = db.session.execute(  # type: ignore[attr-defined]
        update(HandoffCase)
        .where(
            HandoffCase.status == CaseStatus.CLOSED,
            HandoffCase.closed_at < cutoff,
            HandoffCase.transcript_purged_at.is_(None),
        )
        .values(transcript=[], message="", contact="", transcript_purged_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.expire_all()
    return int(conversations or 0), int(cases or 0)

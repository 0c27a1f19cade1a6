"""The assistant on a page of its own (works without JavaScript), and the widget's
template context (the widget itself is included in base.html)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal.assistant import operations
from portal.assistant.forms import ChatForm, LeaveMessageForm
from portal.domain.chat_texts import chat_texts
from portal.i18n import current_lang

bp = Blueprint("assistant", __name__, url_prefix="/<lang_code>/assistant")
SESSION_KEY = "chat_session_id"


@bp.app_context_processor
def widget_context() -> dict[str, Any]:
    """`chat_texts_for(lang)` for the widget template on every page."""
    return {"chat_texts_for": chat_texts}


def _user() -> Any:
    return current_user if current_user.is_authenticated else None


def _render(
    chat_form: ChatForm, leave_form: LeaveMessageForm, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    lang = current_lang()
    conversation = operations.find_conversation(session.get(SESSION_KEY))
    if conversation is not None and conversation.user_id not in (
        None,
        getattr(_user(), "id", None),
    ):
        conversation = None
    return (
        render_template(
            "assistant/page.html",
            t=chat_texts(lang),
            conversation=conversation,
            chat_form=chat_form,
            leave_form=leave_form,
            **extra,
        ),
        status,
    )


@bp.route("/", methods=["GET"])
def page() -> ResponseReturnValue:
    lang = current_lang()
    return _render(ChatForm().localise(lang), LeaveMessageForm().localise(lang))


@bp.post("/")
def send() -> ResponseReturnValue:
    lang = current_lang()
    form = ChatForm().localise(lang)
    leave_form = LeaveMessageForm(formdata=None).localise(lang)
    if not form.validate_on_submit():
        return _render(form, leave_form, 422)
    text = form.text.data or ""
    result = operations.chat_turn(
        session.get(SESSION_KEY),
        text,
        lang,
        _user(),
        shown=operations.pressed_button_title(session.get(SESSION_KEY), text),
    )
    session[SESSION_KEY] = result.conversation.session_id
    if not result.available:
        return _render(ChatForm(formdata=None).localise(lang), leave_form, 200, unavailable=True)
    return redirect(url_for("assistant.page", _anchor="latest")), 303


@bp.post("/leave-message")
def leave_message() -> ResponseReturnValue:
    lang = current_lang()
    form = LeaveMessageForm().localise(lang)
    if not form.validate_on_submit():
        return _render(ChatForm(formdata=None).localise(lang), form, 422, show_leave=True)
    case = operations.leave_message(
        language=lang,
        name=form.name.data or "",
        contact=form.contact.data or "",
        message=form.message.data or "",
        session_id=session.get(SESSION_KEY),
        user=_user(),
    )
    return _render(
        ChatForm(formdata=None).localise(lang),
        LeaveMessageForm(formdata=None).localise(lang),
        200,
        created_case=case,
    )

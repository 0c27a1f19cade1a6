"""Forms of the assistant page that works without JavaScript.

Labels are set per request from portal.domain.chat_texts so they are in the user's
language even where the UI catalog is incomplete."""

from __future__ import annotations

from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.domain.assistant import MAX_FIELD_LENGTH, MAX_LEFT_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH
from portal.domain.chat_texts import chat_text
from portal.forms import JobvejForm


class ChatForm(JobvejForm):
    """One question to the assistant."""

    text = TextAreaField("", validators=[DataRequired(), Length(max=MAX_MESSAGE_LENGTH)])

    def localise(self, language: str) -> ChatForm:
        """Set labels and error messages in `language`."""
        self.text.label.text = chat_text("input_label", language)
        self.text.validators = [
            DataRequired(message=chat_text("error_required", language)),
            Length(max=MAX_MESSAGE_LENGTH, message=chat_text("error_too_long", language)),
        ]
        return self


class LeaveMessageForm(JobvejForm):
    """Name, contact, message and consent: becomes a case in the general queue."""

    name = StringField("", validators=[DataRequired(), Length(max=MAX_FIELD_LENGTH)])
    contact = StringField("", validators=[DataRequired(), Length(max=MAX_FIELD_LENGTH)])
    message = TextAreaField("", validators=[DataRequired(), Length(max=MAX_LEFT_MESSAGE_LENGTH)])
    consent = BooleanField("", validators=[DataRequired()])

    def localise(self, language: str) -> LeaveMessageForm:
        """Set labels and error messages in `language`."""
        required = chat_text("error_required", language)
        too_long = chat_text("error_too_long", language)
        for field, label, limit in (
            (self.name, "name_label", MAX_FIELD_LENGTH),
            (self.contact, "contact_label", MAX_FIELD_LENGTH),
            (self.message, "message_label", MAX_LEFT_MESSAGE_LENGTH),
        ):
            field.label.text = chat_text(label, language)
            field.validators = [
                DataRequired(message=required),
                Length(max=limit, message=too_long),
            ]
        self.consent.label.text = chat_text("consent_label", language)
        self.consent.validators = [DataRequired(message=chat_text("error_consent", language))]
        return self

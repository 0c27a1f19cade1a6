"""Names of the domain responses the custom actions send (one place, so that
`scripts/bot.sh validate` can tell Rasa's "not used in any story or rule" warnings
for these apart from real mistakes)."""

from __future__ import annotations

# domain/topics_responses.yml
UTTER_TOPIC_ANSWER = "utter_topic_answer"
UTTER_TOPIC_IN_DANISH = "utter_topic_in_danish"
UTTER_PORTAL_UNAVAILABLE = "utter_portal_unavailable"
UTTER_OFFER_HANDOFF = "utter_offer_handoff"
UTTER_CONTACT_MUNICIPALITY = "utter_contact_municipality"
# domain/fallback.yml
UTTER_OUT_OF_SCOPE = "utter_out_of_scope"
UTTER_DEFAULT = "utter_default"
UTTER_OFFER_HANDOFF_NOT_UNDERSTOOD = "utter_offer_handoff_not_understood"
# domain/handoff.yml
UTTER_INVALID_CONTACT = "utter_invalid_contact"
UTTER_INVALID_CONSENT = "utter_invalid_consent"
UTTER_HANDOFF_CANCELLED = "utter_handoff_cancelled"
UTTER_HANDOFF_DECLINED = "utter_handoff_declined"

#: Responses only custom actions send (never named in a rule or story).
RESPONSES_USED: tuple[str, ...] = (
    UTTER_TOPIC_ANSWER,
    UTTER_TOPIC_IN_DANISH,
    UTTER_PORTAL_UNAVAILABLE,
    UTTER_OFFER_HANDOFF,
    UTTER_CONTACT_MUNICIPALITY,
    UTTER_OUT_OF_SCOPE,
    UTTER_DEFAULT,
    UTTER_OFFER_HANDOFF_NOT_UNDERSTOOD,
    UTTER_INVALID_CONTACT,
    UTTER_INVALID_CONSENT,
    UTTER_HANDOFF_CANCELLED,
    UTTER_HANDOFF_DECLINED,
)

#: Questions of handoff_form: Rasa's form action sends utter_ask_<slot> itself.
FORM_QUESTIONS: tuple[str, ...] = (
    "utter_ask_handoff_name",
    "utter_ask_handoff_contact",
    "utter_ask_handoff_time",
    "utter_ask_handoff_consent",
)

#: Questions of calculation_form (domain/calculation.yml): Rasa's form action sends
#: utter_ask_calc_<fact>; they carry no text (the portal writes the question).
CALCULATION_QUESTIONS: tuple[str, ...] = tuple(
    f"utter_ask_calc_{fact}"
    for fact in (
        "calculator", "benefit", "insurance", "monthly_income", "hourly_wage", "hours_per_week",
        "age", "children", "civil_status", "employer_type", "weeks", "employees",
    )
)

#: Responses `rasa data validate` reports as "not used in any story or rule" although
#: they are used (scripts/bot.sh validate accepts exactly these warnings).
NOT_IN_STORIES: tuple[str, ...] = RESPONSES_USED + FORM_QUESTIONS + CALCULATION_QUESTIONS

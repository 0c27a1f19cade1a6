"""Production mode over real processes (scripts/production.sh): gunicorn, two Rasa servers
sharing the PostgreSQL tracker store and the Redis lock store, the action server, the
portal's PostgreSQL. Topic answers and the handoff form end to end, a conversation moving
between the two servers, a Rasa crash in the middle of the form, the action server down,
PostgreSQL connections cut while serving."""

from __future__ import annotations

import os
import re
import signal
import time
import uuid
from typing import Any
from urllib.parse import urljoin

import psycopg
import pytest
import requests

from portal.assistant.pool import order_for
from tests.production.conftest import Stack, rasa_ready, wait_until

pytestmark = pytest.mark.production

HANDOFF_ANSWERS = ["ja", "Amina Hassan", "amina@example.dk", "mandag formiddag", "ja"]


def _texts(reply: dict[str, Any]) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def _sql(stack: Stack, query: str, *args: Any) -> list[tuple[Any, ...]]:
    url = stack.database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        return conn.execute(query, args).fetchall()


def _cases_for(stack: Stack, session_id: str) -> list[tuple[Any, ...]]:
    return _sql(
        stack,
        "SELECT name, contact, preferred_time, team, source FROM handoff_cases "
        "WHERE session_id = %s",
        session_id,
    )


def _rasa_say(url: str, sender: str, text: str, language: str = "da") -> list[dict[str, Any]]:
    response = requests.post(
        url + "/webhooks/rest/webhook",
        json={"sender": sender, "message": text, "metadata": {"language": language}},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    return response.json()  # type: ignore[no-any-return]


def test_topic_answer_through_the_portal(stack: Stack) -> None:
    reply = stack.chat("hvor mange penge får jeg i dagpenge om måneden", None)
    assert reply["assistant_available"] is True
    assert reply["messages"], reply
    assert any("/da/help/dagpenge" in (m.get("link") or "") for m in reply["messages"]), reply
    english = stack.chat("how much unemployment benefit do I get per month", None, "en")
    assert any("/en/help/dagpenge" in (m.get("link") or "") for m in english["messages"])


def test_handoff_form_through_the_portal_ends_in_a_case(stack: Stack) -> None:
    reply = stack.chat("kan jeg tale med en sagsbehandler", None)
    session = reply["session_id"]
    case_id = None
    for answer in HANDOFF_ANSWERS:
        reply = stack.chat(answer, session)
        assert reply["assistant_available"] is True, reply
        case_id = case_id or reply["handoff_case_id"]
    assert case_id is not None, _texts(reply)
    cases = _cases_for(stack, session)
    assert cases == [
        ("Amina Hassan", "amina@example.dk", "mandag formiddag", cases[0][3], "assistant")
    ]
    transcript = _sql(stack, "SELECT transcript::text FROM handoff_cases WHERE id = %s", case_id)
    assert "kan jeg tale med en sagsbehandler" in transcript[0][0]


def _figure(text: str) -> str:
    """The first amount in a text ("20.700 kr." -> "20.700")."""
    found = re.search(r"(\d{1,3}(?:\.\d{3})+|\d+) kr", text)
    assert found is not None, text
    return found.group(1)


def _calculation(reply: dict[str, Any], calculator: str) -> dict[str, Any]:
    found = [m for m in reply["messages"] if f"/calculators/{calculator}" in (m.get("link") or "")]
    assert found, _texts(reply)
    return found[0]


def test_a_calculation_and_a_follow_up_through_the_portal(stack: Stack) -> None:
    """Real Rasa, action server and portal: the chat's figure is the calculator page's figure
    for the same facts, and a follow-up that changes one fact is recomputed."""
    reply = stack.chat(
        "hvor mange dagpenge får jeg? jeg er fuldtidsforsikret og tjente 25.000 kr. om måneden",
        None,
    )
    session = reply["session_id"]
    answer = _calculation(reply, "dagpenge")
    figure = _figure(answer["text"].splitlines()[0])
    page = requests.get(urljoin(stack.portal + "/", answer["link"]), timeout=30)
    assert page.status_code == 200 and f"<bdi>{figure}" in page.text
    follow_up = _calculation(stack.chat("og hvis jeg er deltidsforsikret?", session), "dagpenge")
    assert "insurance=part_time" in follow_up["link"]
    second = _figure(follow_up["text"].splitlines()[0])
    assert second != figure
    page = requests.get(urljoin(stack.portal + "/", follow_up["link"]), timeout=30)
    assert f"<bdi>{second}" in page.text


def test_a_conversation_alternating_between_both_servers_keeps_its_context(stack: Stack) -> None:
    sender = f"alternating-{uuid.uuid4().hex}"
    first, second = stack.rasa
    _rasa_say(first, sender, "kan jeg tale med en sagsbehandler")
    for i, answer in enumerate(HANDOFF_ANSWERS):
        server, other = (first, second) if i % 2 else (second, first)
        _rasa_say(server, sender, answer)
        if answer == "amina@example.dk":  # mid-form: the OTHER server knows what was said
            tracker = requests.get(f"{other}/conversations/{sender}/tracker", timeout=30).json()
            assert tracker["slots"]["handoff_name"] == "Amina Hassan"
            assert tracker["slots"]["handoff_contact"] == "amina@example.dk"
            assert tracker["active_loop"]["name"] == "handoff_form"
    # The action server hands the answers back in a custom payload (the portal creates the
    # case in the same request); asking the tracker of the OTHER server shows both kept it.
    tracker = requests.get(f"{first}/conversations/{sender}/tracker", timeout=30).json()
    payloads = [
        e.get("data", {}).get("custom") or {} for e in tracker["events"] if e.get("event") == "bot"
    ]
    requests_sent = [p["handoff_request"] for p in payloads if "handoff_request" in p]
    assert [(r["name"], r["contact"], r["preferred_time"]) for r in requests_sent] == [
        ("Amina Hassan", "amina@example.dk", "mandag formiddag")
    ]


def test_a_rasa_crash_in_the_middle_of_the_form_loses_nothing(stack: Stack) -> None:
    """The conversation's own server is killed (SIGKILL) after the name: the portal goes on
    with the other server at once, supervision restarts the crashed one, and the form
    ends on the restarted server with everything that was said before."""
    reply = stack.chat("kan jeg tale med en sagsbehandler", None)
    session = reply["session_id"]
    reply = stack.chat("ja", session)
    reply = stack.chat("Amina Hassan", session)
    preferred = order_for(session, stack.rasa)[0]
    program = f"rasa-{stack.rasa.index(preferred) + 1}"
    old_pid = stack.pid(program)
    os.killpg(os.getpgid(old_pid), signal.SIGKILL)
    # The portal keeps serving pages and the conversation at once, on the other server.
    assert requests.get(stack.portal + "/da/help/", timeout=10).status_code == 200
    reply = stack.chat("amina@example.dk", session)
    assert reply["assistant_available"] is True, reply
    # Supervision brings the crashed server back with a new process.
    wait_until(lambda: stack.pid(program) not in (0, old_pid), 120, f"{program} restart")
    wait_until(lambda: rasa_ready(preferred), 420, f"{program} ready again")
    tracker = requests.get(f"{preferred}/conversations/{session}/tracker", timeout=30).json()
    assert tracker["slots"]["handoff_name"] == "Amina Hassan"
    assert tracker["slots"]["handoff_contact"] == "amina@example.dk"
    case_id = None
    for answer in HANDOFF_ANSWERS[3:]:
        reply = stack.chat(answer, session)
        case_id = case_id or reply["handoff_case_id"]
    assert case_id is not None, _texts(reply)
    assert [c[:3] for c in _cases_for(stack, session)] == [
        ("Amina Hassan", "amina@example.dk", "mandag formiddag")
    ]


def test_postgres_connections_cut_while_serving_are_recovered(stack: Stack) -> None:
    """As after a PostgreSQL restart: every connection of the portal's database is ended;
    the next requests are served without restarting the portal (pool pre-ping)."""
    assert requests.get(stack.portal + "/api/v1/topics", timeout=10).status_code == 200
    name = stack.database_url.rsplit("/", 1)[1]
    admin = stack.database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(
        admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as conn:
        ended = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    assert ended, "the portal held no database connection to cut"
    statuses = [requests.get(stack.portal + "/healthz", timeout=10).status_code for _ in range(6)]
    assert statuses == [200] * 6
    reply = stack.chat("hej", None)
    assert reply["session_id"]


def test_action_server_down_the_assistant_offers_a_person(stack: Stack) -> None:
    """Last: it stops the action server (and starts it again)."""
    assert "stopped" in stack.ctl("stop", "actions")
    try:
        reply = stack.chat("hvor mange penge får jeg i dagpenge om måneden", None)
        assert reply["assistant_available"] is False
        assert reply["offer_leave_message"] is True
        assert "medarbejder" in _texts(reply)
        left = requests.post(
            stack.portal + "/api/v1/assistant/leave-message",
            json={
                "name": "Amina",
                "contact": "amina@example.dk",
                "message": "Hvor meget får jeg i dagpenge?",
                "language": "da",
                "consent": True,
                "session_id": reply["session_id"],
            },
            timeout=30,
        )
        assert left.status_code == 201, left.text
    finally:
        stack.ctl("start", "actions")
    wait_until(
        lambda: requests.get(stack.actions + "/health", timeout=3).status_code == 200,
        60,
        "the action server",
    )
    time.sleep(1)
    assert stack.chat("hvor mange penge får jeg i dagpenge om måneden", None)["assistant_available"]


def test_health_details_list_both_servers_from_this_machine(stack: Stack) -> None:
    report = requests.get(stack.portal + "/healthz", timeout=20).json()
    assert report["database"]["status"] == "ok"
    assert [s["status"] for s in report["assistant"]["servers"]] == ["ok", "ok"]

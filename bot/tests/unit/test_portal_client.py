"""actions.portal_client against a real local HTTP server."""

from __future__ import annotations

import asyncio
import time

import pytest
from actions.portal_client import (
    DEFAULT_PORTAL_URL,
    InvalidPortalResponse,
    PortalClient,
    PortalUnavailable,
    TopicNotFound,
)


def fetch(client: PortalClient, topic_id: str, language: str):
    return asyncio.run(client.fetch_topic(topic_id, language))


def test_fetch_topic_sends_language_and_parses_answer(fake_portal):
    fake_portal.topic("first_meeting", "en", handoff=False)
    client = PortalClient(base_url=fake_portal.base_url)

    summary = fetch(client, "first_meeting", "en")

    path, query, headers = fake_portal.requests[-1]
    assert path == "/api/v1/topics/first_meeting"
    assert query == {"language": ["en"]}
    assert headers.get("Accept") == "application/json"
    assert summary.topic_id == "first_meeting"
    assert summary.language == "en"
    assert summary.title == "Title of first_meeting (en)"
    assert summary.short_answer == "Short answer of first_meeting in en."
    assert summary.url == "/en/topics/first_meeting"  # same-site path, unchanged
    assert summary.handoff is False
    assert summary.served_in_other_language is False


def test_absolute_article_url_is_kept(fake_portal):
    fake_portal.topic("cv", "da", url="https://jobvej.example/da/emner/cv")
    summary = fetch(PortalClient(base_url=fake_portal.base_url), "cv", "da")
    assert summary.url == "https://jobvej.example/da/emner/cv"


def test_trailing_slash_of_base_url_is_ignored(fake_portal):
    fake_portal.topic("cv", "da")
    summary = fetch(PortalClient(base_url=fake_portal.base_url + "/"), "cv", "da")
    assert fake_portal.requests[-1][0] == "/api/v1/topics/cv"
    assert summary.url == "/da/topics/cv"


def test_fallback_to_danish_is_detected(fake_portal):
    fake_portal.topic("dagpenge_amount", "so", served="da", fallback_language="da")
    summary = fetch(PortalClient(base_url=fake_portal.base_url), "dagpenge_amount", "so")
    assert fake_portal.requests[-1][1] == {"language": ["so"]}
    assert summary.served_in_other_language is True
    assert summary.served_language == "da"
    assert summary.requested_language == "so"


def test_fallback_detected_from_served_language_alone(fake_portal):
    fake_portal.topic("joblog", "ti", served="da", fallback_language=None)
    summary = fetch(PortalClient(base_url=fake_portal.base_url), "joblog", "ti")
    assert summary.served_in_other_language is True
    assert summary.served_language == "da"


def test_handoff_flag_is_passed_on(fake_portal):
    fake_portal.topic("complaint", "da", handoff=True)
    summary = fetch(PortalClient(base_url=fake_portal.base_url), "complaint", "da")
    assert summary.handoff is True


def test_environment_configures_base_url(fake_portal, monkeypatch):
    monkeypatch.setenv("PORTAL_URL", fake_portal.base_url)
    fake_portal.topic("holiday", "uk")
    client = PortalClient()
    assert client.base_url == fake_portal.base_url
    summary = fetch(client, "holiday", "uk")
    assert summary.language == "uk"
    assert fake_portal.requests[-1][1] == {"language": ["uk"]}


def test_default_portal_url(monkeypatch):
    monkeypatch.delenv("PORTAL_URL", raising=False)
    client = PortalClient()
    assert client.base_url == DEFAULT_PORTAL_URL == "http://127.0.0.1:8000"
    assert client.timeout == 3.0


def test_404_is_topic_not_found(fake_portal):
    with pytest.raises(TopicNotFound):
        fetch(PortalClient(base_url=fake_portal.base_url), "mentor", "da")


@pytest.mark.parametrize("status", [500, 502, 503, 401, 302])
def test_other_statuses_are_unavailable(fake_portal, status):
    fake_portal.answer("/api/v1/topics/mentor", status=status, body={"error": "x"})
    with pytest.raises(PortalUnavailable):
        fetch(PortalClient(base_url=fake_portal.base_url), "mentor", "da")


def test_connection_refused_is_unavailable(closed_port_url):
    with pytest.raises(PortalUnavailable):
        fetch(PortalClient(base_url=closed_port_url), "mentor", "da")


def test_timeout_is_unavailable_and_bounded(fake_portal):
    fake_portal.topic("mentor", "da")
    fake_portal.routes["/api/v1/topics/mentor"].delay = 1.5
    client = PortalClient(base_url=fake_portal.base_url, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(PortalUnavailable):
        fetch(client, "mentor", "da")
    assert time.monotonic() - started < 1.2


@pytest.mark.parametrize(
    "body",
    [
        "<html>not json</html>",
        ["a", "list"],
        {"topic_id": "other_topic", "language": "da", "title": "t", "short_answer": "s",
         "url": "/x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "xx", "title": "t", "short_answer": "s",
         "url": "/x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "", "short_answer": "s",
         "url": "/x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t",
         "url": "/x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "javascript:alert(1)", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "//evil.example/x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "da/emner/mentor", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "/da/emner/mentor x", "fallback_language": None, "handoff": False},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "/x", "fallback_language": None, "handoff": "yes"},
        {"topic_id": "mentor", "language": "da", "title": "t", "short_answer": "s",
         "url": "/x", "fallback_language": "klingon", "handoff": False},
    ],
)
def test_malformed_answers_are_invalid(fake_portal, body):
    fake_portal.answer("/api/v1/topics/mentor", body=body)
    with pytest.raises(InvalidPortalResponse):
        fetch(PortalClient(base_url=fake_portal.base_url), "mentor", "da")


@pytest.mark.parametrize("topic_id", ["../admin", "first meeting", "First_Meeting", "", "a/b"])
def test_invalid_topic_id_is_rejected_before_any_request(fake_portal, topic_id):
    with pytest.raises(ValueError):
        fetch(PortalClient(base_url=fake_portal.base_url), topic_id, "da")
    assert fake_portal.requests == []


def test_unsupported_language_is_rejected(fake_portal):
    with pytest.raises(ValueError):
        fetch(PortalClient(base_url=fake_portal.base_url), "mentor", "de")
    assert fake_portal.requests == []


def test_articles_are_cached_briefly_then_fetched_again(fake_portal, monkeypatch):
    import actions.portal_client as portal_client

    clock = [1000.0]
    monkeypatch.setattr(portal_client.time, "monotonic", lambda: clock[0])
    monkeypatch.setenv("PORTAL_TOPIC_CACHE_SECONDS", "10")
    fake_portal.topic("holiday", "da")
    client = PortalClient(base_url=fake_portal.base_url)
    first = fetch(client, "holiday", "da")
    clock[0] += 5
    again = fetch(PortalClient(base_url=fake_portal.base_url), "holiday", "da")
    assert again == first
    assert len([r for r in fake_portal.requests if r[0].endswith("/holiday")]) == 1
    clock[0] += 6  # past the 10 s: an edited article reaches the chat without retraining
    fetch(client, "holiday", "da")
    assert len([r for r in fake_portal.requests if r[0].endswith("/holiday")]) == 2


def test_cache_can_be_turned_off(fake_portal, monkeypatch):
    monkeypatch.setenv("PORTAL_TOPIC_CACHE_SECONDS", "0")
    fake_portal.topic("mentor", "en")
    client = PortalClient(base_url=fake_portal.base_url)
    fetch(client, "mentor", "en")
    fetch(client, "mentor", "en")
    assert len([r for r in fake_portal.requests if r[0].endswith("/mentor")]) == 2

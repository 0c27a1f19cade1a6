"""Several Rasa servers behind one portal: which server a conversation goes to.

JOBVEJ_ASSISTANT_URL may list several Rasa servers (comma-separated) that share one
tracker store (PostgreSQL) and one lock store (Redis), as Rasa documents for production.
Each conversation has a preferred server, chosen by rendezvous hashing of its session id:
stable while the servers stay the same, and when one is removed only its conversations
move. When the preferred server refuses the connection (stopped, restarting) the next one
in the conversation's order is tried; since the conversation lives in the shared tracker
store, it continues there with its context. A timeout or an error answer is NOT retried
elsewhere: the first server may already have acted on the message.
"""

from __future__ import annotations

import hashlib

import requests

from portal.assistant import rasa


def server_urls(setting: str) -> list[str]:
    """The Rasa base URLs in a JOBVEJ_ASSISTANT_URL value (comma-separated, in order)."""
    return [url.strip().rstrip("/") for url in setting.split(",") if url.strip()]


def order_for(session_id: str, urls: list[str]) -> list[str]:
    """The servers in the order this conversation tries them (rendezvous hashing)."""

    def weight(url: str) -> bytes:
        return hashlib.sha256(f"{url}|{session_id}".encode()).digest()

    return sorted(urls, key=weight, reverse=True)


def _refused(error: rasa.AssistantUnavailable) -> bool:
    return isinstance(error.__cause__ or error.__context__, requests.ConnectionError) or (
        str(error) == "ConnectionError"
    )


def send_message(
    setting: str,
    path: str,
    session_id: str,
    text: str,
    language: str,
    user_id: int | None,
    timeout: float,
) -> list[rasa.BotMessage]:
    """rasa.send_message on the conversation's server, failing over on refused connections."""
    urls = order_for(session_id, server_urls(setting))
    last: rasa.AssistantUnavailable | None = None
    for url in urls:
        try:
            return rasa.send_message(url, path, session_id, text, language, user_id, timeout)
        except rasa.AssistantUnavailable as error:
            if not _refused(error):
                raise
            last = error
    raise last or rasa.AssistantUnavailable("no assistant URL configured")


def parse(setting: str, text: str, timeout: float) -> rasa.ParseResult:
    """rasa.parse on the first server that accepts the connection (any server can parse)."""
    urls = order_for(text, server_urls(setting))
    last: rasa.AssistantUnavailable | None = None
    for url in urls:
        try:
            return rasa.parse(url, text, timeout)
        except rasa.AssistantUnavailable as error:
            if not _refused(error):
                raise
            last = error
    raise last or rasa.AssistantUnavailable("no assistant URL configured")

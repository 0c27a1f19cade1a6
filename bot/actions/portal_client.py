"""HTTP client for the Jobvej portal API.

This is the ONLY module of the assistant that talks to the portal. Actions ask
it for data and get plain Python objects or a ``PortalError`` back.

Endpoints used::

    GET {PORTAL_URL}/api/v1/topics/<topic_id>?language=<lang>
    200 -> {"topic_id", "language", "title", "short_answer", "url",
            "fallback_language", "handoff"}

Handoff cases are NOT created through the API by the assistant any more: the action
sends the contact form's answers in a custom payload and the portal creates the case in
the same request (actions/handoff.py). ``POST /api/v1/handoff-cases`` stays in the portal
for other channels.

Interpretation of the answer (agreed with the portal contract):

* ``language`` is the language of the text actually returned.
* ``fallback_language`` is null when the article exists in the requested
  language, otherwise the code of the language served instead (Danish, the
  source language). A response whose ``language`` differs from the requested
  one is treated as a fallback as well.
* ``url`` is a same-site path ("/da/...") or an absolute http(s) URL. It is
  passed on unchanged (the chat widget lives in the portal, so paths work and
  the portal's internal address is never shown); anything else is rejected.

Configuration (environment of the action server):

* ``PORTAL_URL``: base URL of the portal API, default http://127.0.0.1:8000
* timeout: 3 seconds for the whole request (the portal waits at most 5 s for the
  whole chat turn, see ASSISTANT_TIMEOUT_SECONDS)
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from dataclasses import dataclass
from typing import Any, Mapping, Optional
from urllib.parse import quote

import aiohttp

from actions.languages import SUPPORTED_LANGUAGES, normalize_language

logger = logging.getLogger(__name__)

PORTAL_URL_ENV = "PORTAL_URL"
DEFAULT_PORTAL_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT_SECONDS = 3.0
# Articles are cached this many seconds (env PORTAL_TOPIC_CACHE_SECONDS; 0 = off): an edited
# article reaches the chat within that time, without retraining, and each answer saves a
# round trip to the portal.
CACHE_SECONDS_ENV = "PORTAL_TOPIC_CACHE_SECONDS"
DEFAULT_CACHE_SECONDS = 10.0
_topic_cache: dict[tuple[str, str, str], tuple[float, "TopicSummary"]] = {}

_TOPIC_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class PortalError(Exception):
    """The portal did not give a usable answer."""


class PortalUnavailable(PortalError):
    """Network error, timeout or server error (5xx, unexpected status)."""


class TopicNotFound(PortalError):
    """The portal answered 404: it has no such topic."""


class InvalidPortalResponse(PortalError):
    """The portal answered 200 but the body is not the agreed JSON."""


@dataclass(frozen=True)
class TopicSummary:
    """The short answer of one topic article, as the assistant shows it."""

    topic_id: str
    requested_language: str
    language: str
    title: str
    short_answer: str
    url: str
    handoff: bool
    fallback_language: Optional[str] = None

    @property
    def served_in_other_language(self) -> bool:
        """True when the text is not in the language the user asked for."""
        if self.language != self.requested_language:
            return True
        return (
            self.fallback_language is not None
            and self.fallback_language != self.requested_language
        )

    @property
    def served_language(self) -> str:
        """Language code of the text the user will read."""
        if self.fallback_language is not None and self.language == self.requested_language:
            return self.fallback_language
        return self.language


def _required_text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidPortalResponse(f"field {key!r} missing or not a non-empty string")
    return value.strip()


class PortalClient:
    """Asynchronous client for the portal's public API."""

    def __init__(
        self,
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        """Create a client; the base URL defaults to $PORTAL_URL."""
        base = base_url or os.environ.get(PORTAL_URL_ENV) or DEFAULT_PORTAL_URL
        self.base_url = base.rstrip("/")
        self.timeout = timeout
        raw_ttl = os.environ.get(CACHE_SECONDS_ENV, "")
        try:
            self.cache_seconds = float(raw_ttl) if raw_ttl else DEFAULT_CACHE_SECONDS
        except ValueError:
            self.cache_seconds = DEFAULT_CACHE_SECONDS

    def topic_endpoint(self, topic_id: str) -> str:
        """Return the API URL of one topic (without the query string)."""
        if not _TOPIC_ID_RE.match(topic_id):
            raise ValueError(f"invalid topic id {topic_id!r}")
        return f"{self.base_url}/api/v1/topics/{quote(topic_id)}"

    @staticmethod
    def checked_link(url: str) -> str:
        """Return ``url`` if it is a same-site path or http(s) URL, else raise."""
        if url.startswith(("https://", "http://")) and not any(c.isspace() for c in url):
            return url
        if url.startswith("/") and not url.startswith("//") and not any(c.isspace() for c in url):
            return url
        raise InvalidPortalResponse(f"unexpected article url {url!r}")

    async def fetch_topic(self, topic_id: str, language: str) -> TopicSummary:
        """Fetch the short answer of ``topic_id`` in ``language``.

        Raises ``ValueError`` for an invalid topic id or unsupported language
        (a programming error), and a ``PortalError`` subclass when the portal
        cannot give a usable answer within the timeout.
        """
        if language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        key = (self.base_url, topic_id, language)
        cached = _topic_cache.get(key)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            return cached[1]
        summary = await self._fetch_topic(topic_id, language)
        if self.cache_seconds > 0:
            _topic_cache[key] = (now + self.cache_seconds, summary)
        return summary

    async def _fetch_topic(self, topic_id: str, language: str) -> TopicSummary:
        url = self.topic_endpoint(topic_id)
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(
                    url,
                    params={"language": language},
                    headers={"Accept": "application/json"},
                    allow_redirects=False,
                ) as response:
                    if response.status == 404:
                        raise TopicNotFound(f"{topic_id} ({language}): 404")
                    if response.status != 200:
                        raise PortalUnavailable(
                            f"{topic_id} ({language}): HTTP {response.status}"
                        )
                    try:
                        data = await response.json(content_type=None)
                    except ValueError as exc:
                        raise InvalidPortalResponse(f"body is not JSON: {exc}") from exc
        except (asyncio.TimeoutError, aiohttp.ClientError) as exc:
            raise PortalUnavailable(
                f"{topic_id} ({language}): {type(exc).__name__}: {exc}"
            ) from exc
        return self._parse_topic(data, topic_id, language)

    def _parse_topic(self, data: Any, topic_id: str, language: str) -> TopicSummary:
        if not isinstance(data, dict):
            raise InvalidPortalResponse("body is not a JSON object")
        if data.get("topic_id") != topic_id:
            raise InvalidPortalResponse(
                f"asked for {topic_id!r}, got {data.get('topic_id')!r}"
            )
        served = normalize_language(data.get("language"))
        if served is None:
            raise InvalidPortalResponse(f"unknown language {data.get('language')!r}")
        fallback_raw = data.get("fallback_language")
        fallback = normalize_language(fallback_raw)
        if fallback_raw is not None and fallback is None:
            raise InvalidPortalResponse(f"unknown fallback_language {fallback_raw!r}")
        handoff = data.get("handoff", False)
        if not isinstance(handoff, bool):
            raise InvalidPortalResponse("field 'handoff' is not a boolean")
        return TopicSummary(
            topic_id=topic_id,
            requested_language=language,
            language=served,
            title=_required_text(data, "title"),
            short_answer=_required_text(data, "short_answer"),
            url=self.checked_link(_required_text(data, "url")),
            handoff=handoff,
            fallback_language=fallback,
        )



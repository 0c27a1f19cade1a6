"""HTTP client for the Jobvej portal API.

This is the ONLY module of the assistant that talks to the portal. Actions ask
it for data and get plain Python objects or a ``PortalError`` back.

Endpoints used::

    GET {PORTAL_URL}/api/v1/topics/<topic_id>?language=<lang>
    200 -> {"topic_id", "language", "title", "short_answer", "url",
            "fallback_language", "handoff"}

    POST {PORTAL_URL}/api/v1/handoff-cases      Authorization: Bearer <token>
    {"session_id", "language", "topic_id", "name", "contact", "preferred_time",
     "consent_to_share", "transcript": [{"sender": "user"|"bot", "text", "timestamp"}],
     "user_id"}
    201 -> {"case_id", "session_id", "team": {"id", "name"}, "reply_expected"}
    (401 wrong token, 503 token not configured in the portal, 422 invalid fields)

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
* ``JOBVEJ_ASSISTANT_API_TOKEN``: shared secret for the handoff API (the portal's
  ASSISTANT_API_TOKEN); without it no case can be created
* timeout: 3 seconds for the whole request (the portal waits at most 5 s for the
  whole chat turn, see ASSISTANT_TIMEOUT_SECONDS)
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp

from actions.languages import SUPPORTED_LANGUAGES, normalize_language

logger = logging.getLogger(__name__)

PORTAL_URL_ENV = "PORTAL_URL"
API_TOKEN_ENV = "JOBVEJ_ASSISTANT_API_TOKEN"
DEFAULT_PORTAL_URL = "http://127.0.0.1:8000"
DEFAULT_TIMEOUT_SECONDS = 3.0
# Articles are cached this many seconds (env PORTAL_TOPIC_CACHE_SECONDS; 0 = off): an edited
# article reaches the chat within that time, without retraining, and each answer saves a
# round trip to the portal.
CACHE_SECONDS_ENV = "PORTAL_TOPIC_CACHE_SECONDS"
DEFAULT_CACHE_SECONDS = 10.0
_topic_cache: dict[tuple[str, str, str], tuple[float, TopicSummary]] = {}

_TOPIC_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class PortalError(Exception):
    """The portal did not give a usable answer."""


class PortalUnavailable(PortalError):
    """Network error, timeout or server error (5xx, unexpected status)."""


class TopicNotFound(PortalError):
    """The portal answered 404: it has no such topic."""


class InvalidPortalResponse(PortalError):
    """The portal answered 200 but the body is not the agreed JSON."""


class HandoffRejected(PortalError):
    """The portal refused the case (missing/wrong token, invalid fields)."""


@dataclass(frozen=True)
class HandoffRequest:
    """Everything the portal needs to put a conversation in a team's queue."""

    session_id: str
    language: str
    topic_id: str | None
    name: str
    contact: str
    preferred_time: str
    consent_to_share: bool
    transcript: Sequence[Mapping[str, Any]]
    user_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The request body of ``POST /api/v1/handoff-cases``."""
        return {
            "session_id": self.session_id,
            "language": self.language,
            "topic_id": self.topic_id,
            "name": self.name,
            "contact": self.contact,
            "preferred_time": self.preferred_time,
            "consent_to_share": self.consent_to_share,
            "transcript": [dict(entry) for entry in self.transcript],
            "user_id": self.user_id,
        }


@dataclass(frozen=True)
class HandoffReceipt:
    """The case the portal created: its id and who answers when."""

    case_id: int
    reply_expected: str
    team_id: str = ""
    team_name: str = ""


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
    fallback_language: str | None = None

    @property
    def served_in_other_language(self) -> bool:
        """True when the text is not in the language the user asked for."""
        if self.language != self.requested_language:
            return True
        return (
            self.fallback_language is not None and self.fallback_language != self.requested_language
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
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        api_token: str | None = None,
    ) -> None:
        """Create a client; base URL and token default to $PORTAL_URL and
        $JOBVEJ_ASSISTANT_API_TOKEN."""
        base = base_url or os.environ.get(PORTAL_URL_ENV) or DEFAULT_PORTAL_URL
        self.base_url = base.rstrip("/")
        self.timeout = timeout
        token = api_token if api_token is not None else os.environ.get(API_TOKEN_ENV, "")
        self.api_token = token.strip()
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
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(
                    url,
                    params={"language": language},
                    headers={"Accept": "application/json"},
                    allow_redirects=False,
                ) as response,
            ):
                if response.status == 404:
                    raise TopicNotFound(f"{topic_id} ({language}): 404")
                if response.status != 200:
                    raise PortalUnavailable(f"{topic_id} ({language}): HTTP {response.status}")
                try:
                    data = await response.json(content_type=None)
                except ValueError as exc:
                    raise InvalidPortalResponse(f"body is not JSON: {exc}") from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise PortalUnavailable(
                f"{topic_id} ({language}): {type(exc).__name__}: {exc}"
            ) from exc
        return self._parse_topic(data, topic_id, language)

    def _parse_topic(self, data: Any, topic_id: str, language: str) -> TopicSummary:
        if not isinstance(data, dict):
            raise InvalidPortalResponse("body is not a JSON object")
        if data.get("topic_id") != topic_id:
            raise InvalidPortalResponse(f"asked for {topic_id!r}, got {data.get('topic_id')!r}")
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

    async def create_handoff_case(self, request: HandoffRequest) -> HandoffReceipt:
        """Create a handoff case; return its id and the portal's "who answers when".

        Raises ``HandoffRejected`` when no token is configured (no request is made), or
        the portal answers 401/403/422 or 503 "token not configured";
        ``PortalUnavailable`` for network errors, timeouts and other statuses;
        ``InvalidPortalResponse`` for a 201 without the agreed JSON. A case is never
        reported as created unless the portal said so.
        """
        if request.language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {request.language!r}")
        if not self.api_token:
            raise HandoffRejected(f"{API_TOKEN_ENV} is not set")
        url = f"{self.base_url}/api/v1/handoff-cases"
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        headers = {
            "Accept": "application/json",
            "Authorization": f"Bearer {self.api_token}",
        }
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(
                    url, json=request.as_json(), headers=headers, allow_redirects=False
                ) as response,
            ):
                status = response.status
                try:
                    data = await response.json(content_type=None)
                except ValueError:
                    data = None
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise PortalUnavailable(f"handoff: {type(exc).__name__}: {exc}") from exc
        if status in (401, 403, 422) or (status == 503 and _mentions_token(data)):
            # The field errors name fields only, never their (personal) values.
            errors = data.get("errors") if isinstance(data, dict) else None
            raise HandoffRejected(f"handoff: HTTP {status} {errors or ''}".strip())
        if status != 201:
            raise PortalUnavailable(f"handoff: HTTP {status}")
        return self._parse_receipt(data)

    @staticmethod
    def _parse_receipt(data: Any) -> HandoffReceipt:
        if not isinstance(data, dict):
            raise InvalidPortalResponse("handoff answer is not a JSON object")
        case_id = data.get("case_id")
        if isinstance(case_id, bool) or not isinstance(case_id, int) or case_id <= 0:
            raise InvalidPortalResponse("handoff answer without a case_id")
        reply_expected = _required_text(data, "reply_expected")
        team = data.get("team") if isinstance(data.get("team"), dict) else {}
        return HandoffReceipt(
            case_id=case_id,
            reply_expected=reply_expected,
            team_id=str(team.get("id") or ""),
            team_name=str(team.get("name") or ""),
        )


def _mentions_token(data: Any) -> bool:
    return isinstance(data, dict) and "TOKEN" in str(data.get("error", "")).upper()

"""The content library: topic articles per language, validated as data.

Layout: `content/topics.yaml` (the topic registry), `content/official_sources.yaml`
(hosts that count as official), `content/topics/<topic_id>/<lang>.md` (one article per
language, YAML front matter + Markdown). Danish is the source language; a translation
records the Danish version it was made from, so a stale translation can be shown as such.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import frontmatter
import markdown
import nh3
import yaml

from portal.domain.languages import LANGUAGES, SOURCE_LANGUAGE

AUDIENCES = ("citizen", "refugee", "employer", "any")
REQUIRED_KEYS = (
    "topic_id",
    "language",
    "title",
    "short_answer",
    "sources",
    "reviewed",
    "source_language",
    "version",
    "source_version",
    "machine_translated",
)


class ContentError(Exception):
    """The content library is invalid. `problems` lists each problem with the file it is in."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid content library:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Topic:
    """A topic from the registry."""

    id: str
    audience: str
    handoff: bool
    about: str


@dataclass(frozen=True)
class Source:
    """An official source an article cites."""

    title: str
    url: str


@dataclass(frozen=True)
class Article:
    """One topic's article in one language."""

    topic_id: str
    language: str
    title: str
    short_answer: str
    body: str
    sources: tuple[Source, ...]
    reviewed: dt.date
    source_language: str
    version: int
    source_version: int
    machine_translated: bool
    path: Path


@dataclass(frozen=True)
class ResolvedArticle:
    """The article to show for a requested language, and why it may differ from the request."""

    article: Article
    requested_language: str
    is_fallback: bool
    is_stale: bool
    source_version: int

    @property
    def language(self) -> str:
        """Language the article is actually written in."""
        return self.article.language


@dataclass
class ContentLibrary:
    """All topics and their articles, validated."""

    topics: dict[str, Topic]
    articles: dict[tuple[str, str], Article] = field(default_factory=dict)

    def topic(self, topic_id: str) -> Topic | None:
        """The registered topic with this id, or None."""
        return self.topics.get(topic_id)

    def languages_of(self, topic_id: str) -> list[str]:
        """Languages a topic has an article in, in the portal's language order."""
        return [code for code in LANGUAGES if (topic_id, code) in self.articles]

    def resolve(self, topic_id: str, language: str) -> ResolvedArticle | None:
        """The article for `language`, falling back to Danish; None for an unknown topic."""
        source = self.articles.get((topic_id, SOURCE_LANGUAGE))
        if source is None:
            return None
        article = self.articles.get((topic_id, language))
        if article is None:
            return ResolvedArticle(source, language, True, False, source.version)
        stale = language != SOURCE_LANGUAGE and article.source_version < source.version
        return ResolvedArticle(article, language, False, stale, source.version)

    def by_audience(self, audience: str) -> list[Topic]:
        """Topics for an audience; topics for `any` audience are included in every group."""
        return [t for t in self.topics.values() if t.audience in (audience, "any")]


def load_topics(path: Path) -> dict[str, Topic]:
    """Read the topic registry (`topics:` list of {id, audience, handoff, about})."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    topics: dict[str, Topic] = {}
    problems: list[str] = []
    for index, entry in enumerate(data.get("topics") or []):
        if not isinstance(entry, dict) or "id" not in entry:
            problems.append(f"{path}: entry {index} has no id")
            continue
        topic_id = str(entry["id"])
        audience = str(entry.get("audience", ""))
        if audience not in AUDIENCES:
            problems.append(f"{path}: topic {topic_id}: unknown audience {audience!r}")
        if topic_id in topics:
            problems.append(f"{path}: topic {topic_id} is listed twice")
        topics[topic_id] = Topic(
            topic_id, audience, bool(entry.get("handoff", False)), str(entry.get("about", ""))
        )
    if problems:
        raise ContentError(problems)
    return topics


def load_official_hosts(path: Path) -> tuple[str, ...]:
    """Hosts (with their subdomains) whose pages count as official sources."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    hosts: list[str] = []
    for group in data.values():
        hosts.extend(str(h).lower() for h in group or [])
    return tuple(hosts)


def is_official_url(url: str, hosts: Iterable[str]) -> bool:
    """True for an https URL on an official host or one of its subdomains."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "https" or not host:
        return False
    return any(host == h or host.endswith("." + h) for h in hosts)


def _as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_article(
    path: Path, topic_id: str, language: str, official_hosts: tuple[str, ...]
) -> tuple[Article | None, list[str]]:
    """Parse and validate one article file; returns the article or the problems found."""
    problems: list[str] = []
    try:
        post = frontmatter.load(str(path))
    except Exception as exc:  # yaml errors come in several types
        return None, [f"{path}: front matter is not valid YAML ({exc.__class__.__name__}: {exc})"]
    meta = post.metadata
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        return None, [f"{path}: missing front matter keys: {', '.join(missing)}"]
    if meta["topic_id"] != topic_id:
        problems.append(f"{path}: topic_id {meta['topic_id']!r} does not match folder {topic_id!r}")
    if meta["language"] != language:
        problems.append(f"{path}: language {meta['language']!r} does not match file name")
    for key in ("title", "short_answer"):
        value = meta[key]
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{path}: {key} must be non-empty text")
    short_answer = meta["short_answer"]
    if isinstance(short_answer, str) and "\n\n" in short_answer.strip():
        problems.append(f"{path}: short_answer must be one paragraph")
    reviewed = meta["reviewed"]
    if not isinstance(reviewed, dt.date):
        problems.append(f"{path}: reviewed must be a date (YYYY-MM-DD)")
    if meta["source_language"] != SOURCE_LANGUAGE:
        problems.append(f"{path}: source_language must be {SOURCE_LANGUAGE!r}")
    version, source_version = _as_int(meta["version"]), _as_int(meta["source_version"])
    if version is None or version < 1:
        problems.append(f"{path}: version must be a positive integer")
    if source_version is None or source_version < 1:
        problems.append(f"{path}: source_version must be a positive integer")
    if language == SOURCE_LANGUAGE and version is not None and source_version != version:
        problems.append(f"{path}: the Danish source's source_version must equal its version")
    if not isinstance(meta["machine_translated"], bool):
        problems.append(f"{path}: machine_translated must be true or false")
    sources: list[Source] = []
    raw_sources = meta["sources"]
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append(f"{path}: at least one official source is required")
        raw_sources = []
    for item in raw_sources:
        if not isinstance(item, dict) or not item.get("url") or not item.get("title"):
            problems.append(f"{path}: each source needs a title and a url")
            continue
        url = str(item["url"])
        if not is_official_url(url, official_hosts):
            problems.append(f"{path}: source {url} is not an official https source")
        sources.append(Source(str(item["title"]), url))
    if not post.content.strip():
        problems.append(f"{path}: the article has no body text")
    for number, line in enumerate(post.content.splitlines(), start=1):
        if re.match(r"^ {1,3}([-*+]|\d+\.) ", line):
            problems.append(
                f"{path}: body line {number}: indent nested list items by 4 spaces "
                "(Markdown would show them as a flat list)"
            )
    if problems:
        return None, problems
    assert isinstance(reviewed, dt.date) and version is not None and source_version is not None
    article = Article(
        topic_id=topic_id,
        language=language,
        title=str(meta["title"]).strip(),
        short_answer=" ".join(str(meta["short_answer"]).split()),
        body=post.content,
        sources=tuple(sources),
        reviewed=reviewed,
        source_language=SOURCE_LANGUAGE,
        version=version,
        source_version=source_version,
        machine_translated=bool(meta["machine_translated"]),
        path=path,
    )
    return article, []


def load_library(content_dir: Path) -> ContentLibrary:
    """Load and validate the whole content library; raise ContentError listing every problem."""
    topics = load_topics(content_dir / "topics.yaml")
    hosts = load_official_hosts(content_dir / "official_sources.yaml")
    library = ContentLibrary(topics=topics)
    problems: list[str] = []
    topics_dir = content_dir / "topics"
    for folder in sorted(p for p in topics_dir.iterdir() if p.is_dir()):
        if folder.name not in topics:
            problems.append(f"{folder}: unknown topic id {folder.name!r} (not in topics.yaml)")
            continue
        for file in sorted(folder.glob("*.md")):
            if file.stem not in LANGUAGES:
                problems.append(f"{file}: unknown language {file.stem!r}")
                continue
            article, found = parse_article(file, folder.name, file.stem, hosts)
            problems.extend(found)
            if article is not None:
                library.articles[(folder.name, file.stem)] = article
    for topic_id in topics:
        if not (topics_dir / topic_id / f"{SOURCE_LANGUAGE}.md").exists():
            problems.append(f"{topics_dir / topic_id / 'da.md'}: missing Danish article")
    for (topic_id, language), article in library.articles.items():
        source = library.articles.get((topic_id, SOURCE_LANGUAGE))
        if source and language != SOURCE_LANGUAGE and article.source_version > source.version:
            problems.append(
                f"{article.path}: source_version {article.source_version} is newer than the "
                f"Danish version {source.version}"
            )
    if problems:
        raise ContentError(problems)
    return library


ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
    "code", "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Render article Markdown to sanitised HTML (no scripts, no inline handlers)."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )

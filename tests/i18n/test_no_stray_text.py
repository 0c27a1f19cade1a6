"""No user-visible text outside the catalogs.

Templates: every piece of text between tags (and every visible attribute such as title,
aria-label, placeholder, alt) must come from `_()`, `ngettext()` or `{% trans %}`, i.e. from
a Jinja expression, not be typed into the HTML. Python: flashes, form labels, validator
messages and choice labels must be gettext calls, not string literals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from jinja2 import Environment

from tests.conftest import REPO

TEMPLATES = REPO / "portal" / "templates"
# Words that are the same in every language: the product's name, a language's own name where
# a link leads to the Danish original, and the time zone abbreviation.
ALLOWED_WORDS = {"Jobvej", "Dansk", "UTC"}
EXPRESSION = "\u2400"  # stands for a Jinja expression or tag: not a letter
VISIBLE_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "aria-description", "label")
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def visible_words(html: str) -> list[tuple[int, str]]:
    """(offset, word) for literal text a reader would see in HTML: text between tags and the
    values of visible attributes. Comments, scripts, styles and entities are left out."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731 - keep offsets
    html = re.sub(r"<!--.*?-->", blank, html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", blank, html, flags=re.S | re.I)
    found: list[tuple[int, str]] = []
    for tag in re.finditer(r"<[^>]*>", html):
        for attr in VISIBLE_ATTRIBUTES:
            for value in re.finditer(rf'\s{attr}="([^"]*)"', tag.group(0)):
                found.extend((tag.start() + value.start(1), w) for w in value.group(1).split())
    text = re.sub(r"<[^>]*>", blank, html)
    text = re.sub(r"&[a-zA-Z]+;|&#\d+;", blank, text)
    found.extend((m.start(), m.group(0)) for m in re.finditer(r"\S+", text))
    return [
        (offset, word)
        for offset, word in found
        if LETTER.search(word) and word.strip(".,:;()[]·–-" + EXPRESSION) not in ALLOWED_WORDS
    ]


def skeleton(source: str) -> str:
    """The template's HTML with every Jinja expression and tag replaced by EXPRESSION (same
    line breaks), and the text of `{% trans %}` blocks left out."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    parts: list[str] = []
    in_trans = False
    last_block_name: str | None = None
    after_block_begin = False
    for _lineno, token, value in env.lex(source):
        if token == "whitespace":
            parts.append("\n" * value.count("\n"))
            continue
        if token == "name" and after_block_begin:
            last_block_name = value
            in_trans = value == "trans" or (in_trans and value != "endtrans")
        after_block_begin = token == "block_begin"
        if token == "data" and not in_trans:
            parts.append(value)
        else:
            parts.append(EXPRESSION + "\n" * value.count("\n"))
    del last_block_name
    return "".join(parts)


def stray_text(source: str) -> list[tuple[int, str]]:
    """(line, word) for literal visible words outside Jinja expressions and trans blocks."""
    html = skeleton(source)
    return [(html.count("\n", 0, offset) + 1, word) for offset, word in visible_words(html)]


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_the_scanner_finds_literal_text() -> None:
    assert stray_text("<p>Hej {{ name }}</p>") == [(1, "Hej")]
    assert stray_text('<a title="Luk" href="#">{{ _("Luk") }}</a>') == [(1, "Luk")]
    assert stray_text("<p>{{ _('Hej') }} · {{ n }} – 12</p>") == []
    assert stray_text("{% trans %}Hej{% endtrans %}") == []
    assert stray_text("<style>.a { color: red }</style><!-- note -->") == []
    assert stray_text("<p>Jobvej</p>") == []


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_literal_visible_text(path: Path) -> None:
    problems = stray_text(path.read_text(encoding="utf-8"))
    assert problems == [], f"{path.relative_to(REPO)}: wrap in _(): {problems[:10]}"


# --- Python -----------------------------------------------------------------------------

FIELD_SUFFIX = "Field"
VALIDATORS_MESSAGE_FIRST = {"DataRequired", "InputRequired", "Email", "Optional", "URL", "UUID"}
VALIDATORS_MESSAGE_SECOND = {"EqualTo", "Regexp", "AnyOf", "NoneOf"}
MESSAGE_KEYWORDS = {"message", "label", "description"}


def is_text(node: ast.AST) -> bool:
    """A literal string with letters in it (an f-string counts: it cannot be translated)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(LETTER.search(node.value))
    return isinstance(node, ast.JoinedStr)


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def literal_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for user-visible literal strings in flashes, fields, validators, choices."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        args = node.args
        if name == "flash" and args and is_text(args[0]):
            found.append((node.lineno, "flash"))
        if name.endswith(FIELD_SUFFIX) and args and is_text(args[0]):
            found.append((node.lineno, f"{name} label"))
        if name in VALIDATORS_MESSAGE_FIRST and args and is_text(args[0]):
            found.append((node.lineno, f"{name} message"))
        if name in VALIDATORS_MESSAGE_SECOND and len(args) > 1 and is_text(args[1]):
            found.append((node.lineno, f"{name} message"))
        for keyword in node.keywords:
            if keyword.arg in MESSAGE_KEYWORDS and is_text(keyword.value):
                found.append((node.lineno, f"{name} {keyword.arg}="))
            if keyword.arg == "choices" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                for item in keyword.value.elts:
                    if (
                        isinstance(item, ast.Tuple)
                        and len(item.elts) == 2
                        and is_text(item.elts[1])
                    ):
                        found.append((item.lineno, f"{name} choice label"))
        if name == "ValidationError" and args and is_text(args[0]):
            found.append((node.lineno, "ValidationError"))
    return found


def python_files() -> list[Path]:
    return sorted(p for p in (REPO / "portal").rglob("*.py") if "migrations" not in p.parts)


def test_the_python_scanner_finds_literals() -> None:
    code = (
        "flash('Gemt')\nflash(_('Gemt'))\nStringField('Navn')\nStringField(_l('Navn'))\n"
        "DataRequired('Skriv')\nEqualTo('password', 'Ikke ens')\nSelectField(_l('x'), "
        "choices=[('a', 'Æble'), ('b', _l('Pære'))])\nLength(max=3, message=f'højst {n}')\n"
    )
    assert [what for _, what in literal_texts(ast.parse(code))] == [
        "flash",
        "StringField label",
        "DataRequired message",
        "EqualTo message",
        "SelectField choice label",
        "Length message=",
    ]


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_python_has_no_literal_user_text(path: Path) -> None:
    found = literal_texts(ast.parse(path.read_text(encoding="utf-8")))
    assert found == [], f"{path.relative_to(REPO)}: use gettext/_l/N_ for {found}"

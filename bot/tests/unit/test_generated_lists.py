"""The assistant's copies of the shared lists are generated from content/ and never drift.

bot/scripts/generate_lists.py writes the topic intents, topic rules, TOPIC_IDS, the
language list and the CPR redaction from content/topics.yaml, content/languages.yaml,
content/routing.yaml and portal/domain/cpr.py. These tests fail when a generated file was
edited by hand or a source changed without re-running the generator.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from actions import cpr
from actions.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from actions.topics import TOPIC_IDS

BOT = Path(__file__).resolve().parents[2]
ROOT = BOT.parent


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_lists", BOT / "scripts" / "generate_lists.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_lists"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate_lists = _generator()


def _copy_repo(tmp_path: Path) -> Path:
    """The generator's sources and targets in a scratch repository."""
    root = tmp_path / "repo"
    for part in ("content/topics.yaml", "content/languages.yaml", "content/routing.yaml",
                 "portal/domain/cpr.py"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, root / part)
    for part in ("domain", "data", "actions"):
        shutil.copytree(BOT / part, root / "bot" / part,
                        ignore=shutil.ignore_patterns("__pycache__", "nlu"))
    return root


def test_generated_files_match_content():
    stale = generate_lists.drifted(ROOT)
    assert not stale, f"run python bot/scripts/generate_lists.py: {stale}"
    assert generate_lists.main(["--check"]) == 0


def test_the_bot_uses_the_lists_of_content():
    topics = yaml.safe_load((ROOT / "content" / "topics.yaml").read_text(encoding="utf-8"))
    assert TOPIC_IDS == tuple(t["id"] for t in topics["topics"])
    languages = yaml.safe_load((ROOT / "content" / "languages.yaml").read_text(encoding="utf-8"))
    assert SUPPORTED_LANGUAGES == tuple(e["code"] for e in languages["languages"])
    assert DEFAULT_LANGUAGE == next(e["code"] for e in languages["languages"] if e.get("source"))


def test_a_new_topic_in_content_reaches_every_generated_file(tmp_path):
    root = _copy_repo(tmp_path)
    assert generate_lists.drifted(root) == []
    topics = root / "content" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + (
        "  - {id: pension_advice, audience: citizen, handoff: false, about: x}\n"
    ), encoding="utf-8")
    routing = root / "content" / "routing.yaml"
    text = routing.read_text(encoding="utf-8")
    assert "\ntopics:\n" in text
    routing.write_text(text.replace("\ntopics:\n", "\ntopics:\n  pension_advice: general\n"),
                       encoding="utf-8")
    stale = {p.relative_to(root).as_posix() for p in generate_lists.drifted(root)}
    assert stale == {"bot/domain/topics.yml", "bot/data/topic_rules.yml", "bot/actions/topics.py"}
    wanted = generate_lists.outputs(root)
    domain = yaml.safe_load(wanted[root / "bot" / "domain" / "topics.yml"])
    assert domain["intents"][-1] == "pension_advice"
    rules = yaml.safe_load(wanted[root / "bot" / "data" / "topic_rules.yml"])["rules"]
    assert rules[-1]["steps"] == [{"intent": "pension_advice"},
                                  {"action": "action_answer_topic"}]
    topics_py = wanted[root / "bot" / "actions" / "topics.py"]
    assert '    "pension_advice",\n)' in topics_py
    assert "class ActionAnswerTopic" in topics_py  # hand-written code around the block stays


def test_a_new_language_reaches_the_slot_and_the_language_module(tmp_path):
    root = _copy_repo(tmp_path)
    languages = root / "content" / "languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8") + (
        '  - {code: pl, native_name: "Polski", english_name: "Polish", direction: ltr}\n'
    ), encoding="utf-8")
    wanted = generate_lists.outputs(root)
    assert '"ti", "pl")' in wanted[root / "bot" / "actions" / "languages.py"]
    core = yaml.safe_load(wanted[root / "bot" / "domain" / "core.yml"])
    assert core["slots"]["language"]["values"][-1] == "pl"
    assert core["slots"]["language"]["initial_value"] == "da"


def test_a_hand_edit_of_a_generated_file_is_drift(tmp_path):
    root = _copy_repo(tmp_path)
    rules = root / "bot" / "data" / "topic_rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("  - rule: topic cv\n", "  - rule: cv\n"),
                     encoding="utf-8")
    assert generate_lists.drifted(root) == [rules]


@pytest.mark.parametrize("broken, message", [
    ("  cv: general\n", "unrouted topics ['cv']"),
    ("  cv: general\n  cv_typo: general\n", "unknown topics ['cv_typo']"),
    ("  cv: general\n", None),
])
def test_routing_must_cover_exactly_the_topics(tmp_path, broken, message):
    root = _copy_repo(tmp_path)
    routing = root / "content" / "routing.yaml"
    text = routing.read_text(encoding="utf-8")
    assert "  cv: general\n" in text
    if message is None:  # a team that does not exist
        routing.write_text(text.replace("  cv: general\n", "  cv: nobody\n"), encoding="utf-8")
        message = "unknown teams ['nobody']"
    elif broken == "  cv: general\n":
        routing.write_text(text.replace(broken, ""), encoding="utf-8")
    else:
        routing.write_text(text.replace("  cv: general\n", broken), encoding="utf-8")
    with pytest.raises(generate_lists.SourceError, match=message.replace("[", r"\[")):
        generate_lists.read_lists(root / "content")


def test_cpr_redaction_is_the_portals_complete_one():
    portal = (ROOT / "portal" / "domain" / "cpr.py").read_text(encoding="utf-8")
    assert (BOT / "actions" / "cpr.py").read_text(encoding="utf-8").endswith(portal)
    # the forms the portal redacts and the bot's old copy missed
    for text in ("cpr 01.01.90-1234", "cpr 01-01-90-1234", "cpr 01/01/90 1234"):
        assert cpr.redact_cpr(text) == "cpr [CPR fjernet]", text
    assert cpr.redact_cpr("ring 12345678") == "ring 12345678"  # a phone number stays

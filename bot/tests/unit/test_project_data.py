"""Consistency of the Rasa project files: domain, NLU data, held-out sets, rules, tests
and the action code must agree."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from actions.responses import CALCULATION_QUESTIONS, FORM_QUESTIONS, NOT_IN_STORIES, RESPONSES_USED
from actions.topics import CASEWORKER_TOPIC, TOPIC_IDS

BOT = Path(__file__).resolve().parents[2]
#: The shared contract beside the repository (../shared relative to the repo root).
CONTRACT = BOT.parent.parent / "shared" / "contract" / "topics.yaml"
#: CI (scripts/test.sh) sets this: a missing contract then fails instead of skipping.
REQUIRE_SHARED = os.environ.get("JOBVEJ_REQUIRE_SERVICES") == "1"
HELDOUT_DIRS = {"clean": BOT / "tests" / "nlu_heldout", "hard": BOT / "tests" / "nlu_heldout_hard"}
#: Hard held-out set (issue 11): at least this many topic messages per language, and
#: out-of-scope messages in every language.
MIN_HARD_TOPIC_MESSAGES = 30
MIN_HARD_OUT_OF_SCOPE = 5
#: Minimum training examples per topic intent and language (issue 5).
MIN_TOPIC_EXAMPLES = {"da": 15, "en": 8, "ar": 8, "uk": 8, "fa": 4, "so": 4, "ti": 4}
#: Minimum for greet/goodbye/thanks/affirm/deny/out_of_scope in da and en.
MIN_OTHER_EXAMPLES = {"da": 10, "en": 8}
#: Minimum held-out examples per topic (da, en) and out-of-scope examples per language.
MIN_HELDOUT_PER_TOPIC = 4
MIN_HELDOUT_OUT_OF_SCOPE = 20
#: NLU block tag (and directory) for language-neutral input (keyboard mashing).
NEUTRAL = "xx"
PLACEHOLDER = re.compile(r"{([^{}\n]+)}")
#: Responses whose `custom` the action sends itself (json_message).
CUSTOM_FROM_ACTION: set[str] = set()
SMALL_TALK = ("greet", "goodbye", "thanks", "affirm", "deny", "out_of_scope")


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    merged: dict[str, Any] = {"intents": [], "responses": {}, "slots": {}, "actions": [], "forms": {}}
    for path in sorted((BOT / "domain").glob("*.yml")):
        part = load(path)
        merged["intents"] += part.get("intents", [])
        merged["actions"] += part.get("actions", [])
        for key in ("responses", "slots", "forms"):
            overlap = set(merged[key]) & set(part.get(key, {}))
            assert not overlap, f"{path.name} redefines {key} {overlap} (merged per key)"
            merged[key].update(part.get(key, {}))
    return merged


@pytest.fixture(scope="module")
def nlu_blocks() -> list[dict[str, Any]]:
    blocks = []
    for path in sorted((BOT / "data" / "nlu").glob("*/*.yml")):
        for block in load(path).get("nlu", []):
            blocks.append({**block, "_file": path.name, "_dir": path.parent.name})
    assert not list((BOT / "data" / "nlu").glob("*.yml")), "NLU files belong in data/nlu/<lang>/"
    return blocks


def examples(block: dict[str, Any]) -> list[str]:
    return [
        line.strip()[2:].strip()
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


def count(nlu_blocks, intent: str, language: str) -> int:
    return sum(
        len(examples(b)) for b in nlu_blocks
        if b.get("intent") == intent and (b.get("metadata") or {}).get("language") == language
    )


def language_dirs() -> list[str]:
    return sorted(p.name for p in (BOT / "data" / "nlu").iterdir() if p.is_dir() and p.name != NEUTRAL)


def test_topic_intents_have_enough_examples_per_language(nlu_blocks):
    for language in language_dirs():
        for topic in TOPIC_IDS:
            n = count(nlu_blocks, topic, language)
            assert n >= MIN_TOPIC_EXAMPLES[language], (topic, language, n)


def test_danish_and_english_cover_small_talk_and_out_of_scope(nlu_blocks):
    for language, minimum in MIN_OTHER_EXAMPLES.items():
        for intent in SMALL_TALK:
            assert count(nlu_blocks, intent, language) >= minimum, (intent, language)


def test_nlu_blocks_are_tagged_declared_and_filed_by_language_and_intent(domain, nlu_blocks):
    for block in nlu_blocks:
        assert block.get("intent") in domain["intents"], block["_file"]
        language = (block.get("metadata") or {}).get("language")
        assert language in SUPPORTED_LANGUAGES + (NEUTRAL,), block["_file"]
        assert block["_dir"] == language, (block["_dir"], block["_file"], language)
        assert block["_file"] == f"{block['intent']}.yml", (block["_dir"], block["_file"])


def test_examples_are_unique_across_intents(nlu_blocks):
    seen: dict[str, str] = {}
    for block in nlu_blocks:
        for ex in examples(block):
            key = ex.lower()
            assert seen.setdefault(key, block["intent"]) == block["intent"], (
                f"{ex!r} is an example of both {seen[key]} and {block['intent']}"
            )


def heldout(kind: str = "clean") -> dict[str, list[tuple[str, str]]]:
    sets = {}
    for path in sorted(HELDOUT_DIRS[kind].glob("*.yml")):
        pairs = [(b["intent"], ex) for b in load(path).get("nlu", []) for ex in examples(b)]
        sets[path.stem] = pairs
    return sets


@pytest.mark.parametrize("kind", sorted(HELDOUT_DIRS))
def test_heldout_sets_are_never_training_data(nlu_blocks, kind):
    training = {ex.lower() for b in nlu_blocks for ex in examples(b)}
    for language, pairs in heldout(kind).items():
        leaked = [text for _, text in pairs if text.lower() in training]
        assert not leaked, (language, leaked)


def test_hard_heldout_set_covers_every_language_and_out_of_scope(domain):
    sets = heldout("hard")
    assert sorted(sets) == sorted(SUPPORTED_LANGUAGES)
    for language, pairs in sets.items():
        for intent, _ in pairs:
            assert intent in domain["intents"], (language, intent)
        topics = [text for intent, text in pairs if intent != "out_of_scope"]
        oos = [text for intent, text in pairs if intent == "out_of_scope"]
        assert len(topics) >= MIN_HARD_TOPIC_MESSAGES, (language, len(topics))
        assert len(oos) >= MIN_HARD_OUT_OF_SCOPE, (language, len(oos))
        assert len({t.lower() for t in topics + oos}) == len(topics + oos), language
        clean = {text.lower() for _, text in heldout("clean").get(language, [])}
        assert not clean & {t.lower() for t in topics + oos}, (language, "also in clean set")


def test_danish_and_english_heldout_sets_cover_every_topic():
    sets = heldout()
    for language in ("da", "en"):
        pairs = sets[language]
        for topic in TOPIC_IDS:
            n = sum(1 for intent, _ in pairs if intent == topic)
            assert n >= MIN_HELDOUT_PER_TOPIC, (language, topic, n)
        oos = sum(1 for intent, _ in pairs if intent == "out_of_scope")
        assert oos >= MIN_HELDOUT_OUT_OF_SCOPE, (language, oos)


def test_every_contract_topic_is_an_intent(domain):
    assert [i for i in domain["intents"] if i in TOPIC_IDS] == list(TOPIC_IDS)


def test_topic_intents_are_answered_by_action_answer_topic():
    rules = load(BOT / "data" / "rules.yml")["rules"] + load(BOT / "data" / "topic_rules.yml")["rules"]
    pairs = {
        (r["steps"][0].get("intent"), r["steps"][1].get("action"))
        for r in rules
        if len(r["steps"]) == 2 and not r.get("condition")
    }
    topic_files = load(BOT / "domain" / "topics.yml")
    for intent in topic_files["intents"]:
        assert intent in TOPIC_IDS, f"{intent} is not a contract topic id"
        assert (intent, "action_answer_topic") in pairs, intent
    assert ("out_of_scope", "action_misunderstood") in pairs
    assert ("nlu_fallback", "action_misunderstood") in pairs


def test_yes_starts_the_form_only_while_an_offer_is_open():
    rules = {r["rule"]: r for r in load(BOT / "data" / "rules.yml")["rules"]}
    start = rules["yes to the offer starts the contact form"]
    assert start["condition"] == [{"slot_was_set": [{"handoff_offered": True}]}]
    assert start["steps"] == [
        {"intent": "affirm"}, {"action": "handoff_form"}, {"active_loop": "handoff_form"}
    ]
    finished = rules["contact form finished"]
    assert finished["steps"][-1] == {"action": "action_submit_handoff"}


def portal_rendered(variations: list[dict[str, Any]]) -> bool:
    """A calculation question: no text, the portal writes it in the user's language."""
    return len(variations) == 1 and "text" not in variations[0] and bool(
        (variations[0].get("custom") or {}).get("calculation_question")
    )


def test_calculation_questions_are_rendered_by_the_portal(domain):
    asked = domain["forms"]["calculation_form"]["required_slots"]
    assert set(CALCULATION_QUESTIONS) == {f"utter_ask_{slot}" for slot in asked}
    for name in CALCULATION_QUESTIONS:
        variations = domain["responses"][name]
        assert portal_rendered(variations), name
        assert variations[0]["custom"]["calculation_question"] == name[len("utter_ask_calc_"):]
    for slot in asked:
        assert domain["slots"][slot]["mappings"] == [{"type": "from_text", "conditions": [
            {"active_loop": "calculation_form", "requested_slot": slot}]}], slot


def test_every_response_exists_in_every_language(domain):
    for name, variations in domain["responses"].items():
        if portal_rendered(variations):
            continue
        defaults = [v for v in variations if not v.get("condition")]
        assert len(defaults) == 1, f"{name}: needs exactly one unconditional (Danish) variation"
        by_language = {}
        for v in variations:
            for cond in v.get("condition") or []:
                assert cond == {"type": "slot", "name": "language", "value": cond["value"]}, name
                assert cond["value"] in SUPPORTED_LANGUAGES and cond["value"] != DEFAULT_LANGUAGE
                assert cond["value"] not in by_language, f"{name}: {cond['value']} twice"
                by_language[cond["value"]] = v
        missing = set(SUPPORTED_LANGUAGES) - {DEFAULT_LANGUAGE} - set(by_language)
        assert not missing, f"{name}: no variation for {sorted(missing)}"
        placeholders = {
            frozenset(PLACEHOLDER.findall(v["text"] + yaml.safe_dump(v.get("custom", {}))))
            for v in variations
        }
        assert len(placeholders) == 1, f"{name}: variations use different placeholders"
        buttons = {tuple(b["payload"] for b in v.get("buttons", [])) for v in variations}
        assert len(buttons) == 1, f"{name}: variations have different buttons"
        texts = [v["text"] for v in variations]
        assert len(set(texts)) == len(texts) or name == "utter_topic_answer", (
            f"{name}: a translation is a copy of another language"
        )


def test_every_response_tells_the_portal_topic_and_understanding(domain):
    for name, variations in domain["responses"].items():
        if name in CUSTOM_FROM_ACTION:
            assert all("custom" not in v for v in variations), name
            continue
        for v in variations:
            custom = v.get("custom") or {}
            assert isinstance(custom.get("topic_id"), str), name
            assert custom.get("understood") in (True, False, None), name
            assert "understood" in custom, name
    assert domain["responses"]["utter_out_of_scope"][0]["custom"]["understood"] is False
    assert domain["responses"]["utter_default"][0]["custom"]["understood"] is False
    assert domain["responses"]["utter_topic_answer"][0]["custom"]["understood"] is True
    assert domain["responses"]["utter_greet"][0]["custom"]["understood"] is None


def test_button_payloads_are_known_intents(domain):
    for name, variations in domain["responses"].items():
        for v in variations:
            for button in v.get("buttons", []):
                assert button["payload"].startswith("/"), name
                assert button["payload"][1:] in domain["intents"], name


def test_offers_and_consent_have_yes_no_buttons(domain):
    for name in ("utter_offer_handoff", "utter_offer_handoff_not_understood",
                 "utter_ask_handoff_consent", "utter_invalid_consent"):
        for v in domain["responses"][name]:
            assert [b["payload"] for b in v["buttons"]] == ["/affirm", "/deny"], name


def test_responses_used_by_actions_exist(domain):
    for name in NOT_IN_STORIES:
        assert name in domain["responses"], name
    answer = domain["responses"]["utter_topic_answer"]
    for v in answer:
        assert set(PLACEHOLDER.findall(v["text"])) == {"title", "short_answer"}
        assert v["custom"]["topic_id"] == "{topic_id}"
        assert v["custom"]["link"] == "{url}"
        assert v["custom"]["link_text"] and "{" not in v["custom"]["link_text"]
    # the portal writes "case created / not created" (it creates the case from the payload)
    assert "utter_handoff_created" not in domain["responses"]
    assert set(RESPONSES_USED).isdisjoint(FORM_QUESTIONS)


def test_form_asks_for_exactly_the_handoff_fields(domain):
    required = domain["forms"]["handoff_form"]["required_slots"]
    assert required == ["handoff_name", "handoff_contact", "handoff_time", "handoff_consent"]
    for slot in required:
        assert f"utter_ask_{slot}" in domain["responses"], slot
        mapping = domain["slots"][slot]["mappings"]
        assert mapping == [{"type": "from_text", "conditions": [
            {"active_loop": "handoff_form", "requested_slot": slot}]}], slot
        assert domain["slots"][slot]["influence_conversation"] is False


def test_language_slot_is_filled_by_action(domain):
    slot = domain["slots"]["language"]
    assert slot["initial_value"] == DEFAULT_LANGUAGE
    assert slot["values"] == list(SUPPORTED_LANGUAGES)
    assert slot["influence_conversation"] is False
    assert slot["mappings"] == [{"type": "custom", "action": "action_set_language"}]
    assert "action_set_language" in domain["actions"]


def test_only_the_offer_steers_the_dialogue(domain):
    steering = [n for n, s in domain["slots"].items() if s.get("influence_conversation", True)]
    assert steering == ["handoff_offered"]


def test_caseworker_button_and_yes_no_are_the_only_buttons(domain):
    assert CASEWORKER_TOPIC in domain["intents"]
    payloads = {
        b["payload"]
        for variations in domain["responses"].values()
        for v in variations
        for b in v.get("buttons", [])
    }
    assert payloads == {f"/{CASEWORKER_TOPIC}", "/affirm", "/deny"}


def conversation_stories() -> list[dict[str, Any]]:
    stories = []
    for path in sorted((BOT / "tests").glob("test_*conversations.yml")):
        stories += load(path)["stories"]
    return stories


def test_conversation_tests_cover_every_topic_in_danish_english_and_arabic():
    for language in ("da", "en", "ar"):
        covered = {
            step["intent"]
            for story in conversation_stories() if story["story"].endswith(f"({language})")
            for step in story["steps"]
            if "user" in step and "intent" in step and not step["user"].startswith("/")
        }
        missing = [t for t in TOPIC_IDS if t not in covered]
        assert not missing, f"no {language} conversation test with text for {missing}"


def test_conversation_tests_cover_small_talk_fallback_and_handoff(domain):
    stories = conversation_stories()
    covered = {s["intent"] for story in stories for s in story["steps"] if "intent" in s}
    missing = [i for i in domain["intents"] if i not in covered]
    assert not missing, f"no conversation test for {missing}"
    actions = [[s.get("action") for s in story["steps"]] for story in stories]
    assert any(a.count("action_misunderstood") >= 2 and "handoff_form" in a for a in actions)
    assert any("action_submit_handoff" in a and "action_answer_topic" in a for a in actions)
    assert any("action_decline_handoff" in a for a in actions)


def test_topic_ids_match_shared_contract():
    if not CONTRACT.exists():
        if REQUIRE_SHARED:
            pytest.fail(f"{CONTRACT} missing (JOBVEJ_REQUIRE_SERVICES=1: CI needs it)")
        pytest.skip("../shared/contract not beside the repository")
    contract = load(CONTRACT)
    assert tuple(t["id"] for t in contract["topics"]) == TOPIC_IDS

"""Personal amount questions through the running product (portal + Rasa + action server):
each conversation's figure is compared with the calculator page the answer links to.

    .venv/bin/python benchmarks/chat_calculations.py http://127.0.0.1:8000

Prints every turn, the figure, whether the page shows the same figure, and the time per
turn; exits 1 when a conversation gets no figure or another figure than the page.
"""

from __future__ import annotations

import re
import statistics
import sys
import time

import requests

# (language, turns, expected calculator) - one message, two turns, a follow-up change.
CONVERSATIONS: list[tuple[str, list[str], str]] = [
    (
        "da",
        ["hvor mange dagpenge får jeg, jeg er fuldtidsforsikret og tjente 25.000 om måneden"],
        "dagpenge",
    ),
    (
        "da",
        [
            "hvor mange dagpenge får jeg? jeg tjente 25.000 om måneden",
            "fuldtid",
            "og hvis jeg er deltidsforsikret?",
        ],
        "dagpenge",
    ),
    (
        "da",
        ["beregn hvad jeg kan få i dagpenge, jeg er deltidsforsikret", "tredive tusind", "30.000"],
        "dagpenge",
    ),
    ("en", ["I'm sick, I earn 150 an hour, 37 hours a week"], "sygedagpenge"),
    (
        "en",
        [
            "how much cash benefit would I get? I'm single, 31 years old",
            "one child",
            "and with two children?",
            "what about 2027?",
        ],
        "kontanthjaelp",
    ),
    ("ar", ["كم أحصل من kontanthjælp، عمري 27 وعندي طفلان وأنا أعزب"], "kontanthjaelp"),
    ("ar", ["كم dagpenge سأحصل إذا كان راتبي ٢٨٬٠٠٠ في الشهر", "دوام كامل"], "dagpenge"),
    (
        "uk",
        ["скільки dagpenge я отримаю, я заробляв 30 000 на місяць, повна страховка"],
        "dagpenge",
    ),
    ("uk", ["мені 45 років, двоє дітей, одружений, скільки kontanthjælp"], "kontanthjaelp"),
    (
        "fa",
        ["من ۳۵ سال دارم و دو فرزند دارم و متاهل هستم، چقدر کمک نقدی kontanthjælp می‌گیرم"],
        "kontanthjaelp",
    ),
    ("fa", ["بیمار هستم، ساعتی ۱۵۰ کرون می‌گیرم", "هفته‌ای ۳۷ ساعت"], "sygedagpenge"),
]


def figure_of(text: str) -> str | None:
    first = text.splitlines()[0] if text else ""
    match = re.search(
        r":\s*\u2068?([\d.,\u00a0\u202f\u066b\u066c\u0660-\u0669\u06f0-\u06f9]+)", first
    )
    return match.group(1) if match else None


def main(base: str) -> int:
    failures = 0
    times: list[float] = []
    for language, turns, calculator in CONVERSATIONS:
        session = requests.Session()
        sid = None
        print(f"--- {language} ({calculator})")
        last = None
        for text in turns:
            started = time.perf_counter()
            body = session.post(
                f"{base}/api/v1/assistant/messages",
                json={"text": text, "language": language, "session_id": sid},
                timeout=30,
            ).json()
            times.append(time.perf_counter() - started)
            sid = body["session_id"]
            print(f"  > {text}")
            for message in body["messages"]:
                print("    < " + message["text"].replace("\n", "\n      "))
                if message.get("link") and "/calculators/" in message["link"]:
                    last = message
        if last is None:
            print("  !! no calculation answer")
            failures += 1
            continue
        figure = figure_of(last["text"])
        page = session.get(base + last["link"], timeout=30).text
        same = figure is not None and f"<bdi>{figure}" in page
        right = f"/calculators/{calculator}?" in last["link"]
        print(f"  figure {figure} | page shows it: {same} | calculator {calculator}: {right}")
        failures += 0 if same and right else 1
    print(
        f"turns: {len(times)}, p50 {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms; failures: {failures}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))

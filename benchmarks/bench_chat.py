"""Chat round-trip latency through the portal, and the assistant's memory.

    .venv/bin/python benchmarks/bench_chat.py http://127.0.0.1:8000 [--conversations 20]
        [--messages 5] [--language da]

Runs N concurrent conversations against a RUNNING portal (each one its own HTTP session,
sending its messages one after another through `POST /api/v1/assistant/messages`, the
widget's only endpoint) and prints p50 / p95 / max of the round trip (portal → Rasa →
portal), how many answers said the assistant was unavailable, and how many requests were
rate-limited. The portal limits the chat API per IP address (JOBVEJ_CHAT_RATE_LIMIT,
default 30/minute); for a benchmark from one machine start the portal with e.g.
JOBVEJ_CHAT_RATE_LIMIT=100000/minute, or the 429s are reported instead of latencies.

Then it looks through /proc for Rasa processes (command line mentioning rasa) and prints
their resident memory (VmRSS), the Rasa server and the action server separately.
Standard library + requests only.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

QUESTIONS = {
    "da": [
        "Hej",
        "Hvor meget kan jeg få i dagpenge?",
        "Hvordan melder jeg mig ledig?",
        "Hvad skal jeg have med til den første samtale?",
        "Kan jeg få en tolk?",
        "Tak for hjælpen",
    ],
    "en": [
        "Hello",
        "How much unemployment benefit can I get?",
        "How do I register as unemployed?",
        "Can I get an interpreter?",
        "Thanks",
    ],
    "ar": ["مرحبا", "كم يمكنني الحصول على إعانة البطالة؟", "هل يمكنني الحصول على مترجم؟", "شكرا"],
    "uk": [
        "Привіт",
        "Скільки я можу отримати допомоги по безробіттю?",
        "Чи можу я отримати перекладача?",
    ],
}


@dataclass
class Results:
    """Latencies and failures collected by all threads."""

    latencies: list[float] = field(default_factory=list)
    unavailable: int = 0
    rate_limited: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def conversation(
    base: str, language: str, messages: int, offset: int, results: Results, think: float = 0.0
) -> None:
    """One user: `messages` questions continuing the same chat session, `think` seconds apart
    (reading the answer and typing); the first message comes at a random point within the first
    think interval so that users do not all press Enter at the same instant."""
    questions = QUESTIONS.get(language, QUESTIONS["da"])
    session = requests.Session()
    session_id = None
    rng = random.Random(offset)
    if think:
        time.sleep(rng.uniform(0, think))
    for i in range(messages):
        if think and i:
            time.sleep(think)
        text = questions[(offset + i) % len(questions)]
        started = time.perf_counter()
        try:
            response = session.post(
                base + "/api/v1/assistant/messages",
                json={"text": text, "language": language, "session_id": session_id},
                timeout=30,
            )
        except requests.RequestException as exc:
            with results.lock:
                results.errors.append(exc.__class__.__name__)
            continue
        elapsed = time.perf_counter() - started
        with results.lock:
            if response.status_code == 429:
                results.rate_limited += 1
                continue
            if response.status_code != 200:
                results.errors.append(f"HTTP {response.status_code}")
                continue
            body = response.json()
            session_id = body.get("session_id")
            results.latencies.append(elapsed)
            if body.get("assistant_available") is False:
                results.unavailable += 1


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def rasa_processes() -> list[tuple[int, str, int]]:
    """(pid, role, VmRSS in kB) of every process whose command line mentions rasa."""
    found = []
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if "rasa" not in cmdline or "bench_chat" in cmdline:
            continue
        words = cmdline.split()
        at = next((i for i, w in enumerate(words[:3]) if Path(w).name == "rasa"), None)
        if at is None:
            continue
        sub = words[at + 1 : at + 3]
        if sub[:2] == ["run", "actions"]:
            role = "action server"
        elif sub[:1] == ["run"]:
            role = "rasa server"
        else:
            role = "rasa " + " ".join(sub[:1]) + " (not serving)"
        rss = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
        found.append((int(entry.name), role, rss))
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="base URL of a running portal, e.g. http://127.0.0.1:8000")
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--messages", type=int, default=5, help="messages per conversation")
    parser.add_argument("--language", default="da", choices=sorted(QUESTIONS))
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="seconds between a user's messages in the second phase (reading and typing)",
    )
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")

    print(f"portal: {base}")
    ok = True
    for label, think in (
        ("back to back (no think time)", 0.0),
        (f"{args.think:g} s think time", args.think),
    ):
        ok &= run_phase(base, args, think, label)
    print()

    processes = rasa_processes()
    if not processes:
        print("assistant memory: no rasa process found in /proc")
    for pid, role, rss in processes:
        print(f"assistant memory: {role} pid {pid} RSS {rss / 1024:.0f} MiB")
    serving = [rss for _, role, rss in processes if role in ("rasa server", "action server")]
    if serving:
        print(f"assistant memory total (server + action server): {sum(serving) / 1024:.0f} MiB")
    return 0 if ok else 1


def run_phase(base: str, args: argparse.Namespace, think: float, label: str) -> bool:
    """Run every conversation at once with the given think time; print the figures."""
    results = Results()
    threads = [
        threading.Thread(
            target=conversation,
            args=(base, args.language, args.messages, n, results, think),
            daemon=True,
        )
        for n in range(args.conversations)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = args.conversations * args.messages
    print(
        f"\n[{label}] {args.conversations} concurrent conversations x {args.messages} messages "
        f"({args.language}), {total} requests in {wall:.2f} s"
    )
    if results.latencies:
        ms = [x * 1000 for x in results.latencies]
        print(
            f"round trip ms: p50 {statistics.median(ms):.0f}  p95 {percentile(ms, 95):.0f}  "
            f"max {max(ms):.0f}  (n={len(ms)})"
        )
    else:
        print("round trip: no successful requests")
    print(f"assistant unavailable answers: {results.unavailable}")
    if results.rate_limited:
        print(
            f"rate-limited (429): {results.rate_limited} - raise JOBVEJ_CHAT_RATE_LIMIT "
            "on the portal for benchmarking"
        )
    if results.errors:
        print(f"errors: {len(results.errors)} ({', '.join(sorted(set(results.errors)))})")
    return bool(results.latencies) and not results.errors


if __name__ == "__main__":
    sys.exit(main())

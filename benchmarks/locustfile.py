"""Load model of Jobvej for Locust (benchmarks/load.sh starts the production stack and
runs it; on loopback only, bounded users and duration, stops by itself).

Users (weights give the mix of the "mixed" scenario):
- Visitor: reads pages (front page, help articles in Danish and Arabic, calculators) and
  runs calculators through the JSON API; 1-5 s between steps.
- Citizen: logs in through the real form (CSRF token), reads the start page, journal and
  progress, logs out; 2-6 s between steps. Accounts come from load.sh (LOAD_USERS).
- Chatter: a conversation through the portal's chat API, 5-15 s between messages.
- RasaBackToBack (scenario "rasa1"/"rasa2" only): messages straight to the Rasa servers
  in RASA_URLS with no pause at all, to measure one server against two.
Request names group the figures: page, calculator, login, logout, chat, rasa.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import uuid

from locust import HttpUser, between, constant, task

LANGS = ["da", "da", "da", "ar", "en", "uk"]
TOPICS = ["dagpenge_amount", "first_meeting", "cv", "interpreter", "wage_subsidy", "flexjob"]
CALCULATIONS = {
    "dagpenge": {"year": 2025, "insurance": "full_time", "monthly_income": 40000},
    "sygedagpenge": {"year": 2025, "hourly_wage": 168.40, "hours_per_week": 37},
    "fleksjob": {"year": 2025, "monthly_wage": "10000"},
}
QUESTIONS = [
    "Hej",
    "Hvor meget kan jeg få i dagpenge?",
    "Hvordan melder jeg mig ledig?",
    "Hvad skal jeg have med til den første samtale?",
    "Kan jeg få en tolk?",
    "Tak for hjælpen",
]
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-2026")
USERS = int(os.environ.get("LOAD_USERS", "20"))
SCENARIO = os.environ.get("LOAD_SCENARIO", "mixed")


class Visitor(HttpUser):
    weight = 45 if SCENARIO == "mixed" else 0
    wait_time = between(1, 5)

    @task(5)
    def page(self) -> None:
        lang = random.choice(LANGS)
        path = random.choice(
            [
                f"/{lang}/",
                f"/{lang}/help/",
                f"/{lang}/help/{random.choice(TOPICS)}",
                f"/{lang}/calculators/",
                f"/{lang}/calculators/dagpenge",
            ]
        )
        self.client.get(path, name="page")

    @task(2)
    def calculator(self) -> None:
        name, body = random.choice(list(CALCULATIONS.items()))
        self.client.post(f"/api/v1/calculators/{name}", json=body, name="calculator")


class Citizen(HttpUser):
    weight = 5 if SCENARIO == "mixed" else 0
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.email = f"load-{random.randrange(USERS)}@example.dk"

    @task
    def visit(self) -> None:
        form = self.client.get("/da/login", name="page")
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form.text)
        if token is None:
            token = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', form.text)
        with self.client.post(
            "/da/login",
            data={
                "csrf_token": token.group(1) if token else "",
                "email": self.email,
                "password": PASSWORD,
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")
                return
        for path in ("/da/citizen/", "/da/journal/", "/da/progress/"):
            self.client.get(path, name="page")
        page = self.client.get("/da/citizen/", name="page")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page.text
        )
        self.client.post(
            "/da/logout",
            data={"csrf_token": token.group(1) if token else ""},
            name="logout",
            allow_redirects=False,
        )


class Chatter(HttpUser):
    weight = 50 if SCENARIO == "mixed" else 0
    wait_time = between(5, 15)

    def on_start(self) -> None:
        self.session_id: str | None = None

    @task
    def say(self) -> None:
        with self.client.post(
            "/api/v1/assistant/messages",
            json={
                "text": random.choice(QUESTIONS),
                "language": "da",
                "session_id": self.session_id,
            },
            name="chat",
            catch_response=True,
        ) as response:
            data = response.json() if response.status_code == 200 else {}
            if response.status_code != 200 or not data.get("assistant_available"):
                response.failure(f"chat: {response.status_code} {str(data)[:80]}")
                return
            self.session_id = data["session_id"]


class RasaBackToBack(HttpUser):
    """Straight to Rasa's REST channel, no pause: the servers' throughput."""

    weight = 1 if SCENARIO.startswith("rasa") else 0
    wait_time = constant(0)
    _turn = itertools.count()

    def on_start(self) -> None:
        urls = [u for u in os.environ.get("RASA_URLS", "").split(",") if u]
        # Round robin: the users are spread evenly over the servers.
        self.rasa = urls[next(self._turn) % len(urls)] if urls else self.host
        self.sender = f"load-{uuid.uuid4().hex}"

    @task
    def say(self) -> None:
        self.client.post(
            f"{self.rasa}/webhooks/rest/webhook",
            json={
                "sender": self.sender,
                "message": random.choice(QUESTIONS),
                "metadata": {"language": "da"},
            },
            name="rasa",
        )

"""The production topology as real processes, started once per test session:
scripts/production.sh (supervisord: gunicorn with 2 workers, two Rasa servers with the
PostgreSQL tracker store and the Redis lock store, the action server) against this machine's
PostgreSQL and Redis, with databases, Redis keys and ports of its own."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.conftest import (
    PG_ADMIN_URL,
    REDIS_TEST_URL,
    REPO,
    create_postgres_database,
    drop_postgres_database,
    service_missing,
)

START_TIMEOUT = float(os.environ.get("JOBVEJ_STACK_START_TIMEOUT", "420"))
TOKEN = "production-test-assistant-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stack:
    """URLs of the running processes and a handle on their supervisor."""

    portal: str
    rasa: list[str]
    actions: str
    env: dict[str, str]
    database_url: str
    logs: Path
    process: subprocess.Popen[bytes]
    notes: list[str] = field(default_factory=list)

    def ctl(self, *args: str) -> str:
        """Run supervisorctl against this stack's supervisord."""
        result = subprocess.run(
            [
                str(REPO / ".venv/bin/supervisorctl"),
                "-c",
                str(REPO / "scripts/supervisord.production.conf"),
                *args,
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return result.stdout + result.stderr

    def pid(self, program: str) -> int:
        return int(self.ctl("pid", program).strip())

    def chat(self, text: str, session_id: str | None, language: str = "da") -> dict:  # type: ignore[type-arg]
        response = requests.post(
            self.portal + "/api/v1/assistant/messages",
            json={"text": text, "language": language, "session_id": session_id},
            timeout=30,
        )
        assert response.status_code == 200, response.text[:300]
        return response.json()  # type: ignore[no-any-return]


def wait_until(
    check, timeout: float, what: str, process: subprocess.Popen[bytes] | None = None
) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the stack exited ({process.returncode}) while waiting for {what}")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def rasa_ready(url: str) -> bool:
    response = requests.get(url + "/status", timeout=10)
    return response.status_code == 200 and bool(response.json().get("model_id"))


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    if not (REPO / "bot/.venv/bin/rasa").exists():
        service_missing("the bot venv is missing (scripts/bot.sh setup)")
    if not list((REPO / "bot/models").glob("*.tar.gz")):
        service_missing("no trained model (scripts/bot.sh train)")
    tag = uuid.uuid4().hex[:8]
    portal_db = create_postgres_database(f"prodportal{tag}")
    bot_db_name = f"jobvej_test_prodbot{tag}_{os.getpid()}"
    if portal_db is None:
        service_missing("PostgreSQL not reachable")
    run_dir = Path(tempfile.mkdtemp(prefix="jv"))  # short: a unix socket path lives here
    logs = REPO / "var" / "test-logs" / f"production-{tag}"
    logs.mkdir(parents=True, exist_ok=True)
    ports = {name: free_port() for name in ("portal", "rasa1", "rasa2", "actions")}
    redis_host_port = REDIS_TEST_URL.removeprefix("redis://").split("/")[0]
    redis_host, _, redis_port = redis_host_port.partition(":")
    pg = PG_ADMIN_URL.removeprefix("postgresql+psycopg://")
    pg_user, _, pg_rest = pg.partition("@")
    pg_host, _, pg_port = pg_rest.split("/")[0].partition(":")
    env = {
        **os.environ,
        "JOBVEJ_DATABASE_URL": portal_db,
        "JOBVEJ_SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
        "JOBVEJ_ASSISTANT_API_TOKEN": TOKEN,
        "JOBVEJ_RATELIMIT_STORAGE_URL": f"{REDIS_TEST_URL}/0",
        "JOBVEJ_CHAT_RATE_LIMIT": "100000/minute",
        "JOBVEJ_CHAT_ADDRESS_RATE_LIMIT": "100000/minute",
        "JOBVEJ_API_RATE_LIMIT": "100000/minute",
        "JOBVEJ_API_ADDRESS_RATE_LIMIT": "100000/minute",
        "JOBVEJ_BIND": f"127.0.0.1:{ports['portal']}",
        "JOBVEJ_WORKERS": "2",
        "JOBVEJ_ACCESS_LOG": "",
        "JOBVEJ_ASSISTANT_TIMEOUT_SECONDS": "20",
        "RASA_PORT_1": str(ports["rasa1"]),
        "RASA_PORT_2": str(ports["rasa2"]),
        "ACTIONS_PORT": str(ports["actions"]),
        "RASA_DB_HOST": pg_host or "127.0.0.1",
        "RASA_DB_PORT": pg_port or "5432",
        "RASA_DB_NAME": bot_db_name,
        "RASA_DB_USER": pg_user or "postgres",
        "RASA_DB_PASSWORD": "",
        "RASA_REDIS_HOST": redis_host or "127.0.0.1",
        "RASA_REDIS_PORT": redis_port or "6379",
        "RASA_REDIS_DB": "0",
        "RASA_REDIS_PASSWORD": "",
        "RASA_LOCK_PREFIX": f"jobvej-test-{tag}",
        "JOBVEJ_LOG_DIR": str(logs),
        "JOBVEJ_RUN_DIR": str(run_dir),
        "JOBVEJ_DEMO_MODE": "false",
    }
    env.pop("JOBVEJ_TEST_POSTGRES_URL", None)
    with (logs / "production.sh.log").open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(REPO / "scripts/production.sh"), "--no-setup"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(
        portal=f"http://127.0.0.1:{ports['portal']}",
        rasa=[f"http://127.0.0.1:{ports['rasa1']}", f"http://127.0.0.1:{ports['rasa2']}"],
        actions=f"http://127.0.0.1:{ports['actions']}",
        env=env,
        database_url=portal_db,
        logs=logs,
        process=process,
    )
    try:
        wait_until(
            lambda: requests.get(stack.portal + "/api/v1/topics", timeout=10).status_code == 200,
            START_TIMEOUT,
            "the portal",
            process,
        )
        for url in stack.rasa:
            wait_until(lambda url=url: rasa_ready(url), START_TIMEOUT, f"Rasa at {url}", process)
        wait_until(
            lambda: requests.get(stack.actions + "/health", timeout=10).status_code == 200,
            START_TIMEOUT,
            "the action server",
            process,
        )
        yield stack
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        drop_postgres_database(portal_db)
        drop_postgres_database(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + bot_db_name)
        import redis

        client = redis.Redis.from_url(REDIS_TEST_URL)
        for key in client.scan_iter(match=f"*{tag}*", count=500):
            client.delete(key)

"""docker-compose.yml is a valid Compose file (checked by Debian's docker-compose, which
validates against the Compose specification's schema; no engine needed) and runs the SAME
topology as production mode without Docker (scripts/production.sh with
scripts/supervisord.production.conf): commands, ports and environment."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.config import SETTINGS
from tests.conftest import REPO, service_missing

COMPOSE = REPO / "docker-compose.yml"
LONG_RUNNING = {"db", "redis", "portal", "actions", "rasa-1", "rasa-2"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def supervisor() -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser()
    parser.read(REPO / "scripts/supervisord.production.conf")
    return parser


def _env_file(tmp_path: Path) -> Path:
    example = (REPO / ".env.example").read_text()
    filled = re.sub(r"^(\w+)=$", r"\1=value-for-the-test", example, flags=re.M)
    path = tmp_path / ".env"
    path.write_text(filled)
    return path


@pytest.mark.production  # needs Debian's docker-compose, installed by setup.sh --with-browser
def test_compose_file_is_valid_for_docker_compose(tmp_path: Path) -> None:
    binary = shutil.which("docker-compose")
    if binary is None:
        service_missing("docker-compose is not installed (scripts/setup.sh --with-browser)")
    result = subprocess.run(
        [binary, "-f", str(COMPOSE), "--env-file", str(_env_file(tmp_path)), "config"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)
    assert set(resolved["services"]) == LONG_RUNNING | {"migrate"}
    # Without the secrets, the file refuses to start (no default passwords).
    empty = tmp_path / "empty.env"
    empty.write_text("")
    refused = subprocess.run(
        [binary, "-f", str(COMPOSE), "--env-file", str(empty), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr


def test_every_long_running_service_has_a_health_check(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in LONG_RUNNING:
        assert services[name].get("healthcheck", {}).get("test"), name
        assert services[name].get("restart") == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"
    assert services["portal"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert {"pgdata", "redisdata"} <= set(compose["volumes"])


def _program_command(supervisor: configparser.RawConfigParser, name: str) -> list[str]:
    raw = supervisor.get(f"program:{name}", "command")
    return [part.replace("%(ENV_JOBVEJ_ROOT)s/", "") for part in shlex.split(raw)]


def test_portal_runs_the_same_command_port_and_settings(
    compose: dict[str, Any], supervisor: configparser.RawConfigParser
) -> None:
    portal = compose["services"]["portal"]
    assert portal["command"] == _program_command(supervisor, "portal")
    env = portal["environment"]
    known = {s.env for s in SETTINGS} | {"FLASK_APP", "JOBVEJ_BIND", "JOBVEJ_WORKERS"}
    assert set(env) <= known, set(env) - known
    assert env["JOBVEJ_PRODUCTION"] == "true"
    assert env["JOBVEJ_BIND"].endswith(":8000") and portal["ports"] == ["8000:8000"]
    assert env["JOBVEJ_RATELIMIT_STORAGE_URL"].startswith("redis://")
    assert env["JOBVEJ_DATABASE_URL"].startswith("postgresql+psycopg://")
    # Both Rasa servers, as production.sh lists its two.
    assert env["JOBVEJ_ASSISTANT_URL"].split(",") == ["http://rasa-1:5005", "http://rasa-2:5005"]
    production = (REPO / "scripts/production.sh").read_text()
    assert "JOBVEJ_ASSISTANT_URL:-http://127.0.0.1:$RASA_PORT_1,http://127.0.0.1:$RASA_PORT_2" in (
        production
    )
    assert compose["services"]["migrate"]["environment"] == env


def _rasa_run_args() -> dict[str, str]:
    """Flag -> value of `rasa run` in scripts/bot.sh (cmd_run)."""
    text = (REPO / "scripts/bot.sh").read_text()
    body = text[text.index("cmd_run() {") : text.index("cmd_actions() {")]
    return dict(re.findall(r"(--[a-z-]+) \"?([^\s\")]+)", body))


def test_rasa_servers_run_the_same_command_with_the_shared_stores(
    compose: dict[str, Any], supervisor: configparser.RawConfigParser
) -> None:
    bot_args = _rasa_run_args()
    for name in ("rasa-1", "rasa-2"):
        service = compose["services"][name]
        command = service["command"]
        assert command[0] == "run" and "--enable-api" in command
        flags = dict(zip(command[1::1], command[2::1], strict=False))
        assert (
            flags["--port"] == "5005" and "RASA_PORT:-5005" in (REPO / "scripts/bot.sh").read_text()
        )
        assert flags["--credentials"] == bot_args["--credentials"] == "credentials.yml"
        assert flags["--endpoints"] == "endpoints.production.yml"
        program = supervisor.get(f"program:{name}", "environment")
        assert 'RASA_ENDPOINTS="endpoints.production.yml"' in program
        # Every variable the production endpoints need is set, the same names as production.sh.
        endpoints = (REPO / "bot/endpoints.production.yml").read_text()
        live = "\n".join(line.split("#")[0] for line in endpoints.splitlines())
        needed = set(re.findall(r"\$\{(\w+)\}", live))
        assert {"RASA_DB_HOST", "RASA_REDIS_HOST", "ACTION_ENDPOINT_URL"} <= needed
        assert needed <= set(service["environment"]), needed - set(service["environment"])
        production = (REPO / "scripts/production.sh").read_text()
        for variable in needed:
            assert f"{variable}=" in production, variable
    assert compose["services"]["rasa-1"]["image"] == "rasa/rasa:3.6.21-full"


def test_action_server_runs_the_same_command_and_port(compose: dict[str, Any]) -> None:
    actions = compose["services"]["actions"]
    assert actions["image"] == "rasa/rasa-sdk:3.6.2"
    bot = (REPO / "scripts/bot.sh").read_text()
    assert 'run actions --port "${ACTIONS_PORT:-5055}" --actions actions' in bot
    assert actions["command"] == ["start", "--actions", "actions", "--port", "5055"]
    assert actions["environment"]["PORTAL_URL"] == "http://portal:8000"
    rasa_env = compose["services"]["rasa-1"]["environment"]
    assert rasa_env["ACTION_ENDPOINT_URL"] == "http://actions:5055/webhook"

"""Command-line tools: `flask --app portal jobvej <command>`."""

from __future__ import annotations

import secrets

import click
from flask import Flask
from flask.cli import AppGroup

from portal.auth import service
from portal.config import SETTINGS
from portal.models.user import Role

jobvej_cli = AppGroup("jobvej", help="Jobvej administration commands.")

DEMO_USERS = (
    ("borger@demo.jobvej.dk", Role.CITIZEN, "Demo Borger", None, None),
    ("sagsbehandler@demo.jobvej.dk", Role.CASEWORKER, "Demo Sagsbehandler", None, "general"),
    ("arbejdsgiver@demo.jobvej.dk", Role.EMPLOYER, "Demo Arbejdsgiver", "Demo ApS", None),
    ("admin@demo.jobvej.dk", Role.ADMIN, "Demo Admin", None, None),
)
DEMO_PASSWORD = "jobvej-demo-2026"


@jobvej_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "display_name", default="")
@click.option("--team", default=None, help="Caseworker team (queue), e.g. benefits.")
@click.option("--password", default=None, help="Omit to be prompted (recommended).")
def create_user_command(
    email: str, role: str, display_name: str, team: str | None, password: str | None
) -> None:
    """Create an account; caseworkers and admins are created only this way."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = service.create_user(email, password, Role(role), display_name, team=team)
    except service.AccountError as err:
        raise click.ClickException(f"{err.field}: {err.code}") from None
    click.echo(f"Created {user.role.value} {user.email} (id {user.id})")


@jobvej_cli.command("seed-demo")
def seed_demo_command() -> None:
    """Create the demo accounts (idempotent) and print their logins."""
    for line in seed_demo():
        click.echo(line)


def seed_demo() -> list[str]:
    """Create missing demo users; return printable login lines."""
    lines = ["Demo logins (password for all: %s):" % DEMO_PASSWORD]
    for email, role, name, organisation, team in DEMO_USERS:
        if service.find_user_by_email(email) is None:
            service.create_user(
                email, DEMO_PASSWORD, role, name, organisation=organisation, team=team
            )
        lines.append(f"  {role.value:<11} {email}")
    return lines


@jobvej_cli.command("config-doc")
def config_doc_command() -> None:
    """Print the configuration variables as a Markdown table."""
    click.echo("| Variable | Default | Meaning |\n|---|---|---|")
    for s in SETTINGS:
        click.echo(f"| `{s.env}` | `{s.default if s.default not in (None, '') else '-'}` | {s.help} |")


@jobvej_cli.command("new-secret")
def new_secret_command() -> None:
    """Print a random value suitable for JOBVEJ_SECRET_KEY."""
    click.echo(secrets.token_hex(32))


def init_app(app: Flask) -> None:
    """Attach the command group to the app."""
    app.cli.add_command(jobvej_cli)

"""Command-line tools: `flask --app portal jobvej <command>`."""

from __future__ import annotations

import datetime
import secrets

import click
from flask import Flask
from flask.cli import AppGroup

from portal.auth import service
from portal.config import SETTINGS
from portal.models.user import Role, User

jobvej_cli = AppGroup("jobvej", help="Jobvej administration commands.")

# One demo account per role (the a11y and i18n tests log in as these). The demo caseworker
# is on the team that answers dagpenge questions (content/routing.yaml: benefits).
DEMO_USERS = (
    ("borger@demo.jobvej.dk", Role.CITIZEN, "Demo Borger", None, None),
    ("sagsbehandler@demo.jobvej.dk", Role.CASEWORKER, "Demo Sagsbehandler", None, "benefits"),
    ("arbejdsgiver@demo.jobvej.dk", Role.EMPLOYER, "Demo Arbejdsgiver", "Demo ApS", None),
    ("admin@demo.jobvej.dk", Role.ADMIN, "Demo Admin", None, None),
)
# A caseworker on every other team content/routing.yaml routes to, so that no handoff waits
# unseen in the demo (a test checks that every routed team has a demo member).
DEMO_STAFF = (
    ("sygedagpenge@demo.jobvej.dk", "Demo Sygedagpenge", "sickness"),
    ("integration@demo.jobvej.dk", "Demo Integration", "integration"),
    ("virksomhed@demo.jobvej.dk", "Demo Virksomhedsservice", "business_service"),
    ("jobservice@demo.jobvej.dk", "Demo Jobservice", "general"),
)
# What the demo's citizen and employer wrote (their own words, not UI text).
DEMO_CASE_TEXTS = {
    "citizen_question": "هل يمكنني الحصول على إعانة البطالة إذا عملت بدوام جزئي؟",
    "recruitment": "Vi søger to lagermedarbejdere fra 1. februar.",
}
# A citizen who registered, wrote a goal to prepare and waits for a caseworker (admin's list).
DEMO_WAITING_CITIZEN = ("forberedt@demo.jobvej.dk", "Demo Forberedt Borger")
# Digital match: an employer the business service has verified (CVR passes the modulus-11
# check), and two job seekers who published anonymous profiles built from their journals.
DEMO_VERIFIED_EMPLOYER = (
    "godkendt.arbejdsgiver@demo.jobvej.dk",
    "Demo Godkendt Arbejdsgiver",
    "Demo Køkken & Rengøring ApS",
    "25313704",
)
DEMO_PROFILE_CITIZENS = (
    ("jobprofil.koekken@demo.jobvej.dk", "Demo Jobprofil Køkken"),
    ("jobprofil.omsorg@demo.jobvej.dk", "Demo Jobprofil Omsorg"),
)
# Citizens with a target group, a benefit with spell start, self-ratings over 8 months and a
# first meeting, so that effect steering shows figures (every shown group has >= 5 people).
# (target group, benefit, how many, spell start in weeks ago for each person)
DEMO_STEERING_GROUPS = (
    ("jobparat", "kontanthjaelp", (10, 12, 14, 16, 18, 20)),
    ("aktivitetsparat", "kontanthjaelp", (30, 34, 38, 42, 45)),
    ("sygedagpenge", "sygedagpenge", (6, 9, 12, 16, 20)),
)
DEMO_STEERING_EMAIL = "effekt{n:02d}@demo.jobvej.dk"
DEMO_STEERING_TEAM = "general"
# Public on purpose: demo accounts exist only with JOBVEJ_DEMO_MODE and are printed at start-up.
DEMO_PASSWORD = "jobvej-demo-2026"  # noqa: S105


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


def _team_label(team: str | None) -> str:
    from portal.assistant.operations import get_routing

    teams = get_routing().teams
    return f"  team: {teams[team].name('da')} ({team})" if team in teams else ""


def seed_demo() -> list[str]:
    """Create missing demo users and their data; return printable login lines (with the
    team each caseworker is on)."""
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for email, role, name, organisation, team in DEMO_USERS:
        if service.find_user_by_email(email) is None:
            service.create_user(
                email, DEMO_PASSWORD, role, name, organisation=organisation, team=team
            )
        lines.append(f"  {role.value:<11} {email:<32}{_team_label(team)}")
    for email, name, team in DEMO_STAFF:
        if service.find_user_by_email(email) is None:
            service.create_user(email, DEMO_PASSWORD, Role.CASEWORKER, name, team=team)
        lines.append(f"  {Role.CASEWORKER.value:<11} {email:<32}{_team_label(team)}")
    waiting_email, waiting_name = DEMO_WAITING_CITIZEN
    if service.find_user_by_email(waiting_email) is None:
        _seed_waiting_citizen(
            service.create_user(waiting_email, DEMO_PASSWORD, Role.CITIZEN, waiting_name)
        )
    lines.append(f"  {Role.CITIZEN.value:<11} {waiting_email:<32}  (prepared, waiting)")
    _seed_demo_casework()
    _seed_demo_cases()
    seed_demo_openings()
    lines += _seed_demo_match()
    lines += _seed_demo_steering()
    return lines


def _seed_waiting_citizen(citizen: User) -> None:
    """A registered citizen who prepared (goals in the journal) and waits for assignment."""
    from portal.journal.operations import create_journal_entry

    create_journal_entry(
        citizen,
        "goal",
        {"goal_area": "job", "body": "Jeg vil gerne arbejde som buschauffør.", "language": "da"},
    )
    create_journal_entry(
        citizen,
        "experience",
        {"title": "Chauffør", "organisation": "Kyiv Bus", "period": "2015-2022", "language": "da"},
    )


def _seed_demo_cases() -> None:
    """Two handoff cases, once: a dagpenge question from the demo citizen (benefits queue)
    and the demo employer's recruitment request (business service queue)."""
    from sqlalchemy import select

    from portal.assistant.operations import create_handoff_case
    from portal.extensions import db
    from portal.models.handoff import CaseSource, HandoffCase

    citizen = service.find_user_by_email(DEMO_USERS[0][0])
    employer = service.find_user_by_email(DEMO_USERS[2][0])
    if citizen is None or employer is None:
        return
    if db.session.scalars(select(HandoffCase.id).where(HandoffCase.user_id == citizen.id)).first():
        return
    create_handoff_case(
        source=CaseSource.LEFT_MESSAGE,
        language="ar",
        topic_id="dagpenge_eligibility",
        name=citizen.display_name,
        contact=citizen.email,
        message=DEMO_CASE_TEXTS["citizen_question"],
        consent_to_share=True,
        user_id=citizen.id,
    )
    create_handoff_case(
        source=CaseSource.RECRUITMENT,
        language="da",
        topic_id="recruitment_help",
        name=employer.display_name,
        contact="20304050",
        subject="Lagermedarbejder – Demo ApS",
        message=DEMO_CASE_TEXTS["recruitment"],
        consent_to_share=False,
        user_id=employer.id,
        team_id="business_service",
        details={"company": "Demo ApS", "job_title": "Lagermedarbejder", "positions": 2},
    )


def seed_demo_openings() -> None:
    """Open slots in the coming weeks for every demo caseworker (weekly openings Tuesday
    and Thursday 9-12, one-hour slots), so a new citizen can book a first meeting at once.
    Idempotent: a caseworker with openings already is left alone."""
    from portal.meetings import booking

    for email in [DEMO_USERS[1][0], *(e for e, _, _ in DEMO_STAFF)]:
        caseworker = service.find_user_by_email(email)
        if caseworker is None or booking.openings_of(caseworker.id):
            continue
        for weekday in (1, 3):
            booking.add_opening(
                caseworker,
                weekday,
                datetime.time(9, 0),
                datetime.time(12, 0),
                60,
                "in_person",
                "Jobservice, Rådhuspladsen 1",
            )


def _seed_demo_casework() -> None:
    """Assign the demo citizen to the demo caseworker, with a shared sample journal, a few
    self-ratings and a booked first meeting (only once: skipped when the citizen has a
    journal already)."""
    from datetime import timedelta

    from sqlalchemy import select

    from portal.domain.meetings import local_to_utc
    from portal.extensions import db
    from portal.journal.operations import create_journal_entry, set_sharing
    from portal.meetings.operations import book_meeting
    from portal.models.journal import JournalEntry
    from portal.models.user import utcnow
    from portal.privacy.operations import assign_citizen
    from portal.progress.operations import record_progress

    citizen = service.find_user_by_email(DEMO_USERS[0][0])
    caseworker = service.find_user_by_email(DEMO_USERS[1][0])
    if citizen is None or caseworker is None:
        return
    assign_citizen(citizen, caseworker, caseworker.team)
    has_journal = db.session.scalars(
        select(JournalEntry.id).where(JournalEntry.citizen_id == citizen.id)
    ).first()
    if has_journal is not None:
        return
    today = utcnow().date()
    samples = [
        (
            "experience",
            {
                "title": "Lagermedarbejder",
                "organisation": "Byens Grossist",
                "period": "2021-2024",
                "body": "Plukning, truckkort B.",
                "language": "da",
            },
        ),
        ("language", {"title": "Arabisk", "level": "native", "language": "da"}),
        (
            "language",
            {"title": "Dansk", "level": "good", "body": "Modul 4 bestået.", "language": "da"},
        ),
        (
            "goal",
            {
                "goal_area": "job",
                "body": "Jeg vil gerne arbejde på et lager igen, gerne fuld tid.",
                "language": "da",
            },
        ),
        (
            "goal",
            {"goal_area": "daily", "body": "أريد أن أتحسن في اللغة الدانماركية", "language": "ar"},
        ),
        (
            "application",
            {
                "organisation": "Nordlager A/S",
                "title": "Lagerassistent",
                "applied_on": today - timedelta(days=5),
                "status": "sent",
                "next_step": "Ringe og følge op",
                "link": "https://job.jobnet.dk/",
                "language": "da",
            },
        ),
    ]
    for section, values in samples:
        create_journal_entry(citizen, section, values)
    record_progress(
        citizen, {"job": 4, "health": 7, "skills": 6, "network": 3, "danish": 5, "structure": 6}
    )
    set_sharing(citizen, journal=True, progress=True)
    start_day = today + timedelta(days=2)
    book_meeting(
        citizen,
        caseworker,
        local_to_utc(start_day, datetime.time(10, 0)),
        "Jobservice, Rådhuspladsen 1, mødelokale 2",
        "in_person",
        "first",
    )


def _seed_demo_match() -> list[str]:
    """The verified demo employer, two published anonymous profiles and one accepted contact
    request with a message each way (once: skipped when the employer exists)."""
    from portal.domain.match import Wishes
    from portal.extensions import db
    from portal.journal.operations import create_journal_entry
    from portal.match import operations as match_ops
    from portal.models.match import EmployerVerification
    from portal.privacy.operations import assign_citizen

    email, name, company, cvr = DEMO_VERIFIED_EMPLOYER
    lines = [f"  {Role.EMPLOYER.value:<11} {email:<32}  (verified for digital match: {company})"]
    lines += [
        f"  {Role.CITIZEN.value:<11} {e:<32}  (published anonymous job profile)"
        for e, _ in DEMO_PROFILE_CITIZENS
    ]
    if service.find_user_by_email(email) is not None:
        return lines
    employer = service.create_user(email, DEMO_PASSWORD, Role.EMPLOYER, name, organisation=company)
    approver = service.find_user_by_email(DEMO_STAFF[2][0])
    db.session.add(
        EmployerVerification(
            employer_id=employer.id,
            cvr=cvr,
            company=company,
            status="approved",
            decided_by_id=approver.id if approver else None,
            decided_at=employer.created_at,
        )
    )
    db.session.commit()
    journals = (
        [
            ("experience", {"title": "Køkkenmedhjælper", "organisation": "Hotel Nordlys",
                            "period": "2019-2023", "body": "Opvask, anretning, rengøring."}),
            ("skill", {"title": "Hygiejnebevis (fødevarer)"}),
            ("language", {"title": "Tigrinya", "level": "native"}),
            ("language", {"title": "Dansk", "level": "good"}),
        ],
        [
            ("education", {"title": "Social- og sundhedshjælper", "organisation": "SOSU Østjylland",
                           "period": "2024-2025"}),
            ("certificate", {"title": "Førstehjælp", "period": "2025"}),
            ("language", {"title": "Ukrainsk", "level": "native"}),
            ("language", {"title": "Dansk", "level": "some"}),
        ],
    )  # fmt: skip
    wishes = (
        Wishes(job_types=["kitchen", "cleaning"], hours=["part_time", "flexible"],
               region="hovedstaden", availability="now"),
        Wishes(job_types=["care"], hours=["full_time", "part_time"], region="midtjylland",
               availability="within_month"),
    )  # fmt: skip
    profiles = []
    for (citizen_email, citizen_name), entries, wish in zip(
        DEMO_PROFILE_CITIZENS, journals, wishes, strict=True
    ):
        citizen = service.find_user_by_email(citizen_email) or service.create_user(
            citizen_email, DEMO_PASSWORD, Role.CITIZEN, citizen_name
        )
        assign_citizen(citizen, None, DEMO_STEERING_TEAM)  # served, not waiting
        for section, values in entries:
            create_journal_entry(citizen, section, {**values, "language": "da"})
        chosen = [line.id for line in match_ops.journal_lines(citizen.id)]
        profile = match_ops.publish_profile(match_ops.save_profile(citizen, chosen, [], wish))
        profiles.append((citizen, profile))
    citizen, profile = profiles[0]
    item = match_ops.send_contact_request(
        employer,
        profile.id,
        "ordinary_job",
        "Køkkenmedhjælper",
        "Vi søger en køkkenmedhjælper 25 timer om ugen i vores kantine i København.",
    )
    match_ops.answer_request(citizen, item, True, "Selam", "selam@example.dk")
    match_ops.post_message(employer, item, "Tak! Kan du komme til en samtale torsdag kl. 10?")
    match_ops.post_message(citizen, item, "Ja, det passer fint.")
    return lines


def _seed_demo_steering() -> list[str]:
    """Citizens registered about eight months ago with a target group, a benefit and spell
    start, self-ratings in three periods and a first meeting (most of them prepared), on the
    team DEMO_STEERING_TEAM: effect steering and the refund page then show figures.
    Once: skipped when the first of them exists."""
    from datetime import timedelta

    from portal.domain.meetings import local_to_utc
    from portal.extensions import db
    from portal.models.meetings import Meeting, Preparation
    from portal.models.progress import ProgressRating
    from portal.models.support import CitizenSupport
    from portal.models.user import utcnow
    from portal.privacy.operations import assign_citizen

    count = sum(len(starts) for _, _, starts in DEMO_STEERING_GROUPS)
    first, last = DEMO_STEERING_EMAIL.format(n=1), DEMO_STEERING_EMAIL.format(n=count)
    lines = [
        f"  {Role.CITIZEN.value:<11} {first} … {last}  ({count} citizens with target group, "
        "benefit and self-ratings for effect steering)"
    ]
    if service.find_user_by_email(first) is not None:
        return lines
    caseworker = service.find_user_by_email(DEMO_STAFF[3][0])
    now = utcnow()
    today = now.date()
    registered = now - timedelta(days=240)
    n = 0
    for group_index, (group, benefit, starts) in enumerate(DEMO_STEERING_GROUPS):
        for person, weeks_ago in enumerate(starts):
            n += 1
            citizen = service.create_user(
                DEMO_STEERING_EMAIL.format(n=n), DEMO_PASSWORD, Role.CITIZEN, f"Demo Effekt {n:02d}"
            )
            citizen.created_at = registered + timedelta(days=person)
            assign_citizen(citizen, None, DEMO_STEERING_TEAM)
            db.session.add(
                CitizenSupport(
                    citizen_id=citizen.id,
                    target_group=group,
                    benefit=benefit,
                    support_since=today - timedelta(weeks=weeks_ago),
                )
            )
            # three self-ratings: first month, fourth month, now-ish; scores rise over time
            for step, day in enumerate((20, 110, 225)):
                base = 3 + group_index + step + person % 2
                db.session.add(
                    ProgressRating(
                        citizen_id=citizen.id,
                        recorded_at=citizen.created_at + timedelta(days=day),
                        job=min(base, 10),
                        health=min(base + 1, 10),
                        skills=min(base + 2, 10),
                        network=min(base, 10),
                        danish=min(base + 1, 10),
                        structure=min(base + 2, 10),
                    )
                )
            meeting = Meeting(
                citizen_id=citizen.id,
                caseworker_id=caseworker.id if caseworker else None,
                starts_at=local_to_utc(
                    (citizen.created_at + timedelta(days=8 + person * 3)).date(),
                    datetime.time(9 + group_index, 0),
                ),
                place="Jobservice, Rådhuspladsen 1",
            )
            db.session.add(meeting)
            db.session.flush()
            if person != 1:  # all but one in each group sent a preparation in time
                db.session.add(
                    Preparation(
                        citizen_id=citizen.id,
                        meeting_id=meeting.id,
                        status="submitted",
                        submitted_at=meeting.starts_at - timedelta(days=2),
                    )
                )
    db.session.commit()
    return lines


@jobvej_cli.command("assign-citizen")
@click.option("--citizen", "citizen_email", required=True, help="The citizen's e-mail.")
@click.option("--caseworker", "caseworker_email", default=None, help="The caseworker's e-mail.")
@click.option("--team", default=None, help="A caseworker team, e.g. general.")
def assign_citizen_command(
    citizen_email: str, caseworker_email: str | None, team: str | None
) -> None:
    """Assign a citizen to a caseworker and/or a team (who may then see what they share)."""
    from portal.privacy.operations import assign_citizen

    citizen = service.find_user_by_email(citizen_email)
    if citizen is None or citizen.role is not Role.CITIZEN:
        raise click.ClickException(f"no citizen with e-mail {citizen_email}")
    caseworker = None
    if caseworker_email:
        caseworker = service.find_user_by_email(caseworker_email)
        if caseworker is None or caseworker.role is not Role.CASEWORKER:
            raise click.ClickException(f"no caseworker with e-mail {caseworker_email}")
    if caseworker is None and not team:
        raise click.ClickException("give --caseworker and/or --team")
    assign_citizen(citizen, caseworker, team)
    target = ", ".join(x for x in (caseworker.email if caseworker else "", team or "") if x)
    click.echo(f"Assigned {citizen.email} to {target}")


@jobvej_cli.command("config-doc")
def config_doc_command() -> None:
    """Print the configuration variables as a Markdown table."""
    click.echo("| Variable | Default | Meaning |\n|---|---|---|")
    for s in SETTINGS:
        click.echo(
            f"| `{s.env}` | `{s.default if s.default not in (None, '') else '-'}` | {s.help} |"
        )


@jobvej_cli.command("new-secret")
def new_secret_command() -> None:
    """Print a random value suitable for JOBVEJ_SECRET_KEY."""
    click.echo(secrets.token_hex(32))


@jobvej_cli.command("purge-transcripts")
@click.option(
    "--days",
    type=int,
    default=None,
    help="Keep this many days (default: TRANSCRIPT_RETENTION_DAYS).",
)
def purge_transcripts_command(days: int | None) -> None:
    """Delete chat transcripts older than the retention period (run daily)."""
    from flask import current_app

    from portal.assistant.operations import purge_transcripts

    keep = int(current_app.config["TRANSCRIPT_RETENTION_DAYS"]) if days is None else days
    if keep < 0:
        raise click.ClickException("--days must be 0 or more")
    conversations, cases = purge_transcripts(keep)
    click.echo(
        f"Purged transcripts older than {keep} days: "
        f"{conversations} conversation(s), {cases} closed case(s)."
    )


@jobvej_cli.command("purge")
@click.option(
    "--transcript-days", type=int, default=None, help="Override TRANSCRIPT_RETENTION_DAYS."
)
@click.option("--case-days", type=int, default=None, help="Override CASE_RETENTION_DAYS.")
@click.option("--audit-days", type=int, default=None, help="Override AUDIT_RETENTION_DAYS.")
@click.option(
    "--audit-after-deletion-days",
    type=int,
    default=None,
    help="Override AUDIT_RETENTION_AFTER_DELETION_DAYS.",
)
def purge_command(
    transcript_days: int | None,
    case_days: int | None,
    audit_days: int | None,
    audit_after_deletion_days: int | None,
) -> None:
    """Delete transcripts, closed cases and audit entries whose retention period is over
    (idempotent; run daily from cron or a systemd timer)."""
    from dataclasses import replace

    from flask import current_app

    from portal.retention import periods_from_config, purge_expired

    try:
        periods = periods_from_config(current_app.config)
        overrides = {
            "transcripts": transcript_days,
            "closed_cases": case_days,
            "audit": audit_days,
            "audit_after_deletion": audit_after_deletion_days,
        }
        periods = replace(periods, **{k: v for k, v in overrides.items() if v is not None})
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo("Retention: " + purge_expired(periods).summary())


def init_app(app: Flask) -> None:
    """Attach the command group to the app."""
    app.cli.add_command(jobvej_cli)

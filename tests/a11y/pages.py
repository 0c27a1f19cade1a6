"""One list of every page type the browser checks (axe, font sizes, 320 px, language
switcher), and the data that makes each page show real content.

To check a new page: add a `PageType` to `page_types()` (and, when it is a new kind of page,
its name to `portal.accessibility_statement.CHECKED_PAGE_TYPES`, which the statement shows).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import yaml
from flask import Flask
from sqlalchemy import select

from portal.cli import DEMO_PASSWORD, DEMO_USERS, seed_demo
from portal.extensions import db
from portal.models.handoff import CaseSource
from portal.models.meetings import Meeting
from portal.models.user import User
from tests.conftest import REPO

# Calculators whose form and result pages are checked (each its own page).
CALCULATORS = (
    "dagpenge",
    "kontanthjaelp",
    "work_more_hours",
    "sygedagpenge",
    "loentilskud",
    "fleksjob",
)
LOGINS = {role.value: email for email, role, *_ in DEMO_USERS}
# A citizen who has just registered (no meeting yet): early preparation and booking pages.
LOGINS["new_citizen"] = "ny.borger@pages.jobvej.dk"
PASSWORD = DEMO_PASSWORD


@dataclass(frozen=True)
class PageType:
    """A page to check: `kind` is its entry in the accessibility statement's list; `path`
    has `{lang}`; `login` is the demo role to be logged in as (None: anonymous); `open_chat`
    opens the chat widget before checking."""

    kind: str
    path: str
    login: str | None = None
    open_chat: bool = False

    @property
    def label(self) -> str:
        return f"{self.kind} {self.path}" + (" +chat" if self.open_chat else "")

    def url(self, base: str, lang: str) -> str:
        return base + self.path.format(lang=lang)


@dataclass(frozen=True)
class SeededIds:
    meeting_id: int
    case_id: int
    profile_id: int = 0
    match_request_id: int = 0
    citizen_id: int = 0


def example_inputs(calculator: str) -> dict[str, object]:
    """Inputs of the first rule case with only scalar inputs (tests/rules/cases)."""
    data = yaml.safe_load((REPO / "tests" / "rules" / "cases" / f"{calculator}.yaml").read_text())
    for case in data["cases"]:
        inputs = case["inputs"]
        if all(isinstance(v, (str, int, float, bool)) for v in inputs.values()):
            return {k: str(v).lower() if isinstance(v, bool) else v for k, v in inputs.items()}
    raise LookupError(f"no scalar example for {calculator}")


def seed_pages(app: Flask) -> SeededIds:
    """Demo users and their data (journal, meeting, ratings), plus a handed-over question
    from the demo citizen with a caseworker's answer, and an employer's recruitment request."""
    from datetime import time

    from portal.assistant.operations import create_handoff_case
    from portal.auth.service import create_user
    from portal.meetings.booking import add_opening, openings_of, request_call
    from portal.models.user import Role
    from portal.queues.operations import reply_to_case

    with app.app_context():
        db.create_all()
        seed_demo()
        users = {u.email: u for u in db.session.scalars(select(User))}
        citizen = users[LOGINS["citizen"]]
        caseworker = users[LOGINS["caseworker"]]
        employer = users[LOGINS["employer"]]
        newcomer = users.get(LOGINS["new_citizen"]) or create_user(
            LOGINS["new_citizen"], PASSWORD, Role.CITIZEN, "Ny Borger"
        )
        if not openings_of(caseworker.id):
            for weekday in range(7):
                add_opening(caseworker, weekday, time(9), time(11), 60, "in_person", "Jobcenter")
        request_call(newcomer, "+45 20 30 40 50", "Formiddag", "da")
        case = create_handoff_case(
            source=CaseSource.LEFT_MESSAGE,
            language="da",
            topic_id="dagpenge_amount",
            name=citizen.display_name,
            contact=citizen.email,
            message="Hvor mange dagpenge kan jeg få, når jeg har arbejdet deltid?",
            consent_to_share=True,
            user_id=citizen.id,
            team_id=caseworker.team,
        )
        reply_to_case(caseworker, case, "Du kan få dagpenge for de timer, du ikke arbejder.")
        create_handoff_case(
            source=CaseSource.RECRUITMENT,
            language="da",
            topic_id="recruitment_help",
            name="Demo Arbejdsgiver",
            contact="20304050",
            subject="Lagermedarbejder",
            message="To lagermedarbejdere fra 1. februar.",
            consent_to_share=False,
            user_id=employer.id,
            team_id=caseworker.team,
            details={"company": "Demo ApS", "positions": 2},
        )
        meeting = db.session.scalars(
            select(Meeting).where(Meeting.citizen_id == citizen.id).order_by(Meeting.id)
        ).first()
        assert meeting is not None, "seed_demo books a meeting for the demo citizen"
        seed_cancelled_meeting(citizen, caseworker)
        profile_id, request_id = seed_match(citizen, employer)
        return SeededIds(
            meeting_id=meeting.id,
            case_id=case.id,
            profile_id=profile_id,
            match_request_id=request_id,
            citizen_id=citizen.id,
        )


def seed_cancelled_meeting(citizen: User, caseworker: User) -> None:
    """A follow-up meeting the caseworker cancelled with a note, so "Mine samtaler", the inbox
    and the caseworker's home show a cancellation (once per database)."""
    from datetime import timedelta

    from portal.meetings.operations import book_meeting, cancel_meeting
    from portal.models.user import utcnow

    if db.session.scalars(select(Meeting).where(Meeting.status == "cancelled")).first():
        return
    start = utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(days=9, hours=3)
    meeting = book_meeting(citizen, caseworker, start, "Jobcenter", "phone", "follow_up", 30)
    cancel_meeting(meeting, caseworker, "caseworker_absent", "Jeg er på kursus.", "da")


def seed_match(citizen: User, employer: User) -> tuple[int, int]:
    """Digital match: the demo citizen's published profile (from the journal), the demo
    employer verified, an accepted contact request with a message each way."""
    from portal.domain.match import Wishes
    from portal.match import operations as match_ops
    from portal.models.match import EmployerVerification

    lines = match_ops.journal_lines(citizen.id)
    profile = match_ops.save_profile(
        citizen,
        [line.id for line in lines],
        [],
        Wishes(job_types=["warehouse", "retail"], hours=["full_time"], region="syddanmark",
               availability="now"),
    )  # fmt: skip
    match_ops.publish_profile(profile)
    if db.session.get(EmployerVerification, employer.id) is None:
        db.session.add(
            EmployerVerification(employer_id=employer.id, cvr="10150817", status="approved")
        )
        db.session.commit()
    item = match_ops.send_contact_request(
        employer, profile.id, "internship", "Lagermedarbejder", "Vi har en praktikplads på lageret."
    )
    match_ops.answer_request(citizen, item, True, citizen.display_name, "20304050")
    match_ops.post_message(employer, item, "Kan du komme forbi på tirsdag?")
    match_ops.post_message(citizen, item, "Ja, gerne.")
    return profile.id, item.id


def page_types(ids: SeededIds) -> list[PageType]:
    """Every page type, in the order a visitor meets them."""
    pages = [
        PageType("home", "/{lang}/"),
        PageType("help_index", "/{lang}/help/"),
        PageType("help_article", "/{lang}/help/dagpenge_amount"),
        PageType("login", "/{lang}/login"),
        PageType("login", "/{lang}/register"),
        PageType("accessibility", "/{lang}/accessibility"),
        PageType("home", "/{lang}/calculators/"),
    ]
    for name in CALCULATORS:
        pages.append(PageType("calculator_form", f"/{{lang}}/calculators/{name}"))
        query = urlencode(example_inputs(name))
        pages.append(PageType("calculator_result", f"/{{lang}}/calculators/{name}?{query}"))
    pages += [
        PageType("chat_open", "/{lang}/help/", open_chat=True),
        PageType("chat_open", "/{lang}/assistant/"),
        PageType("citizen_home", "/{lang}/citizen/", "citizen"),
        PageType("journal", "/{lang}/journal/", "citizen"),
        PageType("journal_form", "/{lang}/journal/new/goal", "citizen"),
        PageType("preparation", f"/{{lang}}/preparation/{ids.meeting_id}", "citizen"),
        PageType("preparation", "/{lang}/preparation/", "new_citizen"),
        PageType("booking", "/{lang}/meetings/book", "new_citizen"),
        PageType("booking", "/{lang}/meetings/call-me", "new_citizen"),
        PageType("citizen_home", "/{lang}/citizen/", "new_citizen"),
        PageType("progress", "/{lang}/progress/", "citizen"),
        PageType("meetings", "/{lang}/meetings/", "citizen"),
        PageType("inbox", "/{lang}/inbox/", "citizen"),
        PageType("inbox", f"/{{lang}}/inbox/{ids.case_id}", "citizen"),
        PageType("account", "/{lang}/account", "citizen"),
        PageType("privacy", "/{lang}/privacy/", "citizen"),
        PageType("privacy", "/{lang}/privacy/access-log", "citizen"),
        PageType("privacy", "/{lang}/privacy/delete", "citizen"),
        PageType("employer", "/{lang}/employer/", "employer"),
        PageType("employer", "/{lang}/recruitment/", "employer"),
        PageType("match_citizen", "/{lang}/match/", "citizen"),
        PageType("match_citizen", "/{lang}/match/preview", "citizen"),
        PageType("match_citizen", f"/{{lang}}/match/requests/{ids.match_request_id}", "citizen"),
        PageType("match_employer", "/{lang}/employer/match/verification", "employer"),
        PageType("match_employer", "/{lang}/employer/match/?region=syddanmark", "employer"),
        PageType(
            "match_employer", f"/{{lang}}/employer/match/profiles/{ids.profile_id}", "employer"
        ),
        PageType("match_employer", "/{lang}/employer/match/requests/", "employer"),
        PageType(
            "match_employer",
            f"/{{lang}}/employer/match/requests/{ids.match_request_id}",
            "employer",
        ),
        PageType("match_business", "/{lang}/business/match/", "admin"),
        PageType("caseworker_home", "/{lang}/caseworker/", "caseworker"),
        PageType("caseworker_home", "/{lang}/caseworker/citizens/", "caseworker"),
        PageType(
            "caseworker_home", f"/{{lang}}/caseworker/citizens/{ids.citizen_id}", "caseworker"
        ),
        PageType("availability", "/{lang}/caseworker/availability", "caseworker"),
        PageType("caseworker_home", "/{lang}/caseworker/call-requests/", "caseworker"),
        PageType("queue", "/{lang}/queues/", "caseworker"),
        PageType("case", f"/{{lang}}/queues/cases/{ids.case_id}", "caseworker"),
        PageType("brief", f"/{{lang}}/caseworker/meetings/{ids.meeting_id}/brief", "caseworker"),
        PageType("cancel_meeting", f"/{{lang}}/meetings/{ids.meeting_id}/cancel", "citizen"),
        PageType(
            "cancel_meeting",
            f"/{{lang}}/caseworker/meetings/{ids.meeting_id}/cancel",
            "caseworker",
        ),
        PageType("admin", "/{lang}/admin/", "admin"),
        PageType("admin", "/{lang}/admin/assignments", "admin"),
        PageType("admin", "/{lang}/admin/waiting", "admin"),
        PageType("admin", "/{lang}/admin/teams/", "admin"),
        PageType("admin", "/{lang}/admin/teams/benefits", "admin"),
        PageType("admin", "/{lang}/admin/staff/new", "admin"),
        PageType("insight", "/{lang}/insight/", "admin"),
        PageType("steering", "/{lang}/steering/", "admin"),
        PageType("steering", "/{lang}/steering/refund", "admin"),
    ]
    only = [k.strip() for k in os.environ.get("JOBVEJ_A11Y_ONLY", "").split(",") if k.strip()]
    if only:  # while working on some pages: JOBVEJ_A11Y_ONLY=match,steering (kind or path part)
        pages = [p for p in pages if any(k in p.kind or k in p.path for k in only)]
    return pages


def login_with_form(page, base: str, role: str, lang: str = "da") -> None:  # type: ignore[no-untyped-def]
    """Log in through the real form (CSRF on) in this page's browser context."""
    page.goto(f"{base}/{lang}/login")
    page.fill("#email", LOGINS[role])
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def screenshot_dir(*parts: str) -> Path:
    """var/screenshots/... (git-ignored), created on demand."""
    folder = REPO.joinpath("var", "screenshots", *parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder

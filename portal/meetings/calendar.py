"""The .ics download of a meeting, for the citizen and for the caseworker alike: the two
differ only in the calendar entry's uid and summary (each side's calendar keeps its own)."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from portal.domain.meetings import CalendarMeeting, meeting_ics
from portal.meetings.forms import CHANNEL_NAMES
from portal.models.meetings import Meeting
from portal.models.user import utcnow


def meeting_calendar_response(meeting: Meeting, *, uid: str, summary: str) -> Response:
    """The meeting as a calendar file (a cancelled meeting as a cancellation), not cached."""
    description = _("Sådan foregår samtalen") + f": {CHANNEL_NAMES[meeting.channel]}."
    data = meeting_ics(
        CalendarMeeting(
            uid=uid,
            starts_at=meeting.starts_at,
            duration_minutes=meeting.duration_minutes,
            summary=summary,
            location=meeting.place,
            description=description,
            created_at=meeting.created_at,
            cancelled=meeting.status == "cancelled",
        ),
        stamp=utcnow(),
    )
    return Response(
        data,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="jobvej-meeting-{meeting.id}.ics"',
            "Cache-Control": "no-store",
        },
    )

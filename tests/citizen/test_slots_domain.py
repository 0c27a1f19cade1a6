"""Open slots from weekly availability (pure domain code: no app, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from portal.domain.meetings import to_local
from portal.domain.slots import (
    OpenSlot,
    WeeklyOpening,
    find_slot,
    open_slots,
    opening_problems,
    slots_by_local_day,
    slots_by_local_week,
)

MONDAY_MORNING = WeeklyOpening(
    caseworker_id=7,
    weekday=0,
    start=time(9, 0),
    end=time(11, 0),
    slot_minutes=60,
    channel="in_person",
    place="Rådhuspladsen 1",
)


def _local(slot: OpenSlot) -> tuple[date, time]:
    local = to_local(slot.starts_at)
    return local.date(), local.time()


def test_a_weekly_opening_is_cut_into_slots_on_its_weekday_in_danish_time() -> None:
    now = datetime(2026, 3, 13, 12, 0, tzinfo=UTC)  # a Friday; summer time starts 29 March
    slots = open_slots([MONDAY_MORNING], [], {}, now, weeks=3)
    assert [_local(s) for s in slots] == [
        (date(2026, 3, 16), time(9)),
        (date(2026, 3, 16), time(10)),
        (date(2026, 3, 23), time(9)),
        (date(2026, 3, 23), time(10)),
        (date(2026, 3, 30), time(9)),
        (date(2026, 3, 30), time(10)),
    ]
    # 09:00 in Copenhagen is 08:00 UTC in winter and 07:00 UTC in summer.
    assert slots[0].starts_at == datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    assert slots[4].starts_at == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert {s.duration_minutes for s in slots} == {60}
    assert slots[0].place == "Rådhuspladsen 1"


def test_days_off_busy_times_and_notice_remove_slots() -> None:
    now = datetime(2026, 3, 16, 6, 30, tzinfo=UTC)  # Monday 07:30 in Copenhagen
    busy_start = datetime(2026, 3, 23, 9, 30, tzinfo=UTC)  # 10:30 local, overlaps 10-11
    slots = open_slots(
        [MONDAY_MORNING],
        closed_days=[(7, date(2026, 3, 30)), (99, date(2026, 4, 6))],
        busy={7: [(busy_start, busy_start + timedelta(minutes=30))]},
        now=now,
        weeks=3,
    )
    assert [_local(s) for s in slots] == [
        # 16 March 09:00 is within two hours' notice; 10:00 is not.
        (date(2026, 3, 16), time(10)),
        (date(2026, 3, 23), time(9)),
        # 23 March 10:00 overlaps a meeting; 30 March is a day off; 6 April is open
        # (the day off belongs to another caseworker).
        (date(2026, 4, 6), time(9)),
        (date(2026, 4, 6), time(10)),
    ]


def test_find_slot_and_grouping() -> None:
    now = datetime(2026, 3, 13, 12, 0, tzinfo=UTC)
    slots = open_slots([MONDAY_MORNING], [], {}, now, weeks=1)
    assert find_slot(slots, 7, slots[1].starts_at) == slots[1]
    assert find_slot(slots, 8, slots[1].starts_at) is None
    assert find_slot(slots, 7, slots[1].starts_at + timedelta(minutes=1)) is None
    grouped = slots_by_local_day(slots)
    assert [day for day, _ in grouped] == [date(2026, 3, 16)]
    assert len(grouped[0][1]) == 2


def test_opening_problems() -> None:
    assert opening_problems(0, time(9), time(10), 60, "phone") == []
    assert opening_problems(7, time(9), time(10), 60, "phone") == ["weekday"]
    assert opening_problems(0, time(9), time(9, 30), 60, "phone") == ["too_short"]
    assert opening_problems(0, time(9), time(12), 17, "phone") == ["slot_minutes"]
    assert opening_problems(0, time(9), time(12), 60, "fax") == ["channel"]


def test_slots_are_grouped_by_danish_week_and_day() -> None:
    now = datetime(2026, 3, 13, 12, 0, tzinfo=UTC)  # a Friday
    sunday_late = WeeklyOpening(7, 6, time(23, 0), time(23, 59), 45, "phone", "")
    slots = open_slots([MONDAY_MORNING, sunday_late], [], {}, now, weeks=2)
    weeks = slots_by_local_week(slots)
    # Sunday 23:00 in Copenhagen is 22:00 UTC on Sunday; its week is the one before Monday's.
    assert [monday for monday, _ in weeks] == [
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
    ]
    assert [[day for day, _ in days] for _, days in weeks] == [
        [date(2026, 3, 15)],
        [date(2026, 3, 16), date(2026, 3, 22)],
        [date(2026, 3, 23)],
    ]
    assert sum(len(s) for _, days in weeks for _, s in days) == len(slots) == 6
    assert [s.starts_at for _, days in weeks for _, day_slots in days for s in day_slots] == [
        s.starts_at for s in slots
    ], "the grouping keeps the slots in time order"


def test_cancelling_is_allowed_for_a_booked_meeting_until_it_starts() -> None:
    from portal.domain.meetings import can_cancel

    start = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    assert can_cancel(start, "booked", start - timedelta(minutes=1))
    assert not can_cancel(start, "booked", start)
    assert not can_cancel(start, "cancelled", start - timedelta(days=1))
    assert not can_cancel(start.replace(tzinfo=None), "booked", start + timedelta(seconds=1))

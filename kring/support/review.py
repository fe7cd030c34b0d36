"""The review rhythm: when a client's network is due to be looked at again. Pure, no database.

The rule: the next network review is due ``interval`` months (the organisation's setting, three by
default) after the last review or the last finished mapping session, whichever is later. A review can
name its own next date; that date holds until a later review or session replaces it. A client whose
network was never reviewed nor mapped is due from the intake date on.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

SOON_DAYS = 14


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewDue:
    due_on: date
    last_on: date | None  # the last review or mapping session; None: never
    today: date

    @property
    def never(self) -> bool:
        return self.last_on is None

    @property
    def overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def soon(self) -> bool:
        return not self.overdue and (self.due_on - self.today).days <= SOON_DAYS

    @property
    def state(self) -> str:
        """'never', 'overdue', 'soon' or 'later': what the caseload and the client page show."""
        if self.never:
            return "never"
        if self.overdue:
            return "overdue"
        return "soon" if self.soon else "later"


def review_due(
    *,
    today: date,
    interval_months: int,
    intake_date: date,
    last_review_on: date | None = None,
    planned_next_on: date | None = None,
    last_session_on: date | None = None,
) -> ReviewDue:
    review_is_latest = last_review_on is not None and (last_session_on is None or last_review_on >= last_session_on)
    if review_is_latest and planned_next_on is not None:
        return ReviewDue(planned_next_on, last_review_on, today)
    moments = [d for d in (last_review_on, last_session_on) if d is not None]
    if not moments:
        return ReviewDue(intake_date, None, today)
    last = max(moments)
    return ReviewDue(add_months(last, interval_months), last, today)

"""How the access sweep finds a meeting of team A (and its option, point and share) for each meeting URL.

The same small factories serve the meeting tests: a meeting written straight to the database.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone


def make_meeting(client, *, by, members=(), workers=(), externals=(), **fields):
    """A meeting with the client as participant, plus the given members, workers and (name, org) externals."""
    from kring.support.models import Meeting, Participant

    fields.setdefault("kind", "network")
    fields.setdefault("status", "held")
    fields.setdefault("date", timezone.localdate() - timedelta(days=1))
    fields.setdefault("question", "Hoe krijgt Anna weer contact met haar zus?")
    meeting = Meeting.objects.create(client=client, created_by=by, **fields)
    Participant.objects.create(meeting=meeting, role="client")
    for member in members:
        Participant.objects.create(meeting=meeting, role="member", member=member)
    for user in workers:
        Participant.objects.create(meeting=meeting, role="worker", user=user)
    for name, organisation in externals:
        Participant.objects.create(meeting=meeting, role="external", name=name, organisation_name=organisation)
    return meeting


def give_consent(client, *, by, decision="given", day: date | None = None, until: date | None = None):
    from kring.clients.models import Consent

    return Consent.objects.create(
        client=client,
        purpose="meeting_summary",
        decision=decision,
        decided_on=day or timezone.localdate(),
        valid_until=until,
        recorded_by=by,
    )


def _member(w):
    from tests.network.factories import make_member

    if "member_a" not in w.__dict__:
        w.member_a = make_member(w.client_a, name="Mama", relation="mother", circle=1)
    return w.member_a


def _meeting(w):
    if "meeting_a" not in w.__dict__:
        w.meeting_a = make_meeting(w.client_a, by=w.worker, members=[_member(w)])
    return w.meeting_a


def _option(w):
    from kring.support.models import Option

    if "option_a" not in w.__dict__:
        w.option_a = Option.objects.create(meeting=_meeting(w), description="Eerst een brief schrijven")
    return w.option_a


def _point(w):
    from kring.support.models import OptionPoint

    if "point_a" not in w.__dict__:
        w.point_a = OptionPoint.objects.create(option=_option(w), kind="pro", text="Rustig aan")
    return w.point_a


def _share(w):
    from kring.support.models import SummaryShare

    if "share_a" not in w.__dict__:
        w.share_a = SummaryShare.objects.create(
            meeting=_meeting(w),
            audience="participants",
            language="nl",
            consent=give_consent(w.client_a, by=w.worker),
            shared_by=w.worker,
        )
    return w.share_a


MEETING_URLS = [
    "detail",
    "edit",
    "cancel",
    "remove",
    "record",
    "options",
    "point_add",
    "option_remove",
    "point_remove",
    "decide",
    "agreement_add",
    "summary",
    "summary_share",
    "summary_print",
]

ID_FOR = {
    ("meetings:list", "pk"): lambda w: w.client_a.pk,
    ("meetings:add", "pk"): lambda w: w.client_a.pk,
    **{(f"meetings:{name}", "pk"): (lambda w: w.client_a.pk) for name in MEETING_URLS},
    **{(f"meetings:{name}", "meeting_pk"): (lambda w: _meeting(w).pk) for name in MEETING_URLS},
    ("meetings:point_add", "option_pk"): lambda w: _option(w).pk,
    ("meetings:option_remove", "option_pk"): lambda w: _option(w).pk,
    ("meetings:point_remove", "point_pk"): lambda w: _point(w).pk,
    ("meetings:summary_print", "share_pk"): lambda w: _share(w).pk,
}

"""Test factories for actions and network reviews, written straight to the database."""

from __future__ import annotations

from datetime import date

from kring.support.models import Action, Review


def make_action(client, *, by, description="Zus bellen", owner_kind="worker", owner=None, due=None, **fields) -> Action:
    owner_fields = {}
    if owner_kind == "worker":
        owner_fields["owner_user"] = owner or by
    elif owner_kind == "member":
        owner_fields["owner_member"] = owner
    return Action.objects.create(
        client=client,
        created_by=by,
        description=description,
        owner_kind=owner_kind,
        due_date=due,
        **owner_fields,
        **fields,
    )


def make_review(client, *, by, day: date, next_on: date, note="") -> Review:
    return Review.objects.create(client=client, created_by=by, date=day, next_review_on=next_on, note=note)

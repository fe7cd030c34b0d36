"""Test factories for life events, written straight to the database."""

from __future__ import annotations

import itertools

from kring.lifeline.models import LifeEvent

_seq = itertools.count(1)


def make_event(client, *, title: str | None = None, year: int = 2015, members=(), **fields) -> LifeEvent:
    fields.setdefault("kind", "housing")
    fields.setdefault("tone", "hard")
    fields.setdefault("created_by", client.key_workers.first() or _any_user(client))
    event = LifeEvent.objects.create(client=client, title=title or f"Gebeurtenis {next(_seq)}", year=year, **fields)
    if members:
        event.members.set(members)
    return event


def _any_user(client):
    from kring.accounts.models import User

    return User.objects.filter(organisation=client.organisation).first()

"""Test factories for network members and links, written straight to the database."""

from __future__ import annotations

import itertools

from kring.network.models import SECTOR_OF_RELATION, Link, Member

_seq = itertools.count(1)


def make_member(client, *, name: str | None = None, relation: str = "friend", circle: int = 2, **fields) -> Member:
    fields.setdefault("sector", SECTOR_OF_RELATION[relation])
    return Member.objects.create(
        client=client, name=name or f"Naaste {next(_seq)}", relation=relation, circle=circle, **fields
    )


def make_link(a: Member, b: Member, kind: str = "knows") -> Link:
    low, high = sorted((a, b), key=lambda m: m.pk)
    return Link.objects.create(client=a.client, member_a=low, member_b=high, kind=kind)

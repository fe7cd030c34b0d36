"""Compare a network at two moments: who was added, who left, who moved, whose tie changed. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Fields whose change is worth telling the worker in plain words, besides a move.
WATCHED_FIELDS = ("tie_quality", "status", "emergency_contact", "deceased")


@dataclass(frozen=True)
class MemberState:
    """A member as it was at one moment; what the ecogram, table and compare need."""

    id: int
    name: str
    relation: str
    sector: str
    circle: int
    tie_quality: str
    status: str
    emergency_contact: bool = False
    deceased: bool = False


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "moved" or "changed"
    member: MemberState  # as it is at the later moment (as it was last, for "removed")
    before: MemberState | None = None
    changed_fields: tuple[str, ...] = ()

    @property
    def moved_circle(self) -> bool:
        return self.before is not None and self.before.circle != self.member.circle

    @property
    def moved_sector(self) -> bool:
        return self.before is not None and self.before.sector != self.member.sector

    @property
    def closer(self) -> bool:
        return self.before is not None and self.member.circle < self.before.circle


_ORDER = {"added": 0, "removed": 1, "moved": 2, "changed": 3}


def compare(before: Mapping[int, MemberState], after: Mapping[int, MemberState]) -> list[Change]:
    """The changes from ``before`` to ``after``, one per member, added first, then by name."""
    changes = []
    for member_id in before.keys() | after.keys():
        old, new = before.get(member_id), after.get(member_id)
        if old is None:
            changes.append(Change("added", new))
        elif new is None:
            changes.append(Change("removed", old))
        else:
            fields = tuple(f for f in WATCHED_FIELDS if getattr(old, f) != getattr(new, f))
            if (old.circle, old.sector) != (new.circle, new.sector):
                changes.append(Change("moved", new, old, fields))
            elif fields:
                changes.append(Change("changed", new, old, fields))
    return sorted(changes, key=lambda c: (_ORDER[c.kind], c.member.name.lower(), c.member.id))

"""Optimistic locking for every record a worker edits: an update names the version its form started from.

Two workers may open the same record; the one who saves second gets a clear message instead of silently
overwriting the first. Records that can be removed (``removed_at``) cannot be claimed once removed.
"""

from __future__ import annotations

from django.db.models import F, Model


class ConcurrentEditError(Exception):
    """Someone else changed or removed the record after this edit began; nothing was written."""

    def __init__(self, record: Model):
        super().__init__(f"{type(record).__name__} {record.pk} changed meanwhile.")
        self.record = record


def claim_version(record: Model, expected_version: int | None) -> None:
    """Take the next version in the database, or raise if someone saved or removed it in between.

    Call it inside the transaction of the save: the row's version goes up at once, so a second save that
    started from the same version finds nothing to claim.
    """
    expected = record.version if expected_version is None else expected_version
    current = {"removed_at__isnull": True} if hasattr(record, "removed_at") else {}
    if not type(record).objects.filter(pk=record.pk, version=expected, **current).update(version=F("version") + 1):
        raise ConcurrentEditError(record)
    record.version = expected + 1

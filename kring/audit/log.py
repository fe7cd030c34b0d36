"""The one entry point for writing the access log: ``log(actor, "clients.client.view", client=c)``.

An :class:`Actor` carries who acts and from where: built from the request in views
(``Actor.from_request``) and for the system in commands (``Actor.system``). Services take an actor, so
views, commands and the API write the same rows.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import models

from kring import policy
from kring.audit.models import AccessLog, Action

_ACTIONS = {choice.value for choice in Action}

# The clients for whom a row was written during the current request; see
# kring.audit.middleware.ClientPageLogMiddleware.
_clients_logged: ContextVar[set[int] | None] = ContextVar("kring_clients_logged", default=None)


@contextmanager
def logging_clients() -> Iterator[set[int]]:
    """Collect the ids of the clients the access log gets a row for while the block runs."""
    logged: set[int] = set()
    token = _clients_logged.set(logged)
    try:
        yield logged
    finally:
        _clients_logged.reset(token)


@dataclass(frozen=True)
class Actor:
    user: models.Model
    ip_address: str | None = None
    request_id: str = ""

    @classmethod
    def from_request(cls, request) -> Actor:
        return cls(user=request.user, ip_address=client_ip(request), request_id=getattr(request, "request_id", ""))

    @classmethod
    def system(cls, user, *, reason: str = "command") -> Actor:
        return cls(user=user, ip_address=None, request_id=reason)


def client_ip(request) -> str | None:
    """The address the request came from. Behind a proxy, trust as many X-Forwarded-For hops as set."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0)
    candidate = request.META.get("REMOTE_ADDR")
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None


def log(
    actor: Actor,
    event: str,
    *,
    client=None,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    detail: str = "",
) -> AccessLog:
    """Write one access-log row for ``event`` ("<app>.<object>.<action>", action one of Action).

    Call it inside the transaction of the write it records, so the row and the change land together.
    """
    action = event.rsplit(".", 1)[-1]
    if action not in _ACTIONS:
        raise ValueError(f"Unknown access-log action in event {event!r}.")
    user = actor.user
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    elif client is not None and object_type is None:
        object_type, object_id = client._meta.label_lower, client.pk
    organisation = user.organisation if user.organisation_id else None
    logged = _clients_logged.get()
    if logged is not None and client is not None:
        # Counted when written: a service logs as the last step of its write, so a row is rolled back only
        # with a write that failed after it, which the page then reports as an error.
        logged.add(client.pk)
    return AccessLog.objects.create(
        user=user,
        user_name=(user.full_name or user.email)[:200],
        role=policy.primary_role(user),
        organisation_id=user.organisation_id,
        organisation_name=organisation.name if organisation is not None else "",
        client=client,
        action=action,
        event=event,
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        detail=detail[:300],
        ip_address=actor.ip_address,
        request_id=actor.request_id,
    )

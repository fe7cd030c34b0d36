"""Contact warnings in templates: ``{% load consent_tags %}``.

- ``{% contact_warning member %}``: an alert when the member is limited (begrensd) or the client has not
  given valid consent to contact them; nothing otherwise. One query, plus one access-log row when shown.
- ``{% contact_warnings members as warnings %}`` then ``{% contact_warning member from=warnings %}``: the
  same for a list of members of one client, in one query and one access-log row for the page;
  ``warnings|warning_of:member`` gives the sentence alone (for a short mark, e.g. on a chip).

A warning never blocks: the client decided, the worker is told. Each warning shown is logged once per
request as ``clients.consent.view`` with the detail ``warning member <ids>``.
"""

from django import template

from kring.audit.log import Actor, log
from kring.clients import consent

register = template.Library()

_SHOWN_ATTR = "_kring_contact_warnings_logged"


@register.inclusion_tag("clients/consent/_warning.html", takes_context=True)
def contact_warning(context, member, **options):
    if "from" in options:
        sentence = (options["from"] or {}).get(member.pk)
    else:
        sentence = consent.contact_warning(member)
        if sentence:
            _log_shown(context, member, [member.pk])
    return {"sentence": sentence, "member": member}


@register.simple_tag(takes_context=True)
def contact_warnings(context, members):
    members = list(members)
    warnings = consent.contact_warnings(members)
    if warnings:
        _log_shown(context, members[0], sorted(warnings))
    return warnings


@register.filter
def warning_of(warnings, member):
    """The sentence in ``{% contact_warnings %}``'s result for this member, or None."""
    return (warnings or {}).get(getattr(member, "pk", None))


def _client_of(context, member):
    """The page's client when it is the member's (no query), else the member's own."""
    client = context.get("client")
    return client if getattr(client, "pk", None) == member.client_id else member.client


def _log_shown(context, member, member_ids: list[int]) -> None:
    """One access-log row for the warnings shown on this page (a member logged once per request)."""
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return
    logged = getattr(request, _SHOWN_ATTR, None)
    if logged is None:
        logged = set()
        setattr(request, _SHOWN_ATTR, logged)
    new = [pk for pk in member_ids if pk not in logged]
    if not new:
        return
    logged.update(new)
    client = _client_of(context, member)
    detail = "warning member " + ", ".join(str(pk) for pk in new)
    if len(new) == 1:
        log(
            Actor.from_request(request),
            "clients.consent.view",
            client=client,
            object_type="network.member",
            object_id=new[0],
            detail=detail,
        )
    else:
        log(
            Actor.from_request(request),
            "clients.consent.view",
            client=client,
            object_type="network.member",
            detail=detail,
        )

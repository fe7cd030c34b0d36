from django import template

from kring.network.models import Support

register = template.Library()
_SUPPORT_LABELS = dict(Support.choices)


@register.filter
def support_labels(codes):
    """Support codes as their (lower-case) labels, in the order of the list of support types."""
    return [str(_SUPPORT_LABELS[c]).lower() for c in Support.values if c in (codes or [])]


@register.filter
def tie_label(code):
    from kring.network.models import TieQuality

    return str(dict(TieQuality.choices).get(code, code)).lower()


@register.filter
def status_label(code):
    from kring.network.models import MemberStatus

    return str(dict(MemberStatus.choices).get(code, code)).lower()


@register.filter
def support_summary(member):
    """What the member gives the client and the client gives them, in one short line; "—" for nothing."""
    from django.utils.translation import gettext as _

    received, given = support_labels(member.support_received), support_labels(member.support_given)
    parts = []
    if received:
        parts.append(_("krijgt: %(what)s") % {"what": ", ".join(received)})
    if given:
        parts.append(_("geeft: %(what)s") % {"what": ", ".join(given)})
    return "; ".join(parts) or "—"


@register.filter
def percent(value):
    """A share as a whole percentage; "—" when it is undefined for this network."""
    return "—" if value is None else f"{round(value * 100)}%"


@register.filter
def get_circle(per_circle, circle):
    return per_circle.get(circle, 0)


@register.filter
def shown_name(member, pseudonyms=False):
    """The member's name, or their pseudonym (else "Persoon <id>") when the page hides real names."""
    from kring.network.ecogram import display_name

    return display_name(member, pseudonyms=bool(pseudonyms))

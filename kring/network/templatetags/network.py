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

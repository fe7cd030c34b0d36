from django import template

from kring.lifeline import drawing

register = template.Library()


@register.filter
def life_date(event) -> str:
    """ "2015", "maart 2015", "rond 2015"."""
    return drawing.date_label(event)


@register.filter
def people(event, pseudonyms=False) -> list[str]:
    """The names of the people in an event (members prefetched), or with pseudonyms their pseudonyms."""
    return [drawing.member_label(m, pseudonyms=bool(pseudonyms)) for m in event.members.all()]

from django import template

from kring.lifeline import drawing

register = template.Library()


@register.filter
def life_date(event) -> str:
    """ "2015", "maart 2015", "rond 2015"."""
    return drawing.date_label(event)


@register.filter
def people_text(event, pseudonyms=False) -> str:
    """ "met Moeder Fatiha en Broer Youssef" (members prefetched), with pseudonyms their pseudonyms; or ""."""
    return drawing.people_text([drawing.member_label(m, pseudonyms=bool(pseudonyms)) for m in event.members.all()])

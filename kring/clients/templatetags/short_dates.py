"""A short date as each language writes it: ``{% load short_dates %}`` then ``{{ day|short_date }}``.

Dutch writes a short month in lower case ("28 feb 2027"), English with a capital ("28 Feb 2027"); see
:func:`kring.dates.short_month`.
``{{ moment|short_date:"time" }}`` adds the time ("28 feb 2027 14:30") in the current time zone, and
``{{ moment|short_date:"seconds" }}`` the time to the second (the access log).
"""

from django import template
from django.template.defaultfilters import date as date_filter

from kring.dates import short_month

register = template.Library()


@register.filter(expects_localtime=True)
def short_date(value, time: str = ""):
    if not value:
        return ""
    clock = {"time": " H:i", "seconds": " H:i:s"}.get(time, "")
    return date_filter(value, f"j {short_month()} Y{clock}")

"""Short month names as the active language writes them, for every page and chart."""

from datetime import date

from django.utils.dateformat import format as format_date


def short_month() -> str:
    """The date-format character for a short month in the active language: "b" where the language writes
    months in lower case (Dutch: "mrt"), "M" where it capitalises them (English: "Mar"). Django's "M"
    capitalises every language's abbreviation ("Mrt", wrong in Dutch) and its "b" none ("mar", wrong in
    English); the full month name says which the language wants."""
    return "b" if format_date(date(2000, 3, 1), "F")[:1].islower() else "M"

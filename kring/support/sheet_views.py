"""Information sheets for naasten: what network support is, what to expect, that they may set limits, and where
they find support for themselves. Printable on A4, in Dutch or English whatever the language of the screen.

The sheet's text lives in one template per language (``support/sheets/_sheet_<language>.html``): it is a short
document, written as a whole in each language, not a set of interface strings. It is rendered inside
``translation.override`` so dates and any shared wording follow the sheet's language, not the user's.

No client data: the sheet names only the organisation and its support point for naasten. Printing is logged
(object type "sheet"), like every other print.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from kring import policy
from kring.audit.log import Actor, log
from kring.methods import allow_get

SHEET_LANGUAGES = ("nl", "en")


def sheet_language(request) -> str:
    """The language asked for with ?taal=, else the screen's language when there is a sheet in it, else Dutch."""
    asked = request.GET.get("taal", "")
    if asked in SHEET_LANGUAGES:
        return asked
    current = (translation.get_language() or "nl").split("-")[0]
    return current if current in SHEET_LANGUAGES else "nl"


def caregiver_support(organisation) -> dict | None:
    """The organisation's support point for naasten, when its admin filled in a name or a website."""
    name = (organisation.caregiver_support_name or "").strip()
    url = (organisation.caregiver_support_url or "").strip()
    if not name and not url:
        return None
    return {"name": name, "url": url, "url_text": url.removeprefix("https://").removeprefix("http://").rstrip("/")}


def _sheet(request, language: str) -> str:
    organisation = request.user.organisation
    with translation.override(language):
        html = render_to_string(
            f"support/sheets/_sheet_{language}.html",
            {
                "organisation": organisation,
                "support": caregiver_support(organisation),
                "language": language,
                "today": timezone.localdate(),
            },
        )
    return mark_safe(html)  # noqa: S308 - a template render, autoescaped


def _context(request, *, printing: bool) -> dict:
    if not policy.can_see_caseload(request.user):
        raise Http404
    language = sheet_language(request)
    return {
        "language": language,
        "languages": [("nl", "Nederlands"), ("en", "English")],
        "sheet": _sheet(request, language),
        "printing": printing,
    }


@allow_get
def sheet(request):
    """The sheet on the screen, with a choice of language and the way to print it."""
    return render(request, "support/sheets/sheet.html", _context(request, printing=False))


@allow_get
def sheet_print(request):
    """The sheet as an A4 page, without navigation; the print is logged."""
    context = _context(request, printing=True)
    log(Actor.from_request(request), "support.sheet.print", object_type="sheet", object_id=context["language"])
    return render(request, "support/sheets/sheet.html", context)

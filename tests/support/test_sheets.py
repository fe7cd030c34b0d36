"""The information sheet for naasten: Dutch and English whatever the screen's language, the organisation's
support point or a general pointer, the print page without navigation, printing logged, who may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.audit.models import AccessLog


def sheet_url(language=None):
    return reverse("sheets:sheet") + (f"?taal={language}" if language else "")


def print_url(language=None):
    return reverse("sheets:print") + (f"?taal={language}" if language else "")


def article(body: str) -> str:
    start = body.index('<article class="sheet"')
    return body[start : body.index("</article>", start)]


def test_it_shows_the_dutch_sheet_with_every_part(world, login):
    response = login(world.worker).get(sheet_url("nl"))
    assert response.status_code == 200
    sheet = article(response.content.decode())
    assert 'lang="nl"' in sheet
    for text in (
        "Stichting Testopvang",
        "Wat is netwerkondersteuning?",
        "Wat kun je verwachten?",
        "Je mag grenzen aangeven",
        "Steun voor jezelf",
        "De persoon zelf beslist.",
        "mantelzorgondersteuning",
    ):
        assert text in sheet, text


def test_it_shows_a_complete_english_sheet_while_the_screen_stays_dutch(world, login):
    body = login(world.worker).get(sheet_url("en")).content.decode()
    sheet = article(body)
    assert 'lang="en"' in sheet
    for text in (
        "For family and friends",
        "What is network support?",
        "What can you expect?",
        "You may set limits",
        "Support for yourself",
        "The person decides.",
    ):
        assert text in sheet, text
    # No Dutch left on the English sheet, apart from the words it explains.
    for dutch in ("Wat ", "Je mag", "naasten", " je "):
        assert dutch not in sheet, dutch
    # The page around it keeps the screen's language.
    assert '<html lang="nl">' in body and "Mijn cliënten" in body and "Taal van het blad" in body


def test_it_picks_the_sheet_language_independent_of_the_screen_language(world, login):
    world.worker.language = "en"
    world.worker.save()
    browser = login(world.worker)
    body = browser.get(sheet_url("nl")).content.decode()
    assert 'lang="nl"' in article(body) and "Wat is netwerkondersteuning?" in body
    assert '<html lang="en">' in body
    # Without a choice, the sheet follows the screen.
    assert "For family and friends" in article(browser.get(sheet_url()).content.decode())


def test_it_falls_back_to_dutch_for_an_unknown_language(world, login):
    body = login(world.worker).get(sheet_url("fr")).content.decode()
    assert 'data-language="nl"' in article(body)


def test_it_names_the_organisations_support_point_when_filled_in(world, login):
    world.org.caregiver_support_name = "Steunpunt Mantelzorg Kringstad"
    world.org.caregiver_support_url = "https://www.mantelzorgkringstad.nl/"
    world.org.save()
    browser = login(world.worker)
    for language, words in (("nl", "Je kunt terecht bij"), ("en", "You can go to")):
        sheet = article(browser.get(sheet_url(language)).content.decode())
        assert 'data-support="organisation"' in sheet
        assert f"{words} <strong>Steunpunt Mantelzorg Kringstad</strong>" in sheet
        assert '<a href="https://www.mantelzorgkringstad.nl/">www.mantelzorgkringstad.nl</a>' in sheet
        assert 'data-support="general"' not in sheet


def test_it_works_with_only_a_website_or_only_a_name(world, login):
    browser = login(world.worker)
    world.org.caregiver_support_url = "https://steunpunt.example.nl"
    world.org.save()
    sheet = article(browser.get(sheet_url("nl")).content.decode())
    assert '<a href="https://steunpunt.example.nl">steunpunt.example.nl</a>' in sheet
    world.org.caregiver_support_url = ""
    world.org.caregiver_support_name = "Het Steunpunt"
    world.org.save()
    sheet = article(browser.get(sheet_url("nl")).content.decode())
    assert "Je kunt terecht bij <strong>Het Steunpunt</strong>." in sheet


def test_it_points_to_the_municipality_when_nothing_is_filled_in(world, login):
    browser = login(world.worker)
    nl = article(browser.get(sheet_url("nl")).content.decode())
    assert 'data-support="general"' in nl and "mantelzorgondersteuning" in nl and "gemeente" in nl
    en = article(browser.get(sheet_url("en")).content.decode())
    assert 'data-support="general"' in en and "municipality" in en


def test_it_escapes_the_organisations_texts(world, login):
    world.org.caregiver_support_name = "<script>alert(1)</script>"
    world.org.save()
    body = login(world.worker).get(sheet_url("nl")).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_viewing_is_not_logged_but_printing_is(world, login):
    browser = login(world.worker)
    browser.get(sheet_url("nl"))
    assert not AccessLog.objects.exists()
    response = browser.get(print_url("en"))
    assert response.status_code == 200
    row = AccessLog.objects.get()
    assert (row.event, row.action, row.object_type, row.object_id, row.client_id, row.user) == (
        "support.sheet.print",
        "print",
        "sheet",
        "en",
        None,
        world.worker,
    )


def test_the_print_page_is_the_sheet_without_navigation(world, login):
    body = login(world.worker).get(print_url("nl")).content.decode()
    assert 'class="print-page sheet-page"' in body
    assert "data-print" in body and "js/ecogram.js" in body  # the button that opens the print dialog
    assert 'class="sheet-tools no-print"' in body
    assert "css/load.css" in body
    assert 'lang="nl"' in article(body)
    # The screen page links to the print page in the chosen language.
    assert f'href="{print_url("en")}"' in login(world.worker).get(sheet_url("en")).content.decode()


@pytest.mark.parametrize("user", ["colleague", "team_lead", "org_admin", "other_team_worker", "other_org_worker"])
def test_everyone_who_works_with_clients_may_see_and_print_it(world, login, user):
    browser = login(getattr(world, user))
    assert browser.get(sheet_url("nl")).status_code == 200
    body = browser.get(print_url("nl")).content.decode()
    organisation = getattr(world, user).organisation.name
    assert organisation in article(body)  # each organisation's own sheet


def test_a_researcher_gets_404(world, login):
    browser = login(world.researcher)
    assert browser.get(sheet_url("nl")).status_code == 404
    assert browser.get(print_url("nl")).status_code == 404
    assert not AccessLog.objects.exists()


def test_a_post_gets_404(world, login):
    assert login(world.worker).post(sheet_url("nl")).status_code == 404
    assert login(world.worker).post(print_url("nl")).status_code == 404

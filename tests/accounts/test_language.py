from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse

from tests.accounts.conftest import post_login

URL = reverse("accounts:language")


def _lang(response) -> str:
    html = response.content.decode()
    start = html.index("<html lang=") + len('<html lang="')
    return html[start : html.index('"', start)]


def test_it_switches_an_anonymous_visitor_to_english(client, db):
    assert _lang(client.get(reverse("accounts:login"))) == "nl"
    response = client.post(URL, {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("accounts:login"))
    assert _lang(page) == "en"
    # The switch now offers Dutch.
    assert 'value="nl" class="button button--link" lang="nl">Nederlands' in page.content.decode()


def test_it_remembers_the_language_on_the_account(world, login):
    browser = login(world.worker)
    # A message Django translates itself (Kring's own English catalogue may not exist yet).
    common = {"old_password": "x", "new_password1": "password1234", "new_password2": "password1234"}
    dutch = browser.post(reverse("accounts:password_change"), common).content.decode()
    assert "Dit wachtwoord is te algemeen." in dutch

    response = browser.post(URL, {"language": "en", "next": reverse("accounts:profile")})
    assert response.url == reverse("accounts:profile")
    world.worker.refresh_from_db()
    assert world.worker.language == "en"
    assert _lang(browser.get(reverse("accounts:profile"))) == "en"
    english = browser.post(reverse("accounts:password_change"), common).content.decode()
    assert "This password is too common." in english


def test_it_uses_the_saved_language_at_the_next_login(world, no_mfa):
    world.worker.language = "en"
    world.worker.save()
    browser = HttpClient()  # a new device: no language cookie
    response = post_login(browser, "werker@test.nl")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert _lang(browser.get(reverse("accounts:profile"))) == "en"


def test_it_follows_the_account_over_an_old_cookie(world, login):
    browser = login(world.worker)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(browser.get(reverse("accounts:profile"))) == "nl"


def test_it_ignores_an_unknown_language(world, login):
    browser = login(world.worker)
    response = browser.post(URL, {"language": "xx", "next": reverse("accounts:profile")})
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    world.worker.refresh_from_db()
    assert world.worker.language == "nl"


def test_it_does_not_redirect_to_another_site(client, db):
    response = client.post(URL, {"language": "en", "next": "https://evil.example/"})
    assert response.url == reverse("home")


def test_it_only_switches_on_post(client, db):
    assert client.get(URL + "?language=en").status_code == 405

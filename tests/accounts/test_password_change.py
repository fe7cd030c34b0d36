from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import PASSWORD

URL = reverse("accounts:password_change")
GOOD = "drie koffie en een rode fiets"


def _change(browser, new, *, old=PASSWORD, again=None):
    return browser.post(URL, {"old_password": old, "new_password1": new, "new_password2": again or new})


def _field_error(html: str, field: str) -> str:
    start = html.index(f'id="field-id_{field}"')
    return html[start : html.index("</div>", start)]


def test_it_shows_the_form(world, login):
    html = login(world.worker).get(URL).content.decode()
    assert "Huidig wachtwoord" in html and "Nieuw wachtwoord nog een keer" in html
    assert 'autocomplete="new-password"' in html


def test_it_refuses_a_short_password_by_the_field(world, login):
    browser = login(world.worker)
    response = _change(browser, "kort-1")
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Gebruik minstens 12 tekens." in _field_error(
        response.content.decode(), "new_password1"
    )
    world.worker.refresh_from_db()
    assert world.worker.check_password(PASSWORD)


def test_it_refuses_a_common_password_by_the_field(world, login):
    response = _change(login(world.worker), "password1234")
    assert "Dit wachtwoord is te algemeen" in _field_error(response.content.decode(), "new_password1")


def test_it_refuses_a_numeric_password_by_the_field(world, login):
    response = _change(login(world.worker), "739182736451")
    assert "Dit wachtwoord bevat alleen cijfers" in _field_error(response.content.decode(), "new_password1")


def test_it_refuses_a_password_like_the_email_address(world, login):
    response = _change(login(world.worker), "werker@test.nl1")
    assert "lijkt te veel op je naam of e-mailadres" in _field_error(response.content.decode(), "new_password1")


def test_it_refuses_a_wrong_current_password_by_the_field(world, login):
    response = _change(login(world.worker), GOOD, old="niet-mijn-wachtwoord")
    html = response.content.decode()
    assert "Dit is niet je huidige wachtwoord" in _field_error(html, "old_password")
    assert "niet-mijn-wachtwoord" not in html


def test_it_refuses_two_different_new_passwords(world, login):
    response = _change(login(world.worker), GOOD, again=GOOD + "!")
    assert "niet hetzelfde" in _field_error(response.content.decode(), "new_password2")


def test_it_changes_the_password_and_stays_logged_in(world, login):
    browser = login(world.worker)
    other_device = login(world.worker)
    response = _change(browser, GOOD)
    assert response.status_code == 302 and response.url == reverse("accounts:profile")
    world.worker.refresh_from_db()
    assert world.worker.check_password(GOOD)
    page = browser.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert "Je wachtwoord is gewijzigd." in page.content.decode()
    assert browser.get(reverse("clients:caseload")).status_code == 200
    # Sessions elsewhere end with the old password.
    assert other_device.get(reverse("clients:caseload")).status_code == 302
    assert SESSION_KEY not in other_device.session

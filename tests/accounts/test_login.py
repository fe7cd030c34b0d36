from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.accounts.conftest import page_without, post_login
from tests.factories import PASSWORD

GENERIC = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."


def test_it_shows_the_login_form(client, db):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in html and 'type="email"' in html and 'autocomplete="username"' in html
    assert 'name="password"' in html and 'autocomplete="current-password"' in html
    assert "E-mailadres" in html and "Wachtwoord" in html and "Inloggen</button>" in html


def test_it_logs_in_and_sends_a_worker_to_the_caseload(client, world, no_mfa):
    response = post_login(client, "werker@test.nl")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session[SESSION_KEY] == str(world.worker.pk)
    assert client.get(response.url).url == reverse("clients:caseload")
    assert client.get(reverse("clients:caseload")).status_code == 200


def test_it_accepts_the_address_in_capitals(client, world, no_mfa):
    response = post_login(client, " Werker@Test.NL ")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(world.worker.pk)


def test_it_rotates_the_session_on_login(client, world, no_mfa):
    client.get(reverse("accounts:login"))
    session = client.session
    session["before_login"] = True
    session.save()
    before = session.session_key
    post_login(client, "werker@test.nl")
    assert client.session.session_key != before


def test_it_gives_one_message_for_a_wrong_password_and_an_unknown_address(client, world):
    wrong_password = post_login(client, "werker@test.nl", "niet-het-goede-wachtwoord")
    unknown = post_login(client, "niemand@test.nl", "niet-het-goede-wachtwoord")
    assert wrong_password.status_code == unknown.status_code == 200
    assert GENERIC in wrong_password.content.decode()
    assert page_without(wrong_password, "werker@test.nl") == page_without(unknown, "niemand@test.nl")
    assert SESSION_KEY not in client.session


def test_it_gives_the_same_message_for_an_inactive_account(client, world):
    world.worker.is_active = False
    world.worker.save()
    response = post_login(client, "werker@test.nl", PASSWORD)
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert SESSION_KEY not in client.session


def test_it_keeps_the_address_but_not_the_password(client, world):
    response = post_login(client, "werker@test.nl", "geheim-fout-wachtwoord")
    html = response.content.decode()
    assert 'value="werker@test.nl"' in html
    assert "geheim-fout-wachtwoord" not in html


def test_it_shows_missing_fields_by_the_field(client, db):
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert "Vul je e-mailadres in." in html and "Vul je wachtwoord in." in html
    assert "field--invalid" in html
    assert GENERIC not in html


def test_it_follows_a_safe_next_after_login(client, world, no_mfa):
    next_url = reverse("clients:detail", args=[world.client_a.pk])
    response = post_login(client, "werker@test.nl", next=next_url)
    assert response.url == next_url


def test_it_ignores_a_next_to_another_site(client, world, no_mfa):
    response = post_login(client, "werker@test.nl", next="https://evil.example/phish")
    assert response.url == reverse("home")
    response = client.get(reverse("accounts:login") + "?next=//evil.example/")
    assert response.url == reverse("home")


def test_it_sends_anonymous_visitors_to_login_with_next(client, world):
    url = reverse("clients:detail", args=[world.client_a.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"
    login_page = client.get(response.url).content.decode()
    assert f'name="next" value="{url}"' in login_page


def test_it_sends_a_logged_in_user_away_from_the_login_page(world, login):
    response = login(world.worker).get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response.url == reverse("home")

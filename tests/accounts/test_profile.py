from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts import services
from kring.accounts.models import Membership, Role

URL = reverse("accounts:profile")


def test_it_shows_who_the_user_is_and_where_they_work(world, login):
    Membership.objects.create(user=world.worker, role=Role.TEAM_LEAD, team=world.team_b)
    html = login(world.worker).get(URL).content.decode()
    assert "Mijn account" in html
    assert "Wim Werker" in html and "werker@test.nl" in html and "Stichting Testopvang" in html
    assert "Begeleider – Team A" in html and "Teamleider – Team B" in html
    assert reverse("accounts:password_change") in html


def test_it_shows_the_second_factor_and_backup_codes(world, login):
    browser = login(world.worker)
    services.backup_codes_create(user=world.worker)
    html = browser.get(URL).content.decode()
    assert "nog 10 reservecodes" in html
    assert reverse("accounts:backup_codes") in html
    assert "Een andere telefoon instellen" in html


def test_it_offers_to_set_up_the_second_factor(world, client, no_mfa):
    client.force_login(world.worker)
    assert not TOTPDevice.objects.filter(user=world.worker).exists()
    html = client.get(URL).content.decode()
    assert "Je logt alleen in met je wachtwoord." in html
    assert reverse("accounts:mfa_enrol") in html


def test_it_is_for_logged_in_users_only(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

URL = reverse("accounts:logout")


def test_it_logs_out_on_post_and_says_so(world, login):
    browser = login(world.worker)
    response = browser.post(URL)
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert SESSION_KEY not in browser.session
    page = browser.get(response.url)
    assert "Je bent uitgelogd." in page.content.decode()
    assert browser.get(reverse("clients:caseload")).status_code == 302


def test_it_does_not_log_out_on_get(world, login):
    browser = login(world.worker)
    assert browser.get(URL).status_code == 405
    assert browser.get(reverse("clients:caseload")).status_code == 200


def test_it_lets_a_user_stop_halfway_through_the_second_step(client, world):
    from tests.accounts.conftest import post_login

    post_login(client, "werker@test.nl")
    assert client.post(URL).url == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, db):
    assert client.post(URL).url == reverse("accounts:login")

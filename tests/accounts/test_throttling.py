from django.contrib.auth import SESSION_KEY

from tests.accounts.conftest import page_without, post_login
from tests.factories import PASSWORD

LOCKED = "Er is te vaak een verkeerd wachtwoord ingevuld."


def _fail(client, email, times, ip="10.0.0.1"):
    return [post_login(client, email, "een-fout-wachtwoord", ip=ip) for _ in range(times)]


def test_it_locks_an_address_from_one_ip_after_five_failures(client, world):
    responses = _fail(client, "werker@test.nl", 5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    response = post_login(client, "werker@test.nl", PASSWORD, ip="10.0.0.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "Wacht 15 minuten" in html
    assert 'value="werker@test.nl"' in html
    assert SESSION_KEY not in client.session


def test_it_locks_an_unknown_address_the_same_way(client, world):
    _fail(client, "niemand@test.nl", 5)
    unknown = post_login(client, "niemand@test.nl", PASSWORD, ip="10.0.0.1")
    _fail(client, "werker@test.nl", 5)
    known = post_login(client, "werker@test.nl", PASSWORD, ip="10.0.0.1")
    assert unknown.status_code == known.status_code == 429
    assert page_without(unknown, "niemand@test.nl") == page_without(known, "werker@test.nl")


def test_it_still_lets_the_same_address_in_from_another_ip(client, world, no_mfa):
    _fail(client, "werker@test.nl", 5, ip="10.0.0.1")
    response = post_login(client, "werker@test.nl", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(world.worker.pk)


def test_it_still_lets_another_user_in_from_the_same_ip(client, world, no_mfa):
    _fail(client, "werker@test.nl", 5, ip="10.0.0.1")
    response = post_login(client, "collega@test.nl", PASSWORD, ip="10.0.0.1")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(world.colleague.pk)


def test_it_counts_capitals_as_the_same_address(client, world):
    _fail(client, "werker@test.nl", 4)
    response = post_login(client, "WERKER@test.nl", "een-fout-wachtwoord", ip="10.0.0.1")
    assert response.status_code == 429


def test_it_forgets_earlier_failures_after_a_good_login(client, world, no_mfa):
    _fail(client, "werker@test.nl", 4)
    assert post_login(client, "werker@test.nl", PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    responses = _fail(client, "werker@test.nl", 4)
    assert all(r.status_code == 200 for r in responses)

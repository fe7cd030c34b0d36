from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


def _session(browser) -> Session:
    return Session.objects.get(session_key=browser.cookies[settings.SESSION_COOKIE_NAME].value)


def test_it_ends_the_session_after_the_inactivity_limit(world, login):
    assert settings.SESSION_COOKIE_AGE == settings.KRING_SESSION_MINUTES * 60
    browser = login(world.worker)
    assert browser.get(reverse("clients:caseload")).status_code == 200
    # The last request was longer ago than the limit: the stored expiry has passed.
    Session.objects.filter(pk=_session(browser).pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = browser.get(reverse("clients:caseload"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_extends_the_session_with_every_request(world, login):
    browser = login(world.worker)
    # One minute left (the user was idle for almost the whole limit) ...
    key = _session(browser).pk
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert browser.get(reverse("clients:caseload")).status_code == 200
    # ... and a request starts the full limit again.
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < left <= timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_it_ends_the_session_when_the_browser_closes(world, login):
    browser = login(world.worker)
    response = browser.get(reverse("clients:caseload"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""

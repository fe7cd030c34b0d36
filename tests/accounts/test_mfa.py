import re
from base64 import b32encode

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts import services
from tests.accounts.conftest import current_code, post_login
from tests.factories import login as verified_login

ENROL = reverse("accounts:mfa_enrol")
VERIFY = reverse("accounts:mfa_verify")
WRONG = "Deze code klopt niet"


def _enrol(client, user):
    """Log in with the password and set up the app; returns the confirmed device and the backup codes.

    The code used is kept on the device as ``used_code``.
    """
    assert post_login(client, user.email).url == ENROL
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    used_code = current_code(device)
    response = client.post(ENROL, {"code": used_code})
    assert response.status_code == 302
    assert response.url == reverse("accounts:backup_codes")
    codes_page = client.get(response.url).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    device.refresh_from_db()
    device.used_code = used_code
    return device, codes


def _stored_backup_codes(user) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def test_it_opens_no_client_page_with_a_password_alone(client, world):
    response = post_login(client, "werker@test.nl")
    assert response.url == ENROL
    detail = reverse("clients:detail", args=[world.client_a.pk])
    assert client.get(detail).url == ENROL
    assert client.get(reverse("clients:caseload")).url == ENROL
    assert client.get(reverse("accounts:profile")).url == ENROL


def test_it_asks_for_the_code_when_the_user_has_an_app(client, world):
    TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    detail = reverse("clients:detail", args=[world.client_a.pk])
    response = post_login(client, "werker@test.nl", next=detail)
    assert response.url == f"{VERIFY}?next=%2Fclienten%2F{world.client_a.pk}%2F"
    assert client.get(detail).url == VERIFY
    # No way around it: the set-up page does not let a password alone replace the app.
    assert client.get(ENROL).url == VERIFY


def test_it_shows_the_qr_code_and_the_secret_without_script_or_style(client, world):
    post_login(client, "werker@test.nl")
    response = client.get(ENROL)
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=world.worker, confirmed=False)
    assert 'class="qr-code"' in html and 'role="img"' in html
    assert 'id="qr-path"' in html
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main
    assert "style=" not in html
    # Reloading keeps the same secret, so a code from an app that already scanned it still works.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=world.worker).count() == 1


def test_it_sets_up_the_app_and_shows_ten_backup_codes_once(client, world):
    device, codes = _enrol(client, world.worker)
    assert device.confirmed
    assert len(codes) == 10 == len(set(codes))
    assert set(codes) == _stored_backup_codes(world.worker)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    # The codes are shown once; the page later only says how many are left.
    again = client.get(reverse("accounts:backup_codes")).content.decode()
    assert codes[0] not in again and "nog 10 reservecodes" in again
    detail = reverse("clients:detail", args=[world.client_a.pk])
    assert client.get(detail).status_code == 200


def test_it_refuses_a_wrong_code_by_the_field(client, world, settings):
    post_login(client, "werker@test.nl")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=world.worker)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert "field--invalid" in html and WRONG in html
    device.refresh_from_db()
    assert not device.confirmed
    # Right after a wrong code django-otp makes the user wait a moment.
    response = client.post(ENROL, {"code": current_code(device)})
    assert "Wacht even" in response.content.decode()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    assert client.post(ENROL, {"code": current_code(device)}).status_code == 302


def test_it_accepts_an_app_code_only_once(client, world):
    device, _codes = _enrol(client, world.worker)
    client.post(reverse("accounts:logout"))
    post_login(client, "werker@test.nl")
    response = client.post(VERIFY, {"code": device.used_code})
    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_it_logs_in_with_the_app_code(client, world):
    device = TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    detail = reverse("clients:detail", args=[world.client_a.pk])
    response = post_login(client, "werker@test.nl", next=detail)
    session_before = client.session.session_key
    response = client.post(response.url, {"code": current_code(device), "next": detail})
    assert response.status_code == 302 and response.url == detail
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != session_before
    assert client.get(detail).status_code == 200


def test_it_accepts_a_backup_code_once(client, world, settings):
    _device, codes = _enrol(client, world.worker)
    client.post(reverse("accounts:logout"))

    post_login(client, "werker@test.nl")
    response = client.post(VERIFY, {"code": codes[0].upper()[:4] + " " + codes[0][4:]}, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("otp_static")
    assert "reservecode" in response.content.decode()
    assert StaticToken.objects.filter(device__user=world.worker).count() == 9

    client.post(reverse("accounts:logout"))
    post_login(client, "werker@test.nl")
    response = client.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200 and WRONG in response.content.decode()
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no waiting after the wrong code, to try the next one now
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_it_keeps_app_and_backup_code_throttling_apart(client, world):
    _device, codes = _enrol(client, world.worker)
    client.post(reverse("accounts:logout"))
    post_login(client, "werker@test.nl")
    client.post(VERIFY, {"code": "000000"})
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302


def test_it_sends_a_verified_user_on(world, login):
    browser = login(world.worker)
    assert browser.get(VERIFY).url == reverse("home")


def test_it_lets_a_user_set_up_the_app_when_it_is_not_required(client, world, no_mfa):
    response = post_login(client, "werker@test.nl")
    assert response.url == reverse("home")
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Tweestapsverificatie instellen" in profile and ENROL in profile
    device, codes = _enrol_voluntarily(client, world.worker)
    assert device.confirmed and len(codes) == 10
    # From now on the app is asked for at login, also where it is not required.
    client.post(reverse("accounts:logout"))
    assert post_login(client, "werker@test.nl").url == VERIFY


def _enrol_voluntarily(client, user):
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"code": current_code(device)}, follow=True)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    device.refresh_from_db()
    return device, codes


def test_it_makes_new_backup_codes_for_a_verified_user(world, login):
    browser = login(world.worker)
    old = services.backup_codes_create(user=world.worker)
    response = browser.post(reverse("accounts:backup_codes"), follow=True)
    html = response.content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(new) == 10 and not set(new) & set(old)
    assert _stored_backup_codes(world.worker) == set(new)
    assert StaticDevice.objects.filter(user=world.worker).count() == 1


def test_it_makes_no_new_backup_codes_without_the_second_factor(client, world, no_mfa):
    TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    old = set(services.backup_codes_create(user=world.worker))
    post_login(client, "werker@test.nl")
    response = client.post(reverse("accounts:backup_codes"))
    assert response.url.startswith(VERIFY)
    assert _stored_backup_codes(world.worker) == old


def test_it_replaces_the_old_app_when_a_verified_user_sets_up_a_new_phone(world, login):
    browser = login(world.worker)
    old = TOTPDevice.objects.get(user=world.worker, confirmed=True)
    page = browser.get(ENROL).content.decode()
    assert "Een andere telefoon instellen" in page
    new = TOTPDevice.objects.get(user=world.worker, confirmed=False)
    assert browser.post(ENROL, {"code": current_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=world.worker)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert browser.session[DEVICE_ID_SESSION_KEY] == new.persistent_id


def test_it_fixture_login_is_verified(world):
    # The shared ``login`` fixture stands for a user who passed both steps.
    browser = verified_login(world.worker)
    assert browser.get(reverse("accounts:profile")).status_code == 200


def test_it_asks_for_the_code_when_it_is_left_empty(client, world):
    TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    post_login(client, "werker@test.nl")
    response = client.post(VERIFY, {})
    html = response.content.decode()
    assert response.status_code == 200 and "Vul de code in." in html and "field--invalid" in html


def test_it_asks_a_voluntary_second_factor_before_any_client_page(client, world, no_mfa):
    """With MFA not required, a user who set up an app still cannot skip the code by typing an address."""
    TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    post_login(client, "werker@test.nl")
    detail = reverse("clients:detail", args=[world.client_a.pk])
    assert client.get(detail).url == VERIFY
    assert client.get(reverse("clients:caseload")).url == VERIFY

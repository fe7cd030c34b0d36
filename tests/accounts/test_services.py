import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts import services
from tests.accounts.conftest import current_code


def test_it_accepts_an_app_code_once_and_remembers_its_time_step(world):
    device = TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    code = current_code(device)
    assert services.mfa_verify(user=world.worker, code=code) == device
    device.refresh_from_db()
    assert device.last_t >= 0
    with pytest.raises(ValidationError) as error:
        services.mfa_verify(user=world.worker, code=code)
    assert error.value.code == "invalid"


def test_it_keeps_the_throttle_count_of_a_wrong_code(world):
    device = TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    with pytest.raises(ValidationError):
        services.mfa_verify(user=world.worker, code="000000" if current_code(device) != "000000" else "111111")
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    with pytest.raises(ValidationError) as error:
        services.mfa_verify(user=world.worker, code=current_code(device))
    assert error.value.code == "throttled"


def test_it_does_not_accept_another_users_code(world):
    mine = TOTPDevice.objects.create(user=world.worker, name="app", confirmed=True)
    TOTPDevice.objects.create(user=world.colleague, name="app", confirmed=True)
    with pytest.raises(ValidationError):
        services.mfa_verify(user=world.colleague, code=current_code(mine))


def test_it_makes_ten_backup_codes_that_never_look_like_app_codes(world):
    codes = services.backup_codes_create(user=world.worker)
    assert len(set(codes)) == 10
    assert all(len(code) == 8 and not code.isdigit() for code in codes)
    again = services.backup_codes_create(user=world.worker)
    assert not set(codes) & set(again)
    assert StaticDevice.objects.filter(user=world.worker).count() == 1
    assert services.backup_codes_left(user=world.worker) == 10


def test_it_confirms_the_pending_app_and_replaces_the_old_one(world):
    old = TOTPDevice.objects.create(user=world.worker, name="old", confirmed=True)
    pending = services.mfa_pending_totp_device(user=world.worker)
    assert services.mfa_pending_totp_device(user=world.worker) == pending
    codes = services.mfa_confirm_totp_device(user=world.worker, device=pending, code=current_code(pending))
    assert len(codes) == 10
    assert list(TOTPDevice.objects.filter(user=world.worker)) == [pending]
    assert pending.confirmed
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_it_saves_only_known_languages(world):
    services.user_set_language(user=world.worker, language="en")
    world.worker.refresh_from_db()
    assert world.worker.language == "en"
    with pytest.raises(ValidationError):
        services.user_set_language(user=world.worker, language="de")

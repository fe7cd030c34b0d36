"""Account writes (language, password, second factor) and the few reads the account pages need.

Login events are not written to the access log: that log is for client data (NEN 7513), and django-axes
already records every login attempt.

Second factor: one authenticator app (a confirmed ``TOTPDevice``) plus ten one-time backup codes (a
``StaticDevice`` with ``StaticToken`` rows). django-otp throttles wrong codes per device (1, 2, 4, ...
seconds) and a TOTP device remembers the last time step it accepted, so a code works only once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.models import User

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
BACKUP_DEVICE_NAME = "Reservecodes"


# --- language and password -------------------------------------------------------------------------


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a user chose, for every device they log in from."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Kies Nederlands of Engels.")})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def user_set_password(*, user: User, password: str) -> User:
    """Store a new password (already checked against the password validators by the form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# --- second factor: reads --------------------------------------------------------------------------


@dataclass(frozen=True)
class MfaStatus:
    has_app: bool
    backup_codes_left: int


def mfa_has_device(*, user: User) -> bool:
    """Whether the user has any confirmed second factor (app or backup codes)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def mfa_status(*, user: User) -> MfaStatus:
    return MfaStatus(
        has_app=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        backup_codes_left=backup_codes_left(user=user),
    )


def backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- second factor: writes -------------------------------------------------------------------------


def mfa_pending_totp_device(*, user: User) -> TOTPDevice:
    """The app the user is setting up: reused until confirmed, so reloading the page keeps the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def mfa_confirm_totp_device(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app being set up with a code from it; returns fresh backup codes.

    The new app replaces any app the user had before. A wrong code raises ``ValidationError``.
    """
    code = _normalise_code(code)
    codes: list[str] = []
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
        if locked is None:
            error = _("Deze code hoort bij een oudere QR-code. Scan de QR-code op deze pagina opnieuw.")
        elif not locked.verify_is_allowed()[0]:
            error = _throttled_message()
        elif not code.isdigit() or not locked.verify_token(code):
            error = _("Deze code klopt niet. Vul de code in die de app nu laat zien.")
        else:
            error = None
            locked.confirmed = True
            locked.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
            codes = backup_codes_create(user=user)
    # Raised outside the transaction, so the throttle counter of a wrong code is kept.
    if error is not None:
        raise ValidationError(error, code="invalid")
    device.refresh_from_db()
    return codes


def mfa_verify(*, user: User, code: str) -> Device:
    """The device that accepts this code: the app for a code of digits, else the backup codes.

    Routing by shape keeps a mistyped app code from slowing down the backup codes (and the other way
    round): each device throttles its own wrong attempts. A wrong code raises ``ValidationError``.
    """
    code = _normalise_code(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    matched = None
    throttled = False
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update().order_by("pk"):
            if not device.verify_is_allowed()[0]:
                throttled = True
                continue
            if device.verify_token(code):
                matched = device
                break
    if matched is None:
        if throttled:
            raise ValidationError(_throttled_message(), code="throttled")
        raise ValidationError(
            _("Deze code klopt niet of is al gebruikt. Vul de code in die de app nu laat zien, of een reservecode."),
            code="invalid",
        )
    return matched


def backup_codes_create(*, user: User) -> list[str]:
    """Replace the user's backup codes by ten new ones and return them (shown to the user once)."""
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        elif not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        codes = [_new_backup_code() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _new_backup_code() -> str:
    # Eight base32 characters; always with a letter, so a backup code never looks like an app code.
    while True:
        token = StaticToken.random_token()
        if not token.isdigit():
            return token


def _normalise_code(code: str) -> str:
    """Codes may be typed with spaces or dashes and in capitals (as printed)."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").lower()


def _throttled_message() -> str:
    return _("Je hebt een paar keer een verkeerde code ingevuld. Wacht even en probeer het dan opnieuw.")


# --- organisation settings -------------------------------------------------------------------------


def organisation_settings_update(*, actor, organisation, **values) -> None:
    """Change the organisation's settings (review interval, retention, naasten's support point).

    Only the organisation's own admin may.
    """
    from kring import policy
    from kring.audit.log import log

    if not policy.is_org_admin(actor.user) or actor.user.organisation_id != organisation.pk:
        raise PermissionError("Only the organisation's admin may change its settings.")
    allowed = {"review_interval_months", "retention_months", "caregiver_support_name", "caregiver_support_url"}
    if set(values) - allowed:
        raise ValueError(f"Unknown settings: {sorted(set(values) - allowed)}")
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    with transaction.atomic():
        organisation.save(update_fields=list(values))
        log(
            actor,
            "accounts.organisation.update",
            obj=organisation,
            detail=" ".join(f"{k}={v}" for k, v in values.items()),
        )

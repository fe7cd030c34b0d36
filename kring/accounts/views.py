"""Logging in and out, the second factor, the password, the language, and the user's own account page.

The login happens in two steps: the password logs the user in (Django's ``login`` rotates the session),
and with a second factor the user is then sent to ``mfa_verify``. Until that step is done,
``RequireMfaMiddleware`` opens no other page (with ``KRING_REQUIRE_MFA`` on).
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from qrcode.image.svg import SvgPathFillImage

from kring import policy
from kring.accounts import services
from kring.accounts.forms import CodeForm, LanguageForm, LoginForm, OrganisationSettingsForm, PasswordChangeForm
from kring.audit.log import Actor
from kring.methods import allow_get_post

# Backup codes made in one request and shown (once) on the next page.
_NEW_BACKUP_CODES_KEY = "accounts_new_backup_codes"
# Warn when the user is running out of backup codes.
_FEW_BACKUP_CODES = 3


# --- helpers ---------------------------------------------------------------------------------------


def _next_url(request, default: str | None = None) -> str:
    """The ``next`` the user came with, if it points into Kring; else ``default`` (the start page)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def _safe_next(request) -> str:
    """The ``next`` to pass on to the following step ("" when there is none or it is unsafe)."""
    home = resolve_url(settings.LOGIN_REDIRECT_URL)
    url = _next_url(request)
    return "" if url == home else url


def _posted(request):
    """Form data on POST (even when empty, so missing fields get their message); None otherwise."""
    return request.POST if request.method == "POST" else None


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _cooloff_minutes() -> int:
    return round(float(settings.AXES_COOLOFF_TIME) * 60)


def _render_login(request, form, *, status: int = 200, locked: bool = False):
    context = {"form": form, "next": _safe_next(request), "locked": locked, "cooloff_minutes": _cooloff_minutes()}
    return render(request, "accounts/login.html", context, status=status)


def _qr_svg(device) -> str:
    """The device's otpauth:// URL as an inline SVG QR code (no script, no style attributes)."""
    qr = qrcode.QRCode(border=2, box_size=10)
    qr.add_data(device.config_url)
    image = qr.make_image(
        image_factory=SvgPathFillImage,
        **{"class": "qr-code", "role": "img", "aria-label": _("QR-code om Kring aan je app toe te voegen")},
    )
    return image.to_string(encoding="unicode")


def _secret_for_display(device) -> str:
    """The secret in base32, in groups of four, for typing into the app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- login and logout ------------------------------------------------------------------------------


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    if request.method != "POST":
        return _render_login(request, LoginForm(request))

    form = LoginForm(request, data=request.POST)
    if not form.is_valid():
        # When this failure locks the address out, AxesMiddleware replaces this page by locked_out().
        return _render_login(request, form)

    user = form.user
    auth_login(request, user)
    next_url = _safe_next(request)
    if services.mfa_has_device(user=user):
        target = _with_next("accounts:mfa_verify", next_url)
    elif settings.KRING_REQUIRE_MFA:
        target = _with_next("accounts:mfa_enrol", next_url)
    else:
        target = next_url or resolve_url(settings.LOGIN_REDIRECT_URL)
    response = redirect(target)
    if user.language in dict(settings.LANGUAGES):
        translation.activate(user.language)
        _set_language_cookie(response, user.language)
    return response


def locked_out(request, *args, **kwargs):
    """AXES_LOCKOUT_CALLABLE: too many failed logins for this address from this IP.

    django-axes 8 calls ``(request, original_response, credentials)``, older versions
    ``(request, credentials)``; neither is needed here. The page is the same whether or not the address
    has an account.
    """
    form = LoginForm(request, initial={"username": request.POST.get("username", "")[:254]})
    return _render_login(request, form, status=429, locked=True)


@login_not_required
@require_POST
def logout_view(request):
    auth_logout(request)
    messages.success(request, _("Je bent uitgelogd. Tot de volgende keer!"))
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- second factor ---------------------------------------------------------------------------------


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def mfa_verify(request):
    """Second login step: a code from the app, or a backup code."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not services.mfa_has_device(user=user):
        return redirect(_with_next("accounts:mfa_enrol", _safe_next(request)))

    form = CodeForm(
        _posted(request),
        label=_("Code"),
        help_text=_("De code van 6 cijfers uit de app op je telefoon. Of een reservecode van 8 tekens."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = services.mfa_verify(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                _warn_about_backup_codes(request, user)
            return redirect(next_url)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _safe_next(request)})


def _warn_about_backup_codes(request, user) -> None:
    left = services.backup_codes_left(user=user)
    if left < _FEW_BACKUP_CODES:
        messages.warning(
            request,
            ngettext(
                "Je hebt nog %(count)s reservecode. Maak nieuwe reservecodes op de pagina Mijn account.",
                "Je hebt nog %(count)s reservecodes. Maak nieuwe reservecodes op de pagina Mijn account.",
                left,
            )
            % {"count": left},
        )
    else:
        messages.info(request, _("Je bent ingelogd met een reservecode. Die code werkt nu niet meer."))


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def mfa_enrol(request):
    """Set up the authenticator app: scan the QR code, confirm with a code, get backup codes."""
    user = request.user
    next_url = _safe_next(request)
    replacing = services.mfa_has_device(user=user)
    if replacing and not user.is_verified():
        # Whoever knows only the password may not swap the second factor for their own.
        return redirect(_with_next("accounts:mfa_verify", next_url))

    device = services.mfa_pending_totp_device(user=user)
    form = CodeForm(
        _posted(request),
        numeric=True,
        label=_("Code uit de app"),
        help_text=_("De app laat een code van 6 cijfers zien. Die code verandert elke 30 seconden."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.mfa_confirm_totp_device(user=user, device=device, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[_NEW_BACKUP_CODES_KEY] = codes
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect(_with_next("accounts:backup_codes", next_url))
    context = {
        "form": form,
        "next": next_url,
        "replacing": replacing,
        "qr_svg": _qr_svg(device),
        "secret": _secret_for_display(device),
    }
    return render(request, "accounts/mfa_enrol.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes(request):
    """GET shows new codes once (right after they were made) or how many are left; POST makes new ones."""
    user = request.user
    if request.method == "POST":
        if not services.mfa_status(user=user).has_app:
            return redirect("accounts:mfa_enrol")
        if not user.is_verified():
            return redirect(_with_next("accounts:mfa_verify", reverse("accounts:backup_codes")))
        request.session[_NEW_BACKUP_CODES_KEY] = services.backup_codes_create(user=user)
        return redirect(_with_next("accounts:backup_codes", reverse("accounts:profile")))

    codes = request.session.pop(_NEW_BACKUP_CODES_KEY, None)
    context = {
        "codes": codes,
        "status": services.mfa_status(user=user),
        "verified": user.is_verified(),
        "continue_url": _next_url(request),
    }
    return render(request, "accounts/backup_codes.html", context)


# --- account ---------------------------------------------------------------------------------------


@require_GET
def profile(request):
    """Mijn account: who the user is, where they work, and how they log in."""
    user = request.user
    context = {
        "memberships": policy.memberships(user),
        "mfa": services.mfa_status(user=user),
        "verified": user.is_verified(),
        "require_mfa": settings.KRING_REQUIRE_MFA,
        "language_form": LanguageForm(initial={"language": user.language}),
    }
    return render(request, "accounts/profile.html", context)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.user, _posted(request))
    if request.method == "POST" and form.is_valid():
        services.user_set_password(user=request.user, password=form.cleaned_data["new_password1"])
        # Keeps this session (and its second factor) logged in; other sessions of the user end.
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Je wachtwoord is gewijzigd."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_not_required
@require_POST
def set_language(request):
    """Switch between Dutch and English: in a cookie for everyone, on the account when logged in."""
    response = redirect(_next_url(request))
    form = LanguageForm(request.POST)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(user=request.user, language=language)
        _set_language_cookie(response, language)
    return response


@allow_get_post
def organisation_settings(request):
    """The organisation admin sets how often a client's network is due for review."""
    user = request.user
    if not policy.is_org_admin(user):
        raise Http404
    organisation = user.organisation
    form = OrganisationSettingsForm(
        request.POST or None,
        initial={name: getattr(organisation, name) for name in OrganisationSettingsForm.base_fields},
    )
    if request.method == "POST" and form.is_valid():
        services.organisation_settings_update(
            actor=Actor.from_request(request), organisation=organisation, **form.cleaned_data
        )
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("organisation:settings")
    return render(
        request,
        "accounts/organisation_settings.html",
        {"form": form, "organisation": organisation},
        status=422 if form.errors else 200,
    )

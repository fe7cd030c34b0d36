from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control


class UserLanguageMiddleware:
    """Use the language a logged-in user chose, on every device they log in from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Paths a user who logged in with a password but not yet with a second factor may visit.
_MFA_OPEN_URL_NAMES = (
    "accounts:mfa_verify",
    "accounts:mfa_enrol",
    "accounts:logout",
    "accounts:language",
)


class RequireMfaMiddleware:
    """A password alone opens nothing but the second-factor pages, when a second factor is due.

    It is due for everyone with KRING_REQUIRE_MFA on, and always for a user who set one up: otherwise a
    voluntary second factor could be skipped by typing another address after the password.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified() and not self._is_open(request.path):
            from django_otp import devices_for_user

            has_device = any(True for _ in devices_for_user(user, confirmed=True))
            if has_device:
                return redirect(reverse("accounts:mfa_verify"))
            if settings.KRING_REQUIRE_MFA:
                return redirect(reverse("accounts:mfa_enrol"))
        return self.get_response(request)

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = {reverse(name) for name in _MFA_OPEN_URL_NAMES}
        return path in self._open_paths or path.startswith("/" + settings.STATIC_URL.lstrip("/")) or path == "/healthz"


class NoStoreMiddleware:
    """Pages shown to a logged-in user carry client data: never let a browser or proxy keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kring import policy

# The menu item each part of Kring belongs to (by URL namespace).
_SECTIONS = {
    "clients": "caseload",
    "network": "caseload",
    "session": "caseload",
    "lifeline": "caseload",
    "work": "caseload",
    "interventions": "caseload",
    "questionnaires": "caseload",
    "worklist": "worklist",
    "transfers": "transfers",
    "places": "places",
    "client_places": "caseload",
    "meetings": "caseload",
    "load": "caseload",
    "consent": "caseload",
    "passport": "caseload",
    "exchange": "caseload",
    "audit": "access_log",
    "prompts": "settings",
    "catalogue": "settings",
    "organisation": "settings",
    "accounts": "account",
    "netmeasures": "caseload",
    "signals": "caseload",
    "dashboards": "insights",
    "monitor": "insights",
    "training": "insights",
    "consultations": "insights",
}
# Pages that belong to another menu item than the rest of their namespace.
_VIEW_SECTIONS = {"signals:settings": "settings"}


def _section(match) -> str:
    if match is None:
        return ""
    return _VIEW_SECTIONS.get(match.view_name) or _SECTIONS.get(match.app_name, "")


def _second_factor_paths() -> set[str]:
    return {reverse("accounts:mfa_verify"), reverse("accounts:mfa_enrol")}


def kring(request):
    """What the base layout needs to draw the navigation for this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "demo_mode": settings.KRING_DEMO}
    if request.path in _second_factor_paths():
        # Halfway through logging in: the menu would only lead back here.
        return {"nav": {"pending_second_factor": True}, "demo_mode": settings.KRING_DEMO}
    return {
        "nav": {
            "caseload": policy.can_see_caseload(user),
            "access_log": policy.can_view_access_log(user),
            "insights": policy.can_see_insights(user),
            "dashboards": policy.can_see_a_dashboard(user),
            "team_insights": policy.can_see_team_insights(user),
            "role": policy.primary_role(user),
            "section": _section(getattr(request, "resolver_match", None)),
        },
        "require_mfa": settings.KRING_REQUIRE_MFA,
        "today": timezone.localdate(),
        "demo_mode": settings.KRING_DEMO,
    }

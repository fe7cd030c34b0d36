from django.conf import settings

from kring import policy


def kring(request):
    """What the base layout needs to draw the navigation for this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "demo_mode": settings.KRING_DEMO}
    return {
        "nav": {
            "caseload": policy.can_see_caseload(user),
            "access_log": policy.can_view_access_log(user),
            "role": policy.primary_role(user),
        },
        "require_mfa": settings.KRING_REQUIRE_MFA,
        "demo_mode": settings.KRING_DEMO,
    }

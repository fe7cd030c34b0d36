"""Project-wide views: the start page, the health check and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kring import policy


def home(request):
    """Send each user to where their work starts."""
    user = request.user
    if policy.can_see_caseload(user):
        return redirect("clients:caseload")
    return render(request, "home.html", {"roles": policy.roles(user)})


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 ``ok`` when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    # No context processors: the request may be the thing that is broken.
    return HttpResponse(loader.get_template("500.html").render(), status=500)

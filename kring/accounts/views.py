"""Temporary minimal account views; replaced by the full login / MFA flow."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

login_view = login_not_required(LoginView.as_view(template_name="accounts/login.html"))


@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")


@login_not_required
@require_POST
def set_language(request):
    return redirect("home")


def mfa_verify(request):
    return HttpResponse("todo")


def mfa_enrol(request):
    return HttpResponse("todo")


def profile(request):
    return render(request, "home.html")


def locked_out(request, credentials, *args, **kwargs):
    return HttpResponse("locked", status=429)

"""Mounted at ``clienten/<int:pk>/toestemming/`` (namespace "consent")."""

from django.urls import path

from kring.clients import consent_views as views

app_name = "consent"
urlpatterns = [
    path("", views.consent_page, name="page"),
    path("nieuw/", views.consent_add, name="add"),
    path("intrekken/", views.consent_withdraw_view, name="withdraw"),
]

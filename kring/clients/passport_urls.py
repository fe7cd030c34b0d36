"""Mounted at ``clienten/<int:pk>/paspoort/`` (namespace "passport")."""

from django.urls import path

from kring.clients import passport_views as views

app_name = "passport"
urlpatterns = [
    path("", views.passport_choose, name="choose"),
    path("afdrukken/", views.passport_sheet, name="sheet"),
]

"""Information sheets for naasten, under /naasten/ (app "sheets"). No client data: one sheet per organisation."""

from django.urls import path

from kring.support import sheet_views as views

app_name = "sheets"
urlpatterns = [
    path("informatie/", views.sheet, name="sheet"),
    path("informatie/afdrukken/", views.sheet_print, name="print"),
]

"""Samen op zoek with a client, under /clienten/<pk>/plekken/ (app "client_places")."""

from django.urls import path

from kring.places import client_views as views

app_name = "client_places"
urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("bewaren/", views.suggest, name="suggest"),
    path("<int:suggestion_pk>/", views.suggestion, name="suggestion"),
    path("<int:suggestion_pk>/verwijderen/", views.suggestion_remove, name="suggestion_remove"),
    path("<int:suggestion_pk>/afspreken/", views.plan, name="plan"),
    path("<int:suggestion_pk>/bezoek/", views.visit_add, name="visit_add"),
    path("<int:suggestion_pk>/bezoek/<int:visit_pk>/verwijderen/", views.visit_remove, name="visit_remove"),
    path("<int:suggestion_pk>/bezoek/<int:visit_pk>/ontmoet/", views.met_add, name="met_add"),
]

"""The load of a client's naasten, under /clienten/<pk>/naasten/ (app "load")."""

from django.urls import path

from kring.support import load_views as views

app_name = "load"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:member_pk>/", views.history, name="history"),
    path("<int:member_pk>/nieuw/", views.check_add, name="add"),
    path("<int:member_pk>/<int:check_pk>/", views.check_edit, name="edit"),
    path("<int:member_pk>/<int:check_pk>/verwijderen/", views.check_remove, name="remove"),
]

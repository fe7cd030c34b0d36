"""The social map, under /plekken/ (app "places"). No client data here."""

from django.urls import path

from kring.places import views

app_name = "places"
urlpatterns = [
    path("", views.search, name="search"),
    path("nieuw/", views.add, name="add"),
    path("<int:place_pk>/", views.detail, name="detail"),
    path("<int:place_pk>/wijzigen/", views.edit, name="edit"),
    path("<int:place_pk>/verwijderen/", views.remove, name="remove"),
    path("importeren/", views.import_upload, name="import"),
    path("importeren/voorbeeld.csv", views.csv_template, name="csv_template"),
    path("importeren/<int:import_pk>/", views.import_preview, name="import_preview"),
    path("startpunten/", views.start_points, name="start_points"),
    path("startpunten/<int:point_pk>/verwijderen/", views.start_point_remove, name="start_point_remove"),
]

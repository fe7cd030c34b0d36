"""Exchange URLs, mounted at the site root: per client under ``clienten/<pk>/`` (FHIR export, inzage,
erasure), and the import of a network as a new client under ``uitwisselen/``."""

from django.urls import path

from kring.exchange import views

app_name = "exchange"
urlpatterns = [
    path("clienten/<int:pk>/uitwisselen/", views.export_page, name="export"),
    path("clienten/<int:pk>/uitwisselen/netwerk.json", views.export_download, name="export_download"),
    path("clienten/<int:pk>/inzage/", views.inzage_page, name="inzage"),
    path("clienten/<int:pk>/inzage/inzage.json", views.inzage_json, name="inzage_json"),
    path("clienten/<int:pk>/wissen/", views.erase, name="erase"),
    path("uitwisselen/importeren/", views.import_network, name="import"),
]

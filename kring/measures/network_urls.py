from django.urls import path

from kring.measures import network_views as views

app_name = "netmeasures"

urlpatterns = [
    path("", views.network_measures_page, name="page"),
]

from django.urls import path

from kring.measures import signal_views as views

app_name = "signals"

urlpatterns = [
    path("signalen/", views.signal_list, name="list"),
    path("beheer/signalen/", views.signal_settings, name="settings"),
]

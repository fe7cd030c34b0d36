from django.urls import path

from kring.accounts import views

app_name = "organisation"
urlpatterns = [path("", views.organisation_settings, name="settings")]

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "kring.places"
    label = "places"

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "kring.places"
    label = "places"

    def ready(self):
        # A wrong KRING_MAP_TILES stops the start with a clear message instead of a broken map later.
        from kring.places.conf import map_config

        map_config()

from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "kring.measures"
    label = "measures"

    def ready(self):
        from kring.measures import figures  # noqa: F401 - connects the receivers that keep figures up to date

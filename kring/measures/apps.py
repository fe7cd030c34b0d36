from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "kring.measures"
    label = "measures"

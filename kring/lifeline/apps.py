from django.apps import AppConfig


class LifelineConfig(AppConfig):
    name = "kring.lifeline"
    label = "lifeline"

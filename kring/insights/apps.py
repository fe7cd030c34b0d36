from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "kring.insights"
    label = "insights"

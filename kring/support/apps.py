from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "kring.support"
    label = "support"

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kring.network"
    label = "network"

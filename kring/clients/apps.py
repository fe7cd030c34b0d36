from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "kring.clients"
    label = "clients"

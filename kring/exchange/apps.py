from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "kring.exchange"
    label = "exchange"

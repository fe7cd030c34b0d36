"""Transfer URLs, mounted at the site root: the client's side under ``clienten/<pk>/overdracht/``, the
transfer itself (seen by both sides) under ``overdrachten/``."""

from django.urls import path

from kring.clients import transfer_views as views

app_name = "transfers"
urlpatterns = [
    path("clienten/<int:pk>/overdracht/", views.client_transfers, name="for_client"),
    path("clienten/<int:pk>/overdracht/voorstellen/", views.propose, name="propose"),
    path("overdrachten/", views.incoming, name="incoming"),
    path("overdrachten/<int:transfer_pk>/", views.detail, name="detail"),
    path("overdrachten/<int:transfer_pk>/accepteren/", views.accept, name="accept"),
    path("overdrachten/<int:transfer_pk>/afwijzen/", views.decline, name="decline"),
    path("overdrachten/<int:transfer_pk>/intrekken/", views.withdraw, name="withdraw"),
    path("overdrachten/<int:transfer_pk>/afronden/", views.complete, name="complete"),
]

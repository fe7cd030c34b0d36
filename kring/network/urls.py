from django.urls import path

from kring.network import views

app_name = "network"
urlpatterns = [
    path("", views.network_map, name="map"),
    path("afdrukken/", views.network_print, name="print"),
    path("netwerkkaart.svg", views.network_svg, name="svg"),
    path("vergelijken/", views.network_compare, name="compare"),
    path("leden/nieuw/", views.member_add, name="member_add"),
    path("leden/<int:member_pk>/", views.member_detail, name="member"),
    path("leden/<int:member_pk>/verplaatsen/", views.member_move, name="member_move"),
    path("leden/<int:member_pk>/verwijderen/", views.member_remove, name="member_remove"),
    path("leden/<int:member_pk>/terugzetten/", views.member_restore, name="member_restore"),
    path("verbindingen/nieuw/", views.link_add, name="link_add"),
    path("verbindingen/<int:link_pk>/verwijderen/", views.link_remove, name="link_remove"),
]

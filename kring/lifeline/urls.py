from django.urls import path

from kring.lifeline import views

app_name = "lifeline"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("afdrukken/", views.timeline_print, name="print"),
    path("gebeurtenissen/nieuw/", views.event_add, name="event_add"),
    path("gebeurtenissen/<int:event_pk>/", views.event_edit, name="event_edit"),
    path("gebeurtenissen/<int:event_pk>/verwijderen/", views.event_remove, name="event_remove"),
]

"""Interventions, "iets voor een ander" and social-skills practice of one client, under /clienten/<pk>/werk/."""

from django.urls import path

from kring.support import intervention_views as views

app_name = "interventions"
urlpatterns = [
    path("interventies/nieuw/", views.intervention_add, name="intervention_add"),
    path("interventies/<int:record_pk>/", views.intervention_edit, name="intervention_edit"),
    path("interventies/<int:record_pk>/verwijderen/", views.intervention_remove, name="intervention_remove"),
    path("iets-voor-een-ander/nieuw/", views.contribution_add, name="contribution_add"),
    path("iets-voor-een-ander/<int:record_pk>/", views.contribution_edit, name="contribution_edit"),
    path("iets-voor-een-ander/<int:record_pk>/verwijderen/", views.contribution_remove, name="contribution_remove"),
    path("oefeningen/nieuw/", views.skills_add, name="skills_add"),
    path("oefeningen/<int:record_pk>/", views.skills_edit, name="skills_edit"),
    path("oefeningen/<int:record_pk>/verwijderen/", views.skills_remove, name="skills_remove"),
]

from django.urls import path

from kring.insights import monitor_views as views

app_name = "monitor"

urlpatterns = [
    path("", views.home, name="home"),
    path("team/<int:team_pk>/", views.team_overview, name="team"),
    path("team/<int:team_pk>/nieuw/", views.assessment_create, name="create"),
    path("<int:pk>/", views.assessment_detail, name="assessment"),
    path("<int:pk>/wijzigen/", views.assessment_edit, name="edit"),
    path("<int:pk>/weghalen/", views.assessment_remove, name="remove"),
]

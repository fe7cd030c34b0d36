from django.urls import path

from kring.insights import dashboard_views as views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisatie/", views.organisation, name="organisation"),
    path("team/<int:pk>/", views.team, name="team"),
]

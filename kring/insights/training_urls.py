from django.urls import path

from kring.insights import training_views as views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("team/<int:team_pk>/", views.team_matrix, name="team"),
    path("team/<int:team_pk>/vastleggen/", views.record_add, name="add"),
    path("team/<int:team_pk>/<int:pk>/weghalen/", views.record_remove, name="remove"),
]

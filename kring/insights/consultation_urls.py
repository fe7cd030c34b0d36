from django.urls import path

from kring.insights import consultation_views as views

app_name = "consultations"

urlpatterns = [
    path("", views.home, name="home"),
    path("plannen/", views.plan, name="plan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.edit, name="edit"),
    path("<int:pk>/casus/", views.case_add, name="case_add"),
    path("casus/<int:pk>/weghalen/", views.case_remove, name="case_remove"),
]

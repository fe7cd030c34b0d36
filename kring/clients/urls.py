from django.urls import path

from kring.clients import views

app_name = "clients"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("nieuw/", views.client_create, name="create"),
    path("<int:pk>/", views.client_detail, name="detail"),
    path("<int:pk>/bewerken/", views.client_edit, name="edit"),
    path("<int:pk>/geschiedenis/", views.client_history, name="history"),
]

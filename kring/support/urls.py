from django.urls import path

from kring.support import views

app_name = "work"
urlpatterns = [
    path("", views.work_timeline, name="timeline"),
    path("acties/nieuw/", views.action_add, name="action_add"),
    path("acties/<int:action_pk>/", views.action_edit, name="action_edit"),
    path("acties/<int:action_pk>/status/", views.action_status, name="action_status"),
    path("acties/<int:action_pk>/verwijderen/", views.action_remove, name="action_remove"),
    path("netwerkbespreking/", views.review_add, name="review_add"),
    path("netwerkbespreking/<int:review_pk>/verwijderen/", views.review_remove, name="review_remove"),
]

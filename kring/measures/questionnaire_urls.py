from django.urls import path

from kring.measures import questionnaire_views as views

app_name = "questionnaires"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("antwoorden/<int:response_pk>/", views.response_detail, name="response"),
    path("antwoorden/<int:response_pk>/wijzigen/", views.response_edit, name="edit"),
    path("antwoorden/<int:response_pk>/verwijderen/", views.response_remove, name="remove"),
    path("<slug:key>/", views.questionnaire_detail, name="questionnaire"),
    path("<slug:key>/invullen/", views.response_create, name="fill"),
]

from django.urls import path

from kring.network import prompt_views as views

app_name = "prompts"
urlpatterns = [
    path("", views.prompt_list, name="list"),
    path("nieuw/", views.prompt_new, name="new"),
    path("<int:pk>/", views.prompt_edit, name="edit"),
    path("<int:pk>/omhoog/", views.prompt_reorder, {"step": -1}, name="move_up"),
    path("<int:pk>/omlaag/", views.prompt_reorder, {"step": 1}, name="move_down"),
    path("<int:pk>/aanzetten/", views.prompt_switch, {"active": True}, name="switch_on"),
    path("<int:pk>/uitzetten/", views.prompt_switch, {"active": False}, name="switch_off"),
]

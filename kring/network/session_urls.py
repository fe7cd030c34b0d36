"""The guided mapping session, under ``clienten/<pk>/netwerk/sessie/``."""

from django.urls import path

from kring.network import session_views as views

app_name = "session"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("<int:session_pk>/", views.step, name="step"),
    path("<int:session_pk>/naam/", views.name, name="name"),
    path("<int:session_pk>/ga-naar/", views.go_to, name="go_to"),
    path("<int:session_pk>/wie-kent-wie/", views.link, name="link"),
    path("<int:session_pk>/klaar/", views.finish, name="finish"),
    path("<int:session_pk>/stoppen/", views.abandon, name="abandon"),
    path("<int:session_pk>/mensen/<int:person_pk>/vraag/", views.prompt_toggle, name="prompt_toggle"),
    path("<int:session_pk>/mensen/<int:person_pk>/plaats/", views.place, name="place"),
    path("<int:session_pk>/mensen/<int:person_pk>/laat-maar/", views.leave_out, name="leave_out"),
]

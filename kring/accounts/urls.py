from django.urls import path

from kring.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("taal/", views.set_language, name="language"),
    path("tweestaps/", views.mfa_verify, name="mfa_verify"),
    path("tweestaps/instellen/", views.mfa_enrol, name="mfa_enrol"),
    path("", views.profile, name="profile"),
]
